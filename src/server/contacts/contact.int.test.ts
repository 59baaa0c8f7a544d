import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { buildApp, loggerOptions, type App } from '../app.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';
import { openTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';

let ctx: TestContext;
let intake: Session;

const advies = {
  kind: 'advies',
  receivedAt: '2026-02-10T21:30:00+01:00',
  municipalityCode: null,
  channel: 'chat',
  reporterType: 'particulier',
  reporterGroup: 'burger',
  summary: 'Buurvrouw hoort geschreeuw (verzonnen).',
};

beforeAll(async () => {
  ctx = await build();
  intake = await loginAs(ctx, 'intake', 'VR14');
});
afterAll(async () => ctx?.close());

describe('registering an advice request or report', () => {
  it('stores it in the worker’s own region and shows it in the list and on its page', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: intake.headers(true), payload: advies });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ kind: 'advies', regionCode: 'VR14', municipalityCode: null, violenceType: null, receivedAt: '2026-02-10T20:30:00.000Z' });
    const list = await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: intake.headers() });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    const one = await ctx.app.inject({ method: 'GET', url: `/api/contacts/${c.id}`, headers: intake.headers() });
    expect(one.json()).toMatchObject({ id: c.id, createdBy: { displayName: expect.stringContaining('intake') } });
  });

  it('refuses bad input with a clear reason and stores nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...advies, kind: 'melding' }, 'violenceType'],
      [{ ...advies, receivedAt: '10-02-2026' }, 'receivedAt'],
      [{ ...advies, channel: 'duif' }, 'channel'],
      [{ ...advies, regionCode: 'VR13' }, 'regionCode'], // unknown field: the region is the worker's own
      [{ ...advies, summary: 'x'.repeat(4001) }, 'summary'],
    ];
    const before = await ctx.database.db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const [payload, field] of cases) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: intake.headers(true), payload });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().code).toBe('validation_failed');
      expect(JSON.stringify(res.json().details), field).toContain(field);
    }
    const malformed = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: { ...intake.headers(true), 'content-type': 'application/json' }, payload: '{"kind":' });
    expect(malformed.statusCode).toBe(400);
    const after = await ctx.database.db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('never lets another region read it, also not by guessing its id', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: intake.headers(true), payload: advies });
    const amsterdam = await loginAs(ctx, 'casemanager', 'VR13');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/contacts/${res.json().id}`, headers: amsterdam.headers() })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: amsterdam.headers() })).json().items).toEqual([]);
  });
});

describe('the logs', () => {
  let database: TestDatabase;
  let app: App;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', SIGNAAL_DEMO: 'false' });
    const stream = new Writable({ write: (chunk, _enc, cb) => { lines.push(String(chunk)); cb(); } });
    app = await buildApp({ config, database, logger: { ...(loggerOptions('trace') as object), stream } });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('contain no personal data, password, cookie or query string', async () => {
    const t = { app, database, config: loadConfig({ NODE_ENV: 'test', SIGNAAL_DEMO: 'false' }), close: async () => undefined };
    const s = await loginAs(t, 'intake', 'VR14');
    await app.inject({ method: 'POST', url: '/api/contacts', headers: s.headers(true), payload: { ...advies, summary: 'Jantje de Vries, geboren 01-02-2015' } });
    await app.inject({ method: 'GET', url: '/api/contacts?naam=Jantje', headers: s.headers() });
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: s.email, password: 'geheim-wachtwoord-123' } });
    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).toContain('"route":"/api/contacts"');
    for (const secret of ['Jantje', 'geheim-wachtwoord-123', s.cookie.split('=')[1]!, s.email]) expect(log).not.toContain(secret);
  });
});
