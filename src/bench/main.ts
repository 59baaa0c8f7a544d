// `npm run bench [-- --quick] [--json] [--only=intake,import,...] [--db=pglite|postgres]`: every scenario on the embedded
// database and, when BENCH_DATABASE_URL is set, on that PostgreSQL server. Each scenario measures
// its own baseline in the same run. Every load loop is bounded in count and time and aims only at
// 127.0.0.1. With --json the table goes to standard error and one JSON object to standard output.
import { benchChat } from './chat.bench.ts';
import { benchDashboard } from './dashboard.bench.ts';
import { benchImport } from './import.bench.ts';
import { benchIntake } from './intake.bench.ts';
import { benchPublicPages } from './public-page.bench.ts';
import { benchStartup } from './startup.bench.ts';
import { freshDb, machine, type BenchDb, type BenchOptions, type BenchResult, type DbKind } from './bench-support.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const want = (s: string) => !only || only.includes(s);
const serverUrl = process.env.BENCH_DATABASE_URL;
const started = Date.now();

// A stray rejection in a load loop must not take the whole run's results with it.
process.on('unhandledRejection', (err) => process.stderr.write(`[bench] unhandled rejection: ${err instanceof Error ? err.message : String(err)}\n`));
// Interrupted (Ctrl-C, timeout): exit normally so the server processes started are killed too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const log = (line: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
const opts: BenchOptions = { quick, log };

type Scenario = (target: BenchDb, opts: BenchOptions) => Promise<BenchResult[]>;
// Order per database: intake first (its server creates the database), startup on that data.
const perDb: [string, Scenario, DbKind[]][] = [
  ['intake', benchIntake, ['pglite', 'postgres']],
  ['startup', benchStartup, ['pglite']],
  ['public-page', benchPublicPages, ['pglite']],
  ['import', benchImport, ['pglite', 'postgres']],
  ['chat', benchChat, ['postgres']],
  ['dashboard', benchDashboard, ['pglite', 'postgres']],
];

const results: BenchResult[] = [];
const onlyDb = args.find((a) => a.startsWith('--db='))?.slice('--db='.length);
const kinds: DbKind[] = (serverUrl ? (['pglite', 'postgres'] as DbKind[]) : (['pglite'] as DbKind[])).filter((k) => !onlyDb || k === onlyDb);
if (!serverUrl) log('BENCH_DATABASE_URL not set: embedded database only (the chat scenario needs PostgreSQL)');
for (const kind of kinds) {
  const target = await freshDb(kind, serverUrl);
  try {
    for (const [name, run, on] of perDb) {
      if (!want(name) || !on.includes(kind)) continue;
      try {
        const got = await run(target, opts);
        results.push(...got);
        // Each result as it comes, so a crash later in the run loses nothing measured.
        for (const r of got) log(`result ${JSON.stringify(r)}`);
      } catch (err) {
        log(`${name} (${kind}) failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        results.push({ scenario: name, db: kind, metric: 'error', value: null, baseline: null, ratio: null, target: '-', met: false, note: err instanceof Error ? err.message.split('\n')[0] : String(err) });
      }
    }
  } finally {
    await target.drop();
  }
}

const fmt = (v: number | null) => (v === null ? '-' : String(v));
const rows = [['scenario', 'db', 'metric', 'value', 'baseline', 'ratio', 'target', 'met'], ...results.map((r) => [r.scenario, r.db, r.metric, fmt(r.value), fmt(r.baseline), fmt(r.ratio), r.target, r.met === null ? '-' : r.met ? 'yes' : 'NO'])];
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
const table = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
const notes = results.filter((r) => r.note).map((r) => `- ${r.scenario} ${r.db} ${r.metric}: ${r.note}`).join('\n');
const m = machine();
const header = `Signaal benchmarks${quick ? ' (--quick)' : ''}, ${m.date}, ${m.cpus} CPUs (${m.cpuModel}), Node ${m.node}, ${((Date.now() - started) / 1000).toFixed(0)} s`;
(json ? process.stderr : process.stdout).write(`\n${header}\n\n${table}\n\n${notes}\n`);
if (json) process.stdout.write(`${JSON.stringify({ machine: m, quick, results })}\n`);
process.exit(0);
