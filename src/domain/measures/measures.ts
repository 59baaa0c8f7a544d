import { calendarDeadline, workingDayDeadline } from '../deadlines/working-days.ts';

/**
 * Protective measures around a household (DOMAIN.md "Protective measures"), as pure rules.
 *
 * Tijdelijk huisverbod (Wet tijdelijk huisverbod): the mayor bars an adult from the home for 10
 * days from the decision; the mayor may extend it to at most 4 weeks (28 days) from the decision,
 * and must decide that before the 10 days have ended. Veilig Thuis advises at the start (we agree:
 * by the end of the next working day) and before the end (we agree: 2 days before, so the mayor
 * can still decide on an extension).
 */
export const RESTRAINING_ORDER = { days: 10, maxDays: 28, adviceBeforeEndDays: 2, adviceStartWorkingDays: 1 } as const;
export const DAY_MS = 24 * 3600_000;

export const RISK_INSTRUMENTS = ['rihg', 'anders'] as const;
export const ORDER_END_REASONS = ['afgelopen', 'ingetrokken-door-burgemeester', 'opgeheven-door-rechter'] as const;

export function orderEnds(decidedAt: Date): Date {
  return new Date(decidedAt.getTime() + RESTRAINING_ORDER.days * DAY_MS);
}

export function orderMaxEnd(decidedAt: Date): Date {
  return new Date(decidedAt.getTime() + RESTRAINING_ORDER.maxDays * DAY_MS);
}

export function adviceStartDue(decidedAt: Date): Date {
  return workingDayDeadline(decidedAt, RESTRAINING_ORDER.adviceStartWorkingDays);
}

export function adviceEndDue(endsAt: Date): Date {
  return new Date(endsAt.getTime() - RESTRAINING_ORDER.adviceBeforeEndDays * DAY_MS);
}

/** Whole years between a birth date (YYYY-MM-DD) and a moment, in the Dutch way (birthday counts). */
export function ageOn(birthDate: string, at: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(at);
  const [ay, am, ad] = day.split('-').map(Number) as [number, number, number];
  return ay - y - (am < m || (am === m && ad < d) ? 1 : 0);
}

export type OrderRefusal = 'not_adult' | 'decision_in_future' | 'extension_too_late' | 'extension_too_long' | 'extension_not_later' | 'order_ended';

/** A new order: the person barred must be an adult on the day of the decision. */
export function newOrderRefusal(decidedAt: Date, barredBirthDate: string, now: Date): OrderRefusal | null {
  if (decidedAt.getTime() > now.getTime() + 5 * 60_000) return 'decision_in_future';
  return ageOn(barredBirthDate, decidedAt) >= 18 ? null : 'not_adult';
}

/**
 * An extension: decided before the first 10 days ended, to a moment after the current end and at
 * most 28 days after the decision.
 */
export function extensionRefusal(o: { decidedAt: Date; endsAt: Date; endedAt: Date | null }, extensionDecidedAt: Date, until: Date): OrderRefusal | null {
  if (o.endedAt) return 'order_ended';
  if (extensionDecidedAt.getTime() >= orderEnds(o.decidedAt).getTime()) return 'extension_too_late';
  if (until.getTime() <= o.endsAt.getTime()) return 'extension_not_later';
  if (until.getTime() > orderMaxEnd(o.decidedAt).getTime()) return 'extension_too_long';
  return null;
}

export type OrderState = 'lopend' | 'verlengd' | 'beeindigd';

export function orderState(o: { endsAt: Date; extended: boolean; endedAt: Date | null }, now: Date): OrderState {
  if (o.endedAt || now.getTime() >= o.endsAt.getTime()) return 'beeindigd';
  return o.extended ? 'verlengd' : 'lopend';
}

/**
 * Aware: a personal alarm with a direct line to the police, for victims of stalking or threat by an
 * (ex-)partner. An indication committee decides; police and Veilig Thuis must take part (the shelter
 * and probation join where they can). While the device is out, it is reviewed every 3 months.
 */
export const AWARE_MEMBERS = ['politie', 'veilig-thuis', 'vrouwenopvang', 'reclassering'] as const;
export type AwareMember = (typeof AWARE_MEMBERS)[number];
export const AWARE_REQUIRED_MEMBERS: readonly AwareMember[] = ['politie', 'veilig-thuis'];
export const AWARE_REVIEW_DAYS = 91;

export function awareReviewDue(from: Date): Date {
  return calendarDeadline(from, AWARE_REVIEW_DAYS);
}

export type AwareState = 'aangevraagd' | 'afgewezen' | 'toegekend' | 'uitgereikt' | 'ingeleverd';

export type AwareRefusal = 'committee_incomplete' | 'wrong_state';

export function awareDecisionRefusal(state: AwareState, members: readonly AwareMember[]): AwareRefusal | null {
  if (state !== 'aangevraagd') return 'wrong_state';
  return AWARE_REQUIRED_MEMBERS.every((m) => members.includes(m)) ? null : 'committee_incomplete';
}

const AWARE_NEXT: Record<'issue' | 'review' | 'return', readonly AwareState[]> = {
  issue: ['toegekend'],
  review: ['uitgereikt'],
  return: ['uitgereikt'],
};

export function awareStepRefusal(step: 'issue' | 'review' | 'return', state: AwareState): AwareRefusal | null {
  return AWARE_NEXT[step].includes(state) ? null : 'wrong_state';
}
