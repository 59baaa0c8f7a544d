import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../db/database.ts';
import { openTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { systemAuditEntry } from './audit-chain.ts';
import { appendAudit, verifyAuditChain } from './audit.repository.ts';

let database: TestDatabase;
const opened: Database[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  for (const d of opened) await d.close();
  await database?.close();
});

/** A database handle on exactly one connection, with the audit chain that connection writes to. */
async function oneConnection(): Promise<{ db: Database['db']; chain: number }> {
  const d = await openPostgres(database.url!, 1);
  opened.push(d);
  const { rows } = await sql<{ chain: number }>`select (pg_backend_pid() % 16)::int as chain`.execute(d.db);
  return { db: d.db, chain: rows[0]!.chain };
}

async function twoChains() {
  const a = await oneConnection();
  let b = await oneConnection();
  while (b.chain === a.chain) b = await oneConnection();
  return { a, b };
}

const entry = (action: string) => systemAuditEntry({ action, actorRole: 'system', reason: 'test (invented)' });

type Connection = Awaited<ReturnType<typeof oneConnection>>;

/**
 * A appends its entry and keeps its transaction open while B appends its own, allowed to wait at
 * most 3 s for a lock; then A commits (also when B failed, so no transaction is left open).
 */
async function appendWhileOtherHolds(a: Connection, b: Connection, [actionA, actionB]: [string, string]): Promise<void> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let appended!: () => void;
  const aAppended = new Promise<void>((r) => (appended = r));
  const first = a.db.transaction().execute(async (trx) => {
    await appendAudit(trx, entry(actionA));
    appended();
    await held;
  });
  await aAppended;
  try {
    await b.db.transaction().execute(async (trx) => {
      await sql`set local lock_timeout = '3s'`.execute(trx);
      await appendAudit(trx, entry(actionB));
    });
  } finally {
    release();
    await first;
  }
}

describe('audit chains (migration 0021)', () => {
  it('let an audited change commit while another connection’s audited transaction is still open', async () => {
    const { a, b } = await twoChains();
    // With one chain, B waited for A's commit: a lock timeout means audited writes queue again.
    await appendWhileOtherHolds(a, b, ['test.a', 'test.b']);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('let two connections that share a chain by pid both commit: the second takes a free chain (migration 0026)', async () => {
    // Two connections whose backend pids give the same chain (at most 17 tries by pigeonhole).
    const seen = new Map<number, Connection>();
    let pair: [Connection, Connection] | undefined;
    while (!pair) {
      const c = await oneConnection();
      const other = seen.get(c.chain);
      if (other) pair = [other, c];
      else seen.set(c.chain, c);
    }
    const [a, b] = pair;
    // Before 0026, B waited for A's commit (same chain, same lock): the lock timeout fired.
    await appendWhileOtherHolds(a, b, ['test.shared-a', 'test.shared-b']);
    const rows = await database.db.selectFrom('audit_log').select(['action', 'chain']).where('action', 'in', ['test.shared-a', 'test.shared-b']).execute();
    expect(new Set(rows.map((r) => r.chain)).size).toBe(2);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('are verified chain by chain: an entry removed from one chain is named', async () => {
    const { a, b } = await twoChains();
    for (let i = 0; i < 3; i++) {
      await appendAudit(a.db, entry(`test.a${i}`));
      await appendAudit(b.db, entry(`test.b${i}`));
    }
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
    const chainB = await database.db.selectFrom('audit_log').select(['seq', 'action']).where('chain', '=', b.chain).where('action', 'like', 'test.b_').orderBy('seq').execute();
    expect(chainB.map((r) => r.action)).toEqual(['test.b0', 'test.b1', 'test.b2']);
    // Someone with superuser rights removes the middle entry of chain b: the next one no longer links.
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(database.db);
    await sql`delete from audit_log where seq = ${chainB[1]!.seq}`.execute(database.db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, firstBrokenSeq: chainB[2]!.seq });
  });
});
