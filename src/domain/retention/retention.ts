import { amsterdamDate } from '../deadlines/amsterdam-time.ts';

/**
 * Retention of Veilig Thuis files (Wmo 2015 art. 5.3.4; ADR 0013). Pure rules, dates as
 * 'YYYY-MM-DD' in the Amsterdam calendar:
 * - a melding's file is kept `fileYears` (15) after it was closed, and in any case until the
 *   youngest child of the household has turned 18; an open file is kept;
 * - an advies (no file, no persons) is kept `adviceYears` after it was received, unless it was
 *   converted into a melding (then the melding's file keeps it);
 * - a file can be erased earlier by a decision on a deletion request (art. 5.3.5), elsewhere.
 */
export interface RetentionSettings {
  fileYears: number;
  adviceYears: number;
}

export interface RetentionFacts {
  kind: 'advies' | 'melding';
  receivedAt: Date;
  closedAt: Date | null;
  convertedTo: string | null;
  /** Birth dates of the children (role kind) of the melding and of its household, when known. */
  childBirthDates: readonly string[];
}

/**
 * The same calendar date `years` later. 29 February becomes 1 March in a year without it: the
 * later of the two possible readings, so a record is never erased a day early.
 */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = y + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  if (m === 2 && d === 29 && !leap) return `${String(target).padStart(4, '0')}-03-01`;
  return `${String(target).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The date on which the youngest child turns 18, or null without children with a known birth date. */
export function youngestChildAdult(birthDates: readonly string[]): string | null {
  const youngest = [...birthDates].sort().at(-1);
  return youngest ? addYears(youngest, 18) : null;
}

/**
 * The first date on which the record may be erased, or null while it must be kept without an end
 * date (an open melding, or an advies that became a melding).
 */
export function retentionEnd(f: RetentionFacts, s: RetentionSettings): string | null {
  if (f.kind === 'advies') return f.convertedTo ? null : addYears(amsterdamDate(f.receivedAt), s.adviceYears);
  if (!f.closedAt) return null;
  const afterClosing = addYears(amsterdamDate(f.closedAt), s.fileYears);
  const adult = youngestChildAdult(f.childBirthDates);
  return adult && adult > afterClosing ? adult : afterClosing;
}

/** Whether the record has expired on `today` (its end date has been reached). */
export function isExpired(f: RetentionFacts, s: RetentionSettings, today: string): boolean {
  const end = retentionEnd(f, s);
  return end !== null && end <= today;
}
