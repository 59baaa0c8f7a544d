import { describe, expect, it } from 'vitest';
import { addMonths, requestDue } from './subject-request.ts';

describe('data subject request deadlines', () => {
  it('gives a deletion request 3 months and access or correction 1 month', () => {
    expect(requestDue('verwijdering', '2026-03-15')).toBe('2026-06-15');
    expect(requestDue('inzage', '2026-03-15')).toBe('2026-04-15');
    expect(requestDue('correctie', '2026-12-20')).toBe('2027-01-20');
  });

  it('ends on the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(requestDue('verwijdering', '2026-11-30')).toBe('2027-02-28');
  });
});
