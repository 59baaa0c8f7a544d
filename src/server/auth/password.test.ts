import { describe, expect, it } from 'vitest';
import { generateOneTimePassword, hashPassword, verifyPassword } from './password.ts';
import { verifyTotp } from './totp.ts';
import { authenticator } from 'otplib';

describe('passwords', () => {
  it('are stored as argon2id hashes that verify only the right password', async () => {
    const h = await hashPassword('een lang wachtwoord');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(h, 'een lang wachtwoord')).toBe(true);
    expect(await verifyPassword(h, 'een lang wachtwoorD')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('one-time passwords are long, random and free of look-alike characters', () => {
    const a = generateOneTimePassword();
    expect(a.replace(/-/g, '')).toHaveLength(20);
    expect(a).not.toMatch(/[0O1lI]/);
    expect(generateOneTimePassword()).not.toBe(a);
  });
});

describe('two-factor codes', () => {
  it('accept the current code and refuse others', () => {
    const secret = authenticator.generateSecret(20);
    expect(verifyTotp(secret, authenticator.generate(secret))).toBe(true);
    expect(verifyTotp(secret, '12345')).toBe(false);
    expect(verifyTotp(secret, 'abcdef')).toBe(false);
  });
});
