import { randomBytes } from 'node:crypto';

/**
 * Characters of a reference code: capitals and digits without the look-alikes I/1 and O/0, so a
 * code read aloud on the phone or typed from a note cannot be mistaken. 32 characters: one
 * random byte masked to 5 bits picks one without bias.
 */
export const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const REFERENCE_LENGTH = 8;
export const REFERENCE_PATTERN = /^[A-HJ-NP-Z2-9]{8}$/;

/** A random reference code, e.g. "K7QX3MPA" (32^8, about 10^12 possibilities). */
export function newReference(): string {
  const bytes = randomBytes(REFERENCE_LENGTH);
  let out = '';
  for (const b of bytes) out += REFERENCE_ALPHABET[b & 31];
  return out;
}
