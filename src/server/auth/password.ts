import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';

// OWASP's recommended argon2id parameters (19 MiB, 2 iterations, 1 lane).
// algorithm 2 is Algorithm.Argon2id (an ambient const enum, which isolated modules cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when an e-mail address is unknown makes a wrong address take as long as
// a wrong password, so response times do not reveal which addresses have accounts.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** A one-time password for a new account: 20 characters without look-alikes (0/O, 1/l/I). */
export function generateOneTimePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out.replace(/(.{5})(?=.)/g, '$1-');
}

/**
 * A reset code is looked up by its hash. SHA-256 is enough here (no argon2): the code is random,
 * ~116 bits, valid for an hour and used once, so there is nothing to brute-force offline.
 * Spaces and dashes are ignored, so a code read out over the phone still matches.
 */
export function resetCodeHash(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '')).digest('hex');
}
