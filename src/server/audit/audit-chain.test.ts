import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH, type AuditFields } from './audit-chain.ts';

const entry: AuditFields = {
  at: new Date('2026-11-23T10:00:00.123Z'),
  requestId: 'r1',
  actorId: 'u1',
  actorEmail: 'a@example.org',
  actorRole: 'casemanager',
  actorOrganisationId: 'o1',
  actorRegion: 'VR14',
  action: 'contact.read',
  recordType: 'contact',
  recordId: 'c1',
  regionCode: 'VR14',
  outcome: 'allowed',
  reason: null,
};

describe('audit hash', () => {
  it('changes when any field or the previous hash changes', () => {
    const h = auditHash(GENESIS_HASH, entry);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, { ...entry })).toBe(h);
    for (const [k, v] of Object.entries({ actorEmail: 'b@example.org', recordId: 'c2', outcome: 'denied', reason: 'x', at: new Date('2026-11-23T10:00:00.124Z') })) {
      expect(auditHash(GENESIS_HASH, { ...entry, [k]: v }), k).not.toBe(h);
    }
    expect(auditHash('other', entry)).not.toBe(h);
  });

  it('cannot be fooled by moving text between fields', () => {
    const a = auditHash(GENESIS_HASH, { ...entry, recordType: 'contact', recordId: 'c1' });
    const b = auditHash(GENESIS_HASH, { ...entry, recordType: 'contactc', recordId: '1' });
    expect(a).not.toBe(b);
  });
});
