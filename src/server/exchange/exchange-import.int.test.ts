import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { syntheticLines } from './exchange.fixtures.ts';
import { importExchange } from './exchange-import.service.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  // The database fails on one line of the second batch the way a full disk does (SQLSTATE 53100):
  // not the line's fault, so the import must stop rather than reject the line.
  await sql
    .raw(
      `CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $f$
       BEGIN
         IF NEW.external_id = 'syn-1500' THEN RAISE EXCEPTION 'could not extend file' USING ERRCODE = '53100'; END IF;
         RETURN NEW;
       END $f$;
       CREATE TRIGGER test_disk_full BEFORE INSERT ON contact FOR EACH ROW EXECUTE FUNCTION test_disk_full();`,
    )
    .execute(database.db);
});
afterAll(async () => database?.close());

describe('an import whose database fails part-way (batches in flight on two connections)', () => {
  it('stops with the error, leaves whole batches only and reports progress only up to the first unfinished batch', async () => {
    const progress: number[] = [];
    const lines = [...syntheticLines(5000, { source: 'fail-test' })].join('\n');
    await expect(importExchange(database.db, Readable.from([lines]), { batchSize: 1000, concurrency: 2, onProgress: (n) => progress.push(n) })).rejects.toThrow(/could not extend file/);

    const { rows } = await sql<{ n: number }>`select count(*)::int as n from contact where source = 'fail-test'`.execute(database.db);
    // Batch 1 (lines 1-1000) is in; batch 2 (with the failing line) is wholly out; batch 3 may
    // have committed beside it; nothing after that was started.
    expect([1000, 2000]).toContain(rows[0]!.n);
    const second = await sql<{ n: number }>`select count(*)::int as n from contact where source = 'fail-test' and external_id in ('syn-1000', 'syn-1999')`.execute(database.db);
    expect(second.rows[0]!.n).toBe(0);
    expect(progress).toEqual([1000]);

    // Once the disk has room again, a re-run completes the import.
    await sql`drop trigger test_disk_full on contact`.execute(database.db);
    const rerun = await importExchange(database.db, Readable.from([lines]), { batchSize: 1000, concurrency: 2 });
    expect(rerun).toMatchObject({ imported: 5000 - rows[0]!.n, skipped: rows[0]!.n, rejected: 0 });
  });
});
