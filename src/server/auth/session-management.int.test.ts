import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../app.ts';
import { build, cookieFrom, createUser, loginAs, TEST_PASSWORD, type TestContext } from '../../test-support/build.ts';

let ctx: TestContext;
let name: string;

beforeAll(async () => {
  ctx = await build();
  name = sessionCookieName(ctx.config);
});
afterAll(async () => ctx?.close());

/** Signs in like a browser from a given device and address; answers cookie and CSRF headers. */
async function signIn(user: { email: string; secret: string }, ua: string, ip: string) {
  const r1 = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, headers: { 'user-agent': ua }, payload: { email: user.email, password: TEST_PASSWORD } });
  const h1 = { cookie: `${name}=${cookieFrom(r1.headers['set-cookie'], name)}`, 'x-csrf-token': r1.json().csrfToken as string };
  const r2 = await ctx.app.inject({ method: 'POST', url: '/api/auth/totp/verify', remoteAddress: ip, headers: { ...h1, 'user-agent': ua }, payload: { code: authenticator.generate(user.secret) } });
  expect(r2.json().stage).toBe('active');
  return { cookie: `${name}=${cookieFrom(r2.headers['set-cookie'], name)}`, 'x-csrf-token': r2.json().csrfToken as string };
}

describe('the session list', () => {
  it('shows the own active sessions with device and coarse address, and ends another one remotely', async () => {
    const u = await createUser(ctx, 'casemanager', 'VR14');
    const laptop = await signIn(u, 'Mozilla/5.0 (Laptop; test)', '192.168.10.23');
    const phone = await signIn(u, 'Mozilla/5.0 (Telefoon; test)', '10.1.2.3');
    const list = await ctx.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: laptop });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; current: boolean; userAgent: string; ipPrefix: string }[];
    expect(items).toHaveLength(2);
    const cur = items.find((i) => i.current)!;
    const other = items.find((i) => !i.current)!;
    expect(cur).toMatchObject({ userAgent: 'Mozilla/5.0 (Laptop; test)', ipPrefix: '192.168.10.0/24', method: 'password' });
    expect(other).toMatchObject({ userAgent: 'Mozilla/5.0 (Telefoon; test)', ipPrefix: '10.1.2.0/24' });
    // The list never shows the cookie or its hash.
    expect(list.body).not.toContain(laptop.cookie.split('=')[1]);

    expect((await ctx.app.inject({ method: 'POST', url: `/api/auth/sessions/${other.id}/end`, headers: laptop })).json()).toEqual({ ended: true, current: false });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: phone })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: laptop })).statusCode).toBe(200);
  });

  it("does not end someone else's session", async () => {
    const a = await createUser(ctx, 'casemanager', 'VR14');
    const b = await createUser(ctx, 'casemanager', 'VR14');
    const sa = await signIn(a, 'A', '10.0.0.1');
    const sb = await signIn(b, 'B', '10.0.0.2');
    const bId = (await ctx.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: sb })).json().items[0].id as string;
    expect((await ctx.app.inject({ method: 'POST', url: `/api/auth/sessions/${bId}/end`, headers: sa })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: sb })).statusCode).toBe(200);
  });
});

describe('an administrator', () => {
  it('ends every session of an account of the own region, not of another region', async () => {
    const admin = await loginAs(ctx, 'admin', 'VR14');
    const otherAdmin = await loginAs(ctx, 'admin', 'VR13');
    const u = await createUser(ctx, 'intake', 'VR14');
    const s1 = await signIn(u, 'X', '10.0.1.1');
    const s2 = await signIn(u, 'Y', '10.0.1.2');
    const refused = await ctx.app.inject({ method: 'POST', url: `/api/users/${u.id}/sessions/end`, headers: otherAdmin.headers(true) });
    expect(refused.statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: s1 })).statusCode).toBe(200);
    const ended = await ctx.app.inject({ method: 'POST', url: `/api/users/${u.id}/sessions/end`, headers: admin.headers(true) });
    expect(ended.json()).toEqual({ ended: 2 });
    for (const s of [s1, s2]) expect((await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: s })).statusCode).toBe(401);
    const audit = await ctx.database.db.selectFrom('audit_log').select(['actor_id', 'outcome']).where('record_id', '=', u.id).where('action', '=', 'staff_user.sessions_end').orderBy('seq').execute();
    expect(audit).toEqual([{ actor_id: otherAdmin.userId, outcome: 'denied' }, { actor_id: admin.userId, outcome: 'allowed' }]);
  });
});

describe('password reset with a one-time code', () => {
  it('sets a new password, still asks for the second factor, ends all sessions and works only once', async () => {
    const admin = await loginAs(ctx, 'admin', 'VR14');
    const u = await createUser(ctx, 'casemanager', 'VR14');
    const old = await signIn(u, 'Oud', '10.0.2.1');
    // Locked out after too many failures: the reset also lifts the lock.
    await ctx.database.db.updateTable('staff_user').set({ locked_until: new Date(Date.now() + 3600_000) }).where('id', '=', u.id).execute();

    const issued = await ctx.app.inject({ method: 'POST', url: `/api/users/${u.id}/password-reset`, headers: admin.headers(true) });
    expect(issued.statusCode).toBe(201);
    const { code, expiresAt } = issued.json() as { code: string; expiresAt: string };
    expect(Math.round((Date.parse(expiresAt) - Date.now()) / 60_000)).toBe(60);
    // Only a hash is kept.
    const stored = await ctx.database.db.selectFrom('password_reset').select('code_hash').where('user_id', '=', u.id).execute();
    expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ''));

    const weak = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { code, newPassword: 'kort' } });
    expect(weak.json().code).toBe('weak_password');
    const reset = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { code, newPassword: 'een nieuw lang wachtwoord na herstel' } });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ stage: 'totp_verify', permissions: [] });
    // The session after a reset is not yet through the door.
    const h = { cookie: `${name}=${cookieFrom(reset.headers['set-cookie'], name)}`, 'x-csrf-token': reset.json().csrfToken as string };
    expect((await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: h })).statusCode).toBe(403);
    // The old session is gone.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: old })).statusCode).toBe(401);
    const again = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { code, newPassword: 'nog een ander lang wachtwoord' } });
    expect(again.json().code).toBe('invalid_reset_code');
    const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: 'een nieuw lang wachtwoord na herstel' } });
    expect(login.json().stage).toBe('totp_verify');

    const actions = (await ctx.database.db.selectFrom('audit_log').select(['action', 'outcome']).where('record_id', '=', u.id).orderBy('seq').execute()).map((a) => `${a.action}:${a.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['staff_user.password_reset:allowed', 'auth.password_reset:allowed']));
  });

  it('refuses an expired code and a code of another region’s administrator', async () => {
    const admin = await loginAs(ctx, 'admin', 'VR14');
    const otherAdmin = await loginAs(ctx, 'admin', 'VR13');
    const u = await createUser(ctx, 'casemanager', 'VR14');
    expect((await ctx.app.inject({ method: 'POST', url: `/api/users/${u.id}/password-reset`, headers: otherAdmin.headers(true) })).statusCode).toBe(404);
    const { code } = (await ctx.app.inject({ method: 'POST', url: `/api/users/${u.id}/password-reset`, headers: admin.headers(true) })).json();
    await ctx.database.db.updateTable('password_reset').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', u.id).execute();
    const r = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { code, newPassword: 'een nieuw lang wachtwoord na herstel' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('invalid_reset_code');
  });
});
