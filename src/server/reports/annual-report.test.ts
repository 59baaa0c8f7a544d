import { describe, expect, it } from 'vitest';
import { percentHalfUp } from './annual-report.ts';

describe('procent of the annual report', () => {
  it('rounds half up to a whole number, and is 0 without meldingen', () => {
    expect(percentHalfUp(613, 1459)).toBe(42);
    expect(percentHalfUp(44, 1459)).toBe(3);
    expect(percentHalfUp(1, 8)).toBe(13); // 12.5
    expect(percentHalfUp(1, 200)).toBe(1); // 0.5
    expect(percentHalfUp(1, 201)).toBe(0); // 0.497...
    expect(percentHalfUp(2, 3)).toBe(67);
    expect(percentHalfUp(0, 0)).toBe(0);
    expect(percentHalfUp(5, 5)).toBe(100);
  });
});
