import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite, type Database } from './database.ts';

/**
 * The embedded database on disk flushes its write-ahead log before a commit is acknowledged
 * (PGlite itself never calls fsync: measured with strace). Reads cost no flush of their own.
 */
let dir: string;
let database: Database;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'signaal-wal-'));
  database = await openPGlite(dir);
  await sql`create table probe (id serial primary key, v text)`.execute(database.db);
});
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the embedded database on disk', () => {
  it('flushes the write-ahead log once per committed write, before the caller gets the result', async () => {
    const wal = database.walSync!;
    expect(wal).toBeDefined();
    const before = wal.syncs;
    await database.db.insertInto('probe' as never).values({ v: 'a' } as never).execute();
    expect(wal.syncs).toBe(before + 1);
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('probe' as never).values({ v: 'b' } as never).execute();
      await trx.insertInto('probe' as never).values({ v: 'c' } as never).execute();
      // Inside the transaction nothing is flushed yet: only the commit counts.
      expect(wal.syncs).toBe(before + 1);
    });
    expect(wal.syncs).toBe(before + 2);
    await database.db.selectFrom('probe' as never).selectAll().execute();
    expect(wal.syncs).toBe(before + 2);
  });

  it('has the committed row in the write-ahead log file on disk when the caller gets the result', async () => {
    // What a killed process leaves behind is what the files hold: the commit's WAL record must be
    // written to the segment file (not held in the WASM heap) before the result comes back.
    const marker = `durable-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await database.db.insertInto('probe' as never).values({ v: marker } as never).execute();
    const walDir = path.join(dir, 'pg_wal');
    const segments = readdirSync(walDir).filter((f) => /^[0-9A-F]{24}$/.test(f));
    const found = segments.some((f) => readFileSync(path.join(walDir, f)).includes(Buffer.from(marker)));
    expect(found).toBe(true);
  });
});
