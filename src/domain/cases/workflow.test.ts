import { describe, expect, it } from 'vitest';
import { allowedSteps, checkinSchedule, nextState, refusal, type CaseFacts } from './workflow.ts';

const lead = { id: 'tl', role: 'teamleider' as const };
const cm = { id: 'cm', role: 'casemanager' as const };
const other = { id: 'cm2', role: 'casemanager' as const };

describe('handling a melding', () => {
  it('lets only a team lead assign', () => {
    const c: CaseFacts = { state: 'registered', assignedTo: null, assessedBy: null };
    expect(refusal('assign', c, cm)).toBe('not_team_lead');
    expect(refusal('assign', c, lead)).toBeNull();
    expect(nextState('assign')).toBe('assigned');
  });

  it('lets the assigned casemanager assess, not a colleague, and not before assignment', () => {
    expect(refusal('assess', { state: 'registered', assignedTo: null, assessedBy: null }, cm)).toBe('wrong_state');
    const c: CaseFacts = { state: 'assigned', assignedTo: 'cm', assessedBy: null };
    expect(refusal('assess', c, cm)).toBeNull();
    expect(refusal('assess', c, other)).toBe('not_assigned_to_you');
  });

  it('needs a second pair of eyes to approve the decision', () => {
    const byCm: CaseFacts = { state: 'assessed', assignedTo: 'cm', assessedBy: 'cm' };
    expect(refusal('approve', byCm, cm)).toBe('not_team_lead');
    expect(refusal('approve', byCm, lead)).toBeNull();
    const byLead: CaseFacts = { state: 'assessed', assignedTo: 'tl', assessedBy: 'tl' };
    expect(refusal('approve', byLead, lead)).toBe('four_eyes');
    expect(refusal('reject', byCm, lead)).toBeNull();
    expect(nextState('reject')).toBe('assigned');
  });

  it('closes only a decided case, never one waiting for a partner', () => {
    expect(refusal('close', { state: 'assessed', assignedTo: 'cm', assessedBy: 'cm' }, cm)).toBe('wrong_state');
    expect(refusal('close', { state: 'decided', assignedTo: 'cm', assessedBy: 'cm', decision: 'afsluiten' }, cm)).toBeNull();
    expect(refusal('close', { state: 'handover', assignedTo: 'cm', assessedBy: 'cm', decision: 'overdracht' }, cm)).toBe('wrong_state');
    expect(refusal('close', { state: 'monitoring', assignedTo: 'cm', assessedBy: 'cm', decision: 'overdracht' }, other)).toBe('not_assigned_to_you');
  });

  it('offers the follow-up that the decision in force calls for', () => {
    const decided = (decision: CaseFacts['decision']): CaseFacts => ({ state: 'decided', assignedTo: 'cm', assessedBy: 'cm', decision });
    expect(allowedSteps(decided('onderzoek'), cm)).toEqual(['start-investigation', 'close']);
    expect(allowedSteps(decided('overdracht'), cm)).toEqual(['hand-over', 'close']);
    expect(allowedSteps(decided('verzoek-onderzoek-rvdk'), cm)).toEqual(['hand-over', 'close']);
    expect(allowedSteps(decided('voorwaarden-en-vervolg'), cm)).toEqual(['set-conditions', 'hand-over', 'close']);
    expect(refusal('start-investigation', decided('overdracht'), cm)).toBe('wrong_decision');
    expect(allowedSteps(decided('onderzoek'), other)).toEqual([]);
  });

  it('returns to a decision after an investigation, and to monitoring only through a partner', () => {
    const inv: CaseFacts = { state: 'investigation', assignedTo: 'cm', assessedBy: 'cm', decision: 'onderzoek' };
    expect(allowedSteps(inv, cm)).toEqual(['conclude-investigation']);
    expect(nextState('conclude-investigation')).toBe('decided');
    expect(nextState('hand-over')).toBe('handover');
    expect(allowedSteps({ state: 'handover', assignedTo: 'cm', assessedBy: 'cm', decision: 'overdracht' }, cm)).toEqual([]);
    const conditions: CaseFacts = { state: 'conditions', assignedTo: 'cm', assessedBy: 'cm', decision: 'voorwaarden-en-vervolg' };
    expect(allowedSteps(conditions, cm)).toEqual(['set-conditions', 'hand-over', 'close']);
  });
});

describe('monitoring schedule', () => {
  it('runs for a full year after the acceptance', () => {
    const from = new Date('2026-03-15T10:00:00Z');
    const dates = checkinSchedule(from).map((d) => d.toISOString().slice(0, 10));
    expect(dates).toEqual(['2026-04-15', '2026-06-15', '2026-09-15', '2026-12-15', '2027-03-15']);
  });

  it('keeps a check-in inside a short month', () => {
    const dates = checkinSchedule(new Date('2027-01-31T09:00:00Z')).map((d) => d.toISOString().slice(0, 10));
    expect(dates[0]).toBe('2027-02-28');
    expect(dates[4]).toBe('2028-01-31');
  });
});
