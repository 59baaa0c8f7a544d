/**
 * Requests of data subjects about a Veilig Thuis file. Deadlines (dates 'YYYY-MM-DD'):
 * - deletion: decided within 3 months (Wmo 2015 art. 5.3.5);
 * - access and correction: answered within 1 month (AVG art. 12(3)).
 */
export const REQUEST_KINDS = ['inzage', 'correctie', 'verwijdering'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** The same day `months` later; a day the month lacks becomes its last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function requestDue(kind: RequestKind, receivedOn: string): string {
  return addMonths(receivedOn, kind === 'verwijdering' ? 3 : 1);
}

/** Person fields a correction may change (the BSN only through the population register, not here). */
export const CORRECTABLE_FIELDS = ['name', 'birthDate', 'street', 'postcode', 'place'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
