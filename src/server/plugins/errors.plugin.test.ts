import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './errors.plugin.ts';

describe('a database that cannot be reached', () => {
  it('is told apart from a bug: refused connections, shutdowns and pool timeouts answer 503', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    // node-postgres' pool gives these without a code.
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    // A full disk: PostgreSQL's disk_full, or ENOSPC from the embedded database's WAL flush.
    expect(isDatabaseUnavailable(Object.assign(new Error('could not extend file "base/5/16384": No space left on device'), { code: '53100' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('ENOSPC: no space left on device, fdatasync'), { code: 'ENOSPC' }))).toBe(true);
    // A transaction's connection dropped: the rollback on the dead client fails with this.
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
  });

  it('does not hide real errors behind a 503', () => {
    expect(isDatabaseUnavailable(new Error('column "x" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable('timeout exceeded when trying to connect')).toBe(false);
  });
});
