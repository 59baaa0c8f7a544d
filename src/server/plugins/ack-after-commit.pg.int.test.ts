import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../db/database.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

/**
 * An answer of 201 means the record is committed: a client that got it may rely on it. Checked
 * on the server through a second connection pool, at the moment the answer arrives, many times
 * over (a handler that answers inside its transaction loses this race now and then).
 */
let ctx: TestContext;
let other: Database;
let intake: Session;
let admin: Session;

beforeAll(async () => {
  ctx = await build();
  other = await openPostgres(ctx.database.url!, 2);
  intake = await loginAs(ctx, 'intake', 'VR14');
  admin = await loginAs(ctx, 'admin', 'VR14');
});
afterAll(async () => {
  await other?.close();
  await ctx?.close();
});

describe('a 201 answer', () => {
  it('comes only after the commit: registering a contact', async () => {
    for (let i = 0; i < 30; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/contacts',
        headers: intake.headers(true),
        payload: { kind: 'advies', receivedAt: new Date().toISOString(), reporterType: 'particulier', summary: `poging ${i}` },
      });
      expect(res.statusCode).toBe(201);
      const seen = await other.db.selectFrom('contact').select('id').where('id', '=', res.json().id).executeTakeFirst();
      expect(seen, `attempt ${i}`).toBeDefined();
    }
  });

  it('comes only after the commit: creating a staff account', async () => {
    for (let i = 0; i < 15; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers(true),
        payload: { email: `ack${i}@test.signaal.example`, displayName: `Ack ${i}`, role: 'intake', regionCode: 'VR14' },
      });
      expect(res.statusCode).toBe(201);
      const seen = await other.db.selectFrom('staff_user').select('id').where('id', '=', res.json().user.id).executeTakeFirst();
      expect(seen, `attempt ${i}`).toBeDefined();
    }
  });
});
