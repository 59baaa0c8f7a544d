import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';

/** Keys start with this, so secret scanners (and people) recognise a leaked one. */
export const API_KEY_PREFIX = 'sgn_';
/** How many leading characters of a key are stored and shown to tell keys apart. */
export const SHOWN_PREFIX_LENGTH = 8;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new key: "sgn_" and 43 characters of base64url (256 random bits). */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, SHOWN_PREFIX_LENGTH), hash: hashApiKey(key) };
}

export interface PartnerKey {
  keyId: string;
  prefix: string;
  scope: 'contacts:submit';
  channel: string;
  organisationId: string;
  organisationName: string;
  organisationRegion: string;
  revoked: boolean;
}

/** The key a bearer token names, revoked or not (the caller refuses revoked ones); null if none. */
export async function findApiKey(db: Db, key: string): Promise<PartnerKey | null> {
  // A sha256 of 256 random bits: looking it up by hash is safe against timing (the hash leaks
  // nothing about the key) and needs no constant-time comparison.
  const row = await db
    .selectFrom('api_key as k')
    .innerJoin('organisation as o', 'o.id', 'k.organisation_id')
    .select(['k.id', 'k.prefix', 'k.scope', 'k.channel', 'k.revoked_at', 'o.id as organisation_id', 'o.name as organisation_name', 'o.region_code'])
    .where('k.secret_hash', '=', hashApiKey(key))
    .executeTakeFirst();
  if (!row) return null;
  return {
    keyId: row.id,
    prefix: row.prefix,
    scope: row.scope,
    channel: row.channel,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationRegion: row.region_code,
    revoked: row.revoked_at !== null,
  };
}
