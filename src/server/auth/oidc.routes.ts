import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { OidcConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { StaffUser } from '../../db/schema.ts';
import { HttpError } from '../errors.ts';
import type { SessionStage } from './session.service.ts';

/**
 * Staff sign-in with the organisation's own identity provider: OpenID Connect authorization code
 * flow with PKCE (S256), state and nonce, via openid-client (ADR 0014). The provider proves the
 * e-mail address; Signaal decides everything else: the address must belong to an existing,
 * enabled staff account (no account or role is ever created from a token), its domain must be
 * on the configured list, and the session that follows obeys the same rules as a password
 * sign-in (lock-out, two-factor stage, idle and absolute timeouts, token rotation).
 */
export interface OidcDeps {
  db: Db;
  /** Null when no provider is configured: the routes then answer 404 (they stay in the route table). */
  oidc: OidcConfig | null;
  /** The session cookie and its options are the auth module's; this only asks for a session. */
  startSession(reply: FastifyReply, req: FastifyRequest, userId: string, stage: SessionStage): Promise<void>;
  stageAfterSignIn(user: StaffUser): SessionStage;
  isLocked(user: StaffUser): boolean;
  audit(req: FastifyRequest, user: StaffUser | null, action: string, outcome: 'allowed' | 'denied', reason?: string): Promise<void>;
}

const BROWSER_COOKIE = 'signaal_oidc';
const ATTEMPT_MINUTES = 10;

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

export async function oidcRoutes(fastify: FastifyInstance, deps: OidcDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const configured = deps.oidc;
  if (!configured) {
    const off = { config: { access: 'public' as const }, schema: { summary: 'Sign-in with an identity provider (not configured here)', tags: ['auth'] } };
    const notConfigured = async () => {
      throw new HttpError(404, 'not_found', 'Inloggen via een organisatie is hier niet ingesteld');
    };
    app.get('/api/auth/oidc/start', off, notConfigured);
    app.get('/api/auth/oidc/callback', off, notConfigured);
    return;
  }
  const cfg = configured;
  let discovered: Promise<oidc.Configuration> | undefined;

  /** Discovery once, retried on the next sign-in if the provider was down. */
  function provider(): Promise<oidc.Configuration> {
    discovered ??= oidc
      .discovery(new URL(cfg.issuer), cfg.clientId, cfg.clientSecret, undefined, cfg.issuer.startsWith('http://') ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      });
    return discovered;
  }

  /** Failures go back to the sign-in page with a neutral code; details only in the audit trail. */
  function fail(reply: FastifyReply, code: 'failed' | 'unknown' | 'locked') {
    reply.clearCookie(BROWSER_COOKIE, { path: '/api/auth/oidc' });
    return reply.redirect(`/console?sso=${code}`, 303);
  }

  app.get('/api/auth/oidc/start', {
    config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { summary: `Sign in with the organisation's identity provider (redirects there)`, tags: ['auth'] },
  }, async (req, reply) => {
    let config: oidc.Configuration;
    try {
      config = await provider();
    } catch (err) {
      req.log.error({ err }, 'OpenID Connect discovery failed');
      return fail(reply, 'failed');
    }
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const browser = randomBytes(32).toString('base64url');
    await db.deleteFrom('oidc_login').where('expires_at', '<', new Date()).execute();
    await db
      .insertInto('oidc_login')
      .values({ state_hash: sha256(state), browser_hash: sha256(browser), code_verifier: verifier, nonce, expires_at: new Date(Date.now() + ATTEMPT_MINUTES * 60_000) })
      .execute();
    // Binds the attempt to this browser, so a callback URL pushed to someone else (login CSRF)
    // finds no attempt. Lax, not Strict: the provider sends the user back with a cross-site
    // top-level navigation, on which a Strict cookie would not be sent.
    reply.setCookie(BROWSER_COOKIE, browser, { httpOnly: true, sameSite: 'lax', secure: cfg.redirectUrl.startsWith('https://'), path: '/api/auth/oidc', maxAge: ATTEMPT_MINUTES * 60 });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: cfg.redirectUrl,
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return reply.redirect(url.href, 303);
  });

  app.get('/api/auth/oidc/callback', {
    config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      summary: 'Return from the identity provider: checks state, nonce and PKCE, then starts a session for the matching staff account',
      tags: ['auth'],
      querystring: z.object({ state: z.string().max(200).optional() }).passthrough(),
    },
  }, async (req, reply) => {
    const state = req.query.state;
    const browser = req.cookies[BROWSER_COOKIE];
    if (!state || !browser) {
      await deps.audit(req, null, 'auth.oidc', 'denied', 'callback without state or browser binding');
      return fail(reply, 'failed');
    }
    // Used once: the attempt is deleted whatever happens next.
    const attempt = await db
      .deleteFrom('oidc_login')
      .where('state_hash', '=', sha256(state))
      .where('browser_hash', '=', sha256(browser))
      .where('expires_at', '>', new Date())
      .returning(['code_verifier', 'nonce'])
      .executeTakeFirst();
    if (!attempt) {
      await deps.audit(req, null, 'auth.oidc', 'denied', 'unknown, expired or foreign sign-in attempt');
      return fail(reply, 'failed');
    }
    let email: string | undefined;
    try {
      const config = await provider();
      // The callback URL as the provider saw it: the registered redirect URL plus our query.
      const current = new URL(cfg.redirectUrl);
      current.search = new URL(req.url, 'http://x').search;
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: attempt.code_verifier,
        expectedState: state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('no ID token');
      // Many providers put e-mail only in the userinfo answer; openid-client checks that its
      // subject is the ID token's.
      const claims = typeof idToken.email === 'string' ? idToken : await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
      // Only an address the provider itself vouches for.
      if (typeof claims.email === 'string' && claims.email_verified === true) email = claims.email.toLowerCase();
    } catch (err) {
      req.log.warn({ err }, 'OpenID Connect callback refused');
      await deps.audit(req, null, 'auth.oidc', 'denied', 'provider answer refused (state, nonce, PKCE or token check)');
      return fail(reply, 'failed');
    }
    const domain = email?.split('@')[1];
    if (!email || !domain || !cfg.emailDomains.includes(domain)) {
      await deps.audit(req, null, 'auth.oidc', 'denied', 'no verified e-mail address of an allowed domain');
      return fail(reply, 'unknown');
    }
    const user = await db.selectFrom('staff_user').selectAll().where(sql<string>`lower(email)`, '=', email).executeTakeFirst();
    if (!user || user.disabled_at) {
      await deps.audit(req, null, 'auth.oidc', 'denied', 'no staff account for this address');
      return fail(reply, 'unknown');
    }
    if (deps.isLocked(user)) {
      await deps.audit(req, user, 'auth.oidc', 'denied', 'account locked');
      return fail(reply, 'locked');
    }
    await deps.audit(req, user, 'auth.oidc', 'allowed');
    reply.clearCookie(BROWSER_COOKIE, { path: '/api/auth/oidc' });
    await deps.startSession(reply, req, user.id, deps.stageAfterSignIn(user));
    return reply.redirect('/console', 303);
  });
}
