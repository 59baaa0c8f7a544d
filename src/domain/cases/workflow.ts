import type { Role } from '../access/permissions.ts';

/**
 * The handling of a melding (Handelingsprotocol Veilig Thuis 2019) as a state machine. Pure: the
 * server loads a case, asks here whether a step is allowed for this person, and stores the result.
 *
 *   registered --assign--> assigned --assess--> assessed (decision proposed)
 *   assessed --approve (team lead, not the assessor)--> decided
 *   assessed --reject (team lead)--> assigned (the assessment is redone)
 *
 * After the decision the follow-up depends on it:
 *   decided (onderzoek) --start-investigation--> investigation
 *   investigation --conclude-investigation (outcome per type, next decision)--> decided
 *   decided (voorwaarden-en-vervolg) --set-conditions--> conditions (checked, may be added to)
 *   decided (overdracht / verzoek-onderzoek-rvdk) or conditions --hand-over--> handover
 *   handover --partner accepts--> monitoring (check-ins for at least a year)
 *   handover --partner declines--> back to the state before (another partner can be chosen)
 *   decided, conditions, monitoring --close (with a reason)--> closed
 */
export const CASE_STATES = ['registered', 'assigned', 'assessed', 'decided', 'investigation', 'conditions', 'handover', 'monitoring', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** The decisions after a safety assessment (DOMAIN.md, "Handling a melding"). */
export const DECISIONS = ['onderzoek', 'verzoek-onderzoek-rvdk', 'voorwaarden-en-vervolg', 'overdracht', 'afsluiten'] as const;
export type Decision = (typeof DECISIONS)[number];

/** After an investigation the follow-up is decided again; investigating once more is not one of them. */
export const INVESTIGATION_DECISIONS = ['verzoek-onderzoek-rvdk', 'voorwaarden-en-vervolg', 'overdracht', 'afsluiten'] as const;
export type InvestigationDecision = (typeof INVESTIGATION_DECISIONS)[number];

/** Outcome of an investigation per type of violence (exchange-v1 `onderzoek` outcome). */
export const INVESTIGATION_OUTCOMES = ['bevestigd', 'niet-bevestigd', 'weerlegd'] as const;
export type InvestigationOutcome = (typeof INVESTIGATION_OUTCOMES)[number];

export const CLOSE_REASONS = ['veiligheid-hersteld', 'overgedragen', 'geen-zorgen', 'verhuisd-buiten-regio', 'samengevoegd', 'anders'] as const;

export const STEPS = ['assign', 'assess', 'approve', 'reject', 'start-investigation', 'conclude-investigation', 'set-conditions', 'hand-over', 'close'] as const;
export type Step = (typeof STEPS)[number];

export interface CaseFacts {
  state: CaseState;
  assignedTo: string | null;
  assessedBy: string | null;
  /** The decision in force (after approval, or after an investigation). */
  decision?: Decision | null;
}

export interface Person {
  id: string;
  role: Role;
}

export type StepRefusal = 'wrong_state' | 'wrong_decision' | 'not_team_lead' | 'not_assigned_to_you' | 'four_eyes';

const FROM: Record<Step, readonly CaseState[]> = {
  assign: ['registered', 'assigned'],
  assess: ['assigned'],
  approve: ['assessed'],
  reject: ['assessed'],
  'start-investigation': ['decided'],
  'conclude-investigation': ['investigation'],
  'set-conditions': ['decided', 'conditions'],
  'hand-over': ['decided', 'conditions'],
  close: ['decided', 'conditions', 'monitoring'],
};

/** Which decision in force a follow-up step carries out (a step from `decided` must match it). */
const NEEDS_DECISION: Partial<Record<Step, readonly Decision[]>> = {
  'start-investigation': ['onderzoek'],
  'set-conditions': ['voorwaarden-en-vervolg'],
  'hand-over': ['overdracht', 'verzoek-onderzoek-rvdk', 'voorwaarden-en-vervolg'],
};

const TO: Record<Exclude<Step, 'conclude-investigation'>, CaseState> = {
  assign: 'assigned',
  assess: 'assessed',
  approve: 'decided',
  reject: 'assigned',
  'start-investigation': 'investigation',
  'set-conditions': 'conditions',
  'hand-over': 'handover',
  close: 'closed',
};

const isCaseworker = (c: CaseFacts, who: Person) => c.assignedTo === who.id || who.role === 'teamleider';

/** Whether `who` may take `step` on a case now; null when allowed, else the reason why not. */
export function refusal(step: Step, c: CaseFacts, who: Person): StepRefusal | null {
  if (!FROM[step].includes(c.state)) return 'wrong_state';
  const needs = NEEDS_DECISION[step];
  if (needs && c.state === 'decided' && !(c.decision && needs.includes(c.decision))) return 'wrong_decision';
  switch (step) {
    case 'assign':
    case 'reject':
      return who.role === 'teamleider' ? null : 'not_team_lead';
    case 'assess':
      // The assigned casemanager assesses; a team lead may step in for an absent colleague.
      return isCaseworker(c, who) ? null : 'not_assigned_to_you';
    case 'approve':
      if (who.role !== 'teamleider') return 'not_team_lead';
      // Four eyes: whoever proposed the decision cannot also approve it.
      return c.assessedBy === who.id ? 'four_eyes' : null;
    case 'start-investigation':
    case 'conclude-investigation':
    case 'set-conditions':
    case 'hand-over':
    case 'close':
      return isCaseworker(c, who) ? null : 'not_assigned_to_you';
  }
}

/** The state after a step; concluding an investigation returns to `decided` with the new decision. */
export function nextState(step: Step): CaseState {
  return step === 'conclude-investigation' ? 'decided' : TO[step];
}

/** The steps `who` may take now, in the order a screen offers them. */
export function allowedSteps(c: CaseFacts, who: Person): Step[] {
  return STEPS.filter((s) => refusal(s, c, who) === null);
}

/**
 * Monitoring after a handover: Veilig Thuis checks on the household for at least a year (003).
 * Check-ins after 1, 3, 6, 9 and 12 months from the partner's acceptance; the last one is at a
 * year, so monitoring cannot end by schedule before then.
 */
export const CHECKIN_MONTHS = [1, 3, 6, 9, 12] as const;
export const CHECKIN_OUTCOMES = ['veilig', 'zorgen', 'onveilig', 'geen-contact'] as const;
export type CheckinOutcome = (typeof CHECKIN_OUTCOMES)[number];

/** Check-in dates: the same day of the month, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function checkinSchedule(from: Date): Date[] {
  return CHECKIN_MONTHS.map((months) => {
    const d = new Date(from.getTime());
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return d;
  });
}

/** A check-in with outcome `onveilig` means the household is not safe: the case needs a new assessment. */
export const ESCALATING_CHECKIN: CheckinOutcome = 'onveilig';

/** Partner organisation types of the directory (DOMAIN.md "People"; CBS handover organisations). */
export const PARTNER_TYPES = ['lokaal-team', 'gi', 'rvdk', 'vrouwenopvang', 'politie', 'om', 'reclassering', 'csg', 'school', 'ggd', 'mda', 'kinderopvang', 'gemeente', 'overig'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

/** Safety conditions (set by Veilig Thuis) and safety agreements (made with the family). */
export const CONDITION_KINDS = ['voorwaarde', 'afspraak'] as const;
export const CONDITION_CHECKS = ['nagekomen', 'deels-nagekomen', 'niet-nagekomen'] as const;
