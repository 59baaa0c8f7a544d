import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/access/permissions.ts';
import { amsterdamDate } from '../../domain/deadlines/amsterdam-time.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

let ctx: TestContext;
let ipCounter = 0;
const nextIp = () => `10.6.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

beforeAll(async () => {
  ctx = await build({ SIGNAAL_INTAKE_REGION: 'VR13' });
});
afterAll(async () => ctx?.close());

function post(url: string, payload: unknown, key: string | null = randomUUID()) {
  return ctx.app.inject({ method: 'POST', url, remoteAddress: nextIp(), headers: key ? { 'idempotency-key': key } : {}, payload: payload as Record<string, unknown> });
}

async function contactByReference(reference: string) {
  return ctx.database.db.selectFrom('contact').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
}

async function usage(sector: string, event: string, region: string) {
  const r = await ctx.database.db.selectFrom('meldcode_usage').select('count').where('sector', '=', sector).where('event', '=', event).where('region_code', '=', region).executeTakeFirst();
  return r?.count ?? 0;
}

const dossier = (over: Record<string, unknown> = {}) => ({
  sector: 'onderwijs',
  step: 5,
  signals: ['kind-letsel', 'kind-gedrag'],
  notes: { '1': 'Blauwe plekken op de arm, 3 maart.', '2': 'Besproken met de aandachtsfunctionaris.', '3': '', '4': '', '5': '' },
  answers: { q1: true, q2: true },
  ...over,
});

describe('meldcode tool: to Veilig Thuis', () => {
  it('registers an anonymous advies in the intake of the municipality’s region, channel meldcode, sector as reporter group', async () => {
    const before = await usage('onderwijs', 'advies-gevraagd', 'VR09');
    const res = await post('/api/public/meldcode/contacts', { kind: 'advies', sector: 'onderwijs', municipalityCode: 'GM0344', story: 'Een leerling komt vaak hongerig op school. Wat kan ik doen?' });
    expect(res.statusCode).toBe(201);
    const c = await contactByReference(res.json<{ reference: string }>().reference);
    expect(c).toMatchObject({ kind: 'advies', channel: 'meldcode', region_code: 'VR09', reporter_type: 'beroepsmatig', reporter_group: 'onderwijs', reporter_name: null, reporter_contact: null });
    expect(await usage('onderwijs', 'advies-gevraagd', 'VR09')).toBe(before + 1);
    const audit = await ctx.database.db.selectFrom('audit_log').select(['actor_role', 'action']).where('record_id', '=', c.id).executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_role: 'meldcode-tool', action: 'contact.create' });
  });

  it('registers a melding with the reporter identified, opens its handling, counts a retry once', async () => {
    const key = randomUUID();
    const body = { kind: 'melding', sector: 'kinderopvang', municipalityCode: 'GM0402', violenceType: 'kindermishandeling', story: 'Peuter met brandwonden.', reporterName: 'Karin Kinderopvang', reporterContact: '06-11112222' };
    const first = await post('/api/public/meldcode/contacts', body, key);
    const again = await post('/api/public/meldcode/contacts', body, key);
    expect(first.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const c = await contactByReference(first.json<{ reference: string }>().reference);
    expect(c).toMatchObject({ kind: 'melding', channel: 'meldcode', region_code: 'VR14', reporter_group: 'kinderopvang', reporter_name: 'Karin Kinderopvang', reporter_consent: true });
    expect(await ctx.database.db.selectFrom('case_handling').select('state').where('contact_id', '=', c.id).executeTakeFirst()).toEqual({ state: 'registered' });
    expect(await usage('kinderopvang', 'uitkomst-melding', 'VR14')).toBe(1);
  });

  it('refuses a melding without the reporter, and an advies with own details but no consent', async () => {
    const melding = await post('/api/public/meldcode/contacts', { kind: 'melding', sector: 'ggz', story: 'x', violenceType: 'partnergeweld' });
    expect(melding.statusCode).toBe(400);
    expect(melding.body).toContain('reporterName');
    const advies = await post('/api/public/meldcode/contacts', { kind: 'advies', sector: 'ggz', story: 'x', reporterName: 'Ik' });
    expect(advies.statusCode).toBe(400);
    expect(advies.body).toContain('consent');
  });
});

describe('meldcode tool: counts and PDF', () => {
  it('counts steps per month, region and sector; figures for reports:read only', async () => {
    for (const event of ['gestart', 'stap-1', 'stap-2']) {
      expect((await post('/api/public/meldcode/usage', { sector: 'huisarts', event, municipalityCode: 'GM0363' }, null)).statusCode).toBe(204);
    }
    expect((await post('/api/public/meldcode/usage', { sector: 'huisarts', event: 'gestart' }, null)).statusCode).toBe(204);
    expect((await post('/api/public/meldcode/usage', { sector: 'huisarts', event: 'iets' }, null)).statusCode).toBe(400);

    const month = amsterdamDate(new Date()).slice(0, 7);
    const analyst = await loginAs(ctx, 'analyst');
    const res = await ctx.app.inject({ method: 'GET', url: `/api/meldcode/figures?from=${month}&to=${month}`, headers: analyst.headers() });
    expect(res.statusCode).toBe(200);
    const { usage: rows } = res.json<{ usage: { regionCode: string; sector: string; event: string; count: number }[] }>();
    expect(rows).toContainEqual({ month, regionCode: 'VR13', sector: 'huisarts', event: 'stap-2', count: 1 });
    expect(rows).toContainEqual({ month, regionCode: 'onbekend', sector: 'huisarts', event: 'gestart', count: 1 });

    const professional = await loginAs(ctx, 'professional');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/meldcode/figures?from=${month}&to=${month}`, headers: professional.headers() })).statusCode).toBe(403);
  });

  it('renders a dossier as PDF and stores nothing of it', async () => {
    const before = await ctx.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await post('/api/public/meldcode/dossier.pdf', dossier(), null);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const after = await ctx.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('requires the reason when the afwegingskader closes, and monitoring agreements after help', async () => {
    const closed = await post('/api/public/meldcode/dossier.pdf', dossier({ answers: { q1: false } }), null);
    expect(closed.statusCode).toBe(400);
    expect(closed.json()).toMatchObject({ code: 'close_reason_required' });
    expect((await post('/api/public/meldcode/dossier.pdf', dossier({ answers: { q1: false }, closeReason: 'Verklaring past: val bij het sporten.' }), null)).statusCode).toBe(200);
    const help = await post('/api/public/meldcode/dossier.pdf', dossier({ answers: { q1: true, q2: false, q3: true, q4: true, q5: true } }), null);
    expect(help.json()).toMatchObject({ code: 'monitoring_required' });
    const signal = await post('/api/public/meldcode/dossier.pdf', dossier({ sector: 'ggz' }), null);
    expect(signal.json()).toMatchObject({ code: 'unknown_signal' });
  });
});

describe('pharmacy codeword Masker 19', () => {
  it('counts every path; alone and accompanied register an anonymous advies (channel apotheek) with a reference; acute only counts', async () => {
    const alone = await post('/api/public/codeword', { path: 'alleen', municipalityCode: 'GM0344' });
    expect(alone.statusCode).toBe(201);
    const ref = alone.json<{ reference: string }>().reference;
    expect(await contactByReference(ref)).toMatchObject({ kind: 'advies', channel: 'apotheek', region_code: 'VR09', reporter_name: null });

    const key = randomUUID();
    const accompanied = await post('/api/public/codeword', { path: 'begeleid', municipalityCode: 'GM0344' }, key);
    expect((await post('/api/public/codeword', { path: 'begeleid', municipalityCode: 'GM0344' }, key)).json()).toEqual(accompanied.json());

    const acute = await post('/api/public/codeword', { path: 'acuut' });
    expect(acute.json()).toEqual({ path: 'acuut', reference: null });

    const uses = await ctx.database.db.selectFrom('codeword_use').select(['region_code', 'path', 'contact_id']).orderBy('path').execute();
    expect(uses.map((u) => [u.path, u.region_code, u.contact_id !== null])).toEqual([['acuut', 'onbekend', false], ['alleen', 'VR09', true], ['begeleid', 'VR09', true]]);

    const month = amsterdamDate(new Date()).slice(0, 7);
    const analyst = await loginAs(ctx, 'analyst');
    const figures = await ctx.app.inject({ method: 'GET', url: `/api/meldcode/figures?from=${month}&to=${month}`, headers: analyst.headers() });
    expect(figures.json<{ codeword: unknown[] }>().codeword).toContainEqual({ month, regionCode: 'VR09', path: 'alleen', count: 1 });
  });
});

describe('organisation dossiers', () => {
  async function org(name: string) {
    return ctx.database.db.insertInto('organisation').values({ name, kind: 'meldcode', region_code: 'VR14' }).returning('id').executeTakeFirstOrThrow();
  }
  async function member(role: Role, organisationId: string): Promise<Session> {
    const s = await loginAs(ctx, role);
    await ctx.database.db.updateTable('staff_user').set({ organisation_id: organisationId }).where('id', '=', s.userId).execute();
    return s;
  }

  it('shares a dossier with the own aandachtsfunctionaris only: not a colleague, not another organisation, not Veilig Thuis', async () => {
    const school = await org('Basisschool De Linde (test)');
    const other = await org('Kinderdagverblijf Het Bos (test)');
    const [juf, collega, af, afOther] = [await member('professional', school.id), await member('professional', school.id), await member('aandachtsfunctionaris', school.id), await member('aandachtsfunctionaris', other.id)];
    const casemanager = await loginAs(ctx, 'casemanager');

    const created = await ctx.app.inject({ method: 'POST', url: '/api/meldcode/dossiers', headers: juf.headers(true), payload: { title: 'Leerling groep 6', content: dossier({ step: 2, answers: {} }) } });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;

    const list = (s: Session) => ctx.app.inject({ method: 'GET', url: '/api/meldcode/dossiers', headers: s.headers() }).then((r) => r.json<{ id: string; own: boolean; createdBy: { name: string } }[]>());
    const read = (s: Session) => ctx.app.inject({ method: 'GET', url: `/api/meldcode/dossiers/${id}`, headers: s.headers() });

    expect((await list(af)).map((d) => d.id)).toContain(id);
    expect((await read(af)).json()).toMatchObject({ title: 'Leerling groep 6', own: false, stalled: false, content: { notes: { '1': 'Blauwe plekken op de arm, 3 maart.' } } });
    expect((await list(juf)).find((d) => d.id === id)?.own).toBe(true);
    expect(await list(collega)).toEqual([]);
    expect(await list(afOther)).toEqual([]);
    expect((await read(afOther)).statusCode).toBe(404);
    expect((await read(collega)).statusCode).toBe(404);
    expect((await read(casemanager)).statusCode).toBe(403);

    // The aandachtsfunctionaris supports: may take the dossier a step further; the outcome follows the answers.
    const updated = await ctx.app.inject({ method: 'PUT', url: `/api/meldcode/dossiers/${id}`, headers: af.headers(true), payload: { title: 'Leerling groep 6', content: dossier({ answers: { q1: true, q2: true } }) } });
    expect(updated.json()).toMatchObject({ step: 5, outcome: 'melding' });
    expect((await ctx.app.inject({ method: 'PUT', url: `/api/meldcode/dossiers/${id}`, headers: afOther.headers(true), payload: { title: 'x', content: dossier() } })).statusCode).toBe(404);

    // A dossier that has not moved for more than a week is marked stalled.
    await ctx.database.db.updateTable('meldcode_dossier').set({ updated_at: new Date(Date.now() - 8 * 24 * 3600 * 1000), outcome: null }).where('id', '=', id).execute();
    expect((await read(af)).json()).toMatchObject({ stalled: true });
  });
});
