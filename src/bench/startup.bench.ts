// Startup: `npm start` (node scripts/start.mjs) until /ready on an existing embedded data directory.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ROOT, serverProcess } from '../test-support/server-process.ts';
import { result, round, type BenchDb, type BenchOptions, type BenchResult } from './bench-support.ts';

export async function benchStartup(target: BenchDb, opts: BenchOptions): Promise<BenchResult[]> {
  const runs = opts.quick ? 1 : 5;
  const server = await serverProcess({ ...target.env, NODE_ENV: 'development', LOG_LEVEL: 'error' }, { command: ['scripts/start.mjs'] });
  // The first start creates and migrates the database (not what is measured): make sure it exists.
  if (!existsSync(`${target.dataDir}/pglite/PG_VERSION`)) {
    await server.start();
    await server.kill('SIGTERM');
  }
  // The web pages are built once per release (README), not at every start: bring the build up to
  // date first, so a stale dist/ after a code change is not timed as if it were the start.
  execFileSync(process.execPath, ['scripts/build-web.mjs'], { cwd: ROOT, stdio: 'ignore' });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    opts.log(`startup: run ${i + 1} of ${runs}`);
    const t0 = performance.now();
    await server.start();
    times.push(performance.now() - t0);
    await server.kill('SIGTERM');
  }
  times.sort((a, b) => a - b);
  const worst = times.at(-1)! / 1000;
  return [
    result({ scenario: 'startup', db: target.kind, metric: 'seconds_to_ready_max', value: round(worst, 2), baseline: null, target: '<= 10 s', met: worst <= 10, note: `${runs} starts: ${times.map((t) => round(t / 1000, 1)).join(', ')} s (build check + tsx + open + migrations check + listen)` }),
  ];
}
