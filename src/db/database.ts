import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { FieldEncryptionPlugin } from './field-encryption.plugin.ts';
import { PGliteDialect, WalSync } from './pglite-driver.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Closes the pool or flushes and closes the embedded database. */
  close(): Promise<void>;
  /** For tests: a snapshot of the embedded data directory. */
  pglite?: PGlite;
  /** Embedded database on disk: how the write-ahead log is flushed at commit. */
  walSync?: WalSync;
  /** The server's URL (PostgreSQL only): for connections outside the pool, such as LISTEN. */
  url?: string;
  /**
   * The same connections without field encryption (ADR 0013): stored values as they are on disk.
   * Only for re-encryption and tests that look at what a dump would show; never for requests.
   */
  raw: Db;
}

// Type parsers shared by both engines: bigint counts as numbers (all counts here stay far below
// 2^53) and `date` as the plain 'YYYY-MM-DD' string, never a Date at local midnight.
const INT8 = 20;
const DATE = 1082;

/** The one place that opens the database, embedded or server, from configuration. */
export async function openDatabase(
  config: Config['database'],
  opts: { loadDataDir?: Blob | File } = {},
): Promise<Database> {
  if (config.kind === 'postgres') return openPostgres(config.url, config.poolSize, config.waitMs);
  const dir = path.join(config.dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  return openPGlite(dir, opts.loadDataDir, { waitMs: config.waitMs });
}

export interface PGliteOptions {
  /** How long a query waits for the one connection before DatabaseBusyError (503); default: no limit. */
  waitMs?: number;
  /** The WAL flush (fdatasync); replaced only by the slow-disk fault test. */
  walFlush?: ConstructorParameters<typeof WalSync>[1];
}

export async function openPGlite(dataDir: string | undefined, loadDataDir?: Blob | File, opts: PGliteOptions = {}): Promise<Database> {
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
    relaxedDurability: false,
  });
  // PGlite on Node never fsyncs by itself (measured): the driver flushes the write-ahead log after
  // every commit, before the answer goes out (WalSync, ADR 0002). In-memory databases (tests) skip it.
  const walSync = dataDir ? new WalSync(dataDir, opts.walFlush) : undefined;
  const raw = new Kysely<DB>({ dialect: new PGliteDialect(pglite, walSync, opts.waitMs) });
  const db = raw.withPlugin(new FieldEncryptionPlugin());
  return {
    db,
    raw,
    kind: 'pglite',
    pglite,
    ...(walSync ? { walSync } : {}),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

export async function openPostgres(url: string, poolSize = 10, waitMs = 5000): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: waitMs,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return (v: string) => Number(v);
        if (oid === DATE) return (v: string) => v;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server connection must not crash the process.
  pool.on('error', () => undefined);
  // Nor a checked-out one: pg-pool listens for errors only on idle clients, and a client whose
  // connection drops mid-query emits 'error' besides rejecting the query. Without a listener that
  // is an uncaught exception that kills the server (found by src/faults/database-gone.pg.int.test.ts).
  // The query's own rejection still reaches the request, which answers 503.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const raw = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const db = raw.withPlugin(new FieldEncryptionPlugin());
  return { db, raw, kind: 'postgres', url, close: () => db.destroy() };
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
