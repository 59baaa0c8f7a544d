import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';
import { verifyAuditChain } from './audit.repository.ts';

let ctx: TestContext;
let intake: Session;
let admin: Session;

const melding = {
  kind: 'melding',
  receivedAt: '2026-03-02T09:15:00+01:00',
  municipalityCode: 'GM0402',
  channel: 'telefoon',
  reporterType: 'beroepsmatig',
  reporterGroup: 'onderwijs',
  violenceType: 'kindermishandeling',
  summary: 'Leerling vertelt over slaan thuis (verzonnen testgegevens).',
};

beforeAll(async () => {
  ctx = await build();
  intake = await loginAs(ctx, 'intake', 'VR14');
  admin = await loginAs(ctx, 'admin', 'VR14');
});
afterAll(async () => ctx?.close());

describe('the audit trail', () => {
  it('records who created and who read a record, with role, organisation and request id', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: intake.headers(true), payload: melding });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const read = await ctx.app.inject({ method: 'GET', url: `/api/contacts/${id}`, headers: intake.headers() });
    const res = await ctx.app.inject({ method: 'GET', url: `/api/audit?recordId=${id}`, headers: admin.headers() });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.action)).toEqual(['contact.read', 'contact.create']);
    expect(items[0]).toMatchObject({ outcome: 'allowed', requestId: read.headers['x-request-id'], actor: { email: intake.email, role: 'intake', organisation: 'Veilig Thuis VR14 (test)' } });
    expect(items[1]).toMatchObject({ requestId: created.headers['x-request-id'] });
  });

  it('has no entry for a change that was rolled back', async () => {
    const before = await verifyAuditChain(ctx.database.db);
    const bad = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: intake.headers(true), payload: { ...melding, municipalityCode: 'GM9999' } });
    expect(bad.statusCode).toBe(400);
    const after = await ctx.database.db.selectFrom('audit_log').select('action').where('action', '=', 'contact.create').where('reason', '=', 'melding').execute();
    expect(after).toHaveLength(1);
    expect((await verifyAuditChain(ctx.database.db)).checked).toBe(before.checked);
  });

  it('records a denied attempt: another region’s record is a 404 and an entry', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: intake.headers(true), payload: melding });
    const other = await loginAs(ctx, 'casemanager', 'VR13');
    const res = await ctx.app.inject({ method: 'GET', url: `/api/contacts/${created.json().id}`, headers: other.headers() });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Leerling');
    const entry = await ctx.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', created.json().id).where('outcome', '=', 'denied').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_email: other.email, action: 'contact.read', reason: 'not found or outside scope' });
  });

  it('cannot be changed or deleted, not even by the owner', async () => {
    await expect(sql`update audit_log set reason = 'x'`.execute(ctx.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(ctx.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(ctx.database.db)).rejects.toThrow(/append-only/);
  });

  it('shows tampering: the verify check names the first entry that was altered', async () => {
    const ok = await ctx.app.inject({ method: 'GET', url: '/api/audit/verify', headers: admin.headers() });
    expect(ok.json()).toMatchObject({ ok: true, firstBrokenSeq: null });
    // Someone with database superuser rights bypasses the trigger and edits history.
    const victim = await ctx.database.db.selectFrom('audit_log').select('seq').orderBy('seq').offset(2).limit(1).executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(ctx.database.db);
    await sql`update audit_log set actor_email = 'someone.else@example.org' where seq = ${victim.seq}`.execute(ctx.database.db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(ctx.database.db);
    const broken = await ctx.app.inject({ method: 'GET', url: '/api/audit/verify', headers: admin.headers() });
    expect(broken.json()).toMatchObject({ ok: false, firstBrokenSeq: victim.seq });
  });

  it('stays one unbroken chain under concurrent writes', async () => {
    const t = await build();
    try {
      const s = await loginAs(t, 'intake', 'VR14');
      const results = await Promise.all(
        Array.from({ length: 25 }, () => t.app.inject({ method: 'POST', url: '/api/contacts', headers: s.headers(true), payload: melding })),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(25).fill(201));
      const v = await verifyAuditChain(t.database.db);
      expect(v.ok).toBe(true);
      const creates = await t.database.db.selectFrom('audit_log').select('seq').where('action', '=', 'contact.create').execute();
      expect(creates).toHaveLength(25);
    } finally {
      await t.close();
    }
  });
});
