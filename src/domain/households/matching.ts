import { houseNumber, normaliseName, normalisePostcode, surname } from './persons.ts';

/**
 * Matching a new melding's people with the people of existing household files of the region
 * (radarfunctie). Suggestions only: a melding joins a file when a worker confirms it.
 *
 * - same BSN -> certain
 * - same normalised name and the same date of birth -> strong
 * - same postcode and house number, and a similar surname -> possible
 *
 * A household's score is that of its best match plus 5 for each further matching person
 * (at most 100), so a family in which several people match comes first. Each new person's
 * strongest match with the household is its reason.
 */
export interface PersonFacts {
  name: string;
  birthDate: string | null;
  street: string | null;
  postcode: string | null;
  bsn: string | null;
}

export interface KnownPerson extends PersonFacts {
  id: string;
  householdId: string;
}

export const MATCH_STRENGTHS = ['certain', 'strong', 'possible'] as const;
export type MatchStrength = (typeof MATCH_STRENGTHS)[number];
export const MATCH_REASONS = ['bsn', 'name-birth-date', 'address-surname'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

export interface MatchEvidence {
  reason: MatchReason;
  /** Index of the person in the new melding. */
  person: number;
  /** The known person it matched. */
  knownPersonId: string;
}

export interface HouseholdCandidate {
  householdId: string;
  strength: MatchStrength;
  score: number;
  reasons: MatchEvidence[];
}

const SCORE: Record<MatchReason, number> = { bsn: 100, 'name-birth-date': 80, 'address-surname': 50 };
const STRENGTH: Record<MatchReason, MatchStrength> = { bsn: 'certain', 'name-birth-date': 'strong', 'address-surname': 'possible' };

/** Levenshtein distance, stopping early above max. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Same surname, or one typo apart (two for long names): "Jansen" ~ "Janssen". */
export function similarSurname(a: string, b: string): boolean {
  const x = surname(a);
  const y = surname(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const max = Math.min(x.length, y.length) >= 8 ? 2 : Math.min(x.length, y.length) >= 4 ? 1 : 0;
  return distance(x, y, max) <= max;
}

/** The strongest reason two people are the same, or null. */
export function matchReason(a: PersonFacts, b: PersonFacts): MatchReason | null {
  if (a.bsn && b.bsn) {
    // Two different BSNs are two different people, whatever their names.
    return a.bsn === b.bsn ? 'bsn' : null;
  }
  const nameA = normaliseName(a.name);
  if (nameA && nameA === normaliseName(b.name) && a.birthDate && a.birthDate === b.birthDate) return 'name-birth-date';
  const pcA = normalisePostcode(a.postcode);
  const nrA = houseNumber(a.street);
  if (pcA && nrA && pcA === normalisePostcode(b.postcode) && nrA === houseNumber(b.street) && similarSurname(a.name, b.name)) {
    return 'address-surname';
  }
  return null;
}

export function matchHouseholds(people: readonly PersonFacts[], known: readonly KnownPerson[]): HouseholdCandidate[] {
  const byHousehold = new Map<string, MatchEvidence[]>();
  people.forEach((person, index) => {
    for (const k of known) {
      const reason = matchReason(person, k);
      if (!reason) continue;
      const list = byHousehold.get(k.householdId) ?? [];
      list.push({ reason, person: index, knownPersonId: k.id });
      byHousehold.set(k.householdId, list);
    }
  });
  const candidates: HouseholdCandidate[] = [];
  for (const [householdId, evidence] of byHousehold) {
    // Per new person only their best match counts (and is shown as the reason).
    const best = new Map<number, MatchEvidence>();
    for (const e of evidence) {
      const seen = best.get(e.person);
      if (!seen || SCORE[e.reason] > SCORE[seen.reason]) best.set(e.person, e);
    }
    const reasons = [...best.values()].sort((x, y) => SCORE[y.reason] - SCORE[x.reason] || x.person - y.person);
    const score = Math.min(100, SCORE[reasons[0]!.reason] + 5 * (reasons.length - 1));
    candidates.push({ householdId, strength: STRENGTH[reasons[0]!.reason], score, reasons });
  }
  return candidates.sort((a, b) => b.score - a.score || a.householdId.localeCompare(b.householdId));
}
