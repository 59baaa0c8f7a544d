import { sql } from 'kysely';
import type { Db } from './database.ts';
import { fieldCrypto, isCiphertext } from './field-crypto.ts';
import { BLIND_INDEXES, ENCRYPTED_COLUMNS } from './field-encryption.plugin.ts';

export interface ReencryptResult {
  table: string;
  column: string;
  rewritten: number;
}

/**
 * Rewrites stored values of the encrypted columns under the active key (ADR 0013):
 * - `clear-text`: only values not encrypted at all (rows from before migration 0018, or written
 *   by an SQL function); run at every start, cheap when there are none.
 * - `rotate`: every value not under the active key, so an old key can be removed afterwards.
 * Works on the raw connection (no plugin) in batches of one transaction each, rows locked, so it
 * can run while the server is serving. Safe to interrupt and re-run.
 */
export async function reencryptFields(raw: Db, mode: 'clear-text' | 'rotate', batchSize = 500): Promise<ReencryptResult[]> {
  const crypto = fieldCrypto();
  const out: ReencryptResult[] = [];
  for (const [table, columns] of Object.entries(ENCRYPTED_COLUMNS)) {
    for (const [column, form] of Object.entries(columns)) {
      const index = BLIND_INDEXES[table]?.[column];
      // For jsonb the stored ciphertext is a JSON string; #>> '{}' reads it (or an object's text).
      const stored = form === 'json' ? sql`(${sql.ref(column)} #>> '{}')` : sql.ref(column);
      const pending =
        mode === 'clear-text'
          ? sql`${stored} !~ '^sgj?1:'`
          : sql`not starts_with(${stored}, ${`sg1:${crypto.activeKeyId}:`}) and not starts_with(${stored}, ${`sgj1:${crypto.activeKeyId}:`})`;
      let rewritten = 0;
      for (;;) {
        const n = await raw.transaction().execute(async (trx) => {
          const { rows } = await sql<{ rid: string; v: string }>`
            select ctid::text as rid, ${stored} as v from ${sql.table(table)}
             where ${sql.ref(column)} is not null and ${stored} <> '' and ${pending}
             limit ${batchSize} for update`.execute(trx);
          if (rows.length === 0) return 0;
          const ids = rows.map((r) => r.rid);
          const plain = rows.map((r) => (isCiphertext(r.v) ? crypto.decrypt(r.v, column) : r.v));
          const values = plain.map((p) => (form === 'json' ? JSON.stringify(crypto.encrypt(p, column, 'json')) : crypto.encrypt(p, column)));
          const cast = form === 'json' ? sql`::jsonb` : sql``;
          const setIndex = index ? sql`, ${sql.ref(index)} = v.idx` : sql``;
          await sql`
            update ${sql.table(table)} t set ${sql.ref(column)} = v.val${cast}${setIndex}
              from unnest(${ids}::text[], ${values}::text[], ${plain.map((p) => crypto.blindIndex(p))}::text[]) as v(rid, val, idx)
             where t.ctid = v.rid::tid`.execute(trx);
          return rows.length;
        });
        rewritten += n;
        if (n < batchSize) break;
      }
      out.push({ table, column, rewritten });
    }
  }
  if (mode === 'rotate') out.push(...(await reindex(raw, batchSize)));
  return out;
}

/**
 * Recomputes every blind index that differs from what the current index key gives (after
 * SIGNAAL_BLIND_INDEX_KEY changed). A full pass by primary key; lookups by BSN miss the rows not
 * yet done while it runs.
 */
async function reindex(raw: Db, batchSize: number): Promise<ReencryptResult[]> {
  const crypto = fieldCrypto();
  const out: ReencryptResult[] = [];
  for (const [table, indexes] of Object.entries(BLIND_INDEXES)) {
    for (const [column, index] of Object.entries(indexes)) {
      let after = '00000000-0000-0000-0000-000000000000';
      let changed = 0;
      for (;;) {
        const { rows } = await sql<{ id: string; v: string; idx: string | null }>`
          select id::text as id, ${sql.ref(column)} as v, ${sql.ref(index)} as idx from ${sql.table(table)}
           where ${sql.ref(column)} is not null and id > ${after}::uuid order by id limit ${batchSize}`.execute(raw);
        if (rows.length === 0) break;
        after = rows.at(-1)!.id;
        const stale = rows.map((r) => ({ id: r.id, idx: crypto.blindIndex(crypto.decrypt(r.v, column)) })).filter((r, i) => r.idx !== rows[i]!.idx);
        if (stale.length > 0) {
          await sql`
            update ${sql.table(table)} t set ${sql.ref(index)} = v.idx
              from unnest(${stale.map((r) => r.id)}::uuid[], ${stale.map((r) => r.idx)}::text[]) as v(id, idx)
             where t.id = v.id`.execute(raw);
          changed += stale.length;
        }
        if (rows.length < batchSize) break;
      }
      out.push({ table, column: index, rewritten: changed });
    }
  }
  return out;
}
