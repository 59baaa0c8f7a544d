import { describe, expect, it } from 'vitest';
import { FieldCrypto, FieldCryptoError, isCiphertext, keyIdOf, parseKeyList } from './field-crypto.ts';

const key = (n: number) => Buffer.alloc(32, n);
const A = new FieldCrypto([{ id: 'a', key: key(1) }], key(9));
const BA = new FieldCrypto([{ id: 'b', key: key(2) }, { id: 'a', key: key(1) }], key(9));

describe('field encryption', () => {
  it('round-trips text with the active key id in the ciphertext, never the same ciphertext twice', () => {
    const c1 = A.encrypt('Verzonnen verhaal ë 🙂', 'summary');
    expect(keyIdOf(c1)).toBe('a');
    expect(c1).not.toContain('Verzonnen');
    expect(A.decrypt(c1, 'summary')).toBe('Verzonnen verhaal ë 🙂');
    expect(A.encrypt('x', 'summary')).not.toBe(A.encrypt('x', 'summary'));
    expect(isCiphertext(A.encrypt('', 'summary'))).toBe(true);
    expect(A.decrypt(A.encrypt('', 'summary'), 'summary')).toBe('');
  });

  it('reads old keys after a new one is put in front, and fails loudly when the key is gone', () => {
    const old = A.encrypt('onder sleutel a', 'summary');
    expect(BA.decrypt(old, 'summary')).toBe('onder sleutel a');
    expect(keyIdOf(BA.encrypt('nieuw', 'summary'))).toBe('b');
    expect(BA.needsRewrite(old)).toBe(true);
    const onlyB = new FieldCrypto([{ id: 'b', key: key(2) }], key(9));
    expect(() => onlyB.decrypt(old, 'summary')).toThrow(/no key 'a'/);
  });

  it('detects a changed ciphertext (authenticated) and a wrong key under the same id', () => {
    const c = A.encrypt('niet te veranderen', 'summary');
    const raw = Buffer.from(c.split(':')[2]!, 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => A.decrypt(`sg1:a:${raw.toString('base64')}`, 'summary')).toThrow(FieldCryptoError);
    // Bound to its column: the same ciphertext does not decrypt as another column's value.
    expect(() => A.decrypt(c, 'note')).toThrow(/failed authentication/);
    const impostor = new FieldCrypto([{ id: 'a', key: key(3) }], key(9));
    expect(() => impostor.decrypt(c, 'summary')).toThrow(/failed authentication/);
  });

  it('passes clear text through (rows from before encryption) and does not take typed text for ciphertext', () => {
    expect(A.decrypt('gewone tekst', 'summary')).toBe('gewone tekst');
    expect(isCiphertext('sg1:a:kort')).toBe(false);
  });

  it('makes a keyed blind index: equal for equal numbers, different under another index key', () => {
    expect(A.blindIndex('111222333')).toBe(BA.blindIndex('111222333'));
    expect(A.blindIndex('111222333')).not.toBe(A.blindIndex('111222334'));
    expect(new FieldCrypto([{ id: 'a', key: key(1) }], key(8)).blindIndex('111222333')).not.toBe(A.blindIndex('111222333'));
    expect(A.blindIndex('111222333')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('parses the key list and refuses short keys and bad ids', () => {
    expect(parseKeyList(`k2:${key(2).toString('base64')}, k1:${key(1).toString('base64')}`).map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(() => parseKeyList('k1:dGVzdA==')).toThrow(/32 bytes/);
    expect(() => parseKeyList(`k 1:${key(1).toString('base64')}`)).toThrow(/bad key id/);
    expect(() => new FieldCrypto([{ id: 'a', key: key(1) }, { id: 'a', key: key(2) }], key(9))).toThrow(/unique/);
  });
});
