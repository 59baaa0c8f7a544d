import type { Role } from '../access/permissions.ts';

/**
 * The handling of a melding (Handelingsprotocol Veilig Thuis 2019) as a state machine. Pure: the
 * server loads a case, asks here whether a step is allowed for this person, and stores the result.
 *
 *   registered --assign--> assigned --assess--> assessed (decision proposed)
 *   assessed --approve (team lead, not the assessor)--> decided
 *   assessed --reject (team lead)--> assigned (the assessment is redone)
 *   decided --close--> closed
 */
export const CASE_STATES = ['registered', 'assigned', 'assessed', 'decided', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** The decisions after a safety assessment (DOMAIN.md, "Handling a melding"). */
export const DECISIONS = ['onderzoek', 'verzoek-onderzoek-rvdk', 'voorwaarden-en-vervolg', 'overdracht', 'afsluiten'] as const;
export type Decision = (typeof DECISIONS)[number];

export const CLOSE_REASONS = ['veiligheid-hersteld', 'overgedragen', 'geen-zorgen', 'verhuisd-buiten-regio', 'samengevoegd', 'anders'] as const;

export type Step = 'assign' | 'assess' | 'approve' | 'reject' | 'close';

export interface CaseFacts {
  state: CaseState;
  assignedTo: string | null;
  assessedBy: string | null;
}

export interface Person {
  id: string;
  role: Role;
}

export type StepRefusal =
  | 'wrong_state'
  | 'not_team_lead'
  | 'not_assigned_to_you'
  | 'four_eyes';

const FROM: Record<Step, readonly CaseState[]> = {
  assign: ['registered', 'assigned'],
  assess: ['assigned'],
  approve: ['assessed'],
  reject: ['assessed'],
  close: ['decided'],
};

const TO: Record<Exclude<Step, 'close'>, CaseState> & { close: CaseState } = {
  assign: 'assigned',
  assess: 'assessed',
  approve: 'decided',
  reject: 'assigned',
  close: 'closed',
};

/** Whether `who` may take `step` on a case now; null when allowed, else the reason why not. */
export function refusal(step: Step, c: CaseFacts, who: Person): StepRefusal | null {
  if (!FROM[step].includes(c.state)) return 'wrong_state';
  switch (step) {
    case 'assign':
    case 'reject':
      return who.role === 'teamleider' ? null : 'not_team_lead';
    case 'assess':
      // The assigned casemanager assesses; a team lead may step in for an absent colleague.
      return c.assignedTo === who.id || who.role === 'teamleider' ? null : 'not_assigned_to_you';
    case 'approve':
      if (who.role !== 'teamleider') return 'not_team_lead';
      // Four eyes: whoever proposed the decision cannot also approve it.
      return c.assessedBy === who.id ? 'four_eyes' : null;
    case 'close':
      return who.role === 'teamleider' || c.assignedTo === who.id ? null : 'not_assigned_to_you';
  }
}

export function nextState(step: Step): CaseState {
  return TO[step];
}
