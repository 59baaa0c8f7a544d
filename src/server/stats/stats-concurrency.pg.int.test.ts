import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { statsCounts } from './stats.repository.ts';
import { readCounters, scanFigures } from './stats-scan.fixture.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('figures counters on the PostgreSQL server', () => {
  it('stay exact under concurrent writers to the same counter rows', async () => {
    const db = database.db;
    // Twenty transactions at once insert a melding and an event in the same region and week: the
    // counter rows are hot; ON CONFLICT DO UPDATE makes each wait for the one before, none is lost.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          const c = await trx
            .insertInto('contact')
            .values({ kind: 'melding', received_at: new Date('2025-03-03T10:00:00Z'), region_code: 'VR14', municipality_code: 'GM0376', channel: 'telefoon', reporter_type: 'particulier', reporter_group: 'burger', violence_type: 'partnergeweld' })
            .returning(['id', 'region_code'])
            .executeTakeFirstOrThrow();
          await trx.insertInto('contact_event').values({ contact_id: c.id, region_code: c.region_code, type: i % 2 ? 'onderzoek' : 'overdracht', at: new Date('2025-03-04T10:00:00Z') }).execute();
        }),
      ),
    );
    const counters = await readCounters(db);
    expect(counters).toEqual(await scanFigures(db));
    expect(counters.find((r) => r.measure === 'melding' && r.dimension === 'total' && r.grain === 'week')?.n).toBe(20);
    // What a dashboard reads (the sum over the stripes of a key) is the same exact count.
    const week = { measures: ['melding' as const], dimension: 'total' as const, grain: 'week' as const, from: '2025-03-03', to: '2025-03-09' };
    expect((await statsCounts(db, { ...week, region: 'VR14' }))[0]?.n).toBe(20);
    expect((await statsCounts(db, { ...week, region: null }))[0]?.n).toBe(20);
  });

  it('let a melding commit while another transaction that added to the same counters is still open', async () => {
    // Two connections whose counter stripes differ (the stripe is the backend pid modulo 16).
    const clients: pg.Client[] = [];
    const connect = async () => {
      const c = new pg.Client({ connectionString: database.url });
      await c.connect();
      clients.push(c);
      return { c, stripe: Number((await c.query<{ p: number }>('select pg_backend_pid() % 16 as p')).rows[0]!.p) };
    };
    try {
      const a = await connect();
      let b = await connect();
      while (b.stripe === a.stripe) b = await connect();
      const insert = `insert into contact (kind, received_at, region_code, municipality_code, channel, reporter_type, reporter_group, violence_type)
                      values ('melding', '2025-06-02T10:00:00Z', 'VR14', 'GM0376', 'telefoon', 'particulier', 'burger', 'partnergeweld')`;
      await a.c.query('begin');
      await a.c.query(insert);
      // Before the counters were striped, this waited on A's row locks until A ended: a lock
      // timeout here means every registration again waits for the one before it.
      await b.c.query('begin');
      await b.c.query(`set local lock_timeout = '3s'`);
      await b.c.query(insert);
      await b.c.query('commit');
      await a.c.query('commit');
      const june = await statsCounts(database.db, { measures: ['melding'], dimension: 'total', grain: 'week', from: '2025-06-02', to: '2025-06-08', region: 'VR14' });
      expect(june[0]?.n).toBe(2);
    } finally {
      for (const c of clients) await c.end();
    }
  });
});
