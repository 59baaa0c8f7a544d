// Dashboard: every figures table of the dashboard (stats.dashboard.ts, read from the stats_count
// counters) over a national volume of records, against the same figures by a full scan of the
// records. The records are generated set-based (generate_series) with the counter triggers off,
// then the counters are rebuilt from the records once (signaal_stats_rebuild), as after a bulk load.
import { sql } from 'kysely';
import { openPGlite, openPostgres, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { CBS_TABLES } from '../domain/stats/cbs-tables.ts';
import { disclosureSettings } from '../domain/stats/disclosure-control.ts';
import { annualReport } from '../server/reports/annual-report.ts';
import { cbsTable } from '../server/reports/cbs-delivery.ts';
import { openDataYear } from '../server/reports/open-data.ts';
import { weeklyUpdate } from '../server/reports/weekly-update.ts';
import { dashboard } from '../server/stats/stats.dashboard.ts';
import { percentile, result, round, type BenchDb, type BenchOptions, type BenchResult } from './bench-support.ts';

/** The dashboard views an analyst opens: national and one region, per week, month and year. */
const VIEWS = [
  { region: null, grain: 'week', from: '2025-01-01', to: '2025-12-31' },
  { region: null, grain: 'month', from: '2024-01-01', to: '2025-12-31' },
  { region: 'VR14', grain: 'week', from: '2025-01-01', to: '2025-12-31' },
  { region: 'VR13', grain: 'year', from: '2024-01-01', to: '2025-12-31' },
] as const;

export async function benchDashboard(target: BenchDb, opts: BenchOptions): Promise<BenchResult[]> {
  // National scale on PostgreSQL; the embedded database (one WASM thread) gets a tenth. --quick
  // uses a sixtieth (PostgreSQL) or a hundredth (embedded), so the whole quick run fits 3 minutes:
  // it checks that every view works and shows the shape; the targets are judged at national scale.
  const full = !opts.quick && target.kind === 'postgres';
  const contacts = full ? 3_000_000 : opts.quick ? (target.kind === 'postgres' ? 50_000 : 30_000) : 300_000;
  const events = Math.round((contacts * 10) / 3);
  const database: Database = target.kind === 'pglite' ? await openPGlite(`${target.dataDir}/pglite`) : await openPostgres(target.url!, 4);
  try {
    await migrateToLatest(database.db);
    const db = database.db;
    opts.log(`dashboard (${target.kind}): generating ${contacts} contacts and ${events} events`);
    const t0 = performance.now();
    await sql`alter table contact disable trigger user`.execute(db);
    await sql`alter table contact_event disable trigger user`.execute(db);
    // Two years, 25 regions, municipalities of each region, every vocabulary value.
    await sql`
      with m as (select region_code, array_agg(municipality_code order by municipality_code) as codes
                 from municipality_classification where year = (select max(year) from municipality_classification) group by region_code),
           r as (select row_number() over (order by region_code) - 1 as k, region_code, codes from m)
      insert into contact (kind, received_at, region_code, municipality_code, channel, reporter_type, reporter_group, violence_type, summary, acute, flags, source, external_id)
      select case when i % 2 = 0 then 'melding' else 'advies' end,
             timestamptz '2024-01-01 08:00+01' + (i % 730) * interval '1 day' + (i % 11) * interval '1 hour',
             r.region_code, r.codes[1 + (i / 25) % array_length(r.codes, 1)],
             (array['telefoon','webformulier','chat','email','politie','overig'])[1 + i % 6],
             (array['beroepsmatig','particulier','onbekend'])[1 + i % 3],
             (array['onderwijs','politie','huisarts','burger','jeugdhulp','onbekend'])[1 + i % 6],
             case when i % 2 = 0 then (array['kindermishandeling','partnergeweld','ouderenmishandeling','geweld-tegen-ouders','huiselijk-geweld-overig'])[1 + i % 5] end,
             '', i % 17 = 0, '{}', 'bench', 'bench-' || i
      from generate_series(0, ${contacts - 1}) i join r on r.k = i % 25`.execute(db);
    await sql`
      insert into contact_event (contact_id, region_code, type, at, outcome, partner)
      select c.id, c.region_code, (array['veiligheidsbeoordeling','onderzoek','overdracht','monitoring','veiligheidsvoorwaarden','afsluiting'])[1 + (e.j + c.n) % 6],
             c.received_at + (e.j + 1) * interval '3 days',
             case when (e.j + c.n) % 6 = 1 then (array['bevestigd','niet-bevestigd','weerlegd'])[1 + c.n % 3] end,
             case when (e.j + c.n) % 6 = 2 then (array['lokaal-team','politie','vrouwenopvang'])[1 + c.n % 3] end
      from (select id, region_code, received_at, row_number() over () as n from contact where source = 'bench') c
      -- 4 events for every third contact, 3 for the others: 10 events per 3 contacts.
      cross join lateral generate_series(0, case when c.n % 3 = 0 then 3 else 2 end) e(j)`.execute(db);
    // The outcome of the safety assessment that the triggers of migration 0023 keep (off here, as
    // in a bulk load): assessed elsewhere, outcome not recorded, for meldingen with that event.
    await sql`
      update contact c set assessment = 'onbekend'
       where c.source = 'bench' and c.kind = 'melding'
         and exists (select 1 from contact_event e where e.contact_id = c.id and e.type = 'veiligheidsbeoordeling')`.execute(db);
    await sql`alter table contact enable trigger user`.execute(db);
    await sql`alter table contact_event enable trigger user`.execute(db);
    const loadMs = performance.now() - t0;
    opts.log(`dashboard (${target.kind}): rebuilding the counters`);
    const t1 = performance.now();
    await sql`select signaal_stats_rebuild()`.execute(db);
    const rebuildMs = performance.now() - t1;
    if (target.kind === 'postgres') await sql`analyze`.execute(db);
    const counted = await sql<{ c: number; e: number }>`select (select count(*) from contact) as c, (select count(*) from contact_event) as e`.execute(db);
    const { c, e } = counted.rows[0]!;

    opts.log(`dashboard (${target.kind}): every dashboard view from the counters`);
    const runs = opts.quick ? 5 : 20;
    const times: number[] = [];
    for (let k = 0; k < runs; k++) {
      for (const view of VIEWS) {
        const t = performance.now();
        const d = await dashboard(db, view);
        times.push(performance.now() - t);
        if (d.tables.length === 0) throw new Error('dashboard: no tables');
      }
    }
    times.sort((a, b) => a - b);

    // The published reports over the same data: the annual report of a region, the weekly update,
    // open data of a year and every CBS table of a half-year (all regions), each timed alone.
    opts.log(`dashboard (${target.kind}): the published reports`);
    const settings = disclosureSettings(10, 5);
    const reports: [string, () => Promise<unknown>][] = [
      ['annual report VR14 2025', () => annualReport(db, 'VR14', 2025)],
      ['weekly update 2025-W20', () => weeklyUpdate(db, { year: 2025, week: 20 })],
      ['open data 2025', () => openDataYear(db, 2025, settings)],
      ...CBS_TABLES.map((t): [string, () => Promise<unknown>] => [`CBS ${t.id} 2025-H1`, () => cbsTable(db, t.id, { year: 2025, half: 1 }, settings)]),
    ];
    const reportTimes: [string, number][] = [];
    for (const [name, run] of reports) {
      await run(); // warm
      const t = performance.now();
      await run();
      reportTimes.push([name, performance.now() - t]);
    }
    const slowest = reportTimes.reduce((a, b) => (b[1] > a[1] ? b : a));

    // The same figures of the contacts and follow-up tables by scanning the records: per period
    // and per dimension in range and a year earlier, for the same views.
    opts.log(`dashboard (${target.kind}): the same figures by a full scan`);
    const scans: number[] = [];
    for (const view of VIEWS) {
      const t = performance.now();
      await scanView(database, view);
      scans.push(performance.now() - t);
    }
    scans.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    const scanMedian = percentile(scans, 50);
    const aggMedian = percentile(times, 50);
    const share = Math.round(3_000_000 / contacts);
    const scale = `${c} contacts, ${e} events${full ? '' : ` (1/${share} of the national volume${opts.quick ? ', --quick' : ''}: the ratio target is judged at national scale only)`}; generated in ${round(loadMs / 1000)} s, counters rebuilt in ${round(rebuildMs / 1000)} s`;
    return [
      result({ scenario: 'dashboard', db: target.kind, metric: 'p95_ms per dashboard view', value: round(p95), baseline: null, target: '<= 200 ms', met: p95 <= 200, note: `${VIEWS.length} views x ${runs}, all ${'14'} tables each; ${scale}` }),
      result({ scenario: 'dashboard', db: target.kind, metric: 'reports max_ms', value: round(slowest[1]), baseline: null, target: '<= 200 ms', met: slowest[1] <= 200, note: `${reportTimes.map(([n, t]) => `${n} ${round(t)} ms`).join('; ')}` }),
      result({ scenario: 'dashboard', db: target.kind, metric: 'scan/aggregate median ms', value: round(scanMedian), baseline: round(aggMedian), target: 'ratio >= 20', met: full ? scanMedian / aggMedian >= 20 : null, note: 'value = full scan of the records for the contacts and follow-up figures of a view; baseline = the whole dashboard view from the counters' }),
    ];
  } finally {
    await database.close();
  }
}

async function scanView(database: Database, view: (typeof VIEWS)[number]): Promise<void> {
  const db = database.db;
  const grain = view.grain === 'year' ? 'year' : view.grain;
  const earlierFrom = `${Number(view.from.slice(0, 4)) - 1}${view.from.slice(4)}`;
  const region = view.region;
  const inRange = (col: string, from: string, to: string) => sql.raw(`${col} >= '${from}'::date and ${col} < '${to}'::date + 1`);
  for (const [from, to] of [[view.from, view.to], [earlierFrom, `${Number(view.to.slice(0, 4)) - 1}${view.to.slice(4)}`]] as const) {
    const where = sql`${inRange('received_at', from, to)} ${region ? sql`and region_code = ${region}` : sql``}`;
    await sql`select date_trunc(${grain}, received_at at time zone 'Europe/Amsterdam') p, kind, count(*) from contact where ${where} group by 1, 2`.execute(db);
    for (const dim of ['channel', 'reporter_group', 'violence_type', 'municipality_code', 'region_code']) {
      await sql`select kind, ${sql.ref(dim)}, count(*) from contact where ${where} group by 1, 2`.execute(db);
    }
    const ev = sql`${inRange('e.at', from, to)} ${region ? sql`and e.region_code = ${region}` : sql``}`;
    await sql`select date_trunc(${grain}, e.at at time zone 'Europe/Amsterdam') p, e.type, e.outcome, e.partner, count(*) from contact_event e where ${ev} group by 1, 2, 3, 4`.execute(db);
  }
}
