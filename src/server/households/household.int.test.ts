import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inScope } from '../../db/scope.ts';
import { permissionsOf, type Role } from '../../domain/access/permissions.ts';
import { fieldCrypto } from '../../db/field-crypto.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

let ctx: TestContext;
let intake: Session;
let gooi: Session; // VR14, a second worker
let amsterdam: Session; // VR13

const mother = { role: 'slachtoffer', name: 'Fatima el Amrani', birthDate: '1988-04-12', street: 'Lindenlaan 7', postcode: '1211 AB', place: 'Hilversum', bsn: '111222333' };
const child = { role: 'kind', name: 'Yasmina el Amrani', birthDate: '2016-09-01', street: 'Lindenlaan 7', postcode: '1211AB', place: 'Hilversum' };
const melding = (over: Record<string, unknown> = {}) => ({
  kind: 'melding',
  receivedAt: '2026-03-02T10:00:00+01:00',
  reporterType: 'beroepsmatig',
  reporterGroup: 'huisarts',
  violenceType: 'partnergeweld',
  summary: 'Verzonnen verhaal voor de test.',
  persons: [mother, child],
  ...over,
});

async function register(s: Session, payload: Record<string, unknown>) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: s.headers(true), payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; persons: { id: string; name: string }[]; householdId: string | null };
}

async function auditActions(recordId?: string): Promise<string[]> {
  let q = ctx.database.db.selectFrom('audit_log').select(['action', 'reason']).orderBy('seq');
  if (recordId) q = q.where('record_id', '=', recordId);
  return (await q.execute()).map((r) => r.action);
}

beforeAll(async () => {
  ctx = await build();
  [intake, gooi, amsterdam] = await Promise.all([loginAs(ctx, 'intake', 'VR14'), loginAs(ctx, 'casemanager', 'VR14'), loginAs(ctx, 'intake', 'VR13')]);
});
afterAll(async () => ctx?.close());

describe('people involved in a contact', () => {
  it('are stored with a melding, with flags and the reporter’s consent to be named', async () => {
    const c = await register(intake, melding({ flags: ['huwelijksdwang'], reporterShareable: true }));
    expect(c).toMatchObject({ flags: ['huwelijksdwang'], reporterShareable: true, householdId: null });
    const one = (await ctx.app.inject({ method: 'GET', url: `/api/contacts/${c.id}`, headers: intake.headers() })).json();
    expect(one.persons).toEqual([
      expect.objectContaining({ role: 'slachtoffer', name: 'Fatima el Amrani', birthDate: '1988-04-12', postcode: '1211AB', bsn: '111222333' }),
      expect.objectContaining({ role: 'kind', name: 'Yasmina el Amrani', bsn: null }),
    ]);
  });

  it('are refused on an advies (no household data) and with an invalid BSN, storing nothing', async () => {
    const before = await ctx.database.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const advies = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: intake.headers(true), payload: melding({ kind: 'advies' }) });
    expect(advies.statusCode).toBe(400);
    expect(JSON.stringify(advies.json())).toContain('Een advies bevat geen gegevens van betrokkenen');
    const bsn = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: intake.headers(true), payload: melding({ persons: [{ ...mother, bsn: '123456789' }] }) });
    expect(bsn.statusCode).toBe(400);
    expect(JSON.stringify(bsn.json())).toContain('elfproef');
    expect(JSON.stringify(bsn.json().details)).toContain('bsn');
    const after = await ctx.database.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('the household file', () => {
  let first: string;
  let second: string;
  let household: string;

  it('opens a new file only when the worker asks, and suggests it for the next melding on the family', async () => {
    first = (await register(intake, melding())).id;
    // Nothing is joined automatically.
    const none = (await ctx.app.inject({ method: 'GET', url: `/api/contacts/${first}/household-matches`, headers: intake.headers() })).json();
    expect(none).toMatchObject({ householdId: null });
    const opened = await ctx.app.inject({ method: 'POST', url: `/api/contacts/${first}/household`, headers: intake.headers(true), payload: { new: true } });
    expect(opened.statusCode, opened.body).toBe(200);
    household = opened.json().householdId;
    expect(opened.json().created).toBe(true);

    // Another reporter, months later: the child by name and birth date, the mother by BSN.
    second = (await register(gooi, melding({ receivedAt: '2026-07-15T09:00:00+02:00', reporterGroup: 'onderwijs', persons: [{ ...mother, name: 'F. el Amrani' }, { ...child, street: null, postcode: null }] }))).id;
    const unrelated = (await register(gooi, melding({ persons: [{ role: 'slachtoffer', name: 'Piet Bakker', birthDate: '1970-01-01', street: 'Ergens 1', postcode: '9999ZZ', place: 'X' }] }))).id;
    const res = await ctx.app.inject({ method: 'GET', url: `/api/contacts/${second}/household-matches`, headers: gooi.headers() });
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.householdId).toBeNull();
    expect(m.candidates).toHaveLength(1);
    expect(m.candidates[0]).toMatchObject({ householdId: household, strength: 'certain', score: 100, meldingen: 1 });
    expect(m.candidates[0].reasons.map((r: { reason: string }) => r.reason)).toEqual(['bsn', 'name-birth-date']);
    const nothing = (await ctx.app.inject({ method: 'GET', url: `/api/contacts/${unrelated}/household-matches`, headers: gooi.headers() })).json();
    expect(nothing.candidates).toEqual([]);

    // Still not joined: the file has one melding until the worker confirms.
    const file = (await ctx.app.inject({ method: 'GET', url: `/api/households/${household}`, headers: gooi.headers() })).json();
    expect(file.summary.meldingen).toBe(1);
  });

  it('joins after confirmation and shows the repeat report at a glance', async () => {
    const join = await ctx.app.inject({ method: 'POST', url: `/api/contacts/${second}/household`, headers: gooi.headers(true), payload: { householdId: household } });
    expect(join.statusCode, join.body).toBe(200);
    expect(join.json()).toEqual({ householdId: household, created: false });
    const again = await ctx.app.inject({ method: 'POST', url: `/api/contacts/${second}/household`, headers: gooi.headers(true), payload: { new: true } });
    expect(again.statusCode).toBe(409);

    const file = (await ctx.app.inject({ method: 'GET', url: `/api/households/${household}`, headers: intake.headers() })).json();
    expect(file.summary).toEqual({ meldingen: 2, firstReceivedAt: '2026-03-02T09:00:00.000Z', lastReceivedAt: '2026-07-15T07:00:00.000Z', distinctReporters: 2, repeat: true });
    expect(file.meldingen.map((x: { id: string }) => x.id)).toEqual([first, second]);
    expect(file.persons).toHaveLength(4);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/contacts/${second}`, headers: intake.headers() })).json().householdId).toBe(household);
  });

  it('refuses an advies and another region’s household; another region cannot see the file', async () => {
    const advies = await register(intake, { kind: 'advies', receivedAt: '2026-03-02T10:00:00+01:00', reporterType: 'particulier' });
    expect((await ctx.app.inject({ method: 'POST', url: `/api/contacts/${advies.id}/household`, headers: intake.headers(true), payload: { new: true } })).json().code).toBe('not_a_melding');
    const other = await register(amsterdam, melding());
    const cross = await ctx.app.inject({ method: 'POST', url: `/api/contacts/${other.id}/household`, headers: amsterdam.headers(true), payload: { householdId: household } });
    expect(cross.statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/households/${household}`, headers: amsterdam.headers() })).statusCode).toBe(404);
    // Same family known in VR14, but Amsterdam's matching only looks in its own region.
    expect((await ctx.app.inject({ method: 'GET', url: `/api/contacts/${other.id}/household-matches`, headers: amsterdam.headers() })).json().candidates).toEqual([]);
    const analyst = await loginAs(ctx, 'analyst', 'VR14');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/households/${household}`, headers: analyst.headers() })).statusCode).toBe(403);
  });

  it('audits every read and write', async () => {
    expect(await auditActions(household)).toEqual(expect.arrayContaining(['household.create', 'household.join', 'household.read', 'household.match']));
    expect(await auditActions(second)).toEqual(expect.arrayContaining(['contact.create', 'household.match', 'contact.list']));
  });
});

describe('the national lookup', () => {
  it('tells region and date of the first melding only, across regions, and audits the kind of query', async () => {
    await register(amsterdam, melding({ receivedAt: '2025-12-31T23:30:00+01:00', persons: [{ ...mother, name: 'Fatima El-Amrani' }] }));
    const byBsn = await ctx.app.inject({ method: 'POST', url: '/api/households/lookup', headers: amsterdam.headers(true), payload: { bsn: '111222333' } });
    expect(byBsn.statusCode, byBsn.body).toBe(200);
    const items = byBsn.json().items as Record<string, string>[];
    expect(items.map((i) => i.regionCode).sort()).toEqual(['VR13', 'VR14']);
    const vr13 = items.find((i) => i.regionCode === 'VR13')!;
    expect(vr13.knownSince).toBe('2025-12-31');
    const vr14 = items.find((i) => i.regionCode === 'VR14')!;
    expect(Object.keys(vr14).sort()).toEqual(['contact', 'knownSince', 'regionCode', 'regionName']);
    expect(vr14.contact).toBe(`Veilig Thuis ${vr14.regionName}`);
    expect(vr14.knownSince).toBe('2026-03-02');
    expect(byBsn.body).not.toMatch(/Amrani|Verzonnen|huisarts|[0-9a-f]{8}-[0-9a-f]{4}/);

    const byName = await ctx.app.inject({ method: 'POST', url: '/api/households/lookup', headers: amsterdam.headers(true), payload: { name: 'yasmina EL amrani', birthDate: '2016-09-01' } });
    expect(byName.json().items.map((i: { regionCode: string }) => i.regionCode).sort()).toEqual(['VR13', 'VR14']);
    const unknown = await ctx.app.inject({ method: 'POST', url: '/api/households/lookup', headers: amsterdam.headers(true), payload: { name: 'Niemand Bekend', birthDate: '2016-09-01' } });
    expect(unknown.json().items).toEqual([]);
    const bad = await ctx.app.inject({ method: 'POST', url: '/api/households/lookup', headers: amsterdam.headers(true), payload: { bsn: '123456789' } });
    expect(bad.statusCode).toBe(400);

    const entries = await ctx.database.db.selectFrom('audit_log').select(['reason', 'actor_region']).where('action', '=', 'household.lookup').execute();
    expect(entries.map((e) => e.reason)).toEqual(["bsn; 2 regio's", "naam+geboortedatum; 2 regio's", "naam+geboortedatum; 0 regio's"]);
    expect(JSON.stringify(entries)).not.toMatch(/111222333|Yasmina|yasmina/);
  });

  it('is refused to roles without the permission, also when calling the function directly', async () => {
    const admin = await loginAs(ctx, 'admin', 'VR13');
    expect((await ctx.app.inject({ method: 'POST', url: '/api/households/lookup', headers: admin.headers(true), payload: { bsn: '111222333' } })).statusCode).toBe(403);
    const actor = (role: Role) => ({ userId: admin.userId, email: admin.email, displayName: 'x', role, organisationId: randomUUID(), regionCode: 'VR13', permissions: permissionsOf(role) });
    // The function takes the keyed blind index of the BSN (ADR 0013), never the number itself.
    const index = fieldCrypto().blindIndex('111222333');
    const direct = (role: Role, bsn = index) => inScope(ctx.database.db, actor(role), (trx) => sql<{ region_code: string }>`select * from signaal_household_lookup(${bsn}, null, null)`.execute(trx));
    expect((await direct('admin')).rows).toEqual([]);
    expect((await direct('intake')).rows.length).toBe(2);
    expect((await direct('intake', '111222333')).rows).toEqual([]);
    // The request role cannot read other regions' people itself.
    const people = await inScope(ctx.database.db, actor('intake'), (trx) => trx.selectFrom('person').select('region_code').execute());
    expect(new Set(people.map((p) => p.region_code))).toEqual(new Set(['VR13']));
  });
});

describe('the reporter disclosure preview', () => {
  it('hides a professional reporter from the family unless shareable, and shows staff everything', async () => {
    const hidden = await register(intake, melding({ persons: [] }));
    const shown = await register(intake, melding({ persons: [], reporterShareable: true }));
    const family = (id: string, audience = 'family') => ctx.app.inject({ method: 'GET', url: `/api/contacts/${id}/disclosure?audience=${audience}`, headers: intake.headers() });
    expect((await family(hidden.id)).json()).toEqual({ audience: 'family', reporter: null, withheld: 'professional-not-shareable' });
    expect((await family(hidden.id, 'partner')).body).not.toContain('huisarts');
    expect((await family(hidden.id, 'staff')).json().reporter).toMatchObject({ reporterGroup: 'huisarts' });
    expect((await family(shown.id)).json().reporter).toMatchObject({ reporterType: 'beroepsmatig', reporterGroup: 'huisarts' });
    expect(await auditActions(hidden.id)).toContain('contact.disclosure');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/contacts/${hidden.id}/disclosure`, headers: amsterdam.headers() })).statusCode).toBe(404);
  });
});
