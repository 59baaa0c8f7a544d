import { describe, expect, it } from 'vitest';
import { adviceEndDue, ageOn, awareDecisionRefusal, awareStepRefusal, extensionRefusal, newOrderRefusal, orderEnds, orderMaxEnd, orderState } from './measures.ts';

const decided = new Date('2026-11-02T14:30:00+01:00');

describe('tijdelijk huisverbod', () => {
  it('lasts 10 days, extendable to at most 28 days from the decision', () => {
    expect(orderEnds(decided).toISOString()).toBe('2026-11-12T13:30:00.000Z');
    expect(orderMaxEnd(decided).toISOString()).toBe('2026-11-30T13:30:00.000Z');
    expect(adviceEndDue(orderEnds(decided)).toISOString()).toBe('2026-11-10T13:30:00.000Z');
  });

  it('bars only an adult', () => {
    const now = new Date('2026-11-03T10:00:00Z');
    expect(newOrderRefusal(decided, '2008-11-02', now)).toBeNull(); // 18 on the day
    expect(newOrderRefusal(decided, '2008-11-03', now)).toBe('not_adult');
    expect(newOrderRefusal(new Date('2026-11-05T10:00:00Z'), '1980-01-01', now)).toBe('decision_in_future');
    expect(ageOn('1980-02-29', new Date('2027-02-28T12:00:00Z'))).toBe(46);
  });

  it('extends only when decided before day 10, to a later end within 28 days', () => {
    const order = { decidedAt: decided, endsAt: orderEnds(decided), endedAt: null };
    const day9 = new Date('2026-11-11T10:00:00Z');
    expect(extensionRefusal(order, day9, orderMaxEnd(decided))).toBeNull();
    expect(extensionRefusal(order, day9, new Date(orderMaxEnd(decided).getTime() + 1))).toBe('extension_too_long');
    expect(extensionRefusal(order, day9, order.endsAt)).toBe('extension_not_later');
    expect(extensionRefusal(order, new Date('2026-11-12T13:30:00Z'), orderMaxEnd(decided))).toBe('extension_too_late');
    expect(extensionRefusal({ ...order, endedAt: day9 }, day9, orderMaxEnd(decided))).toBe('order_ended');
  });

  it('is running, extended or ended', () => {
    const endsAt = orderEnds(decided);
    expect(orderState({ endsAt, extended: false, endedAt: null }, new Date('2026-11-05T00:00:00Z'))).toBe('lopend');
    expect(orderState({ endsAt: orderMaxEnd(decided), extended: true, endedAt: null }, new Date('2026-11-20T00:00:00Z'))).toBe('verlengd');
    expect(orderState({ endsAt, extended: false, endedAt: null }, new Date('2026-11-13T00:00:00Z'))).toBe('beeindigd');
  });
});

describe('Aware', () => {
  it('needs police and Veilig Thuis in the indication committee', () => {
    expect(awareDecisionRefusal('aangevraagd', ['politie', 'veilig-thuis'])).toBeNull();
    expect(awareDecisionRefusal('aangevraagd', ['politie', 'vrouwenopvang'])).toBe('committee_incomplete');
    expect(awareDecisionRefusal('toegekend', ['politie', 'veilig-thuis'])).toBe('wrong_state');
  });

  it('issues a device only after it was granted, and reviews it while it is out', () => {
    expect(awareStepRefusal('issue', 'toegekend')).toBeNull();
    expect(awareStepRefusal('issue', 'afgewezen')).toBe('wrong_state');
    expect(awareStepRefusal('review', 'uitgereikt')).toBeNull();
    expect(awareStepRefusal('return', 'ingeleverd')).toBe('wrong_state');
  });
});

describe('shelter places', async () => {
  const { capacityRefusal, freePlaces, holdUntil } = await import('./shelter.ts');
  it('counts free places as places minus occupied minus running holds, never below zero', () => {
    expect(freePlaces({ places: 6, occupied: 4, held: 1 })).toBe(1);
    expect(freePlaces({ places: 2, occupied: 2, held: 1 })).toBe(0);
  });
  it('holds a place for 4 hours, and refuses more occupied than places', () => {
    expect(holdUntil(new Date('2026-11-23T20:00:00Z')).toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(capacityRefusal(5, 6)).toBe('occupied_above_places');
    expect(capacityRefusal(5, -1)).toBe('negative');
    expect(capacityRefusal(5, 5)).toBeNull();
  });
});

describe('Handle with Care', async () => {
  const { schoolMorningAfter } = await import('./handle-with-care.ts');
  it('reaches the school by 08:00 on the next school day', () => {
    expect(schoolMorningAfter('2026-11-23').toISOString()).toBe('2026-11-24T07:00:00.000Z'); // Monday → Tuesday
    expect(schoolMorningAfter('2026-11-27').toISOString()).toBe('2026-11-30T07:00:00.000Z'); // Friday → Monday
    expect(schoolMorningAfter('2026-12-24').toISOString()).toBe('2026-12-28T07:00:00.000Z'); // over Christmas
  });
});
