import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../app.ts';
import { build, cookieFrom, createUser, loginAs, TEST_PASSWORD, type Session, type TestContext } from '../../test-support/build.ts';
import { exampleBody } from '../../test-support/example-body.ts';
import { ROLES, roleHas, type Permission, type Role } from '../../domain/access/permissions.ts';

/**
 * Attacks a browser-borne or remote attacker would try, on the running app: cross-site request
 * forgery on every write route, session fixation, and password guessing (per account across
 * addresses, per address across accounts). Bad input and cross-region ids have their own files
 * (bad-input.int.test.ts, idor.int.test.ts).
 */
let ctx: TestContext;
let name: string;
const sessions = new Map<Role, Session>();

beforeAll(async () => {
  ctx = await build({ LOGIN_MAX_FAILURES: '3' });
  name = sessionCookieName(ctx.config);
  for (const role of ROLES) sessions.set(role, await loginAs(ctx, role, 'VR14', { remoteAddress: `10.20.0.${ROLES.indexOf(role) + 1}` }));
});
afterAll(async () => ctx?.close());

async function writes() {
  const db = ctx.database.db;
  const n = async (t: 'contact' | 'case_step' | 'organisation' | 'api_key' | 'staff_user') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { contact: await n('contact'), step: await n('case_step'), organisation: await n('organisation'), apiKey: await n('api_key'), staff: await n('staff_user') };
}

describe('cross-site request forgery', () => {
  it('is refused on every write route: no token, a wrong token, another origin, a cross-site fetch', async () => {
    const routes = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'GET' && r.method !== 'HEAD' && r.access !== 'public');
    expect(routes.length).toBeGreaterThan(50);
    const before = await writes();
    const failures: string[] = [];
    const id = '00000000-0000-4000-8000-000000000000';
    for (const r of routes) {
      const role = r.access === 'session' ? 'intake' : ROLES.find((x) => roleHas(x, r.access as Permission));
      if (!role) continue;
      const s = sessions.get(role)!;
      const url = r.url.replace(/:[A-Za-z]+/g, id);
      const payload = exampleBody(r.body, id) as object;
      const attempts: [string, Record<string, string>][] = [
        ['no token', { cookie: s.cookie }],
        ['wrong token', { cookie: s.cookie, 'x-csrf-token': `${s.csrf.slice(0, -2)}xx` }],
        ['token of another session', { cookie: s.cookie, 'x-csrf-token': sessions.get(role === 'admin' ? 'intake' : 'admin')!.csrf }],
        ['other origin', { ...s.headers(true), origin: 'https://evil.example' }],
        ['cross-site fetch', { ...s.headers(true), 'sec-fetch-site': 'cross-site' }],
      ];
      for (const [label, headers] of attempts) {
        const res = await ctx.app.inject({ method: r.method as 'POST', url, headers, payload });
        if (res.statusCode !== 403 || res.json().code !== 'csrf_failed') failures.push(`${r.method} ${r.url} ${label}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await writes()).toEqual(before);
  }, 120_000);

  it('refuses a cross-site sign-in form post too (login CSRF)', async () => {
    const u = await createUser(ctx, 'intake', 'VR14');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload: { email: u.email, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('session fixation', () => {
  it("an attacker's own valid session planted in the victim's browser is replaced at sign-in, not taken over", async () => {
    const attacker = await loginAs(ctx, 'intake', 'VR14', { remoteAddress: '10.30.0.1' });
    const victim = await createUser(ctx, 'casemanager', 'VR14');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.30.0.2', headers: { cookie: attacker.cookie }, payload: { email: victim.email, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const fresh = cookieFrom(res.headers['set-cookie'], name);
    expect(`${name}=${fresh}`).not.toBe(attacker.cookie);
    // The planted token was ended, and never belonged to the victim.
    const planted = await ctx.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: attacker.cookie } });
    expect(planted.statusCode).toBe(401);
  });
});

describe('password guessing', () => {
  it('locks the account after the set number of failures even when every guess comes from another address', async () => {
    const u = await createUser(ctx, 'teamleider', 'VR14');
    for (let i = 0; i < 3; i++) {
      const r = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `172.16.${i}.9`, payload: { email: u.email, password: `raden-${i}` } });
      expect(r.statusCode).toBe(401);
    }
    const right = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '172.16.99.9', payload: { email: u.email, password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(423);
    expect(right.headers['set-cookie']).toBeUndefined();
  });

  it('throttles one address that sprays many accounts, before any of them locks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const r = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '172.17.0.1', payload: { email: `gok${i}@test.signaal.example`, password: 'Welkom01!' } });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    // Another address is not affected.
    const other = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '172.17.0.2', payload: { email: 'gok@test.signaal.example', password: 'x' } });
    expect(other.statusCode).toBe(401);
  });

  it('answers an unknown address exactly like a wrong password (no account discovery)', async () => {
    const u = await createUser(ctx, 'intake', 'VR14');
    const known = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '172.18.0.1', payload: { email: u.email, password: 'fout' } });
    const unknown = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '172.18.0.2', payload: { email: 'bestaat-niet@test.signaal.example', password: 'fout' } });
    expect(unknown.statusCode).toBe(known.statusCode);
    const strip = (b: string) => b.replace(/"requestId":"[^"]*"/, '');
    expect(strip(unknown.body)).toBe(strip(known.body));
  });
});
