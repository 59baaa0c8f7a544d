import { describe, expect, it } from 'vitest';
import { newReference, REFERENCE_ALPHABET, REFERENCE_PATTERN } from './reference.ts';

describe('reference codes', () => {
  it('are 8 characters without look-alikes', () => {
    expect(REFERENCE_ALPHABET).toHaveLength(32);
    expect(REFERENCE_ALPHABET).not.toMatch(/[IO01]/);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const r = newReference();
      expect(r).toMatch(REFERENCE_PATTERN);
      seen.add(r);
    }
    expect(seen.size).toBe(2000);
  });
});
