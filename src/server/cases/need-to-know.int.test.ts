import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf } from '../../domain/access/permissions.ts';
import { inScope } from '../../db/scope.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

/**
 * Need-to-know inside a region: a shielded file ("afgeschermd dossier") is seen only by the
 * assigned casemanager, the team leads and the named staff; others see a stub and can break the
 * glass with a reason, for four hours, audited and listed for the team lead.
 */
let ctx: TestContext;
let intake: Session;
let cm: Session;
let colleague: Session;
let named: Session;
let lead: Session;
let otherLead: Session;

const melding = {
  kind: 'melding',
  receivedAt: new Date(Date.now() - 3600_000).toISOString(),
  municipalityCode: 'GM0402',
  reporterType: 'particulier',
  violenceType: 'partnergeweld',
  summary: 'Familielid van een collega (verzonnen).',
  persons: [{ role: 'slachtoffer', name: 'Ria Familielid', birthDate: '1985-02-03', street: 'Teststraat 2', postcode: '1211AA', place: 'Hilversum', bsn: null }],
};

beforeAll(async () => {
  ctx = await build();
  [intake, cm, colleague, named, lead] = [
    await loginAs(ctx, 'intake', 'VR14'),
    await loginAs(ctx, 'casemanager', 'VR14'),
    await loginAs(ctx, 'casemanager', 'VR14'),
    await loginAs(ctx, 'casemanager', 'VR14'),
    await loginAs(ctx, 'teamleider', 'VR14'),
  ];
  otherLead = await loginAs(ctx, 'teamleider', 'VR13');
});
afterAll(async () => ctx?.close());

const post = (s: Session, url: string, payload: object = {}) => ctx.app.inject({ method: 'POST', url, headers: s.headers(true), payload });
const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: s.headers() });

async function shieldedCase(): Promise<string> {
  const id = (await post(intake, '/api/contacts', melding)).json().id as string;
  expect((await post(lead, `/api/cases/${id}/assign`, { userId: cm.userId })).statusCode).toBe(200);
  expect((await get(colleague, `/api/cases/${id}`)).statusCode).toBe(200);
  expect((await post(cm, `/api/cases/${id}/restriction`, { members: [named.userId] })).json()).toEqual({ restricted: true });
  return id;
}

describe('a shielded file', () => {
  it('is seen only by the assigned casemanager, team leads and named staff; others see a stub', async () => {
    const id = await shieldedCase();
    for (const s of [cm, named, lead]) {
      expect((await get(s, `/api/cases/${id}`)).statusCode, s.email).toBe(200);
      expect((await get(s, `/api/contacts/${id}`)).statusCode, s.email).toBe(200);
    }
    for (const s of [colleague, intake]) {
      const res = await get(s, `/api/contacts/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Familielid');
      const list = await get(s, '/api/contacts');
      expect(list.body).not.toContain(id);
      expect(list.body).not.toContain('Familielid');
    }
    expect((await get(colleague, `/api/cases/${id}`)).statusCode).toBe(404);
    expect((await get(colleague, '/api/cases')).body).not.toContain(id);
    // A write is refused as for a record that does not exist.
    expect((await post(colleague, `/api/cases/${id}/assessment`, { acuteUnsafety: false, structuralUnsafety: false, decision: 'afsluiten', summary: 'Proberen (verzonnen).' })).statusCode).toBe(404);
    expect((await get(cm, `/api/cases/${id}`)).json().state).toBe('assigned');
    // The stub: that it is shielded and since when, nothing else.
    const stubs = (await get(colleague, '/api/cases/restricted')).json().items as { id: string; canOpen: boolean }[];
    expect(stubs).toEqual([expect.objectContaining({ id, canOpen: false, accessUntil: null })]);
    const info = (await get(colleague, `/api/cases/${id}/restriction`)).json();
    expect(info).toMatchObject({ restricted: true, canOpen: false, canManage: false, members: [] });
    // Only the team lead or the assigned casemanager shields or lifts.
    expect((await post(colleague, `/api/cases/${id}/restriction/lift`)).statusCode).toBe(404);
    expect((await post(named, `/api/cases/${id}/restriction/lift`)).json().code).toBe('not_allowed_to_restrict');
  });

  it('is hidden by the database itself, whatever query a handler builds', async () => {
    const id = await shieldedCase();
    const asColleague = { userId: colleague.userId, email: colleague.email, displayName: 'x', role: 'casemanager' as const, organisationId: '00000000-0000-0000-0000-000000000000', regionCode: 'VR14', permissions: permissionsOf('casemanager') };
    const seen = await inScope(ctx.database.db, asColleague, async (db) => ({
      contact: (await db.selectFrom('contact').select('id').where('id', '=', id).execute()).length,
      person: (await db.selectFrom('person').select('id').where('contact_id', '=', id).execute()).length,
      steps: (await db.selectFrom('case_step').select('id').where('contact_id', '=', id).execute()).length,
      handling: (await db.selectFrom('case_handling').select('contact_id').where('contact_id', '=', id).execute()).length,
      events: (await db.selectFrom('contact_event').select('contact_id').where('contact_id', '=', id).execute()).length,
    }));
    expect(seen).toEqual({ contact: 0, person: 0, steps: 0, handling: 0, events: 0 });
    const asCm = { ...asColleague, userId: cm.userId };
    expect(await inScope(ctx.database.db, asCm, async (db) => (await db.selectFrom('person').select('id').where('contact_id', '=', id).execute()).length)).toBe(1);
  });

  it('opens for another colleague of the region who breaks the glass with a reason, for four hours, audited and shown to the team lead', async () => {
    const id = await shieldedCase();
    expect((await post(colleague, `/api/cases/${id}/break-glass`, { reason: 'kort' })).statusCode).toBe(400);
    const reason = 'Avonddienst: acute melding over dit gezin, dossier nodig (verzonnen).';
    const granted = await post(colleague, `/api/cases/${id}/break-glass`, { reason });
    expect(granted.statusCode).toBe(201);
    const hours = (Date.parse(granted.json().expiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(3.9);
    expect(hours).toBeLessThanOrEqual(4);
    expect((await get(colleague, `/api/cases/${id}`)).statusCode).toBe(200);
    expect((await get(colleague, `/api/contacts/${id}`)).json().summary).toContain('Familielid');

    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'actor_id', 'reason']).where('record_id', '=', id).where('action', '=', 'case.break_glass').execute();
    expect(audit).toEqual([{ action: 'case.break_glass', actor_id: colleague.userId, reason }]);

    const overview = (await get(lead, '/api/break-glass')).json();
    const mine = overview.items.find((g: { caseId: string }) => g.caseId === id);
    expect(mine).toMatchObject({ reason, active: true, reviewedAt: null, user: { id: colleague.userId } });
    expect(overview.unreviewed).toBeGreaterThanOrEqual(1);
    expect((await get(colleague, '/api/break-glass')).statusCode).toBe(403);
    expect((await post(lead, `/api/break-glass/${mine.id}/review`)).statusCode).toBe(200);
    expect((await get(lead, '/api/break-glass')).json().items.find((g: { id: string }) => g.id === mine.id).reviewedAt).not.toBeNull();

    // After four hours the file closes again.
    await ctx.database.db.updateTable('case_access_grant').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', mine.id).execute();
    expect((await get(colleague, `/api/cases/${id}`)).statusCode).toBe(404);
  });

  it('cannot be reached from another region, not even by breaking the glass', async () => {
    const id = await shieldedCase();
    expect((await post(otherLead, `/api/cases/${id}/break-glass`, { reason: 'Nieuwsgierig naar dit dossier (verzonnen).' })).statusCode).toBe(404);
    expect((await get(otherLead, `/api/cases/${id}/restriction`)).statusCode).toBe(404);
    expect((await get(otherLead, '/api/cases/restricted')).json().items).toEqual([]);
    expect((await get(otherLead, `/api/cases/${id}`)).statusCode).toBe(404);
    expect(await ctx.database.db.selectFrom('case_access_grant').select('id').where('contact_id', '=', id).execute()).toEqual([]);
  });

  it('opens for the region again when lifted', async () => {
    const id = await shieldedCase();
    expect((await post(lead, `/api/cases/${id}/restriction/lift`)).json()).toEqual({ restricted: false });
    expect((await get(colleague, `/api/cases/${id}`)).statusCode).toBe(200);
    const actions = (await ctx.database.db.selectFrom('audit_log').select('action').where('record_id', '=', id).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['case.restrict', 'case.unrestrict']));
  });
});
