import { describe, expect, it } from 'vitest';
import { nextState, refusal, type CaseFacts } from './workflow.ts';

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

  it('closes only a decided case', () => {
    expect(refusal('close', { state: 'assessed', assignedTo: 'cm', assessedBy: 'cm' }, cm)).toBe('wrong_state');
    expect(refusal('close', { state: 'decided', assignedTo: 'cm', assessedBy: 'cm' }, cm)).toBeNull();
  });
});
