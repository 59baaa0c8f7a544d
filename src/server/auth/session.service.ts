import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../db/scope.ts';
import type { StaffSessionTable, StaffUser } from '../../db/schema.ts';
import { isRole, permissionsOf } from '../../domain/access/permissions.ts';

export type SessionStage = StaffSessionTable['stage'];

/** Where a session was started from, for the user's own session list. */
export interface SessionOrigin {
  userAgent?: string | undefined;
  ip?: string | undefined;
  /** Carried over when a session moves to its next stage. */
  ipPrefix?: string | null;
  method?: 'password' | 'oidc';
}

/**
 * The first three octets of an IPv4 address or the first three groups of an IPv6 one: enough for
 * a user to recognise "home" or "office", not a full address kept for every session.
 */
export function ipPrefix(ip: string | undefined): string | null {
  if (!ip) return null;
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}::/48`;
  return null;
}

export interface LoadedSession {
  id: string;
  /** The id shown in the session list; the token hash (id) never leaves the server. */
  publicId: string;
  origin: SessionOrigin;
  stage: SessionStage;
  csrfToken: string;
  pendingTotpSecret: string | null;
  user: StaffUser;
  /** Only for an active session: who the request acts for. */
  actor: Actor | null;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// last_seen_at is written at most this often: a write per request would cost a disk sync on the
// embedded database for nothing.
const TOUCH_INTERVAL_MS = 30_000;

export function actorOf(user: StaffUser): Actor {
  if (!isRole(user.role)) throw new Error(`Unknown role in database: ${user.role}`);
  return {
    userId: user.id,
    email: user.email,
    displayName: user.display_name,
    role: user.role,
    organisationId: user.organisation_id,
    regionCode: user.region_code,
    permissions: permissionsOf(user.role),
  };
}

export class SessionService {
  constructor(
    private readonly db: Db,
    private readonly cfg: Config['session'],
  ) {}

  /**
   * Starts a session and returns the cookie token. Always a fresh token: a session is never
   * upgraded in place, so a token planted before sign-in (session fixation) is worthless.
   */
  async create(userId: string, stage: SessionStage, pendingTotpSecret: string | null = null, origin: SessionOrigin = {}): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('staff_session')
      .values({
        id: tokenHash(token),
        user_id: userId,
        stage,
        csrf_token: randomBytes(24).toString('base64url'),
        pending_totp_secret: pendingTotpSecret,
        expires_at: new Date(Date.now() + this.cfg.maxHours * 3600_000),
        user_agent: origin.userAgent ? origin.userAgent.slice(0, 300) : null,
        ip_prefix: origin.ipPrefix ?? ipPrefix(origin.ip),
        auth_method: origin.method ?? 'password',
      })
      .execute();
    return token;
  }

  /** Ends the old session and starts a new one at the next stage (token rotation). */
  async advance(session: LoadedSession, stage: SessionStage, pendingTotpSecret: string | null = null): Promise<string> {
    await this.end(session.id);
    return this.create(session.user.id, stage, pendingTotpSecret, session.origin);
  }

  /** The user's sessions that are still usable, newest use first. */
  async listActive(userId: string) {
    const idleSince = new Date(Date.now() - this.cfg.idleMinutes * 60_000);
    return this.db
      .selectFrom('staff_session')
      .select(['id', 'public_id', 'stage', 'user_agent', 'ip_prefix', 'auth_method', 'created_at', 'last_seen_at'])
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', new Date())
      .where('last_seen_at', '>', idleSince)
      .orderBy('last_seen_at', 'desc')
      .execute();
  }

  /** Ends one of the user's own sessions by its public id; false when there is no such session. */
  async endOwn(userId: string, publicId: string): Promise<boolean> {
    const r = await this.db.updateTable('staff_session').set({ ended_at: new Date() }).where('user_id', '=', userId).where('public_id', '=', publicId).where('ended_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async setPendingTotp(sessionId: string, secret: string): Promise<void> {
    await this.db.updateTable('staff_session').set({ pending_totp_secret: secret }).where('id', '=', sessionId).execute();
  }

  async end(sessionId: string): Promise<void> {
    await this.db.updateTable('staff_session').set({ ended_at: new Date() }).where('id', '=', sessionId).where('ended_at', 'is', null).execute();
  }

  async endAllForUser(userId: string): Promise<void> {
    await this.db.updateTable('staff_session').set({ ended_at: new Date() }).where('user_id', '=', userId).where('ended_at', 'is', null).execute();
  }

  /**
   * Resolves a cookie token. 'expired' for a session that passed its idle timeout or maximum
   * age (it is ended now), 'none' for an unknown or ended one, or a disabled account.
   */
  async load(token: string): Promise<LoadedSession | 'expired' | 'none'> {
    const id = tokenHash(token);
    const row = await this.db
      .selectFrom('staff_session as s')
      .innerJoin('staff_user as u', 'u.id', 's.user_id')
      .select([
        's.id as session_id',
        's.stage',
        's.csrf_token',
        's.pending_totp_secret',
        's.last_seen_at',
        's.expires_at',
        's.ended_at',
        's.public_id',
        's.user_agent',
        's.ip_prefix',
        's.auth_method',
      ])
      .selectAll('u')
      .where('s.id', '=', id)
      .executeTakeFirst();
    if (!row || row.ended_at || row.disabled_at) return 'none';
    const now = Date.now();
    const idleLimit = new Date(row.last_seen_at).getTime() + this.cfg.idleMinutes * 60_000;
    if (now > idleLimit || now > new Date(row.expires_at).getTime()) {
      await this.end(id);
      return 'expired';
    }
    if (now - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
      await this.db.updateTable('staff_session').set({ last_seen_at: sql`now()` }).where('id', '=', id).execute();
    }
    const { session_id, stage, csrf_token, pending_totp_secret, last_seen_at: _l, expires_at: _e, ended_at: _x, public_id, user_agent, ip_prefix, auth_method, ...user } = row;
    return {
      id: session_id,
      publicId: public_id,
      origin: { userAgent: user_agent ?? undefined, ipPrefix: ip_prefix, method: auth_method },
      stage,
      csrfToken: csrf_token,
      pendingTotpSecret: pending_totp_secret,
      user,
      actor: stage === 'active' ? actorOf(user) : null,
    };
  }
}
