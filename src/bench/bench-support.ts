// Shared pieces of `npm run bench`: results, percentiles, bounded load loops, databases.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl } from '../test-support/global-setup.ts';

export type DbKind = 'pglite' | 'postgres';

export interface BenchResult {
  scenario: string;
  db: DbKind | 'none';
  metric: string;
  value: number | null;
  baseline: number | null;
  ratio: number | null;
  target: string;
  /** Whether the target is met; null when there is nothing to judge. */
  met: boolean | null;
  note?: string;
}

export interface BenchOptions {
  quick: boolean;
  log: (line: string) => void;
}

/** Where a scenario runs: the embedded database in a fresh directory, or a fresh database on the server. */
export interface BenchDb {
  kind: DbKind;
  /** Environment for a server process on it. */
  env: Record<string, string>;
  /** PostgreSQL: the URL of the bench database. */
  url?: string;
  /** Embedded: the data directory (SIGNAAL_DATA_DIR; the database itself is in <dir>/pglite). */
  dataDir?: string;
  drop(): Promise<void>;
}

export async function freshDb(kind: DbKind, serverUrl: string | undefined): Promise<BenchDb> {
  if (kind === 'pglite') {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'signaal-bench-'));
    const { rm } = await import('node:fs/promises');
    return { kind, env: { SIGNAAL_DATA_DIR: dataDir }, dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
  }
  if (!serverUrl) throw new Error('BENCH_DATABASE_URL is not set');
  const name = `signaal_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = databaseUrl(serverUrl, name);
  return { kind, env: { DATABASE_URL: url }, url, drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function adminQuery(url: string, query: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const round = (v: number, digits = 1): number => Math.round(v * 10 ** digits) / 10 ** digits;

export function result(r: Omit<BenchResult, 'ratio' | 'met'> & { ratio?: number | null; met?: boolean | null }): BenchResult {
  const ratio = r.ratio !== undefined ? r.ratio : r.value !== null && r.baseline !== null && r.baseline > 0 ? round(r.value / r.baseline, 2) : null;
  return { ...r, ratio, met: r.met ?? null };
}

/**
 * Runs `fn` in `lanes` concurrent loops until `count` calls are done or `maxMs` has passed,
 * whichever comes first; returns the latency of every call in milliseconds and the wall time.
 */
export async function boundedLoad(lanes: number, count: number, maxMs: number, fn: (i: number) => Promise<void>): Promise<{ latencies: number[]; wallMs: number; done: number }> {
  const latencies: number[] = [];
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count && performance.now() - start < maxMs) {
        const i = next++;
        const t0 = performance.now();
        await fn(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), wallMs: performance.now() - start, done: latencies.length };
}

export function machine() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString() };
}

/** Resident memory of a process in KB (Linux /proc). */
export async function rssKb(pid: number | undefined): Promise<number> {
  if (!pid) return NaN;
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return m ? Number(m[1]) : NaN;
}
