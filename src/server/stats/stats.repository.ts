import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Read side of the figures counters (`stats_count`, migration 0016, ADR 0011). Every function here
 * reads counters only, never a record, so what it returns cannot name a person.
 */

/** Periods: ISO week (Monday start), calendar month, half-year, year; all in Amsterdam time. */
export const STATS_GRAINS = ['week', 'month', 'half-year', 'year'] as const;
export type StatsGrain = (typeof STATS_GRAINS)[number];

/** Measures kept as counters (see migration 0016 for what counts when). */
export const STATS_MEASURES = [
  'advies',
  'melding',
  'veiligheidsbeoordeling',
  'onderzoek',
  'veiligheidsvoorwaarden',
  'overdracht',
  'monitoring',
  'huisverbod',
  'aware',
  'afsluiting',
  'beoordeling',
  'onderzoek-besluit',
  'chat',
  'chat-wachttijd',
  'chat-duur',
  'codeword',
] as const;
export type StatsMeasure = (typeof STATS_MEASURES)[number];

/**
 * Dimensions. Which exist per measure:
 * - advies, melding: total, channel, reporterType, reporterGroup, violenceType, municipality, acute, flag;
 *   melding also assessment (outcome of the safety assessment: acuut, structureel, geen, onbekend, niet),
 *   repeat and duringMonitoring (value 'ja' only: the household knew an earlier melding; the melding
 *   flagged a case of its household in monitoring)
 * - event types: total; onderzoek also outcome; overdracht also partner
 * - beoordeling, onderzoek-besluit: total, timeliness ('op-tijd' / 'te-laat')
 * - chat: total, result, visitorGroup, outcome, topic; chat-wachttijd, chat-duur: total, bucket
 * - codeword: total, path
 * A dimension that a measure does not have simply returns no rows.
 */
export const STATS_DIMENSIONS = [
  'total',
  'channel',
  'reporterType',
  'reporterGroup',
  'violenceType',
  'municipality',
  'acute',
  'assessment',
  'repeat',
  'duringMonitoring',
  'flag',
  'outcome',
  'partner',
  'timeliness',
  'result',
  'visitorGroup',
  'topic',
  'bucket',
  'path',
] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

export interface StatsQuery {
  measures: readonly StatsMeasure[];
  dimension: StatsDimension;
  grain: StatsGrain;
  /**
   * ISO dates, inclusive: the periods whose first day lies in [start of the period holding `from`,
   * `to`]. So from=2025-01-01, to=2025-12-31, grain=year gives 2025; grain=week gives every ISO
   * week that starts in that range (the week of 2025-01-01 starts 2024-12-30 and is included).
   */
  from: string;
  to: string;
  /** One region code ('landelijk' for chats without a region), or null for all regions. */
  region: string | null;
  /** true: one row per region; false (default): summed over the selected regions. */
  byRegion?: boolean;
}

export interface StatsRow {
  measure: StatsMeasure;
  /** Label: '2025-W07', '2025-02', '2025-H1', '2025'. */
  period: string;
  /** First day of the period (ISO date). */
  periodStart: string;
  /** The region with byRegion, else null. */
  region: string | null;
  /** The dimension value ('' for total). */
  value: string;
  n: number;
  /** Summed seconds (chat-wachttijd, chat-duur); 0 elsewhere. Mean = seconds / n. */
  seconds: number;
}

const baseGrain = (g: StatsGrain): 'week' | 'month' | 'year' => (g === 'half-year' ? 'month' : g);

/** First day of the period of grain `g` that holds the ISO date `d`. */
export function periodStart(g: StatsGrain, d: string): string {
  const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
  if (g === 'year') return `${y}-01-01`;
  if (g === 'half-year') return `${y}-${m <= 6 ? '01' : '07'}-01`;
  if (g === 'month') return d.slice(0, 8) + '01';
  const date = new Date(`${d}T00:00:00Z`);
  const dow = (date.getUTCDay() + 6) % 7; // Monday 0
  date.setUTCDate(date.getUTCDate() - dow);
  return date.toISOString().slice(0, 10);
}

/** The label of the period of grain `g` starting on `start`. */
export function periodLabel(g: StatsGrain, start: string): string {
  if (g === 'year') return start.slice(0, 4);
  if (g === 'half-year') return `${start.slice(0, 4)}-H${Number(start.slice(5, 7)) <= 6 ? 1 : 2}`;
  if (g === 'month') return start.slice(0, 7);
  // ISO week number: the week's Thursday decides the year.
  const thursday = new Date(`${start}T00:00:00Z`);
  thursday.setUTCDate(thursday.getUTCDate() + 3);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.round((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000);
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function addDays(d: string, days: number): string {
  const date = new Date(`${d}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function addMonths(d: string, months: number): string {
  const date = new Date(`${d.slice(0, 8)}01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

/** Every period of grain `g` in the range (as StatsQuery), also those without counts: chart axes. */
export function periodsBetween(g: StatsGrain, from: string, to: string): { period: string; periodStart: string }[] {
  const out: { period: string; periodStart: string }[] = [];
  for (let s = periodStart(g, from); s <= to && out.length < 1000; s = nextPeriod(g, s)) out.push({ period: periodLabel(g, s), periodStart: s });
  return out;
}

function nextPeriod(g: StatsGrain, start: string): string {
  if (g === 'week') return addDays(start, 7);
  return addMonths(start, g === 'month' ? 1 : g === 'half-year' ? 6 : 12);
}

/**
 * The same range a year earlier: 52 weeks (364 days) back for weeks, so a week compares with the
 * same weekday-aligned ISO week of the year before; 12 months back otherwise.
 */
export function yearEarlier(g: StatsGrain, from: string, to: string): { from: string; to: string } {
  if (g === 'week') return { from: addDays(periodStart('week', from), -364), to: addDays(to, -364) };
  const shift = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;
  // 29 February has no twin: the 28th ends the range just the same.
  const toShifted = to.slice(5) === '02-29' ? `${Number(to.slice(0, 4)) - 1}-02-28` : shift(to);
  return { from: shift(periodStart(g, from)), to: toShifted };
}

/**
 * Counts per (measure, period, region?, dimension value) from the counters. Half-years and years
 * are sums of months. Rows with a zero count are left out.
 */
export async function statsCounts(db: Executor, q: StatsQuery): Promise<StatsRow[]> {
  return (await statsMany(db, { ...q, pairs: q.measures.map((m) => [m, q.dimension] as const), perPeriod: true })).map(({ dimension: _, ...r }) => r);
}

/** Totals over the whole range per (measure, region?, value): breakdowns such as "by channel". */
export async function statsTotals(db: Executor, q: StatsQuery): Promise<Omit<StatsRow, 'period' | 'periodStart'>[]> {
  return (await statsMany(db, { ...q, pairs: q.measures.map((m) => [m, q.dimension] as const), perPeriod: false })).map(({ dimension: _, period: __, periodStart: ___, ...r }) => r);
}

export interface StatsManyQuery extends Omit<StatsQuery, 'measures' | 'dimension'> {
  /** Several (measure, dimension) pairs in one query: a dashboard needs about twenty. */
  pairs: readonly (readonly [StatsMeasure, StatsDimension])[];
  /** true: per period (as statsCounts); false: totals over the range (period and periodStart ''). */
  perPeriod: boolean;
}

/** statsCounts / statsTotals for many (measure, dimension) pairs in one round trip. */
export async function statsMany(db: Executor, q: StatsManyQuery): Promise<(StatsRow & { dimension: StatsDimension })[]> {
  if (q.pairs.length === 0) return [];
  const grain = baseGrain(q.grain);
  const from = periodStart(q.grain, q.from);
  const periodExpr = !q.perPeriod
    ? sql`null::date`
    : q.grain === 'half-year'
        ? sql`make_date(extract(year from period)::int, case when extract(month from period) <= 6 then 1 else 7 end, 1)`
        : sql`period`;
  const regionSelect = q.byRegion ? sql`region_code` : sql`null::text`;
  // National figures read the 'NL' rows (the sum of all regions, kept by the triggers); one row per
  // region reads the regions' own rows. Separate statements rather than "(:region is null or ...)",
  // so that each gets the plan for its case (the primary key leads with measure, dimension, grain, period).
  const regionFilter = q.region !== null ? sql`and region_code = ${q.region}` : q.byRegion ? sql`and region_code <> 'NL'` : sql`and region_code = 'NL'`;
  const measures = [...new Set(q.pairs.map(([m]) => m))];
  const dimensions = [...new Set(q.pairs.map(([, d]) => d))];
  const { rows } = await sql<{ measure: StatsMeasure; dimension: StatsDimension; period_start: string | null; region: string | null; value: string; n: number | string; seconds: number | string }>`
    select measure, dimension, to_char(${periodExpr}, 'YYYY-MM-DD') as period_start, ${regionSelect} as region, value,
           sum(n)::bigint as n, sum(seconds)::bigint as seconds
      from stats_count
     where measure in (${sql.join(measures.map((m) => sql`${m}`))})
       and dimension in (${sql.join(dimensions.map((d) => sql`${d}`))})
       and (measure, dimension) in (${sql.join(q.pairs.map(([m, d]) => sql`(${m}, ${d})`))})
       and grain = ${grain}
       and period >= ${from}::date and period <= ${q.to}::date
       ${regionFilter}
     group by 1, 2, 3, 4, 5
    having sum(n) <> 0 or sum(seconds) <> 0
     order by 3, 1, 2, 4, 5`.execute(db);
  return rows.map((r) => ({
    measure: r.measure,
    dimension: r.dimension,
    period: r.period_start ? periodLabel(q.grain, r.period_start) : '',
    periodStart: r.period_start ?? '',
    region: r.region,
    value: r.value,
    n: Number(r.n),
    seconds: Number(r.seconds),
  }));
}
