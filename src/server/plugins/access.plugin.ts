import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/database.ts';
import { inScope, type Actor, type ScopedTx } from '../../db/scope.ts';
import { isPermission, type RouteAccess } from '../../domain/access/permissions.ts';
import { appendAudit, appendAuditEntries } from '../audit/audit.repository.ts';
import type { LoadedSession, SessionService } from '../auth/session.service.ts';
import { HttpError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: a permission, 'session' or 'public'. Startup fails without it. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    session: LoadedSession | null;
    /** Set only when the route requires a permission and the session is active. */
    actor: Actor | null;
    /**
     * Runs fn in a transaction scoped to the actor (row-level security) and gives it an audit
     * writer bound to the same transaction: the entry commits only with the change.
     * Return the answer from fn; never reply.send() inside it, or the client hears "done" before
     * the commit (set reply.status() and return the body instead).
     */
    scoped<T>(fn: (ctx: ScopedContext) => Promise<T>): Promise<T>;
  }
}

export interface AuditInput {
  action: string;
  recordType?: string;
  recordId?: string;
  regionCode?: string | null;
  reason?: string;
  outcome?: 'allowed' | 'denied' | 'failed';
}

export interface ScopedContext {
  db: ScopedTx;
  actor: Actor;
  audit(entry: AuditInput): Promise<void>;
}

export interface AccessOptions {
  db: Db;
  sessions: SessionService;
  cookieName: string;
}

/**
 * Routes that plugins register (static files, the OpenAPI viewer) cannot carry our config, so
 * they are declared public here, by prefix, in one reviewed list.
 */
const PLUGIN_PUBLIC_PREFIXES = ['/assets/', '/api/docs'];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function auditFieldsFor(req: FastifyRequest, actor: Actor | null, e: AuditInput) {
  const user = actor ?? null;
  return {
    at: new Date(),
    requestId: req.id,
    actorId: user?.userId ?? req.session?.user.id ?? null,
    actorEmail: user?.email ?? req.session?.user.email ?? null,
    actorRole: user?.role ?? req.session?.user.role ?? null,
    actorOrganisationId: user?.organisationId ?? req.session?.user.organisation_id ?? null,
    actorRegion: user?.regionCode ?? req.session?.user.region_code ?? null,
    action: e.action,
    recordType: e.recordType ?? null,
    recordId: e.recordId ?? null,
    regionCode: e.regionCode ?? null,
    outcome: e.outcome ?? 'allowed',
    reason: e.reason ?? null,
  };
}

async function accessPlugin(app: FastifyInstance, opts: AccessOptions): Promise<void> {
  const { db, sessions, cookieName } = opts;

  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('scoped', function scoped<T>(this: FastifyRequest, fn: (ctx: ScopedContext) => Promise<T>) {
    const { actor } = this;
    const req: FastifyRequest = this as FastifyRequest;
    // Deny by default: a handler on a 'public' or 'session' route has no actor to scope to.
    if (!actor) throw new Error(`scoped() used on route ${req.routeOptions.url ?? '?'} without a permission`);
    return inScope(db, actor, async (trx) => {
      // Entries are collected and appended after fn, as the transaction's last statement: still
      // atomic with the change (same transaction), but the chain lock, which every writer of every
      // process waits for, is then held only until the commit right after it.
      const entries: ReturnType<typeof auditFieldsFor>[] = [];
      const result = await fn({ db: trx, actor, audit: async (e) => void entries.push(auditFieldsFor(req, actor, e)) });
      await appendAuditEntries(trx, entries);
      return result;
    });
  });

  /** Records a refusal in its own transaction: the request's own work (if any) is not committed. */
  async function auditDenied(req: FastifyRequest, e: AuditInput): Promise<void> {
    try {
      await appendAudit(db, auditFieldsFor(req, req.actor, { ...e, outcome: e.outcome ?? 'denied' }));
    } catch (err) {
      req.log.error({ err }, 'could not write audit entry for a denied request');
    }
  }
  app.decorate('auditDenied', auditDenied);

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);

  app.addHook('onRoute', (route) => {
    const url = route.url;
    const declared = route.config?.access;
    if (declared === undefined) {
      if (PLUGIN_PUBLIC_PREFIXES.some((p) => url.startsWith(p))) {
        route.config = { ...(route.config ?? {}), access: 'public' };
      } else if (route.method === 'HEAD') {
        return; // Fastify's automatic HEAD twin of a GET route shares the GET's declaration.
      } else {
        throw new Error(`Route ${String(route.method)} ${url} declares no access (permission, 'session' or 'public')`);
      }
    } else if (declared !== 'public' && declared !== 'session' && !isPermission(declared)) {
      throw new Error(`Route ${String(route.method)} ${url} declares unknown permission '${String(declared)}'`);
    }
    const access = route.config?.access;
    if (access !== undefined) {
      const body = (route.schema as { body?: unknown } | undefined)?.body;
      for (const method of [route.method].flat()) routeTable.push({ method: String(method), url, access, ...(body ? { body } : {}) });
    }
    if (route.schema && !route.schema.hide) {
      // OpenAPI: a public operation has an empty security list; every other one names the
      // session scheme and carries its permission.
      const schema = route.schema as Record<string, unknown>;
      schema.security = access === 'public' ? [] : [{ session: [] }];
      if (access !== 'public') schema['x-permission'] = access;
    }
  });

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const access = req.routeOptions.config?.access;
    // A request that matched no route (404) has no access declaration: nothing to protect.
    if (access === undefined) return;

    // A WebSocket handshake is a GET that opens a channel for writes, and browsers send cookies
    // with it from any site that opens it (cross-site WebSocket hijacking): it gets the same
    // origin check as a POST. Browsers always send Origin on a handshake.
    const upgrade = req.headers.upgrade?.toLowerCase() === 'websocket';
    if (UNSAFE.has(req.method) || upgrade) {
      // Cross-site form posts and fetches are refused before anything else, signed in or not.
      const site = req.headers['sec-fetch-site'];
      const origin = req.headers.origin;
      const own = `${req.protocol}://${req.host}`;
      if (site === 'cross-site' || (origin !== undefined && origin !== own)) {
        await auditDenied(req, { action: 'csrf', reason: 'cross-site request' });
        throw new HttpError(403, 'csrf_failed', 'Verzoek van een andere website geweigerd');
      }
    }

    const token = req.cookies[cookieName];
    let expired = false;
    if (token) {
      const loaded = await sessions.load(token);
      if (loaded === 'expired') expired = true;
      else if (loaded !== 'none') req.session = loaded;
      if (loaded === 'expired' || loaded === 'none') reply.clearCookie(cookieName, { path: '/' });
    }
    if (access === 'public') return;

    const session = req.session;
    if (!session) {
      await auditDenied(req, { action: 'access', reason: expired ? 'session expired' : 'not signed in' });
      throw new HttpError(401, expired ? 'session_expired' : 'unauthenticated', expired ? 'Uw sessie is verlopen' : 'Niet ingelogd');
    }
    if (UNSAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
        await auditDenied(req, { action: 'csrf', reason: 'missing or wrong CSRF token' });
        throw new HttpError(403, 'csrf_failed', 'Beveiligingstoken ontbreekt of klopt niet');
      }
    }
    if (access === 'session') return;

    if (session.stage !== 'active' || !session.actor) {
      await auditDenied(req, { action: 'access', reason: `sign-in not completed (${session.stage})` });
      throw new HttpError(403, 'forbidden', 'Rond eerst het inloggen af');
    }
    if (!session.actor.permissions.includes(access)) {
      await auditDenied(req, { action: 'access', reason: `missing permission ${access}` });
      throw new HttpError(403, 'forbidden', 'Geen toegang');
    }
    req.actor = session.actor;
  });
}

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
  /** The route's body schema, if any (attack tests build valid bodies from it). */
  body?: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access, in registration order (access tests, docs). */
    routeTable: readonly RouteEntry[];
    auditDenied(req: FastifyRequest, e: AuditInput): Promise<void>;
  }
}

export const access = fp(accessPlugin, { name: 'signaal-access', dependencies: ['@fastify/cookie'] });
