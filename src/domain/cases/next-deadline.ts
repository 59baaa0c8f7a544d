import { endOfAmsterdamDay } from '../deadlines/amsterdam-time.ts';
import type { CaseState } from './workflow.ts';

/** What a deadline on a case is about, for the work list and the deadline overview. */
export const DUE_KINDS = ['beoordeling', 'onderzoek', 'taak', 'controle', 'monitoring'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

export interface OpenDeadlines {
  state: CaseState;
  assessmentDue: Date;
  assessedAt: Date | null;
  investigationDue: Date | null;
  investigationConcludedAt: Date | null;
  nextTaskDue: Date | null;
  nextCheckinDue: Date | null;
  /** Amsterdam date on which the next safety condition or agreement is checked. */
  nextConditionCheck: string | null;
}

/**
 * The first open deadline of a case: the safety assessment until it is done, the investigation
 * while it runs, and otherwise the earliest open task, condition check or monitoring check-in.
 * A closed case has none, whatever was left open.
 */
export function nextDeadline(c: OpenDeadlines): { kind: DueKind; due: Date } | null {
  if (c.state === 'closed') return null;
  const candidates: { kind: DueKind; due: Date }[] = [];
  if (!c.assessedAt && (c.state === 'registered' || c.state === 'assigned')) candidates.push({ kind: 'beoordeling', due: c.assessmentDue });
  if (c.state === 'investigation' && c.investigationDue && !c.investigationConcludedAt) candidates.push({ kind: 'onderzoek', due: c.investigationDue });
  if (c.nextTaskDue) candidates.push({ kind: 'taak', due: c.nextTaskDue });
  if (c.nextConditionCheck) candidates.push({ kind: 'controle', due: endOfAmsterdamDay(c.nextConditionCheck) });
  if (c.nextCheckinDue) candidates.push({ kind: 'monitoring', due: c.nextCheckinDue });
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (b.due.getTime() < a.due.getTime() ? b : a));
}
