import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../app.ts';
import { build, cookieFrom, createUser, type TestContext } from '../../test-support/build.ts';
import { startTestIdentityProvider, type TestIdentityProvider } from '../../test-support/oidc-test-provider.ts';

/**
 * Staff sign-in with an organisation's identity provider, against a real OpenID Connect provider
 * (oidc-provider, the certified implementation) running in this test: authorization code flow
 * with PKCE, state and nonce, then Signaal's own rules (existing account, allowed domain, second
 * factor, lock-out).
 */
const REDIRECT = 'http://127.0.0.1:3999/api/auth/oidc/callback';
let idp: TestIdentityProvider;
let issuer: string;
let ctx: TestContext;
let name: string;

beforeAll(async () => {
  idp = await startTestIdentityProvider(REDIRECT);
  issuer = idp.issuer;
  ctx = await build({
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_REDIRECT_URL: REDIRECT,
    OIDC_EMAIL_DOMAINS: 'test.signaal.example',
    OIDC_NAME: 'Testorganisatie',
  });
  name = sessionCookieName(ctx.config);
}, 60_000);
afterAll(async () => {
  await ctx?.close();
  await idp?.close();
});

/** A browser: starts at Signaal, follows the provider's redirects with its cookies, comes back. */
async function signInAtProvider(who: { email: string; verified?: boolean }) {
  idp.nextLogin(who);
  const start = await ctx.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
  expect(start.statusCode).toBe(303);
  const browser = cookieFrom(start.headers['set-cookie'], 'signaal_oidc');
  let location = String(start.headers.location);
  const authorize = new URL(location);
  const jar = new Map<string, string>();
  for (let hop = 0; hop < 10 && location.startsWith(issuer); hop++) {
    const res = await fetch(location, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair!.split('=');
      jar.set(k!, v.join('='));
    }
    location = new URL(res.headers.get('location') ?? '', location).href;
  }
  expect(location.startsWith(REDIRECT)).toBe(true);
  const callbackUrl = `/api/auth/oidc/callback${new URL(location).search}`;
  return { authorize, browser, callbackUrl, callback: (cookie = `signaal_oidc=${browser}`) => ctx.app.inject({ method: 'GET', url: callbackUrl, headers: { cookie } }) };
}

describe('sign-in with the organisation’s identity provider', () => {
  it('is offered on the sign-in page', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/config' })).json()).toEqual({ demo: false, oidc: { name: 'Testorganisatie' } });
  });

  it('uses the code flow with PKCE, state and nonce, and then still asks for the second factor', async () => {
    const u = await createUser(ctx, 'casemanager', 'VR14');
    const flow = await signInAtProvider({ email: u.email.toUpperCase() });
    expect(flow.authorize.searchParams.get('response_type')).toBe('code');
    expect(flow.authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(flow.authorize.searchParams.get('state')).toBeTruthy();
    expect(flow.authorize.searchParams.get('nonce')).toBeTruthy();
    const back = await flow.callback();
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/console');
    const cookie = `${name}=${cookieFrom(back.headers['set-cookie'], name)}`;
    const s = (await ctx.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })).json();
    expect(s).toMatchObject({ stage: 'totp_verify', permissions: [], user: { id: u.id } });
    const v = await ctx.app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: { cookie, 'x-csrf-token': s.csrfToken }, payload: { code: authenticator.generate(u.secret) } });
    expect(v.json().stage).toBe('active');
    const active = { cookie: `${name}=${cookieFrom(v.headers['set-cookie'], name)}` };
    expect((await ctx.app.inject({ method: 'GET', url: '/api/contacts', headers: active })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: active })).json().items[0]).toMatchObject({ method: 'oidc', current: true });

    // The same answer from the provider cannot be used twice.
    const replay = await flow.callback();
    expect(replay.headers.location).toBe('/console?sso=failed');
    expect(replay.headers['set-cookie']?.toString() ?? '').not.toContain(`${name}=`);
  });

  it('refuses an answer that arrives in another browser (no binding cookie) or with a changed state', async () => {
    const u = await createUser(ctx, 'intake', 'VR14');
    const other = await signInAtProvider({ email: u.email });
    expect((await other.callback('')).headers.location).toBe('/console?sso=failed');
    const tampered = await signInAtProvider({ email: u.email });
    const wrongState = tampered.callbackUrl.replace(/state=[^&]+/, 'state=verzonnen');
    const res = await ctx.app.inject({ method: 'GET', url: wrongState, headers: { cookie: `signaal_oidc=${tampered.browser}` } });
    expect(res.headers.location).toBe('/console?sso=failed');
    expect(res.headers['set-cookie']?.toString() ?? '').not.toContain(`${name}=`);
  });

  it('creates no account: an unknown address, another domain or an unverified address is refused', async () => {
    const u = await createUser(ctx, 'teamleider', 'VR14');
    for (const who of [{ email: 'niet-bekend@test.signaal.example' }, { email: u.email, verified: false }, { email: 'iemand@kwaadwillend.example' }]) {
      const back = await (await signInAtProvider(who)).callback();
      expect(back.headers.location, who.email).toBe('/console?sso=unknown');
      expect(back.headers['set-cookie']?.toString() ?? '').not.toContain(`${name}=`);
    }
    const count = await ctx.database.db.selectFrom('staff_user').select('id').where('email', 'in', ['niet-bekend@test.signaal.example', 'iemand@kwaadwillend.example']).execute();
    expect(count).toEqual([]);
    const denied = await ctx.database.db.selectFrom('audit_log').select('reason').where('action', '=', 'auth.oidc').where('outcome', '=', 'denied').execute();
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });

  it('respects the lock-out of the account', async () => {
    const u = await createUser(ctx, 'casemanager', 'VR14');
    await ctx.database.db.updateTable('staff_user').set({ locked_until: new Date(Date.now() + 600_000) }).where('id', '=', u.id).execute();
    expect((await (await signInAtProvider({ email: u.email })).callback()).headers.location).toBe('/console?sso=locked');
  });
});
