import { informingDeadline, investigationStartDeadline } from '../deadlines/deadlines.ts';
import { workingDayDeadline } from '../deadlines/working-days.ts';

/** Tasks with deadlines around a melding (DOMAIN.md "Handling a melding", points 3 and 4). */
export const TASK_KINDS = ['informeren', 'terugkoppeling-beoordeling', 'onderzoek-starten', 'terugkoppeling-onderzoek'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Feedback to the reporter after the assessment and after an investigation: the protocol names no term; we agree 5 working days. */
export const FEEDBACK_WORKING_DAYS = 5;

export function taskDue(kind: TaskKind, from: Date, extensions = 0): Date {
  switch (kind) {
    case 'informeren':
      return informingDeadline(from, extensions);
    case 'terugkoppeling-beoordeling':
    case 'terugkoppeling-onderzoek':
      return workingDayDeadline(from, FEEDBACK_WORKING_DAYS);
    case 'onderzoek-starten':
      return investigationStartDeadline(from);
  }
}

export type TaskRefusal = 'task_done' | 'not_extendable' | 'not_skippable';

/** Only informing may be extended (by 2 weeks at a time, with a reason) or skipped (with a reason). */
export function taskRefusal(action: 'complete' | 'extend' | 'skip', kind: TaskKind, done: boolean): TaskRefusal | null {
  if (done) return 'task_done';
  if (action === 'extend' && kind !== 'informeren') return 'not_extendable';
  if (action === 'skip' && kind !== 'informeren') return 'not_skippable';
  return null;
}
