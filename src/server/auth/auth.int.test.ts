import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../app.ts';
import { build, cookieFrom, createUser, TEST_PASSWORD, type TestContext } from '../../test-support/build.ts';
import { createStaffUser } from '../users/user.service.ts';

let ctx: TestContext;
let name: string;

beforeAll(async () => {
  ctx = await build({ LOGIN_MAX_FAILURES: '3', SESSION_IDLE_MINUTES: '5' });
  name = sessionCookieName(ctx.config);
});
afterAll(async () => ctx?.close());

async function login(email: string, password: string) {
  return ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
}

function sessionHeaders(res: { headers: Record<string, unknown> }, csrf: string) {
  return { cookie: `${name}=${cookieFrom(res.headers['set-cookie'] as string[], name)}`, 'x-csrf-token': csrf };
}

describe('first sign-in of a new account', () => {
  it('goes from one-time password through password change and two-factor set-up to the console', async () => {
    const { user, oneTimePassword } = await createStaffUser(ctx.database.db, { email: 'nieuw@test.signaal.example', displayName: 'Nieuwe Collega', role: 'casemanager', regionCode: 'VR14' });
    const r1 = await login('NIEUW@test.signaal.example', oneTimePassword);
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({ stage: 'password_change', permissions: [] });
    expect(String(r1.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect(String(r1.headers['set-cookie'])).toMatch(/SameSite=Strict/i);
    let h = sessionHeaders(r1, r1.json().csrfToken);

    // Not yet allowed into the records.
    const early = await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: h });
    expect(early.statusCode).toBe(403);

    const short = await ctx.app.inject({ method: 'POST', url: '/api/auth/password', headers: h, payload: { currentPassword: oneTimePassword, newPassword: 'kort' } });
    expect(short.json().code).toBe('weak_password');
    const r2 = await ctx.app.inject({ method: 'POST', url: '/api/auth/password', headers: h, payload: { currentPassword: oneTimePassword, newPassword: 'een heel lang nieuw wachtwoord' } });
    expect(r2.statusCode).toBe(200);
    expect(r2.json().stage).toBe('totp_setup');
    // The session token rotates at every step: the old cookie is dead.
    const old = await ctx.app.inject({ method: 'GET', url: '/api/auth/session', headers: h });
    expect(old.statusCode).toBe(401);
    h = sessionHeaders(r2, r2.json().csrfToken);

    const setup = await ctx.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: h });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.json();
    expect(otpauthUrl).toContain('otpauth://totp/Signaal');
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const wrong = await ctx.app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: h, payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('invalid_totp');

    const ok = await ctx.app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: h, payload: { code: authenticator.generate(secret) } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ stage: 'active', user: { email: user.email, role: 'casemanager', region: { code: 'VR14', name: 'Gooi en Vechtstreek' } } });
    expect(ok.json().permissions).toContain('contacts:read');
    const active = sessionHeaders(ok, ok.json().csrfToken);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: active })).statusCode).toBe(200);

    // The next sign-in asks for the code, not for set-up.
    const again = await login(user.email, 'een heel lang nieuw wachtwoord');
    expect(again.json().stage).toBe('totp_verify');
  });
});

describe('wrong passwords', () => {
  it('lock the account after the configured number of failures, also for the right password', async () => {
    const u = await createUser(ctx, 'intake', 'VR14');
    for (let i = 0; i < 3; i++) expect((await login(u.email, 'fout wachtwoord')).statusCode).toBe(401);
    const locked = await login(u.email, TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'account_locked' });
    expect(Date.parse(locked.json().details.lockedUntil)).toBeGreaterThan(Date.now());
    const entries = await ctx.database.db.selectFrom('audit_log').select(['action', 'outcome', 'reason']).where('record_id', '=', u.id).orderBy('seq').execute();
    expect(entries.filter((e) => e.outcome === 'denied')).toHaveLength(3);
    expect(entries.at(-1)?.reason).toMatch(/locked/);
  });

  it('answer the same for an unknown address as for a wrong password', async () => {
    const unknown = await login('niemand@test.signaal.example', 'wat dan ook');
    const u = await createUser(ctx, 'intake', 'VR14');
    const wrong = await login(u.email, 'wat dan ook');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe(wrong.json().code);
    expect(unknown.json().message).toBe(wrong.json().message);
  });
});

describe('sessions', () => {
  it('expire after the idle timeout', async () => {
    const u = await createUser(ctx, 'intake', 'VR14');
    const r = await login(u.email, TEST_PASSWORD);
    const h = sessionHeaders(r, r.json().csrfToken);
    const v = await ctx.app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: h, payload: { code: authenticator.generate(u.secret) } });
    const active = sessionHeaders(v, v.json().csrfToken);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: active })).statusCode).toBe(200);
    await ctx.database.db.updateTable('staff_session').set({ last_seen_at: new Date(Date.now() - 6 * 60_000) }).where('user_id', '=', u.id).execute();
    const expired = await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: active });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('session_expired');
  });

  it('end at sign-out', async () => {
    const u = await createUser(ctx, 'analyst', 'VR14');
    const r = await login(u.email, TEST_PASSWORD);
    const h = sessionHeaders(r, r.json().csrfToken);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: h })).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/session', headers: h })).statusCode).toBe(401);
  });

  it('cannot be fixed in advance: a cookie planted before sign-in is not the one after it', async () => {
    const u = await createUser(ctx, 'intake', 'VR14');
    const r = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: `${name}=planted-by-attacker` }, payload: { email: u.email, password: TEST_PASSWORD } });
    expect(r.statusCode).toBe(200);
    expect(cookieFrom(r.headers['set-cookie'] as string[], name)).not.toBe('planted-by-attacker');
  });

});

describe('cookies behind TLS', () => {
  it('are Secure and __Host- prefixed, so no other host or plain HTTP can read or set them', async () => {
    const tls = await build({ SECURE_COOKIES: 'true' });
    try {
      const u = await createUser(tls, 'intake', 'VR14');
      const r = await tls.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: TEST_PASSWORD } });
      const cookie = String(r.headers['set-cookie']);
      expect(cookie).toMatch(/^__Host-signaal_session=/);
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
    } finally {
      await tls.close();
    }
  });
});

describe('demo mode', () => {
  it('lets the published demo accounts in without two-factor set-up', async () => {
    const demo = await build({ SIGNAAL_DEMO: 'true' });
    try {
      const { seedDemo, DEMO_PASSWORD } = await import('../../db/seed-demo.ts');
      await seedDemo(demo.database.db);
      const r = await demo.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'intake@demo.signaal.example', password: DEMO_PASSWORD } });
      expect(r.json()).toMatchObject({ stage: 'active', demo: true });
      const cfg = await demo.app.inject({ method: 'GET', url: '/api/public/config' });
      expect(cfg.json().demoAccounts.length).toBeGreaterThan(3);
    } finally {
      await demo.close();
    }
    // Outside demo mode the same endpoint publishes no accounts.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/config' })).json()).toEqual({ demo: false });
  });
});
