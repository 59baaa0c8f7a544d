import { createHash } from 'node:crypto';

/** The fields of an audit entry that the hash chain protects (everything but seq and hashes). */
export interface AuditFields {
  at: Date;
  requestId: string | null;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  actorOrganisationId: string | null;
  actorRegion: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  regionCode: string | null;
  outcome: 'allowed' | 'denied' | 'failed';
  reason: string | null;
}

export const GENESIS_HASH = 'genesis';

/**
 * An entry for work that no signed-in staff member does (command line, import, public form,
 * partner system): the fields not given are empty, the time is now, the outcome 'allowed'.
 */
export function systemAuditEntry(f: Pick<AuditFields, 'action' | 'actorRole'> & Partial<AuditFields>): AuditFields {
  return {
    at: new Date(),
    requestId: null,
    actorId: null,
    actorEmail: null,
    actorOrganisationId: null,
    actorRegion: null,
    recordType: null,
    recordId: null,
    regionCode: null,
    outcome: 'allowed',
    reason: null,
    ...f,
  };
}

/**
 * hash = sha256(prev_hash + "\n" + canonical JSON array of the fields in a fixed order).
 * An array, not an object, so key order can never differ between writer and verifier.
 */
export function auditHash(prevHash: string, f: AuditFields): string {
  const canonical = JSON.stringify([
    f.at.toISOString(),
    f.requestId,
    f.actorId,
    f.actorEmail,
    f.actorRole,
    f.actorOrganisationId,
    f.actorRegion,
    f.action,
    f.recordType,
    f.recordId,
    f.regionCode,
    f.outcome,
    f.reason,
  ]);
  return createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');
}
