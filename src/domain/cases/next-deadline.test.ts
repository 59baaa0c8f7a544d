import { describe, expect, it } from 'vitest';
import { nextDeadline, type OpenDeadlines } from './next-deadline.ts';

const base: OpenDeadlines = {
  state: 'assigned',
  assessmentDue: new Date('2026-11-30T22:59:59.999Z'),
  assessedAt: null,
  investigationDue: null,
  investigationConcludedAt: null,
  nextTaskDue: new Date('2026-12-21T22:59:59.999Z'),
  nextCheckinDue: null,
  nextConditionCheck: null,
};

describe('the next deadline of a case', () => {
  it('is the safety assessment until it is done', () => {
    expect(nextDeadline(base)).toEqual({ kind: 'beoordeling', due: base.assessmentDue });
  });

  it('is the investigation while it runs, unless a task comes first', () => {
    const inv = { ...base, state: 'investigation' as const, assessedAt: new Date('2026-11-25'), investigationDue: new Date('2027-02-05T22:59:59.999Z') };
    expect(nextDeadline(inv)?.kind).toBe('taak');
    expect(nextDeadline({ ...inv, nextTaskDue: null })).toEqual({ kind: 'onderzoek', due: inv.investigationDue });
  });

  it('counts a condition check at the end of its Amsterdam day, and a check-in in monitoring', () => {
    const m = { ...base, state: 'monitoring' as const, assessedAt: new Date('2026-11-25'), nextTaskDue: null, nextCheckinDue: new Date('2027-01-10T09:00:00Z'), nextConditionCheck: '2027-01-05' };
    expect(nextDeadline(m)).toEqual({ kind: 'controle', due: new Date('2027-01-05T22:59:59.999Z') });
  });

  it('is nothing for a closed case', () => {
    expect(nextDeadline({ ...base, state: 'closed' })).toBeNull();
  });
});
