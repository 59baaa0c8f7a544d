import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
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
  });
});
