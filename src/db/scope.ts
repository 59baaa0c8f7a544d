import { sql, type Transaction } from 'kysely';
import type { Permission, Role } from '../domain/access/permissions.ts';
import type { Db } from './database.ts';
import type { DB } from './schema.ts';

/** The signed-in staff member a request acts for. */
export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  regionCode: string;
  permissions: readonly Permission[];
}

export type ScopedTx = Transaction<DB>;

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock detected
const MAX_ATTEMPTS = 5;

function sqlState(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * Runs fn in a transaction, retrying it whole when PostgreSQL reports a serialization failure or
 * deadlock (PGlite runs transactions one by one and never does). fn must be safe to re-run: it
 * only touches the database through the transaction it is given.
 */
export async function transaction<T>(db: Db, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      const state = sqlState(err);
      if (!state || !RETRYABLE.has(state) || attempt >= MAX_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, 5 * 2 ** attempt * Math.random()));
    }
  }
}

/**
 * Runs fn as the actor: inside the transaction the role becomes signaal_app and the actor's
 * user, role, region and permissions are set for the row-level security policies. This is the
 * data-layer half of access control: whatever query fn builds, rows outside the actor's scope
 * are invisible and cannot be written (deny by default: an unset region matches nothing).
 */
export async function inScope<T>(db: Db, actor: Actor, fn: (trx: ScopedTx) => Promise<T>): Promise<T> {
  return transaction(db, async (trx) => {
    await sql`select
        set_config('signaal.user_id', ${actor.userId}, true),
        set_config('signaal.role', ${actor.role}, true),
        set_config('signaal.region', ${actor.regionCode}, true),
        set_config('signaal.organisation_id', ${actor.organisationId}, true),
        set_config('signaal.permissions', ${',' + actor.permissions.join(',') + ','}, true),
        -- SET LOCAL ROLE in the same round trip (the role is a setting like the others). Last,
        -- after the settings it must not affect. Every statement costs the server process a
        -- socket write, which dominated its CPU profile under load (docs/PERFORMANCE.md).
        set_config('role', 'signaal_app', true)`.execute(trx);
    return fn(trx);
  });
}
