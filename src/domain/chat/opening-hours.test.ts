import { describe, expect, it } from 'vitest';
import { openingState, type Schedule } from './opening-hours.ts';

const workingDays9to17: Schedule = {
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ scope: 'NL', weekday, opens: '09:00', closes: '17:00' })),
  exceptions: [],
};

describe('chat opening hours (Europe/Amsterdam)', () => {
  it('is open on a working day afternoon and says until when', () => {
    // Wednesday 3 February 2021, 14:00 in Amsterdam (13:00 UTC, winter time).
    const s = openingState(workingDays9to17, null, new Date('2021-02-03T13:00:00Z'));
    expect(s.open).toBe(true);
    expect(s.closesAt?.toISOString()).toBe('2021-02-03T16:00:00.000Z');
  });

  it('is closed on Friday evening and opens again on Monday at 09:00', () => {
    const s = openingState(workingDays9to17, null, new Date('2021-02-05T19:00:00Z'));
    expect(s.open).toBe(false);
    expect(s.nextOpening?.toISOString()).toBe('2021-02-08T08:00:00.000Z');
  });

  it('stays closed on a public holiday on a weekday (King\'s Day 2021 is a Tuesday)', () => {
    const s = openingState(workingDays9to17, null, new Date('2021-04-27T10:00:00Z'));
    expect(s.open).toBe(false);
    expect(s.nextOpening?.toISOString()).toBe('2021-04-28T07:00:00.000Z');
  });

  it('opens in the evening on working days during a dated exception (the curfew)', () => {
    const curfew: Schedule = {
      ...workingDays9to17,
      exceptions: [{ scope: 'NL', dateFrom: '2021-01-23', dateTo: '2021-04-28', workingDaysOnly: true, opens: '09:00', closes: '22:00' }],
    };
    // Thursday 4 February 2021, 21:00 Amsterdam.
    expect(openingState(curfew, null, new Date('2021-02-04T20:00:00Z')).open).toBe(true);
    // Saturday: the exception holds on working days only, and there are no weekend hours.
    expect(openingState(curfew, null, new Date('2021-02-06T20:00:00Z')).open).toBe(false);
    // After the exception ends, 21:00 is closed again.
    expect(openingState(curfew, null, new Date('2021-05-06T19:00:00Z')).open).toBe(false);
  });

  it('closes a day with a closed exception and opens where a region has its own hours', () => {
    const s: Schedule = {
      weekly: [...workingDays9to17.weekly, { scope: 'VR14', weekday: 6, opens: '10:00', closes: '14:00' }],
      exceptions: [{ scope: 'NL', dateFrom: '2021-02-03', dateTo: '2021-02-03', workingDaysOnly: false, opens: null, closes: null }],
    };
    expect(openingState(s, null, new Date('2021-02-03T13:00:00Z')).open).toBe(false);
    // Saturday 11:00: open for a visitor of VR14, not for a visitor without region.
    expect(openingState(s, 'VR14', new Date('2021-02-06T10:00:00Z')).open).toBe(true);
    expect(openingState(s, null, new Date('2021-02-06T10:00:00Z')).open).toBe(false);
  });

  it('handles summer time', () => {
    // Monday 7 June 2021, 08:30 Amsterdam = 06:30 UTC: not yet open, opens 07:00 UTC.
    const s = openingState(workingDays9to17, null, new Date('2021-06-07T06:30:00Z'));
    expect(s.nextOpening?.toISOString()).toBe('2021-06-07T07:00:00.000Z');
  });
});
