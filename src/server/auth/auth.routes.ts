import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { StaffUser } from '../../db/schema.ts';
import { isRole, permissionsOf, ROLES } from '../../domain/access/permissions.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { HttpError, isUuid, recordNotFound } from '../errors.ts';
import { auditFieldsFor } from '../plugins/access.plugin.ts';
import { AuthError } from './auth.errors.ts';
import { oidcRoutes } from './oidc.routes.ts';
import { dummyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, resetCodeHash, verifyPassword } from './password.ts';
import type { LoadedSession, SessionOrigin, SessionService, SessionStage } from './session.service.ts';
import { newTotpSecret, totpEnrolment, verifyTotp } from './totp.ts';

export const sessionSchema = z.object({
  stage: z.enum(['password_change', 'totp_setup', 'totp_verify', 'active']),
  csrfToken: z.string(),
  demo: z.boolean(),
  permissions: z.array(z.string()),
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    /** partnerType: what a partner account's organisation is (school, police, ...), which narrows what it can do. */
    organisation: z.object({ id: z.string(), name: z.string(), partnerType: z.string().nullable() }),
    region: z.object({ code: z.string(), name: z.string() }),
  }),
});
const errorSchema = z.object({ code: z.string(), message: z.string(), requestId: z.string().optional(), details: z.unknown().optional() });

interface AuthOptions {
  config: Config;
  db: Db;
  sessions: SessionService;
  cookieName: string;
}

export function originOf(req: FastifyRequest, method: SessionOrigin['method'] = 'password'): SessionOrigin {
  const ua = req.headers['user-agent'];
  return { userAgent: typeof ua === 'string' ? ua : undefined, ip: req.ip, method };
}

export async function authRoutes(fastify: FastifyInstance, opts: AuthOptions): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { config, db, sessions, cookieName } = opts;

  /** Two-factor authentication is required for every account outside demo mode. */
  function stageAfterPassword(user: StaffUser): SessionStage {
    if (user.password_must_change) return 'password_change';
    if (user.totp_enabled) return 'totp_verify';
    if (config.demo) return 'active';
    return 'totp_setup';
  }

  function setCookie(reply: FastifyReply, token: string) {
    reply.setCookie(cookieName, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: config.session.secureCookies,
      path: '/',
      // No maxAge: a browser session cookie, gone when the browser closes; the server enforces
      // idle and absolute timeouts anyway.
    });
  }

  async function sessionView(token: string | null, s?: LoadedSession) {
    const loaded = s ?? (token ? await sessions.load(token) : 'none');
    if (loaded === 'none' || loaded === 'expired') throw new HttpError(401, 'unauthenticated', 'Niet ingelogd');
    const u = loaded.user;
    const row = await db.selectFrom('organisation').select(['id', 'name', 'partner_type']).where('id', '=', u.organisation_id).executeTakeFirstOrThrow();
    const org = { id: row.id, name: row.name, partnerType: row.partner_type };
    const region = await db.selectFrom('region').select(['code', 'name']).where('code', '=', u.region_code).executeTakeFirstOrThrow();
    if (!isRole(u.role)) throw new Error('unknown role');
    return {
      stage: loaded.stage,
      csrfToken: loaded.csrfToken,
      demo: config.demo,
      permissions: loaded.stage === 'active' ? [...permissionsOf(u.role)] : [],
      user: { id: u.id, email: u.email, displayName: u.display_name, role: u.role, organisation: org, region },
    };
  }

  async function startStage(reply: FastifyReply, userId: string, stage: SessionStage, previous?: LoadedSession, origin?: SessionOrigin) {
    const token = previous ? await sessions.advance(previous, stage) : await sessions.create(userId, stage, null, origin);
    setCookie(reply, token);
    return sessionView(token);
  }

  async function audit(req: FastifyRequest, user: StaffUser | null, action: string, outcome: 'allowed' | 'denied', reason?: string) {
    const fields = auditFieldsFor(req, null, { action, outcome, ...(reason ? { reason } : {}), recordType: 'staff_user', ...(user ? { recordId: user.id, regionCode: user.region_code } : {}) });
    if (user) {
      fields.actorId = user.id;
      fields.actorEmail = user.email;
      fields.actorRole = user.role;
      fields.actorOrganisationId = user.organisation_id;
      fields.actorRegion = user.region_code;
    }
    await appendAudit(db, fields);
  }

  /** A wrong password or code counts toward the lock-out; the lock-out holds across processes. */
  async function registerFailure(req: FastifyRequest, user: StaffUser, action: string): Promise<never> {
    const failures = user.failed_logins + 1;
    const lock = failures >= config.login.maxFailures;
    await db
      .updateTable('staff_user')
      .set(lock ? { failed_logins: 0, locked_until: new Date(Date.now() + config.login.lockMinutes * 60_000) } : { failed_logins: failures })
      .where('id', '=', user.id)
      .execute();
    if (lock) await sessions.endAllForUser(user.id);
    await audit(req, user, action, 'denied', lock ? 'locked after repeated failures' : 'wrong password or code');
    if (action === 'auth.totp') throw new AuthError(400, 'invalid_totp', 'De code klopt niet');
    throw new AuthError(401, 'invalid_credentials', 'E-mailadres of wachtwoord onjuist');
  }

  function assertNotLocked(user: StaffUser) {
    if (user.locked_until && new Date(user.locked_until).getTime() > Date.now()) {
      throw new AuthError(423, 'account_locked', 'Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen', {
        lockedUntil: new Date(user.locked_until).toISOString(),
      });
    }
  }

  app.get('/api/auth/session', {
    config: { access: 'session' },
    schema: { summary: 'The current session', tags: ['auth'], response: { 200: sessionSchema, 401: errorSchema } },
  }, async (req) => sessionView(null, req.session ?? undefined));

  app.post('/api/auth/login', {
    config: {
      access: 'public',
      // Per address throttling on top of the per-account lock-out (which an attacker spraying
      // many accounts would not trip).
      rateLimit: { max: 30, timeWindow: '1 minute' },
    },
    schema: {
      summary: 'Sign in with e-mail address and password',
      tags: ['auth'],
      body: z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) }),
      response: { 200: sessionSchema, 401: errorSchema, 423: errorSchema },
    },
  }, async (req, reply) => {
    const { email, password } = req.body;
    const user = await db.selectFrom('staff_user').selectAll().where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
    if (!user || user.disabled_at) {
      await verifyPassword(await dummyPasswordHash(), password);
      await audit(req, null, 'auth.login', 'denied', 'unknown or disabled account');
      throw new AuthError(401, 'invalid_credentials', 'E-mailadres of wachtwoord onjuist');
    }
    assertNotLocked(user);
    if (!(await verifyPassword(user.password_hash, password))) return registerFailure(req, user, 'auth.login');
    await db.updateTable('staff_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    // A fresh session on every sign-in; whatever session the browser had is ended.
    if (req.session) await sessions.end(req.session.id);
    await audit(req, user, 'auth.login', 'allowed');
    return startStage(reply, user.id, stageAfterPassword(user), undefined, originOf(req));
  });

  app.post('/api/auth/password', {
    config: { access: 'session' },
    schema: {
      summary: 'Change the password (required after signing in with a one-time password)',
      tags: ['auth'],
      body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().max(1024) }),
      response: { 200: sessionSchema, 400: errorSchema },
    },
  }, async (req, reply) => {
    const session = req.session!;
    if (session.stage !== 'password_change' && session.stage !== 'active') throw new AuthError(409, 'wrong_stage', 'Rond eerst het inloggen af');
    const user = session.user;
    assertNotLocked(user);
    const { currentPassword, newPassword } = req.body;
    if (newPassword.length < MIN_PASSWORD_LENGTH) {
      throw new AuthError(400, 'weak_password', `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens`);
    }
    if (!(await verifyPassword(user.password_hash, currentPassword))) return registerFailure(req, user, 'auth.password');
    if (currentPassword === newPassword) throw new AuthError(400, 'password_reused', 'Kies een ander wachtwoord dan het huidige');
    await db
      .updateTable('staff_user')
      .set({ password_hash: await hashPassword(newPassword), password_must_change: false, failed_logins: 0 })
      .where('id', '=', user.id)
      .execute();
    await audit(req, user, 'auth.password', 'allowed');
    const next = session.stage === 'active' ? 'active' : stageAfterPassword({ ...user, password_must_change: false });
    return startStage(reply, user.id, next, session);
  });

  app.post('/api/auth/totp/setup', {
    config: { access: 'session' },
    schema: {
      summary: 'Start two-factor set-up: a new secret with its QR code',
      tags: ['auth'],
      response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() }) },
    },
  }, async (req) => {
    const session = req.session!;
    if (session.stage !== 'totp_setup') throw new AuthError(409, 'wrong_stage', 'Twee-stapsverificatie is al ingesteld');
    const secret = newTotpSecret();
    await sessions.setPendingTotp(session.id, secret);
    return totpEnrolment(session.user.email, secret);
  });

  app.post('/api/auth/totp/verify', {
    config: { access: 'session' },
    schema: {
      summary: 'Confirm a two-factor code (finishes set-up or sign-in)',
      tags: ['auth'],
      body: z.object({ code: z.string().trim().max(10) }),
      response: { 200: sessionSchema, 400: errorSchema },
    },
  }, async (req, reply) => {
    const session = req.session!;
    const user = session.user;
    assertNotLocked(user);
    const code = req.body.code.replace(/\s/g, '');
    if (session.stage === 'totp_setup') {
      if (!session.pendingTotpSecret) throw new AuthError(409, 'wrong_stage', 'Start eerst het instellen');
      if (!verifyTotp(session.pendingTotpSecret, code)) return registerFailure(req, user, 'auth.totp');
      await db
        .updateTable('staff_user')
        .set({ totp_secret: session.pendingTotpSecret, totp_enabled: true, failed_logins: 0 })
        .where('id', '=', user.id)
        .execute();
      await audit(req, user, 'auth.totp_enrol', 'allowed');
    } else if (session.stage === 'totp_verify') {
      if (!user.totp_secret || !verifyTotp(user.totp_secret, code)) return registerFailure(req, user, 'auth.totp');
      await db.updateTable('staff_user').set({ failed_logins: 0 }).where('id', '=', user.id).execute();
      await audit(req, user, 'auth.totp', 'allowed');
    } else {
      throw new AuthError(409, 'wrong_stage', 'Er wordt geen code gevraagd');
    }
    return startStage(reply, user.id, 'active', session);
  });

  function activeOnly(session: LoadedSession) {
    if (session.stage !== 'active') throw new AuthError(409, 'wrong_stage', 'Rond eerst het inloggen af');
  }

  app.get('/api/auth/sessions', {
    config: { access: 'session' },
    schema: {
      summary: 'Your own active sessions (device, coarse address, started, last used)',
      tags: ['auth'],
      response: {
        200: z.object({
          items: z.array(z.object({ id: z.string(), current: z.boolean(), userAgent: z.string().nullable(), ipPrefix: z.string().nullable(), method: z.enum(['password', 'oidc']), startedAt: z.string(), lastUsedAt: z.string() })),
        }),
      },
    },
  }, async (req) => {
    const session = req.session!;
    activeOnly(session);
    const rows = await sessions.listActive(session.user.id);
    return {
      items: rows.map((r) => ({
        id: r.public_id,
        current: r.id === session.id,
        userAgent: r.user_agent,
        ipPrefix: r.ip_prefix,
        method: r.auth_method,
        startedAt: new Date(r.created_at).toISOString(),
        lastUsedAt: new Date(r.last_seen_at).toISOString(),
      })),
    };
  });

  app.post('/api/auth/sessions/:id/end', {
    config: { access: 'session' },
    schema: { summary: 'End one of your own sessions (for example on a lost laptop)', tags: ['auth'], params: z.object({ id: z.string().max(100) }), response: { 200: z.object({ ended: z.literal(true), current: z.boolean() }) } },
  }, async (req, reply) => {
    const session = req.session!;
    activeOnly(session);
    const id = req.params.id;
    if (!isUuid(id) || !(await sessions.endOwn(session.user.id, id))) throw recordNotFound('staff_session', id, 'auth.session_end');
    await audit(req, session.user, 'auth.session_end', 'allowed', id === session.publicId ? 'own current session' : 'own other session');
    const current = id === session.publicId;
    if (current) reply.clearCookie(cookieName, { path: '/' });
    return { ended: true as const, current };
  });

  app.post('/api/auth/password-reset', {
    config: {
      access: 'public',
      // The code is ~116 bits of randomness, so guessing is hopeless anyway; the limit keeps the
      // argon2 work an anonymous caller can cause small.
      rateLimit: { max: 10, timeWindow: '1 minute' },
    },
    schema: {
      summary: 'Set a new password with a one-time reset code from an administrator; two-factor sign-in follows',
      tags: ['auth'],
      body: z.strictObject({ code: z.string().trim().min(10).max(100), newPassword: z.string().max(1024) }),
      response: { 200: sessionSchema, 400: errorSchema },
    },
  }, async (req, reply) => {
    const { code, newPassword } = req.body;
    if (newPassword.length < MIN_PASSWORD_LENGTH) {
      throw new AuthError(400, 'weak_password', `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens`);
    }
    // One statement marks the code used: two requests with the same code cannot both succeed.
    const used = await db
      .updateTable('password_reset')
      .set({ used_at: new Date() })
      .where('code_hash', '=', resetCodeHash(code))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning('user_id')
      .executeTakeFirst();
    const user = used ? await db.selectFrom('staff_user').selectAll().where('id', '=', used.user_id).executeTakeFirst() : undefined;
    if (!user || user.disabled_at) {
      await audit(req, null, 'auth.password_reset', 'denied', 'unknown, used or expired reset code');
      throw new AuthError(400, 'invalid_reset_code', 'Deze herstelcode is onbekend, al gebruikt of verlopen');
    }
    await db
      .updateTable('staff_user')
      .set({ password_hash: await hashPassword(newPassword), password_must_change: false, failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    // Whoever had a session with the old password loses it.
    await sessions.endAllForUser(user.id);
    await audit(req, user, 'auth.password_reset', 'allowed');
    // The code replaces the password only: the second factor is still asked for.
    return startStage(reply, user.id, stageAfterPassword({ ...user, password_must_change: false }), undefined, originOf(req));
  });

  // Always registered (so the access matrix and docs cover them); 404 without a provider.
  await app.register(oidcRoutes, {
    db,
    oidc: config.oidc,
    startSession: async (reply, req, userId, stage) => {
      // A fresh session, whatever the browser had before (no fixation).
      if (req.session) await sessions.end(req.session.id);
      setCookie(reply, await sessions.create(userId, stage, null, originOf(req, 'oidc')));
    },
    // The provider replaces the password, not Signaal's second factor (same rules as a
    // password sign-in); a one-time password that was never changed does not matter here.
    stageAfterSignIn: (user) => stageAfterPassword({ ...user, password_must_change: false }),
    isLocked: (user) => !!user.locked_until && new Date(user.locked_until).getTime() > Date.now(),
    audit,
  });

  app.post('/api/auth/logout', {
    config: { access: 'session' },
    schema: { summary: 'Sign out', tags: ['auth'], response: { 204: z.null() } },
  }, async (req, reply) => {
    await sessions.end(req.session!.id);
    await audit(req, req.session!.user, 'auth.logout', 'allowed');
    reply.clearCookie(cookieName, { path: '/' });
    return reply.status(204).send(null);
  });
}
