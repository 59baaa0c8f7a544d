import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { auditHash, GENESIS_HASH, type AuditFields } from './audit-chain.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Appends one entry in the caller's transaction, so the entry commits or rolls back with the
 * change it describes. audit_chain_take() takes a transaction-scoped lock on a free chain (else
 * waits for the connection's own): appends to a chain are serialised and each links to the entry
 * committed before it there.
 */
export async function appendAudit(db: Executor, fields: AuditFields): Promise<void> {
  await appendAuditEntries(db, [fields]);
}

/**
 * Appends several entries, chained in the given order, under one take of the chain lock and in
 * one INSERT (a multi-row VALUES list takes its identity values in row order, so seq follows the
 * chain). Request handlers collect their entries and call this last, just before the commit: the
 * lock that serialises every writer is then held for this statement and the commit only, instead
 * of for the rest of the transaction (measured in docs/PERFORMANCE.md, intake).
 */
export async function appendAuditEntries(db: Executor, entries: readonly AuditFields[]): Promise<void> {
  if (entries.length === 0) return;
  // The first free chain, starting at this connection's own (migrations 0021 and 0026): concurrent
  // writers append to different chains and do not wait for each other's commits.
  const { rows } = await sql<{ chain: number; prev: string }>`select chain, prev from audit_chain_take()`.execute(db);
  const chain = Number(rows[0]?.chain ?? 0);
  let prev = rows[0]?.prev ?? GENESIS_HASH;
  const values = entries.map((fields) => {
    const hash = auditHash(prev, fields);
    const row = {
      at: fields.at,
      request_id: fields.requestId,
      actor_id: fields.actorId,
      actor_email: fields.actorEmail,
      actor_role: fields.actorRole,
      actor_organisation_id: fields.actorOrganisationId,
      actor_region: fields.actorRegion,
      action: fields.action,
      record_type: fields.recordType,
      record_id: fields.recordId,
      region_code: fields.regionCode,
      outcome: fields.outcome,
      reason: fields.reason,
      prev_hash: prev,
      hash,
      chain,
    };
    prev = hash;
    return row;
  });
  await db.insertInto('audit_log').values(values).execute();
}

export interface AuditFilter {
  action?: string | undefined;
  actorEmail?: string | undefined;
  recordType?: string | undefined;
  recordId?: string | undefined;
  outcome?: 'allowed' | 'denied' | 'failed' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  before?: number | undefined;
  limit: number;
}

/** Reads entries newest first. Row-level security limits a scoped caller to its own region. */
export async function listAudit(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(f.limit + 1);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actorEmail) q = q.where(sql<string>`lower(actor_email)`, '=', f.actorEmail.toLowerCase());
  if (f.recordType) q = q.where('record_type', '=', f.recordType);
  if (f.recordId) q = q.where('record_id', '=', f.recordId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.before !== undefined) q = q.where('seq', '<', f.before);
  const rows = await q.execute();
  const more = rows.length > f.limit;
  const items = more ? rows.slice(0, f.limit) : rows;
  return { items, nextBefore: more ? (items[items.length - 1]?.seq ?? null) : null };
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
}

/**
 * Walks the whole chain in seq order (in pages, never all rows at once). Must run as the owner:
 * a region-scoped reader cannot see the whole chain.
 */
export async function verifyAuditChain(db: Executor, pageSize = 5000): Promise<ChainVerification> {
  // One pass in seq order, following each chain: within a chain, appends are serialised by its
  // lock and take their seq under it, so seq order is chain order.
  const heads = new Map<number, string>();
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    if (rows.length === 0) return { ok: true, checked, firstBrokenSeq: null };
    for (const r of rows) {
      const prev = heads.get(r.chain) ?? GENESIS_HASH;
      const expected = auditHash(prev, {
        at: r.at,
        requestId: r.request_id,
        actorId: r.actor_id,
        actorEmail: r.actor_email,
        actorRole: r.actor_role,
        actorOrganisationId: r.actor_organisation_id,
        actorRegion: r.actor_region,
        action: r.action,
        recordType: r.record_type,
        recordId: r.record_id,
        regionCode: r.region_code,
        outcome: r.outcome,
        reason: r.reason,
      });
      if (r.prev_hash !== prev || r.hash !== expected) return { ok: false, checked, firstBrokenSeq: r.seq };
      heads.set(r.chain, r.hash);
      after = r.seq;
      checked++;
    }
  }
}
