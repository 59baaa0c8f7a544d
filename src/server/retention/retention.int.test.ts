import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';
import { testDbKind } from '../../test-support/test-database.ts';

let ctx: TestContext;
let intake: Session;
let admin: Session;

beforeAll(async () => {
  ctx = await build();
  [intake, admin] = await Promise.all([loginAs(ctx, 'intake', 'VR14'), loginAs(ctx, 'admin', 'VR14')]);
});
afterAll(async () => ctx?.close());

const STORY = 'Verzonnen verhaal voor de bewaartermijn-test';

async function register(kind: 'melding' | 'advies', childBirthDate: string | null) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/contacts',
    headers: intake.headers(true),
    payload: {
      kind,
      receivedAt: '2026-03-02T10:00:00+01:00',
      reporterType: 'particulier',
      reporterGroup: 'burger',
      reporterName: 'Verzonnen Melder',
      violenceType: kind === 'melding' ? 'kindermishandeling' : null,
      summary: STORY,
      persons: kind === 'advies' ? [] : [
        { role: 'slachtoffer', name: 'Verzonnen Moeder', birthDate: '1980-01-01', street: null, postcode: null, place: null, bsn: '111222333' },
        ...(childBirthDate ? [{ role: 'kind', name: 'Verzonnen Kind', birthDate: childBirthDate, street: null, postcode: null, place: null, bsn: null }] : []),
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** Test set-up for an old file: closed (or received) long ago, straight in the database. */
async function backdate(id: string, closedAt: string | null, receivedAt = '2005-01-10T10:00:00Z') {
  await sql`update contact set received_at = ${receivedAt}::timestamptz where id = ${id}::uuid`.execute(ctx.database.raw);
  if (closedAt) await sql`update case_handling set state = 'closed', closed_at = ${closedAt}::timestamptz where contact_id = ${id}::uuid`.execute(ctx.database.raw);
}

const contact = async (id: string) => (await ctx.app.inject({ method: 'GET', url: `/api/contacts/${id}`, headers: intake.headers() })).json<{ summary: string; reporterName: string | null; persons: { name: string; bsn: string | null; birthDate: string | null }[] }>();

describe('the retention job', () => {
  it('erases expired files and adviezen, keeps files while the youngest child is under 18 and open files; counts only in the record', async () => {
    const expired = await register('melding', '1995-05-05');
    const childUnder18 = await register('melding', '2012-06-01');
    const open = await register('melding', null);
    const oldAdvies = await register('advies', null);
    const newAdvies = await register('advies', null);
    await backdate(expired, '2008-01-15T10:00:00Z');
    await backdate(childUnder18, '2008-01-15T10:00:00Z');
    await backdate(open, null);
    await backdate(oldAdvies, null, '2015-01-10T10:00:00Z');

    const cm = await loginAs(ctx, 'casemanager', 'VR14');
    expect((await ctx.app.inject({ method: 'POST', url: '/api/retention/run', headers: cm.headers(true), payload: {} })).statusCode).toBe(403);

    const run = await ctx.app.inject({ method: 'POST', url: '/api/retention/run', headers: admin.headers(true), payload: {} });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ filesErased: 1, adviceErased: 1, transcriptsDeleted: 0 });

    const gone = await contact(expired);
    expect(gone.summary).toBe('');
    expect(gone.reporterName).toBeNull();
    expect(gone.persons.map((p) => [p.name, p.bsn, p.birthDate])).toEqual([['-', null, null], ['-', null, null]]);
    expect((await contact(oldAdvies)).summary).toBe('');
    for (const kept of [childUnder18, open, newAdvies]) expect((await contact(kept)).summary).toBe(STORY);
    expect((await contact(childUnder18)).persons.map((p) => p.bsn)).toContain('111222333');

    // A second run finds nothing more.
    expect((await ctx.app.inject({ method: 'POST', url: '/api/retention/run', headers: admin.headers(true), payload: {} })).json()).toMatchObject({ filesErased: 0, adviceErased: 0 });

    const overview = (await ctx.app.inject({ method: 'GET', url: '/api/retention', headers: admin.headers() })).json<{ settings: Record<string, unknown>; runs: { trigger: string; status: string; filesErased: number; startedBy: string }[] }>();
    expect(overview.settings).toMatchObject({ fileYears: 15, adviceYears: 5, chatDays: 30 });
    expect(overview.runs).toHaveLength(2);
    expect(overview.runs[1]).toMatchObject({ trigger: 'console', status: 'done', filesErased: 1 });

    // The audit names the erased records by id only: no story, no name.
    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'record_id', 'reason']).where('action', 'like', 'retention.%').execute();
    expect(audit.filter((a) => a.action === 'retention.erase').map((a) => a.record_id).sort()).toEqual([expired, oldAdvies].sort());
    expect(audit.find((a) => a.action === 'retention.run')?.reason).toBe('console: 1 dossiers, 1 adviezen, 0 chatgesprekken');
    expect(JSON.stringify(audit)).not.toMatch(/Verzonnen/);
  });

  it('refuses a second run while one holds the lock (another process)', async () => {
    if (testDbKind() === 'pglite') {
      // One embedded database, one connection: two runs cannot overlap; the lock is still taken.
      const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext('signaal.retention')) as ok`.execute(ctx.database.db);
      expect(rows[0]?.ok).toBe(true);
      return;
    }
    const other = new pg.Client({ connectionString: ctx.database.url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query(`select pg_advisory_xact_lock(hashtext('signaal.retention'))`);
      const busy = await ctx.app.inject({ method: 'POST', url: '/api/retention/run', headers: admin.headers(true), payload: {} });
      expect(busy.statusCode).toBe(409);
      expect(busy.json()).toMatchObject({ code: 'retention_busy' });
      await other.query('rollback');
    } finally {
      await other.end();
    }
    expect((await ctx.app.inject({ method: 'POST', url: '/api/retention/run', headers: admin.headers(true), payload: {} })).statusCode).toBe(200);
  });
});
