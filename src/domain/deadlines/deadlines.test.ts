import { describe, expect, it } from 'vitest';
import { amsterdamDate, amsterdamInstant, endOfAmsterdamDay } from './amsterdam-time.ts';
import { assessmentDeadline, deadlineState, informingDeadline, investigationDeadline, shareOnTime } from './deadlines.ts';
import { addWorkingDays, isWorkingDay } from './working-days.ts';

describe('Amsterdam time', () => {
  it('puts an instant on the Amsterdam calendar date, across the year boundary and DST', () => {
    expect(amsterdamDate(new Date('2020-12-31T23:30:00Z'))).toBe('2021-01-01');
    expect(amsterdamDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(endOfAmsterdamDay('2026-01-15').toISOString()).toBe('2026-01-15T22:59:59.999Z');
    expect(endOfAmsterdamDay('2026-07-15').toISOString()).toBe('2026-07-15T21:59:59.999Z');
    // The night the clocks go forward (29 March 2026) and back (25 October 2026).
    expect(amsterdamInstant('2026-03-29', '12:00:00.000').toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(amsterdamInstant('2026-10-25', '12:00:00.000').toISOString()).toBe('2026-10-25T11:00:00.000Z');
  });
});

describe('working days', () => {
  it('skip weekends and the Dutch public holidays', () => {
    for (const d of ['2026-01-01', '2026-04-06', '2026-04-27', '2026-05-14', '2026-05-25', '2026-12-25', '2026-12-26', '2026-11-21']) {
      expect(isWorkingDay(d), d).toBe(false);
    }
    expect(isWorkingDay('2026-11-23')).toBe(true);
  });

  it('follow configuration for Good Friday and Liberation Day', () => {
    expect(isWorkingDay('2026-04-03')).toBe(true);
    expect(isWorkingDay('2026-04-03', { goodFriday: true, liberationDay: 'never' })).toBe(false);
    expect(isWorkingDay('2026-05-05')).toBe(true); // not a lustrum year
    expect(isWorkingDay('2025-05-05')).toBe(false); // lustrum
    expect(isWorkingDay('2026-05-05', { goodFriday: false, liberationDay: 'every-year' })).toBe(false);
  });

  it('count on from the day of receipt', () => {
    expect(addWorkingDays('2026-11-23', 5)).toBe('2026-11-30'); // Monday -> next Monday
    expect(addWorkingDays('2026-11-21', 5)).toBe('2026-11-27'); // Saturday -> Friday
    expect(addWorkingDays('2026-12-22', 5)).toBe('2026-12-30'); // over Christmas (Fri 25, weekend)
    expect(addWorkingDays('2026-04-23', 5)).toBe('2026-05-01'); // over King's Day
  });
});

describe('statutory deadlines', () => {
  it('give the safety assessment until the end of the 5th working day, in Amsterdam time', () => {
    // Received Friday 24 April 2026 at 23:30 Amsterdam time (21:30 UTC).
    const due = assessmentDeadline(new Date('2026-04-24T21:30:00Z'));
    expect(due.toISOString()).toBe('2026-05-04T21:59:59.999Z'); // Mon 27 April is King's Day
    // A report at 00:30 on New Year's Day Amsterdam time is still 31 December in UTC.
    expect(amsterdamDate(assessmentDeadline(new Date('2025-12-31T23:30:00Z')))).toBe('2026-01-08');
  });

  it('give an acute melding 4 hours: due now, but it can be on time', () => {
    const received = new Date('2026-11-23T20:00:00Z');
    const due = assessmentDeadline(received, { acute: true });
    expect(due.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(deadlineState(due, new Date('2026-11-23T21:00:00Z'), new Date('2026-11-23T22:00:00Z'))).toBe('done-on-time');
  });

  it('give an investigation 10 weeks and informing 4 weeks plus 2 per extension', () => {
    expect(amsterdamDate(investigationDeadline(new Date('2026-01-05T09:00:00Z')))).toBe('2026-03-16');
    expect(amsterdamDate(informingDeadline(new Date('2026-01-05T09:00:00Z')))).toBe('2026-02-02');
    expect(amsterdamDate(informingDeadline(new Date('2026-01-05T09:00:00Z'), 1))).toBe('2026-02-16');
  });

  it('say how a deadline stands now', () => {
    const due = endOfAmsterdamDay('2026-11-27'); // Friday
    expect(deadlineState(due, new Date('2026-11-23T09:00:00Z'))).toBe('open');
    expect(deadlineState(due, new Date('2026-11-26T09:00:00Z'))).toBe('at-risk');
    expect(deadlineState(due, new Date('2026-11-27T09:00:00Z'))).toBe('due-today');
    expect(deadlineState(due, new Date('2026-11-27T23:30:00Z'))).toBe('overdue');
    expect(deadlineState(due, new Date('2026-12-01T09:00:00Z'), new Date('2026-11-27T20:00:00Z'))).toBe('done-on-time');
    expect(deadlineState(due, new Date('2026-12-01T09:00:00Z'), new Date('2026-11-28T08:00:00Z'))).toBe('done-late');
  });

  it('measure the norm over decided and overdue cases only', () => {
    expect(shareOnTime(['done-on-time', 'done-on-time', 'done-late', 'overdue', 'open', 'at-risk'])).toBe(0.5);
    expect(shareOnTime(['open'])).toBeNull();
  });
});
