import { describe, expect, it } from 'vitest';
import { addYears, isExpired, retentionEnd, youngestChildAdult, type RetentionFacts } from './retention.ts';

const S = { fileYears: 15, adviceYears: 5 };
const melding = (over: Partial<RetentionFacts> = {}): RetentionFacts => ({
  kind: 'melding',
  receivedAt: new Date('2009-03-01T10:00:00Z'),
  closedAt: new Date('2010-06-15T10:00:00Z'),
  convertedTo: null,
  childBirthDates: [],
  ...over,
});

describe('retention rules', () => {
  it('keeps a closed melding 15 years after closing (Amsterdam date), and an open one without end', () => {
    expect(retentionEnd(melding(), S)).toBe('2025-06-15');
    expect(isExpired(melding(), S, '2025-06-14')).toBe(false);
    expect(isExpired(melding(), S, '2025-06-15')).toBe(true);
    // Closed at 23:30 UTC on 31 December is 1 January in Amsterdam.
    expect(retentionEnd(melding({ closedAt: new Date('2010-12-31T23:30:00Z') }), S)).toBe('2026-01-01');
    expect(retentionEnd(melding({ closedAt: null }), S)).toBeNull();
    expect(isExpired(melding({ closedAt: null }), S, '2099-01-01')).toBe(false);
  });

  it('keeps the file until the youngest child of the household turns 18 when that is later', () => {
    const kids = ['2005-01-10', '2008-09-30', '2001-05-05'];
    expect(youngestChildAdult(kids)).toBe('2026-09-30');
    expect(retentionEnd(melding({ childBirthDates: kids }), S)).toBe('2026-09-30');
    expect(isExpired(melding({ childBirthDates: kids }), S, '2026-09-29')).toBe(false);
    expect(isExpired(melding({ childBirthDates: kids }), S, '2026-09-30')).toBe(true);
    // A child who is already grown up when the 15 years end changes nothing.
    expect(retentionEnd(melding({ childBirthDates: ['1990-01-01'] }), S)).toBe('2025-06-15');
  });

  it('counts a 29 February birthday as 1 March in a year without it', () => {
    expect(addYears('2008-02-29', 18)).toBe('2026-03-01');
    expect(addYears('2008-02-29', 16)).toBe('2024-02-29');
    expect(retentionEnd(melding({ childBirthDates: ['2008-02-29'] }), S)).toBe('2026-03-01');
  });

  it('keeps an advies the configured years after receipt, unless it became a melding', () => {
    const advies = melding({ kind: 'advies', receivedAt: new Date('2020-02-10T09:00:00Z'), closedAt: null });
    expect(retentionEnd(advies, S)).toBe('2025-02-10');
    expect(retentionEnd(advies, { fileYears: 15, adviceYears: 2 })).toBe('2022-02-10');
    expect(retentionEnd({ ...advies, convertedTo: 'x' }, S)).toBeNull();
  });
});
