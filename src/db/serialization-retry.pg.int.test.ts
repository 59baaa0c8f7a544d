import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../test-support/test-database.ts';
import { openPostgres } from './database.ts';
import { transaction } from './scope.ts';

// PostgreSQL server only (*.pg.int.test.ts): PGlite runs transactions one by one and never
// reports a serialization failure.
let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('transactions on the server', () => {
  it('are retried after a serialization failure on the server', async () => {
    await sql`create table t_ser (k integer primary key, v integer not null)`.execute(database.db);
    await sql`insert into t_ser values (1, 0), (2, 0)`.execute(database.db);
    const second = await openPostgres(database.url!, 4);
    let attempts = 0;
    try {
      // Classic write skew: each transaction reads both rows and writes one. Under SERIALIZABLE
      // one of the two must fail with 40001; transaction() runs it again.
      const run = (db: typeof database.db, key: number) =>
        transaction(db, async (trx) => {
          attempts++;
          await sql`set transaction isolation level serializable`.execute(trx);
          const { rows } = await sql<{ s: number }>`select sum(v)::int as s from t_ser`.execute(trx);
          await new Promise((r) => setTimeout(r, 50));
          await sql`update t_ser set v = ${(rows[0]?.s ?? 0) + 1} where k = ${key}`.execute(trx);
        });
      await Promise.all([run(database.db, 1), run(second.db, 2)]);
    } finally {
      await second.close();
    }
    expect(attempts).toBeGreaterThan(2);
    const { rows } = await sql<{ k: number; v: number }>`select k, v from t_ser order by k`.execute(database.db);
    // Serial outcome: one saw 0 and wrote 1, the other (retried) saw 1 and wrote 2.
    expect(rows.map((r) => r.v).sort()).toEqual([1, 2]);
  });
});
