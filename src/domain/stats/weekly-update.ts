/**
 * The weekly national update (seeds 000-002): per region, meldingen and adviezen of an ISO week
 * against the same ISO week a year earlier, chat volume, the share of acute meldingen, and a
 * short note of what changed notably. Pure: weeks are calendar arithmetic, no clock.
 */

export interface IsoWeek {
  year: number;
  week: number;
}

/** Number of ISO weeks in an ISO year (52 or 53): the year has week 53 when 28 December is in it. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(new Date(Date.UTC(year, 11, 28))).week;
}

/** ISO week of a calendar date (its UTC date parts are read). */
export function isoWeekOf(date: Date): IsoWeek {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday of the week decides its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return { year: d.getUTCFullYear(), week: Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

/** Monday and Sunday (inclusive) of an ISO week, as YYYY-MM-DD (Amsterdam calendar dates). */
export function isoWeekDates(w: IsoWeek): { from: string; to: string } {
  const jan4 = new Date(Date.UTC(w.year, 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + (w.week - 1) * 7);
  const sunday = new Date(monday);
  sunday.setUTCDate(monday.getUTCDate() + 6);
  return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
}

/** "2026-W48" <-> { year, week }; null for a week that does not exist. */
export function parseIsoWeek(text: string): IsoWeek | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!m) return null;
  const w = { year: Number(m[1]), week: Number(m[2]) };
  return w.week >= 1 && w.week <= isoWeeksInYear(w.year) ? w : null;
}

export function formatIsoWeek(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

/** The same ISO week a year earlier; week 53 compares with week 52 when last year had no 53. */
export function sameWeekLastYear(w: IsoWeek): IsoWeek {
  return { year: w.year - 1, week: Math.min(w.week, isoWeeksInYear(w.year - 1)) };
}

/** The last complete ISO week before the given date: the week the ministry's Monday update is about. */
export function lastCompleteWeek(today: Date): IsoWeek {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 7));
  return isoWeekOf(d);
}

export interface WeekFigures {
  meldingen: number;
  adviezen: number;
  acuteMeldingen: number;
  chats: number;
}

export interface RegionWeek {
  code: string;
  name: string;
  thisWeek: WeekFigures;
  lastYear: WeekFigures;
}

export interface NotabilityRule {
  /** A change counts as notable from this many percent up or down (inclusive). */
  minChangePercent: number;
  /** ... and only when the larger of the two weeks has at least this many cases: +100% on 2 is noise. */
  minCases: number;
  /** A shift in the share of acute meldingen counts from this many percentage points. */
  minAcutePoints: number;
}

/** 25% and 20 cases: below 20 a week's count swings by a quarter on chance alone. */
export const DEFAULT_NOTABILITY: NotabilityRule = { minChangePercent: 25, minCases: 20, minAcutePoints: 10 };

export type Measure = 'meldingen' | 'adviezen' | 'chats';

export interface NotableChange {
  /** Region code, or 'NL' for the national total. */
  region: string;
  regionName: string;
  measure: Measure | 'acuut';
  thisWeek: number;
  lastYear: number;
  /** Whole percent (for acuut: percentage points), signed; null when last year was zero. */
  change: number | null;
}

/** Change in whole percent, rounded half away from zero; null when there is nothing to compare with. */
export function percentChange(now: number, before: number): number | null {
  if (before === 0) return null;
  const p = ((now - before) / before) * 100;
  return Math.sign(p) * Math.round(Math.abs(p));
}

/** Share of acute meldingen in whole percent; null without meldingen. */
export function acuteShare(f: WeekFigures): number | null {
  return f.meldingen === 0 ? null : Math.round((f.acuteMeldingen / f.meldingen) * 100);
}

/**
 * What changed notably this week, nationally first, then per region by size of the change:
 * a count that moved by at least minChangePercent against the same week last year while the
 * larger of the two weeks reached minCases (a count from zero to at least minCases is notable
 * too, with no percentage), and a share of acute meldingen that moved by at least
 * minAcutePoints percentage points where both weeks had minCases meldingen.
 */
export function notableChanges(regions: readonly RegionWeek[], rule: NotabilityRule = DEFAULT_NOTABILITY): NotableChange[] {
  const national: RegionWeek = {
    code: 'NL',
    name: 'Nederland',
    thisWeek: sum(regions.map((r) => r.thisWeek)),
    lastYear: sum(regions.map((r) => r.lastYear)),
  };
  const out: NotableChange[] = [];
  for (const r of [national, ...regions]) {
    const own: NotableChange[] = [];
    for (const measure of ['meldingen', 'adviezen', 'chats'] as const) {
      const now = r.thisWeek[measure];
      const before = r.lastYear[measure];
      if (Math.max(now, before) < rule.minCases) continue;
      const change = percentChange(now, before);
      if (change === null || Math.abs(change) >= rule.minChangePercent) own.push({ region: r.code, regionName: r.name, measure, thisWeek: now, lastYear: before, change });
    }
    const a = acuteShare(r.thisWeek);
    const b = acuteShare(r.lastYear);
    if (a !== null && b !== null && r.thisWeek.meldingen >= rule.minCases && r.lastYear.meldingen >= rule.minCases && Math.abs(a - b) >= rule.minAcutePoints) {
      own.push({ region: r.code, regionName: r.name, measure: 'acuut', thisWeek: a, lastYear: b, change: a - b });
    }
    out.push(...own);
  }
  const [nl, rest] = [out.filter((c) => c.region === 'NL'), out.filter((c) => c.region !== 'NL')];
  const size = (c: NotableChange) => (c.change === null ? Number.MAX_SAFE_INTEGER : Math.abs(c.change));
  rest.sort((x, y) => size(y) - size(x) || x.regionName.localeCompare(y.regionName, 'nl'));
  return [...nl, ...rest];
}

const MEASURE_NL: Record<NotableChange['measure'], string> = { meldingen: 'meldingen', adviezen: 'adviezen', chats: 'chats', acuut: 'aandeel acute meldingen' };

/** The Dutch note line of a change, e.g. "Gooi en Vechtstreek: meldingen +35% t.o.v. vorig jaar (54 tegen 40)". */
export function changeNote(c: NotableChange): string {
  const who = c.region === 'NL' ? 'Landelijk' : c.regionName;
  if (c.measure === 'acuut') {
    const pts = `${c.change! > 0 ? '+' : ''}${c.change} procentpunt`;
    return `${who}: ${MEASURE_NL.acuut} ${pts} t.o.v. vorig jaar (${c.thisWeek}% tegen ${c.lastYear}%)`;
  }
  const pct = c.change === null ? 'nieuw' : `${c.change > 0 ? '+' : ''}${c.change}%`;
  return `${who}: ${MEASURE_NL[c.measure]} ${pct} t.o.v. vorig jaar (${c.thisWeek} tegen ${c.lastYear})`;
}

function sum(fs: readonly WeekFigures[]): WeekFigures {
  return fs.reduce((a, f) => ({ meldingen: a.meldingen + f.meldingen, adviezen: a.adviezen + f.adviezen, acuteMeldingen: a.acuteMeldingen + f.acuteMeldingen, chats: a.chats + f.chats }), { meldingen: 0, adviezen: 0, acuteMeldingen: 0, chats: 0 });
}
