// Intake: a melding registered over HTTP with a staff session, against a raw INSERT of the same row.
import { sql } from 'kysely';
import { openPGlite, openPostgres, type Database } from '../db/database.ts';
import { demoLogin, serverProcess } from '../test-support/server-process.ts';
import { boundedLoad, percentile, result, round, type BenchDb, type BenchOptions, type BenchResult } from './bench-support.ts';

const LANES = 8;

function melding(i: number) {
  return {
    kind: 'melding',
    receivedAt: new Date().toISOString(),
    municipalityCode: 'GM0402',
    channel: 'telefoon',
    reporterType: 'beroepsmatig',
    reporterGroup: 'onderwijs',
    violenceType: 'kindermishandeling',
    summary: `Bench melding ${i}: leerkracht ziet blauwe plekken bij een leerling.`,
    persons: [
      { role: 'kind', name: `Kind Bench ${i}`, birthDate: '2016-04-01', street: 'Verzonnenstraat 1', postcode: '1211 AB', place: 'Hilversum' },
      { role: 'pleger', name: `Ouder Bench ${i}`, birthDate: '1985-02-03', street: 'Verzonnenstraat 1', postcode: '1211 AB', place: 'Hilversum' },
    ],
  };
}

export async function benchIntake(target: BenchDb, opts: BenchOptions): Promise<BenchResult[]> {
  const count = opts.quick ? 300 : 5000;
  const maxMs = opts.quick ? 15_000 : 120_000;
  const server = await serverProcess({ ...target.env, DB_POOL_SIZE: '10', LOG_LEVEL: 'error' });
  opts.log(`intake (${target.kind}): starting a server process`);
  await server.start();
  let measured: Awaited<ReturnType<typeof boundedLoad>>;
  try {
    const session = await demoLogin(server.url, 'intake@demo.signaal.example');
    const post = async (i: number) => {
      const res = await fetch(`${server.url}/api/contacts`, { method: 'POST', headers: session.headers, body: JSON.stringify(melding(i)) });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`intake: ${res.status}`);
    };
    await boundedLoad(LANES, opts.quick ? 40 : 100, 20_000, post); // warm-up
    opts.log(`intake (${target.kind}): ${count} meldingen over HTTP, ${LANES} at a time`);
    measured = await boundedLoad(LANES, count, maxMs, post);
  } finally {
    await server.kill('SIGTERM');
  }

  // Baseline: the same contact row through the driver alone, same concurrency, same durability.
  const database: Database = target.kind === 'pglite' ? await openPGlite(`${target.dataDir}/pglite`) : await openPostgres(target.url!, 10);
  let baseline: Awaited<ReturnType<typeof boundedLoad>>;
  try {
    const user = await database.db.selectFrom('staff_user').select('id').where('email', '=', 'intake@demo.signaal.example').executeTakeFirstOrThrow();
    const insert = async (i: number) => {
      const m = melding(i);
      await sql`insert into contact (kind, received_at, region_code, municipality_code, channel, reporter_type, reporter_group, violence_type, summary, acute, flags, reporter_shareable, created_by)
        values (${m.kind}, ${m.receivedAt}, 'VR14', ${m.municipalityCode}, ${m.channel}, ${m.reporterType}, ${m.reporterGroup}, ${m.violenceType}, ${m.summary}, false, '{}', false, ${user.id})`.execute(database.db);
    };
    await boundedLoad(LANES, opts.quick ? 40 : 100, 20_000, insert);
    opts.log(`intake (${target.kind}): baseline, raw INSERT of the same row`);
    baseline = await boundedLoad(LANES, measured.done, maxMs, insert);
  } finally {
    await database.close();
  }

  const p99 = percentile(measured.latencies, 99);
  const bp99 = percentile(baseline.latencies, 99);
  const rate = measured.done / (measured.wallMs / 1000);
  const baseRate = baseline.done / (baseline.wallMs / 1000);
  const note = `${measured.done} meldingen (2 persons each), ${LANES} concurrent; p50 ${round(percentile(measured.latencies, 50))} ms vs ${round(percentile(baseline.latencies, 50))} ms`;
  return [
    result({ scenario: 'intake', db: target.kind, metric: 'p99_ms', value: round(p99), baseline: round(bp99), target: 'ratio <= 3', note }),
    result({ scenario: 'intake', db: target.kind, metric: 'meldingen_per_s', value: round(rate), baseline: round(baseRate), target: '>= 1000', met: rate >= 1000 }),
  ].map((r) => (r.metric === 'p99_ms' ? { ...r, met: r.ratio !== null && r.ratio <= 3 } : r));
}
