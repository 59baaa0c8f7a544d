import { amsterdamDate } from './amsterdam-time.ts';
import { calendarDeadline, DEFAULT_RULES, workingDayDeadline, workingDaysBetween, type WorkingDayRules } from './working-days.ts';

/**
 * The statutory deadlines of handling a melding (Handelingsprotocol Veilig Thuis 2019, Wmo 2015
 * art. 5.3.1) and how a deadline stands at a moment. Pure: callers pass "now".
 */
export const NORMS = {
  /** Safety assessment within 5 working days of receipt; 90% on time. */
  assessment: { workingDays: 5, target: 0.9 },
  /**
   * Acute: "at once". The protocol sets no number of hours; we give the team 4 hours after
   * receipt, so an acute melding is due today and at the top of the list, yet can be on time.
   */
  acute: { hours: 4 },
  /** Investigation starts within 5 working days of the decision to investigate. */
  investigationStart: { workingDays: 5 },
  /** Decision on follow-up within 10 weeks of the start of the investigation; 80% on time. */
  investigation: { calendarDays: 70, target: 0.8 },
  /** People whose data are recorded are told within 4 weeks, extendable by 2 weeks at a time. */
  informing: { calendarDays: 28, extensionDays: 14 },
} as const;

export function assessmentDeadline(receivedAt: Date, opts: { acute?: boolean; rules?: WorkingDayRules } = {}): Date {
  if (opts.acute) return new Date(receivedAt.getTime() + NORMS.acute.hours * 3600_000);
  return workingDayDeadline(receivedAt, NORMS.assessment.workingDays, opts.rules ?? DEFAULT_RULES);
}

export const investigationStartDeadline = (decidedAt: Date, rules: WorkingDayRules = DEFAULT_RULES) =>
  workingDayDeadline(decidedAt, NORMS.investigationStart.workingDays, rules);

export const investigationDeadline = (startedAt: Date) => calendarDeadline(startedAt, NORMS.investigation.calendarDays);

export const informingDeadline = (receivedAt: Date, extensions = 0) =>
  calendarDeadline(receivedAt, NORMS.informing.calendarDays + extensions * NORMS.informing.extensionDays);

export type DeadlineState = 'done-on-time' | 'done-late' | 'overdue' | 'due-today' | 'at-risk' | 'open';

/**
 * How a deadline stands: done (on time or late), or open and overdue / due today / at risk (one
 * working day or less left after today) / open. Acute cases are "now": callers treat them apart.
 */
export function deadlineState(due: Date, now: Date, doneAt: Date | null = null, rules: WorkingDayRules = DEFAULT_RULES): DeadlineState {
  if (doneAt) return doneAt.getTime() <= due.getTime() ? 'done-on-time' : 'done-late';
  if (now.getTime() > due.getTime()) return 'overdue';
  const today = amsterdamDate(now);
  const dueDay = amsterdamDate(due);
  if (today === dueDay) return 'due-today';
  if (workingDaysBetween(today, dueDay, rules) <= 1) return 'at-risk';
  return 'open';
}

/** Share done on time among those whose deadline fell in a period (null when none did). */
export function shareOnTime(states: readonly DeadlineState[]): number | null {
  const counted = states.filter((s) => s === 'done-on-time' || s === 'done-late' || s === 'overdue');
  if (counted.length === 0) return null;
  return counted.filter((s) => s === 'done-on-time').length / counted.length;
}
