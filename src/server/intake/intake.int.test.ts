import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type TestContext } from '../../test-support/build.ts';
import { REFERENCE_PATTERN } from './reference.ts';

let ctx: TestContext;
let ipCounter = 0;
/** Each test its own address, so the per-address rate limit of one test does not hit another. */
const nextIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

beforeAll(async () => {
  ctx = await build({ SIGNAAL_INTAKE_REGION: 'VR13', SIGNAAL_INTAKE_RATE_PER_HOUR: '10' });
});
afterAll(async () => ctx?.close());

const melding = {
  kind: 'melding',
  municipalityCode: 'GM0344', // Utrecht: VR09
  reporterType: 'beroepsmatig',
  violenceType: 'kindermishandeling',
  story: 'Een leerling komt vaak met blauwe plekken op school.',
  reporterName: 'Juf Jansen',
  reporterContact: '06-12345678',
} as const;

function postPublic(body: unknown, key: string | null = randomUUID(), ip = nextIp()) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/public/contacts',
    remoteAddress: ip,
    headers: key === null ? {} : { 'idempotency-key': key },
    payload: body as Record<string, unknown>,
  });
}

async function contactsByReference(reference: string) {
  return ctx.database.db.selectFrom('contact').selectAll().where('reference', '=', reference).execute();
}

async function countContacts() {
  const r = await ctx.database.db.selectFrom('contact').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function partnerOrg(name: string, region = 'VR14') {
  return ctx.database.db.insertInto('organisation').values({ name, kind: 'partner', partner_type: 'politie', region_code: region }).returning('id').executeTakeFirstOrThrow();
}

describe('public municipalities', () => {
  it('lists the current classification without a session, cacheable', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/public/municipalities' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age');
    const list = res.json<{ code: string; name: string }[]>();
    expect(list.length).toBeGreaterThan(300);
    expect(list).toContainEqual({ code: 'GM0344', name: 'Utrecht' });
  });
});

describe('public form', () => {
  it('registers a melding in the region of the municipality, with a reference and an audit entry', async () => {
    const res = await postPublic(melding);
    expect(res.statusCode).toBe(201);
    const { reference, kind } = res.json<{ reference: string; kind: string }>();
    expect(kind).toBe('melding');
    expect(reference).toMatch(REFERENCE_PATTERN);
    const [row] = await contactsByReference(reference);
    expect(row).toMatchObject({ region_code: 'VR09', municipality_code: 'GM0344', channel: 'webformulier', reporter_type: 'beroepsmatig', reporter_name: 'Juf Jansen', reporter_contact: '06-12345678', reporter_consent: true, created_by: null });
    // A melding opens its handling (registerContact).
    const handling = await ctx.database.db.selectFrom('case_handling').select('state').where('contact_id', '=', row!.id).executeTakeFirst();
    expect(handling?.state).toBe('registered');
    const audit = await ctx.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', row!.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'contact.create', actor_id: null, actor_role: 'public-form', region_code: 'VR09', outcome: 'allowed' });
  });

  it('accepts a fully anonymous advies; unknown municipality goes to the national intake region', async () => {
    const res = await postPublic({ kind: 'advies', story: 'Ik maak me zorgen over mijn buurvrouw.', municipalityCode: 'GM9999' });
    expect(res.statusCode).toBe(201);
    const [row] = await contactsByReference(res.json<{ reference: string }>().reference);
    expect(row).toMatchObject({ kind: 'advies', region_code: 'VR13', municipality_code: null, reporter_name: null, reporter_contact: null, reporter_consent: null });
    const none = await postPublic({ kind: 'advies', story: 'Zonder gemeente.' });
    expect((await contactsByReference(none.json<{ reference: string }>().reference))[0]?.region_code).toBe('VR13');
  });

  it('refuses own details on an advies without consent, and a melding without name or contact', async () => {
    const noConsent = await postPublic({ kind: 'advies', story: 'x', reporterContact: 'a@b.nl' });
    expect(noConsent.statusCode).toBe(400);
    expect(JSON.stringify(noConsent.json())).toContain('consent');
    const withConsent = await postPublic({ kind: 'advies', story: 'x', reporterContact: 'a@b.nl', consent: true });
    expect(withConsent.statusCode).toBe(201);
    const bad = await postPublic({ ...melding, reporterName: null, reporterContact: 'geen nummer' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json<{ details: { path: string }[] }>().details.map((d) => d.path);
    expect(paths.join(' ')).toMatch(/reporterName/);
    expect(paths.join(' ')).toMatch(/reporterContact/);
    const long = await postPublic({ ...melding, story: 'x'.repeat(4001) });
    expect(long.statusCode).toBe(400);
  });

  it('requires an Idempotency-Key of 8 to 200 characters', async () => {
    expect((await postPublic(melding, null)).statusCode).toBe(400);
    expect((await postPublic(melding, 'short')).statusCode).toBe(400);
    expect((await postPublic(melding, 'k'.repeat(201))).statusCode).toBe(400);
  });

  it('answers a retry with the same key and body with the same reference, creating nothing', async () => {
    const key = randomUUID();
    const first = await postPublic(melding, key);
    const before = await countContacts();
    const again = await postPublic({ ...melding }, key);
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.json()).toEqual(first.json());
    expect(await countContacts()).toBe(before);
  });

  it('refuses the same key with a different body (422 idempotency_conflict)', async () => {
    const key = randomUUID();
    expect((await postPublic(melding, key)).statusCode).toBe(201);
    const other = await postPublic({ ...melding, story: 'Iets anders' }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json<{ code: string }>().code).toBe('idempotency_conflict');
  });

  it('makes one record of 10 parallel identical requests (double click)', async () => {
    const key = randomUUID();
    const before = await countContacts();
    const ip = nextIp();
    const all = await Promise.all(Array.from({ length: 10 }, () => postPublic(melding, key, ip)));
    expect(all.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(all.map((r) => r.json<{ reference: string }>().reference)).size).toBe(1);
    expect(await countContacts()).toBe(before + 1);
  });

  it('limits submissions per address', async () => {
    const ip = nextIp();
    for (let i = 0; i < 10; i++) expect((await postPublic({ kind: 'advies', story: `vraag ${i}` }, randomUUID(), ip)).statusCode).toBe(201);
    const limited = await postPublic({ kind: 'advies', story: 'nog een' }, randomUUID(), ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ code: string }>().code).toBe('rate_limited');
    // Another address is not affected.
    expect((await postPublic({ kind: 'advies', story: 'ander adres' })).statusCode).toBe(201);
  });
});

describe('partner API keys', () => {
  const police = {
    kind: 'melding',
    receivedAt: '2025-03-04T10:00:00+01:00',
    municipalityCode: 'GM0363', // Amsterdam: VR13
    reporter: { type: 'beroepsmatig', group: 'politie' },
    violenceType: 'partnergeweld',
    flags: ['huwelijksdwang'],
    summary: 'Huiselijk geweld melding na inzet.',
  };

  async function createKey(orgName: string, channel?: string) {
    const admin = await loginAs(ctx, 'admin', 'VR14');
    const org = await partnerOrg(orgName);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: admin.headers(true),
      payload: { organisationId: org.id, name: 'Koppeling BVH', ...(channel ? { channel } : {}) },
    });
    expect(res.statusCode).toBe(201);
    return { admin, org, ...res.json<{ id: string; prefix: string; key: string }>() };
  }

  function submit(key: string, body: unknown, idem = randomUUID()) {
    return ctx.app.inject({
      method: 'POST',
      url: '/api/partner/v1/contacts',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': idem },
      payload: body as Record<string, unknown>,
    });
  }

  it('an admin creates a key (shown once), lists it without the secret and only for the own region', async () => {
    const { admin, key, prefix, id } = await createKey('Politie Midden-Nederland (test)');
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix).toHaveLength(8);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/api-keys', headers: admin.headers() });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(key);
    expect(list.json<{ items: { id: string }[] }>().items.map((k) => k.id)).toContain(id);
    const other = await loginAs(ctx, 'admin', 'VR13');
    const otherList = await ctx.app.inject({ method: 'GET', url: '/api/api-keys', headers: other.headers() });
    expect(otherList.json<{ items: { id: string }[] }>().items.map((k) => k.id)).not.toContain(id);
    const revokeOther = await ctx.app.inject({ method: 'POST', url: `/api/api-keys/${id}/revoke`, headers: other.headers(true) });
    expect(revokeOther.statusCode).toBe(404);
    const intake = await loginAs(ctx, 'intake', 'VR14');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/api-keys', headers: intake.headers() })).statusCode).toBe(403);
  });

  it('submits with the key: region from the municipality, channel politie, flags, audit with the organisation', async () => {
    const { key, org } = await createKey('Politie Amsterdam (test)');
    const res = await submit(key, police);
    expect(res.statusCode).toBe(201);
    const body = res.json<{ id: string; reference: string; regionCode: string }>();
    expect(body.regionCode).toBe('VR13');
    const [row] = await contactsByReference(body.reference);
    expect(row).toMatchObject({ id: body.id, region_code: 'VR13', channel: 'politie', reporter_group: 'politie', flags: ['huwelijksdwang'], created_by: null });
    const audit = await ctx.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', body.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'contact.create', actor_role: 'partner-system', actor_organisation_id: org.id, region_code: 'VR13' });
    const used = await ctx.database.db.selectFrom('api_key').select('last_used_at').where('organisation_id', '=', org.id).executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
  });

  it("uses the organisation's region when no municipality is given, and is idempotent per organisation", async () => {
    const { key } = await createKey('Politie Utrecht (test)', 'overig');
    const idem = randomUUID();
    const first = await submit(key, { ...police, municipalityCode: null }, idem);
    expect(first.statusCode).toBe(201);
    expect(first.json<{ regionCode: string }>().regionCode).toBe('VR14');
    const again = await submit(key, { ...police, municipalityCode: null }, idem);
    expect(again.json()).toEqual(first.json());
    const conflict = await submit(key, { ...police, municipalityCode: null, summary: 'anders' }, idem);
    expect(conflict.statusCode).toBe(422);
    const [row] = await contactsByReference(first.json<{ reference: string }>().reference);
    expect(row?.channel).toBe('overig');
    // Unknown municipality: refused, as in the exchange format.
    expect((await submit(key, { ...police, municipalityCode: 'GM9999' })).statusCode).toBe(400);
  });

  it('makes one record of 10 parallel identical submissions', async () => {
    const { key } = await createKey('Politie Oost (test)');
    const idem = randomUUID();
    const before = await countContacts();
    const all = await Promise.all(Array.from({ length: 10 }, () => submit(key, police, idem)));
    expect(all.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(all.map((r) => r.json<{ id: string }>().id)).size).toBe(1);
    expect(await countContacts()).toBe(before + 1);
  });

  it('refuses unknown and revoked keys with 401 and audits the refusal', async () => {
    const { admin, key, id, org } = await createKey('Politie Noord (test)');
    const unknown = await submit('sgn_this-key-does-not-exist-at-all', police);
    expect(unknown.statusCode).toBe(401);
    const none = await ctx.app.inject({ method: 'POST', url: '/api/partner/v1/contacts', headers: { 'idempotency-key': randomUUID() }, payload: police });
    expect(none.statusCode).toBe(401);

    const revoke = await ctx.app.inject({ method: 'POST', url: `/api/api-keys/${id}/revoke`, headers: admin.headers(true) });
    expect(revoke.statusCode).toBe(200);
    const refused = await submit(key, police);
    expect(refused.statusCode).toBe(401);
    const denied = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'partner.access')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.reason)).toEqual(expect.arrayContaining(['unknown key', 'no bearer key', 'revoked key']));
    expect(denied.find((d) => d.reason === 'revoked key')).toMatchObject({ actor_organisation_id: org.id, record_id: id });
  });

  it('a key can only submit: it opens no other route', async () => {
    const { key } = await createKey('Politie West (test)');
    const headers = { authorization: `Bearer ${key}` };
    expect((await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/api-keys', headers })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers, payload: police })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/partner/v1/contacts', headers })).statusCode).toBe(404);
  });
});
