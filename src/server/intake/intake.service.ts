import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { transaction } from '../../db/scope.ts';
import { amsterdamDate } from '../../domain/deadlines/amsterdam-time.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import type { AuditFields } from '../audit/audit-chain.ts';
import { registerContact, type RegisterInput } from '../contacts/contact.service.ts';
import { AppError } from '../errors.ts';
import { classificationYearFor } from '../regions/region.repository.ts';
import { newReference } from './reference.ts';

export type IntakeErrorCode = 'idempotency_conflict' | 'idempotency_key_missing' | 'invalid_api_key' | 'unknown_municipality';
export class IntakeError extends AppError<IntakeErrorCode> {}

type Tx = Transaction<DB>;

/** JSON with object keys sorted, so the same body always hashes the same, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function bodyHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** The calendar year in the Netherlands of an instant (the classification year that applies). */
export function amsterdamYear(at: Date): number {
  return Number(amsterdamDate(at).slice(0, 4));
}

/** The region a municipality belonged to in the classification that answers for `year`; null if unknown. */
export async function regionOfMunicipality(db: Db | Tx, code: string, year: number): Promise<string | null> {
  const classificationYear = await classificationYearFor(db, year);
  const row = await db
    .selectFrom('municipality_classification')
    .select('region_code')
    .where('year', '=', classificationYear)
    .where('municipality_code', '=', code)
    .executeTakeFirst();
  return row?.region_code ?? null;
}

/** What a submission adds to a contact beyond registerContact's fields. */
export interface IntakeExtras {
  reporterName: string | null;
  reporterContact: string | null;
  reporterConsent: boolean | null;
  flags: string[];
}

export interface Submission {
  /** 'public' or 'org:<organisation id>': keys of different senders never meet. */
  scope: string;
  idempotencyKey: string;
  bodyHash: string;
  /** Resolves the contact to register inside the transaction (region lookups, ...). */
  contact: (trx: Tx) => Promise<RegisterInput>;
  extras: IntakeExtras;
  /** The audit entry for the creation (recordId and regionCode are filled in here). */
  audit: Omit<AuditFields, 'recordId' | 'regionCode' | 'recordType' | 'action' | 'outcome' | 'at'>;
}

export interface SubmissionResult {
  contactId: string;
  reference: string;
  regionCode: string;
  kind: 'advies' | 'melding';
  /** True when this answered a repeat of an earlier request with the same key and body. */
  replayed: boolean;
}

async function uniqueReference(trx: Tx): Promise<string> {
  // 32^8 codes: a clash is very unlikely, but cheap to rule out.
  for (;;) {
    const ref = newReference();
    const taken = await trx.selectFrom('contact').select('id').where('reference', '=', ref).executeTakeFirst();
    if (!taken) return ref;
  }
}

async function existing(trx: Tx, scope: string, key: string, hash: string): Promise<SubmissionResult> {
  const row = await trx
    .selectFrom('intake_idempotency as i')
    .innerJoin('contact as c', 'c.id', 'i.contact_id')
    .select(['i.body_hash', 'c.id', 'c.reference', 'c.region_code', 'c.kind'])
    .where('i.scope', '=', scope)
    .where('i.key', '=', key)
    .executeTakeFirstOrThrow();
  if (row.body_hash !== hash) {
    throw new IntakeError(422, 'idempotency_conflict', 'Deze Idempotency-Key is al gebruikt voor een ander verzoek');
  }
  return { contactId: row.id, reference: row.reference ?? '', regionCode: row.region_code, kind: row.kind, replayed: true };
}

/**
 * Registers a contact submitted without a staff session (public form, partner system), exactly
 * once per idempotency key. Runs as the owner: there is no staff actor whose row-level scope could
 * apply; the receiving region is derived here, never taken from the sender.
 *
 * The idempotency record is claimed first with INSERT ... ON CONFLICT DO NOTHING. A concurrent
 * duplicate (double click) blocks on the primary key until the first transaction ends: if that
 * one committed, the claim inserts nothing and we answer with its contact; if it rolled back, the
 * claim succeeds and this request does the work. No duplicate contact either way.
 */
export async function submitContact(db: Db, s: Submission): Promise<SubmissionResult> {
  return transaction(db, async (trx) => {
    const claimed = await trx
      .insertInto('intake_idempotency')
      .values({ scope: s.scope, key: s.idempotencyKey, body_hash: s.bodyHash, contact_id: null })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) return existing(trx, s.scope, s.idempotencyKey, s.bodyHash);

    const input = await s.contact(trx);
    const contactId = await registerContact(trx, input);
    const reference = await uniqueReference(trx);
    // registerContact knows the fields every channel shares; what only these channels have is
    // added here, in the same transaction.
    await trx
      .updateTable('contact')
      .set({
        reference,
        reporter_name: s.extras.reporterName,
        reporter_contact: s.extras.reporterContact,
        reporter_consent: s.extras.reporterConsent,
        flags: s.extras.flags,
      })
      .where('id', '=', contactId)
      .execute();
    await trx
      .updateTable('intake_idempotency')
      .set({ contact_id: contactId })
      .where('scope', '=', s.scope)
      .where('key', '=', s.idempotencyKey)
      .execute();
    await appendAudit(trx, {
      ...s.audit,
      at: new Date(),
      action: 'contact.create',
      recordType: 'contact',
      recordId: contactId,
      regionCode: input.regionCode,
      outcome: 'allowed',
    });
    return { contactId, reference, regionCode: input.regionCode, kind: input.kind, replayed: false };
  });
}
