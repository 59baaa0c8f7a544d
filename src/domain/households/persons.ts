/** People involved in a melding (betrokkenen) and their role in it. */
export const PERSON_ROLES = ['slachtoffer', 'pleger', 'kind', 'overig'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Dutch postcode: 4 digits (not starting with 0), 2 letters; stored as "1234AB". */
export function normalisePostcode(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.replace(/\s+/g, '').toUpperCase();
  return /^[1-9]\d{3}[A-Z]{2}$/.test(v) ? v : null;
}

/**
 * A name for comparison: without accents, lower case, only letters and digits separated by
 * single spaces ("Jan-Peter  de Vriès" -> "jan peter de vries"). The SQL function
 * signaal_normalise_name (migration 0006) does the same for the national lookup.
 */
export function normaliseName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The house number with any addition ("12a", "12 a", "12-A" -> "12a"): the last number in the street line. */
export function houseNumber(street: string | null | undefined): string | null {
  if (!street) return null;
  const all = [...street.toLowerCase().matchAll(/(\d+)\s*[-\s]?\s*([a-z](?![a-z]))?/g)];
  const last = all.at(-1);
  return last ? `${last[1]}${last[2] ?? ''}` : null;
}

/** Surname for comparison: the last word of the normalised name (so "de Vries" -> "vries"). */
export function surname(name: string): string {
  return normaliseName(name).split(' ').at(-1) ?? '';
}
