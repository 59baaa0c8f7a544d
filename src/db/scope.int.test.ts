import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, type Role } from '../domain/access/permissions.ts';
import { openTestDatabase, type TestDatabase } from '../test-support/test-database.ts';
import { migrateToLatest } from './migrate.ts';
import { inScope, transaction, type Actor } from './scope.ts';

let database: TestDatabase;
const ids: Record<string, string> = {};

function actor(role: Role, regionCode: string): Actor {
  return { userId: '00000000-0000-4000-8000-000000000001', email: 'x@test', displayName: 'x', role, organisationId: '00000000-0000-4000-8000-000000000002', regionCode, permissions: permissionsOf(role) };
}

beforeAll(async () => {
  database = await openTestDatabase();
  for (const region of ['VR13', 'VR14']) {
    const row = await database.db
      .insertInto('contact')
      .values({ kind: 'melding', received_at: new Date('2026-01-05T10:00:00Z'), region_code: region, municipality_code: null, channel: 'politie', reporter_type: 'beroepsmatig', reporter_group: 'politie', violence_type: 'partnergeweld', external_id: null, created_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[region] = row.id;
  }
});
afterAll(async () => database?.close());

describe('row-level security', () => {
  it('shows a scoped query only its own region, even with no filter at all', async () => {
    const rows = await inScope(database.db, actor('casemanager', 'VR14'), (trx) => sql<{ id: string }>`select id from contact`.execute(trx));
    expect(rows.rows.map((r) => r.id)).toEqual([ids.VR14]);
  });

  it('shows nothing to a role without the permission (an analyst never sees a person)', async () => {
    const rows = await inScope(database.db, actor('analyst', 'VR14'), (trx) => trx.selectFrom('contact').selectAll().execute());
    expect(rows).toEqual([]);
  });

  it('refuses to write a record into another region', async () => {
    await expect(
      inScope(database.db, actor('intake', 'VR14'), (trx) =>
        trx.insertInto('contact').values({ kind: 'advies', received_at: new Date(), region_code: 'VR13', municipality_code: null, channel: 'chat', reporter_type: 'particulier', reporter_group: 'burger', violence_type: null, external_id: null, created_by: null }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('gives the request role no way to rewrite the audit trail', async () => {
    await expect(inScope(database.db, actor('admin', 'VR14'), (trx) => sql`delete from audit_log`.execute(trx))).rejects.toThrow(/permission denied/);
  });

  it('ends with the transaction: the next query runs as owner again', async () => {
    await inScope(database.db, actor('intake', 'VR14'), async () => undefined);
    const who = await sql<{ u: string; r: string | null }>`select current_user as u, current_setting('signaal.region', true) as r`.execute(database.db);
    expect(who.rows[0]?.u).not.toBe('signaal_app');
    expect(who.rows[0]?.r ?? '').toBe('');
  });
});

describe('migrations', () => {
  it('are applied once: running them again changes nothing', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
    const n = await database.db.selectFrom('municipality_classification').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(355 + 342);
  });
});

describe('transactions', () => {
  it('do not interleave and roll back whole', async () => {
    await sql`create table t_counter (n integer not null)`.execute(database.db);
    await sql`insert into t_counter values (0)`.execute(database.db);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        transaction(database.db, async (trx) => {
          await sql`select n from t_counter for update`.execute(trx);
          await sql`update t_counter set n = n + 1`.execute(trx);
        }),
      ),
    );
    await expect(
      transaction(database.db, async (trx) => {
        await sql`update t_counter set n = n + 100`.execute(trx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const r = await sql<{ n: number }>`select n from t_counter`.execute(database.db);
    expect(r.rows[0]?.n).toBe(20);
  });
});
