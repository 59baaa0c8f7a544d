import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { CHANNELS, REPORTER_GROUPS, VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { AppError } from '../errors.ts';
import { classificationYearFor } from '../regions/region.repository.ts';
import { percentHalfUp } from '../reports/annual-report.ts';
import { periodsBetween, statsMany, yearEarlier, type StatsGrain, type StatsMeasure, type StatsQuery } from './stats.repository.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export type StatsErrorCode = 'unknown_region' | 'range_too_long';
export class StatsError extends AppError<StatsErrorCode> {}

/** The dashboard tables, in the order the console shows them. */
export const DASHBOARD_TABLES = [
  'contacten',
  'kanaal',
  'melder',
  'geweldsvorm',
  'gemeente',
  'regio',
  'beoordeling',
  'onderzoek',
  'overdracht',
  'vervolg',
  'chat',
  'meldcode',
  'codewoord',
  'opvang',
] as const;
export type DashboardTableId = (typeof DASHBOARD_TABLES)[number];

export type CellKind = 'label' | 'count' | 'percent' | 'minutes';
export interface DashboardColumn {
  key: string;
  kind: CellKind;
}
export interface DashboardTable {
  id: DashboardTableId;
  /** line: a series per period; bar: a breakdown. `series` names the columns drawn. */
  chart: { type: 'line' | 'bar'; category: string; series: string[] };
  columns: DashboardColumn[];
  rows: (string | number | null)[][];
}

export interface DashboardQuery {
  /** A region code, or null for the whole country. */
  region: string | null;
  grain: StatsGrain;
  from: string;
  to: string;
}

export interface Dashboard {
  region: { code: string; name: string } | null;
  grain: StatsGrain;
  from: string;
  to: string;
  /** The comparison range a year earlier. */
  earlier: { from: string; to: string };
  tables: DashboardTable[];
}

/** Column labels for downloads (the console translates the keys itself). */
export const COLUMN_LABELS_NL: Record<string, string> = {
  periode: 'Periode',
  waarde: 'Categorie',
  code: 'Code',
  naam: 'Naam',
  adviezen: 'Adviezen',
  meldingen: 'Meldingen',
  totaal: 'Totaal',
  adviezenVorigJaar: 'Adviezen een jaar eerder',
  meldingenVorigJaar: 'Meldingen een jaar eerder',
  totaalVorigJaar: 'Totaal een jaar eerder',
  procent: 'Procent van meldingen',
  beoordeeld: 'Veiligheidsbeoordelingen',
  opTijd: 'Op tijd (5 werkdagen)',
  teLaat: 'Te laat',
  procentOpTijd: 'Procent op tijd (norm 90)',
  onderzoeken: 'Onderzoeken',
  bevestigd: 'Bevestigd',
  nietBevestigd: 'Niet bevestigd',
  weerlegd: 'Weerlegd',
  besluiten: 'Onderzoeken afgerond',
  besluitOpTijdProcent: 'Procent binnen 10 weken (norm 80)',
  overdrachten: 'Overdrachten',
  overdrachtenVorigJaar: 'Overdrachten een jaar eerder',
  veiligheidsvoorwaarden: 'Veiligheidsvoorwaarden',
  monitoring: 'Monitoring',
  huisverboden: 'Tijdelijke huisverboden',
  aware: 'Aware toegekend',
  chats: 'Chats',
  bediend: 'Bediend',
  afgehaakt: 'Afgehaakt',
  berichten: 'Berichten buiten openingstijd',
  wachttijdMinuten: 'Gemiddelde wachttijd (minuten)',
  duurMinuten: 'Gemiddelde duur (minuten)',
  aantal: 'Aantal',
  alleen: 'Alleen',
  begeleid: 'Begeleid',
  acuut: 'Acuut',
  plaatsen: 'Plaatsen',
  bezet: 'Bezet',
  procentBezet: 'Procent bezet',
  zoekvragen: 'Zoekvragen',
  zonderPlek: 'Zonder plek',
};

const MAX_PERIODS = 600;

/** Sum of n per key of a row list. */
function sumBy<T extends { n: number }>(rows: T[], key: (r: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.n);
  return m;
}

const pct = (part: number, whole: number): number | null => (whole === 0 ? null : percentHalfUp(part, whole));
const minutes = (seconds: number, n: number): number | null => (n === 0 ? null : Math.round((seconds / n / 60) * 10) / 10);

/**
 * Every dashboard table for one region (or the country), grain and range, from the counters and
 * the person-free figures tables (meldcode_usage, shelter_capacity, shelter_request) only.
 */
export async function dashboard(db: Executor, q: DashboardQuery): Promise<Dashboard> {
  let region: Dashboard['region'] = null;
  if (q.region) {
    const r = await db.selectFrom('region').select(['code', 'name']).where('code', '=', q.region).executeTakeFirst();
    if (!r) throw new StatsError(404, 'unknown_region', `Onbekende regio: ${q.region}`);
    region = r;
  }
  const periods = periodsBetween(q.grain, q.from, q.to);
  if (periods.length >= MAX_PERIODS) throw new StatsError(400, 'range_too_long', 'Kies een kortere periode of een grotere periode-eenheid.');
  const earlier = yearEarlier(q.grain, q.from, q.to);
  const base = { grain: q.grain, from: q.from, to: q.to, region: q.region };

  // Everything in a handful of queries (one round trip each), then the tables are put together
  // from these rows: at national scale the round trips, not the sums, are what costs time.
  const contactKinds: StatsMeasure[] = ['advies', 'melding'];
  const breakdowns: StatsQuery['dimension'][] = ['channel', 'reporterGroup', 'violenceType', 'municipality'];
  const totalPairs = [...breakdowns.flatMap((d) => contactKinds.map((m) => [m, d] as const)), ['overdracht', 'partner'] as const];
  const seriesPairs = [
    ['advies', 'total'], ['melding', 'total'], ['beoordeling', 'timeliness'], ['onderzoek', 'outcome'], ['onderzoek-besluit', 'timeliness'],
    ['veiligheidsvoorwaarden', 'total'], ['monitoring', 'total'], ['huisverbod', 'total'], ['aware', 'total'],
    ['chat', 'result'], ['chat-wachttijd', 'total'], ['chat-duur', 'total'], ['codeword', 'path'],
  ] as const;
  const [curSeries, oldSeries, curTotals, oldTotals, curRegions, oldRegions] = [
    await statsMany(db, { ...base, pairs: seriesPairs, perPeriod: true }),
    await statsMany(db, { ...base, ...earlier, pairs: [['advies', 'total'], ['melding', 'total']], perPeriod: true }),
    await statsMany(db, { ...base, pairs: totalPairs, perPeriod: false }),
    await statsMany(db, { ...base, ...earlier, pairs: totalPairs, perPeriod: false }),
    q.region ? [] : await statsMany(db, { ...base, byRegion: true, pairs: [['advies', 'total'], ['melding', 'total']], perPeriod: false }),
    q.region ? [] : await statsMany(db, { ...base, ...earlier, byRegion: true, pairs: [['advies', 'total'], ['melding', 'total']], perPeriod: false }),
  ];
  const pick = (rows: Awaited<ReturnType<typeof statsMany>>, measures: StatsMeasure[], dimension: StatsQuery['dimension']) =>
    rows.filter((r) => r.dimension === dimension && measures.includes(r.measure));
  const isEarlier = (range: { from: string; to: string }) => range !== q;
  const series = (measures: StatsMeasure[], dimension: StatsQuery['dimension'], range: { from: string; to: string } = q) =>
    Promise.resolve(pick(isEarlier(range) ? oldSeries : curSeries, measures, dimension));
  const totals = (measures: StatsMeasure[], dimension: StatsQuery['dimension'], range: { from: string; to: string } = q, byRegion = false) =>
    Promise.resolve(pick(byRegion ? (isEarlier(range) ? oldRegions : curRegions) : isEarlier(range) ? oldTotals : curTotals, measures, dimension));

  const tables: DashboardTable[] = [];

  // Adviezen and meldingen per period, against the same period a year earlier.
  const now = sumBy(await series(['advies', 'melding'], 'total'), (r) => `${r.measure}|${r.periodStart}`);
  const before = await series(['advies', 'melding'], 'total', earlier);
  const earlierPeriods = periodsBetween(q.grain, earlier.from, earlier.to);
  const beforeByIndex = sumBy(before, (r) => `${r.measure}|${earlierPeriods.findIndex((p) => p.periodStart === r.periodStart)}`);
  tables.push({
    id: 'contacten',
    chart: { type: 'line', category: 'periode', series: ['adviezen', 'meldingen', 'adviezenVorigJaar', 'meldingenVorigJaar'] },
    columns: [
      { key: 'periode', kind: 'label' },
      { key: 'adviezen', kind: 'count' },
      { key: 'meldingen', kind: 'count' },
      { key: 'adviezenVorigJaar', kind: 'count' },
      { key: 'meldingenVorigJaar', kind: 'count' },
    ],
    rows: periods.map((p, i) => [
      p.period,
      now.get(`advies|${p.periodStart}`) ?? 0,
      now.get(`melding|${p.periodStart}`) ?? 0,
      beforeByIndex.get(`advies|${i}`) ?? 0,
      beforeByIndex.get(`melding|${i}`) ?? 0,
    ]),
  });

  // Breakdowns of adviezen and meldingen over the range.
  const breakdown = async (id: DashboardTableId, dimension: StatsQuery['dimension'], order: readonly string[]) => {
    const cur = await totals(['advies', 'melding'], dimension);
    const old = await totals(['advies', 'melding'], dimension, earlier);
    const by = sumBy(cur, (r) => `${r.measure}|${r.value}`);
    const oldBy = sumBy(old, (r) => r.value);
    const values = [...new Set([...order, ...cur.map((r) => r.value), ...old.map((r) => r.value)])].filter(
      (v) => order.includes(v) || by.has(`advies|${v}`) || by.has(`melding|${v}`) || oldBy.has(v),
    );
    tables.push({
      id,
      chart: { type: 'bar', category: 'waarde', series: ['adviezen', 'meldingen', 'totaalVorigJaar'] },
      columns: [
        { key: 'waarde', kind: 'label' },
        { key: 'adviezen', kind: 'count' },
        { key: 'meldingen', kind: 'count' },
        { key: 'totaal', kind: 'count' },
        { key: 'totaalVorigJaar', kind: 'count' },
      ],
      rows: values.map((v) => {
        const a = by.get(`advies|${v}`) ?? 0;
        const m = by.get(`melding|${v}`) ?? 0;
        return [v, a, m, a + m, oldBy.get(v) ?? 0];
      }),
    });
  };
  await breakdown('kanaal', 'channel', CHANNELS);
  await breakdown('melder', 'reporterGroup', REPORTER_GROUPS);

  // Meldingen by type of violence, with their share.
  {
    const cur = sumBy(await totals(['melding'], 'violenceType'), (r) => r.value);
    const old = sumBy(await totals(['melding'], 'violenceType', earlier), (r) => r.value);
    const all = [...cur.values()].reduce((s, n) => s + n, 0);
    tables.push({
      id: 'geweldsvorm',
      chart: { type: 'bar', category: 'waarde', series: ['meldingen', 'meldingenVorigJaar'] },
      columns: [
        { key: 'waarde', kind: 'label' },
        { key: 'meldingen', kind: 'count' },
        { key: 'procent', kind: 'percent' },
        { key: 'meldingenVorigJaar', kind: 'count' },
      ],
      rows: VIOLENCE_TYPES.map((v) => [v, cur.get(v) ?? 0, pct(cur.get(v) ?? 0, all) ?? 0, old.get(v) ?? 0]),
    });
  }

  // Per municipality (the region's own first, by name), or per region for the country.
  const names = await municipalityNames(db, Number(q.to.slice(0, 4)));
  {
    const cur = await totals(['advies', 'melding'], 'municipality');
    const old = sumBy(await totals(['advies', 'melding'], 'municipality', earlier), (r) => r.value);
    const by = sumBy(cur, (r) => `${r.measure}|${r.value}`);
    const own = q.region ? [...names].filter(([, m]) => m.region === q.region).map(([code]) => code) : [];
    const codes = [...new Set([...own, ...cur.map((r) => r.value), ...old.keys()])];
    const collator = new Intl.Collator('nl');
    codes.sort((a, b) => (a === 'onbekend' ? 1 : b === 'onbekend' ? -1 : collator.compare(names.get(a)?.name ?? a, names.get(b)?.name ?? b)));
    tables.push({
      id: 'gemeente',
      chart: { type: 'bar', category: 'naam', series: ['adviezen', 'meldingen'] },
      columns: [
        { key: 'code', kind: 'label' },
        { key: 'naam', kind: 'label' },
        { key: 'adviezen', kind: 'count' },
        { key: 'meldingen', kind: 'count' },
        { key: 'totaal', kind: 'count' },
        { key: 'totaalVorigJaar', kind: 'count' },
      ],
      rows: codes.map((c) => {
        const a = by.get(`advies|${c}`) ?? 0;
        const m = by.get(`melding|${c}`) ?? 0;
        return [c === 'onbekend' ? null : c, c === 'onbekend' ? 'Onbekend' : (names.get(c)?.name ?? c), a, m, a + m, old.get(c) ?? 0];
      }),
    });
  }
  if (!q.region) {
    const regions = await db.selectFrom('region').select(['code', 'name']).orderBy('code').execute();
    const cur = sumBy(await totals(['advies', 'melding'], 'total', q, true), (r) => `${r.measure}|${r.region}`);
    const old = sumBy(await totals(['advies', 'melding'], 'total', earlier, true), (r) => r.region ?? '');
    tables.push({
      id: 'regio',
      chart: { type: 'bar', category: 'code', series: ['adviezen', 'meldingen'] },
      columns: [
        { key: 'code', kind: 'label' },
        { key: 'naam', kind: 'label' },
        { key: 'adviezen', kind: 'count' },
        { key: 'meldingen', kind: 'count' },
        { key: 'totaal', kind: 'count' },
        { key: 'totaalVorigJaar', kind: 'count' },
      ],
      rows: regions.map((r) => {
        const a = cur.get(`advies|${r.code}`) ?? 0;
        const m = cur.get(`melding|${r.code}`) ?? 0;
        return [r.code, r.name, a, m, a + m, old.get(r.code) ?? 0];
      }),
    });
  }

  // Safety assessments and their 5-working-day norm.
  {
    const rows = sumBy(await series(['beoordeling'], 'timeliness'), (r) => `${r.value}|${r.periodStart}`);
    tables.push({
      id: 'beoordeling',
      chart: { type: 'line', category: 'periode', series: ['opTijd', 'teLaat'] },
      columns: [
        { key: 'periode', kind: 'label' },
        { key: 'beoordeeld', kind: 'count' },
        { key: 'opTijd', kind: 'count' },
        { key: 'teLaat', kind: 'count' },
        { key: 'procentOpTijd', kind: 'percent' },
      ],
      rows: periods.map((p) => {
        const on = rows.get(`op-tijd|${p.periodStart}`) ?? 0;
        const late = rows.get(`te-laat|${p.periodStart}`) ?? 0;
        return [p.period, on + late, on, late, pct(on, on + late)];
      }),
    });
  }

  // Investigations started and their outcomes; conclusions within 10 weeks.
  {
    const started = sumBy(await series(['onderzoek'], 'outcome'), (r) => `${r.value}|${r.periodStart}`);
    const concluded = sumBy(await series(['onderzoek-besluit'], 'timeliness'), (r) => `${r.value}|${r.periodStart}`);
    tables.push({
      id: 'onderzoek',
      chart: { type: 'line', category: 'periode', series: ['onderzoeken', 'bevestigd', 'nietBevestigd', 'weerlegd'] },
      columns: [
        { key: 'periode', kind: 'label' },
        { key: 'onderzoeken', kind: 'count' },
        { key: 'bevestigd', kind: 'count' },
        { key: 'nietBevestigd', kind: 'count' },
        { key: 'weerlegd', kind: 'count' },
        { key: 'besluiten', kind: 'count' },
        { key: 'besluitOpTijdProcent', kind: 'percent' },
      ],
      rows: periods.map((p) => {
        const get = (m: Map<string, number>, v: string) => m.get(`${v}|${p.periodStart}`) ?? 0;
        const all = ['bevestigd', 'niet-bevestigd', 'weerlegd', 'onbekend'].reduce((s, v) => s + get(started, v), 0);
        const decided = ['op-tijd', 'te-laat', 'onbekend'].reduce((s, v) => s + get(concluded, v), 0);
        return [p.period, all, get(started, 'bevestigd'), get(started, 'niet-bevestigd'), get(started, 'weerlegd'), decided, pct(get(concluded, 'op-tijd'), decided)];
      }),
    });
  }

  // Handovers by partner type.
  {
    const cur = sumBy(await totals(['overdracht'], 'partner'), (r) => r.value);
    const old = sumBy(await totals(['overdracht'], 'partner', earlier), (r) => r.value);
    const values = [...new Set([...cur.keys(), ...old.keys()])].sort();
    tables.push({
      id: 'overdracht',
      chart: { type: 'bar', category: 'waarde', series: ['overdrachten', 'overdrachtenVorigJaar'] },
      columns: [
        { key: 'waarde', kind: 'label' },
        { key: 'overdrachten', kind: 'count' },
        { key: 'overdrachtenVorigJaar', kind: 'count' },
      ],
      rows: values.map((v) => [v, cur.get(v) ?? 0, old.get(v) ?? 0]),
    });
  }

  // Follow-up: safety conditions, monitoring, restraining orders, Aware.
  {
    const rows = sumBy(await series(['veiligheidsvoorwaarden', 'monitoring', 'huisverbod', 'aware'], 'total'), (r) => `${r.measure}|${r.periodStart}`);
    tables.push({
      id: 'vervolg',
      chart: { type: 'line', category: 'periode', series: ['veiligheidsvoorwaarden', 'monitoring', 'huisverboden', 'aware'] },
      columns: [
        { key: 'periode', kind: 'label' },
        { key: 'veiligheidsvoorwaarden', kind: 'count' },
        { key: 'monitoring', kind: 'count' },
        { key: 'huisverboden', kind: 'count' },
        { key: 'aware', kind: 'count' },
      ],
      rows: periods.map((p) => [
        p.period,
        rows.get(`veiligheidsvoorwaarden|${p.periodStart}`) ?? 0,
        rows.get(`monitoring|${p.periodStart}`) ?? 0,
        rows.get(`huisverbod|${p.periodStart}`) ?? 0,
        rows.get(`aware|${p.periodStart}`) ?? 0,
      ]),
    });
  }

  // Chat: volume, result, mean waiting and duration.
  {
    const result = sumBy(await series(['chat'], 'result'), (r) => `${r.value}|${r.periodStart}`);
    const timing = await series(['chat-wachttijd', 'chat-duur'], 'total');
    const t = new Map(timing.map((r) => [`${r.measure}|${r.periodStart}`, r]));
    tables.push({
      id: 'chat',
      chart: { type: 'line', category: 'periode', series: ['chats', 'bediend', 'afgehaakt', 'berichten'] },
      columns: [
        { key: 'periode', kind: 'label' },
        { key: 'chats', kind: 'count' },
        { key: 'bediend', kind: 'count' },
        { key: 'afgehaakt', kind: 'count' },
        { key: 'berichten', kind: 'count' },
        { key: 'wachttijdMinuten', kind: 'minutes' },
        { key: 'duurMinuten', kind: 'minutes' },
      ],
      rows: periods.map((p) => {
        const get = (v: string) => result.get(`${v}|${p.periodStart}`) ?? 0;
        const w = t.get(`chat-wachttijd|${p.periodStart}`);
        const d = t.get(`chat-duur|${p.periodStart}`);
        return [p.period, get('bediend') + get('afgehaakt') + get('bericht') + get('wachtend'), get('bediend'), get('afgehaakt'), get('bericht'), w ? minutes(w.seconds, w.n) : null, d ? minutes(d.seconds, d.n) : null];
      }),
    });
  }

  // Meldcode tool use (kept per month by the tool itself) over the months of the range.
  {
    const { rows } = await sql<{ event: string; n: number | string }>`
      select event, sum(count)::bigint as n from meldcode_usage
       where month >= date_trunc('month', ${q.from}::date) and month <= ${q.to}::date
         and (${q.region}::text is null or region_code = ${q.region}::text)
       group by 1 order by 1`.execute(db);
    tables.push({
      id: 'meldcode',
      chart: { type: 'bar', category: 'waarde', series: ['aantal'] },
      columns: [
        { key: 'waarde', kind: 'label' },
        { key: 'aantal', kind: 'count' },
      ],
      rows: rows.map((r) => [r.event, Number(r.n)]),
    });
  }

  // Codeword (Masker 19) uses per period and path.
  {
    const rows = sumBy(await series(['codeword'], 'path'), (r) => `${r.value}|${r.periodStart}`);
    tables.push({
      id: 'codewoord',
      chart: { type: 'line', category: 'periode', series: ['alleen', 'begeleid', 'acuut'] },
      columns: [
        { key: 'periode', kind: 'label' },
        { key: 'alleen', kind: 'count' },
        { key: 'begeleid', kind: 'count' },
        { key: 'acuut', kind: 'count' },
        { key: 'totaal', kind: 'count' },
      ],
      rows: periods.map((p) => {
        const get = (v: string) => rows.get(`${v}|${p.periodStart}`) ?? 0;
        return [p.period, get('alleen'), get('begeleid'), get('acuut'), get('alleen') + get('begeleid') + get('acuut')];
      }),
    });
  }

  // Shelter places now, and searches in the range with and without a place, per region.
  {
    const { rows } = await sql<{ region_code: string; places: number | null; occupied: number | null; searches: number | null; without: number | null }>`
      with cap as (
        select region_code, sum(regular_places + crisis_places)::int as places, sum(regular_occupied + crisis_occupied)::int as occupied
          from shelter_capacity group by 1
      ), req as (
        select region_code, count(*)::int as searches, count(*) filter (where not found)::int as without
          from shelter_request
         where at >= (${q.from}::date::timestamp at time zone 'Europe/Amsterdam')
           and at < ((${q.to}::date + 1)::timestamp at time zone 'Europe/Amsterdam')
         group by 1
      )
      select coalesce(cap.region_code, req.region_code) as region_code, cap.places, cap.occupied, req.searches, req.without
        from cap full join req on req.region_code = cap.region_code
       where ${q.region}::text is null or coalesce(cap.region_code, req.region_code) = ${q.region}::text
       order by 1`.execute(db);
    tables.push({
      id: 'opvang',
      chart: { type: 'bar', category: 'code', series: ['plaatsen', 'bezet', 'zonderPlek'] },
      columns: [
        { key: 'code', kind: 'label' },
        { key: 'plaatsen', kind: 'count' },
        { key: 'bezet', kind: 'count' },
        { key: 'procentBezet', kind: 'percent' },
        { key: 'zoekvragen', kind: 'count' },
        { key: 'zonderPlek', kind: 'count' },
      ],
      rows: rows.map((r) => [r.region_code, r.places ?? 0, r.occupied ?? 0, pct(r.occupied ?? 0, r.places ?? 0), r.searches ?? 0, r.without ?? 0]),
    });
  }

  return { region, grain: q.grain, from: q.from, to: q.to, earlier, tables };
}

/** Names (and regions) of municipalities in the classification of a year. */
async function municipalityNames(db: Executor, year: number): Promise<Map<string, { name: string; region: string }>> {
  const classification = await classificationYearFor(db, year);
  const rows = await db
    .selectFrom('municipality_classification')
    .select(['municipality_code', 'municipality_name', 'region_code'])
    .where('year', '=', classification)
    .execute();
  return new Map(rows.map((r) => [r.municipality_code, { name: r.municipality_name, region: r.region_code }]));
}

/** One table as CSV (semicolon separated, as Dutch spreadsheet programs expect; labels in Dutch). */
export function tableCsv(table: DashboardTable): string {
  const cell = (v: string | number | null): string => {
    if (v === null) return '';
    const s = String(v);
    // Quote everything textual, and neutralise leading formula characters (CSV injection).
    const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return typeof v === 'number' ? s : `"${safe.replace(/"/g, '""')}"`;
  };
  const header = table.columns.map((c) => cell(COLUMN_LABELS_NL[c.key] ?? c.key)).join(';');
  return [header, ...table.rows.map((r) => r.map(cell).join(';'))].join('\r\n') + '\r\n';
}
