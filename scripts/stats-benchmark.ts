/**
 * Figures at national scale (issue 8): loads ten years of invented national data into a scratch
 * PostgreSQL database (default 3 million contacts and 10 million events), builds the counters, and
 * times every dashboard and the annual report, and the cost the counters add to a single insert.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx scripts/stats-benchmark.ts
 *   (BENCH_CONTACTS, BENCH_EVENTS to scale; the scratch database is dropped afterwards)
 *
 * Loading runs with triggers off (session_replication_role = replica, superuser) and then
 * signaal_stats_rebuild(): the same result as the triggers, much faster for a bulk load.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { openPostgres } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { annualReport } from '../src/server/reports/annual-report.ts';
import { dashboard } from '../src/server/stats/stats.dashboard.ts';

const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!base) throw new Error('set BENCH_DATABASE_URL');
const contacts = Number(process.env.BENCH_CONTACTS ?? 3_000_000);
const events = Number(process.env.BENCH_EVENTS ?? 10_000_000);
// BENCH_DB_NAME with BENCH_KEEP=1 keeps the loaded database for a later run, which then only measures.
const name = process.env.BENCH_DB_NAME ?? `signaal_bench_${process.pid}`;
const keep = process.env.BENCH_KEEP === '1';
const url = new URL(base);
url.pathname = `/${name}`;

const admin = new pg.Client({ connectionString: base });
await admin.connect();
const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
if (!exists) await admin.query(`CREATE DATABASE ${name}`);
const database = await openPostgres(url.toString(), 4);
const db = database.db;
const time = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const r = await fn();
  console.log(`${label}: ${Math.round(performance.now() - t)} ms`);
  return r;
};
try {
  await migrateToLatest(db);
  if (!exists) await load();
  if (process.env.BENCH_SYNTHETIC_COUNTERS === '1') await syntheticCounters();
  await measure();
} finally {
  await database.close();
  if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

async function load(): Promise<void> {
  await db.connection().execute(async (c) => {
    await sql`set session_replication_role = replica`.execute(c);
    await time(`load ${contacts} contacts`, () =>
      sql`
      insert into contact (kind, received_at, region_code, municipality_code, channel, reporter_type, reporter_group, violence_type, acute)
      with mun as (
        select region_code, array_agg(municipality_code order by municipality_code) as codes
          from municipality_classification where year = (select max(year) from municipality_classification) group by region_code
      ), regions as (select array_agg(region_code order by region_code) as codes from mun)
      select case when random() < 0.47 then 'advies' else 'melding' end,
             timestamptz '2016-01-01 00:00+01' + random() * interval '3652 days',
             m.region_code, m.codes[1 + floor(random() * cardinality(m.codes))::int],
             (array['telefoon', 'politie', 'politie', 'chat', 'webformulier', 'email', 'overig'])[1 + floor(random() * 7)::int],
             (array['beroepsmatig', 'particulier', 'onbekend'])[1 + floor(random() * 3)::int],
             (array['politie', 'onderwijs', 'huisarts', 'ggz', 'jeugdhulp', 'burger', 'onbekend'])[1 + floor(random() * 7)::int],
             (array['kindermishandeling', 'partnergeweld', 'ouderenmishandeling', 'geweld-tegen-ouders', 'huiselijk-geweld-overig'])[1 + floor(random() * 5)::int],
             random() < 0.08
        from generate_series(1, ${contacts}) g
        cross join regions r
        join mun m on m.region_code = r.codes[1 + (g % cardinality(r.codes))]`.execute(c),
    );
    await time(`load ${events} events`, () =>
      sql`
      insert into contact_event (contact_id, region_code, type, at, outcome, partner)
      select c.id, c.region_code, e.type, c.received_at + random() * interval '60 days',
             case when e.type = 'onderzoek' then (array['bevestigd', 'niet-bevestigd', 'weerlegd'])[1 + floor(random() * 3)::int] end,
             case when e.type = 'overdracht' then (array['lokaal-team', 'gi', 'rvdk', 'mda'])[1 + floor(random() * 4)::int] end
        from (select id, region_code, received_at, row_number() over () as rn from contact) c
        cross join lateral (select (array['veiligheidsbeoordeling', 'onderzoek', 'veiligheidsvoorwaarden', 'overdracht', 'monitoring', 'huisverbod', 'aware', 'afsluiting'])[1 + ((c.rn * 7 + k) % 8)::int] as type
                              from generate_series(1, ${Math.ceil(events / contacts)}) k) e
       limit ${events}`.execute(c),
    );
    await sql`set session_replication_role = origin`.execute(c);
  });
  const rows = await time('signaal_stats_rebuild()', async () => (await sql<{ n: number }>`select signaal_stats_rebuild() as n`.execute(db)).rows[0]!.n);
  console.log(`counter rows: ${rows}`);
  await sql`analyze`.execute(db);
}

/**
 * Counter rows as ten years of national data fill them (every region, week and month, and every
 * value of every dimension), with random counts: for measuring the dashboards when building the
 * counters from loaded records takes too long on the machine at hand. Replaces the counters.
 */
async function syntheticCounters(): Promise<void> {
  await time('synthetic counters', () =>
    sql`
    delete from stats_count;
    insert into stats_count (measure, dimension, grain, period, region_code, value, n, seconds)
    with dims(measure, dimension, vals) as (values
      ('advies', 'total', array['']), ('melding', 'total', array['']),
      ('advies', 'channel', array['telefoon', 'chat', 'webformulier', 'email', 'politie', 'meldcode', 'apotheek', 'overig']),
      ('melding', 'channel', array['telefoon', 'chat', 'webformulier', 'email', 'politie', 'meldcode', 'apotheek', 'overig']),
      ('advies', 'reporterType', array['beroepsmatig', 'particulier', 'onbekend']), ('melding', 'reporterType', array['beroepsmatig', 'particulier', 'onbekend']),
      ('advies', 'reporterGroup', array['preventieve-basisvoorzieningen', 'huisarts', 'gezondheidszorg-overig', 'ggz', 'kinderopvang', 'onderwijs', 'jeugdhulp', 'politie', 'justitie', 'maatschappelijk-werk', 'beroepsmatig-overig', 'burger', 'onbekend']),
      ('melding', 'reporterGroup', array['preventieve-basisvoorzieningen', 'huisarts', 'gezondheidszorg-overig', 'ggz', 'kinderopvang', 'onderwijs', 'jeugdhulp', 'politie', 'justitie', 'maatschappelijk-werk', 'beroepsmatig-overig', 'burger', 'onbekend']),
      ('advies', 'violenceType', array['kindermishandeling', 'partnergeweld', 'ouderenmishandeling', 'geweld-tegen-ouders', 'huiselijk-geweld-overig', 'onbekend']),
      ('melding', 'violenceType', array['kindermishandeling', 'partnergeweld', 'ouderenmishandeling', 'geweld-tegen-ouders', 'huiselijk-geweld-overig']),
      ('advies', 'acute', array['ja', 'nee']), ('melding', 'acute', array['ja', 'nee']),
      ('advies', 'flag', array['huwelijksdwang', 'seksueel-geweld', 'mensenhandel']), ('melding', 'flag', array['huwelijksdwang', 'seksueel-geweld', 'mensenhandel']),
      ('veiligheidsbeoordeling', 'total', array['']), ('onderzoek', 'total', array['']), ('onderzoek', 'outcome', array['bevestigd', 'niet-bevestigd', 'weerlegd']),
      ('veiligheidsvoorwaarden', 'total', array['']), ('overdracht', 'total', array['']), ('overdracht', 'partner', array['lokaal-team', 'gi', 'rvdk', 'vrouwenopvang', 'mda', 'overig']),
      ('monitoring', 'total', array['']), ('huisverbod', 'total', array['']), ('aware', 'total', array['']), ('afsluiting', 'total', array['']),
      ('beoordeling', 'total', array['']), ('beoordeling', 'timeliness', array['op-tijd', 'te-laat']),
      ('onderzoek-besluit', 'total', array['']), ('onderzoek-besluit', 'timeliness', array['op-tijd', 'te-laat']),
      ('chat', 'total', array['']), ('chat', 'result', array['bediend', 'afgehaakt', 'bericht']), ('chat', 'visitorGroup', array['slachtoffer', 'omstander', 'pleger', 'geen']),
      ('chat', 'outcome', array['informatie-advies', 'doorverwezen', 'geen']), ('chat', 'topic', array['partnergeweld', 'kindermishandeling', 'stalking', 'overig']),
      ('chat-wachttijd', 'total', array['']), ('chat-wachttijd', 'bucket', array['0-1', '1-5', '5-15', '15-30', '30+']),
      ('chat-duur', 'total', array['']), ('chat-duur', 'bucket', array['0-10', '10-20', '20-40', '40-60', '60+']),
      ('codeword', 'total', array['']), ('codeword', 'path', array['alleen', 'begeleid', 'acuut'])
    ), periods as (
      select 'week' as grain, d::date as period from generate_series(date '2015-12-28', date '2025-12-29', interval '7 days') d
      union all select 'month', d::date from generate_series(date '2016-01-01', date '2025-12-01', interval '1 month') d
    ), mun as (
      select region_code, municipality_code from municipality_classification where year = (select max(year) from municipality_classification)
    )
    select dims.measure, dims.dimension, p.grain, p.period, r.code, v, 1 + floor(random() * 40)::int, 0
      from dims cross join unnest(dims.vals) v cross join periods p cross join region r
    union all
    select m, 'municipality', p.grain, p.period, mun.region_code, mun.municipality_code, 1 + floor(random() * 40)::int, 0
      from (values ('advies'), ('melding')) k(m) cross join periods p cross join mun;
    insert into stats_count (measure, dimension, grain, period, region_code, value, n, seconds)
    select measure, dimension, 'year', date_trunc('year', period)::date, region_code, value, sum(n), sum(seconds)
      from stats_count where grain = 'month' group by 1, 2, 3, 4, 5, 6;
    insert into stats_count (measure, dimension, grain, period, region_code, value, n, seconds)
    select measure, dimension, grain, period, 'NL', value, sum(n), sum(seconds)
      from stats_count group by 1, 2, 3, 4, 6`.execute(db),
  );
  await sql`analyze stats_count`.execute(db);
}

async function measure(): Promise<void> {
  const size = (await sql<{ s: string }>`select pg_size_pretty(pg_total_relation_size('stats_count')) as s`.execute(db)).rows[0]!.s;
  console.log(`stats_count size: ${size}`);

  const cases: [string | null, 'week' | 'month' | 'half-year' | 'year', string, string][] = [
    [null, 'week', '2025-01-01', '2025-12-31'],
    [null, 'month', '2025-01-01', '2025-12-31'],
    [null, 'year', '2016-01-01', '2025-12-31'],
    [null, 'week', '2016-01-01', '2025-12-31'],
    ['VR14', 'week', '2025-01-01', '2025-12-31'],
    ['VR14', 'half-year', '2016-01-01', '2025-12-31'],
  ];
  for (const [region, grain, from, to] of cases) {
    // First call warms the cache; the second is what a user gets on a running server.
    await dashboard(db, { region, grain, from, to });
    await time(`dashboard ${region ?? 'NL'} ${grain} ${from}..${to}`, () => dashboard(db, { region, grain, from, to }));
  }
  await annualReport(db, 'VR14', 2024);
  await time('annual report VR14 2024 (scan of records)', () => annualReport(db, 'VR14', 2024));
  await annualReport(db, 'VR13', 2025);
  await time('annual report VR13 2025 (scan of records)', () => annualReport(db, 'VR13', 2025));

  // What the counters cost a single insert (one statement, its own transaction).
  const one = () =>
    sql`insert into contact (kind, received_at, region_code, municipality_code, channel, reporter_type, reporter_group, violence_type)
        values ('melding', now(), 'VR14', 'GM0402', 'telefoon', 'particulier', 'burger', 'partnergeweld')`.execute(db);
  for (let i = 0; i < 20; i++) await one();
  await time('200 single-row contact inserts with counters', async () => {
    for (let i = 0; i < 200; i++) await one();
  });
  await sql`alter table contact disable trigger contact_stats_insert`.execute(db);
  await time('200 single-row contact inserts without counters', async () => {
    for (let i = 0; i < 200; i++) await one();
  });
  await sql`alter table contact enable trigger contact_stats_insert`.execute(db);
}
