import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-reference-data.ts';
import * as m0003 from './migrations/0003-contact-events.ts';
import * as m0004 from './migrations/0004-case-handling.ts';
import * as m0005 from './migrations/0005-intake-channels.ts';
import * as m0006 from './migrations/0006-households.ts';
import * as m0007 from './migrations/0007-case-tasks.ts';
import * as m0008 from './migrations/0008-advies-conversion.ts';
import * as m0009 from './migrations/0009-case-follow-up.ts';
import * as m0010 from './migrations/0010-meldcode.ts';
import * as m0011 from './migrations/0011-chat.ts';
import * as m0012 from './migrations/0012-protective-measures.ts';
import * as m0013 from './migrations/0013-handle-with-care.ts';
import * as m0014 from './migrations/0014-emergency-childcare.ts';
import * as m0015 from './migrations/0015-mda.ts';
import * as m0016 from './migrations/0016-stats-aggregates.ts';
import * as m0017 from './migrations/0017-publication-indexes.ts';
import * as m0018 from './migrations/0018-encryption-retention.ts';
import * as m0019 from './migrations/0019-need-to-know.ts';
import * as m0020 from './migrations/0020-stats-stripes.ts';
import * as m0021 from './migrations/0021-audit-chains.ts';
import * as m0022 from './migrations/0022-stats-staged.ts';
import * as m0023 from './migrations/0023-assessment-outcome.ts';
import * as m0024 from './migrations/0024-repeat-reports.ts';
import * as m0025 from './migrations/0025-assessment-event-lookup.ts';
import * as m0026 from './migrations/0026-audit-chain-take.ts';
import * as m0027 from './migrations/0027-chat-append.ts';
import * as m0028 from './migrations/0028-session-change-notify.ts';

/**
 * Migrations are listed here (not discovered on disk) so that the set is the same however the
 * code is run or packaged. Names sort in order of application; never edit one that has shipped.
 */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-reference-data': m0002,
  '0003-contact-events': m0003,
  '0004-case-handling': m0004,
  '0005-intake-channels': m0005,
  '0006-households': m0006,
  '0007-case-tasks': m0007,
  '0008-advies-conversion': m0008,
  '0009-case-follow-up': m0009,
  '0010-meldcode': m0010,
  '0011-chat': m0011,
  '0012-protective-measures': m0012,
  '0013-handle-with-care': m0013,
  '0014-emergency-childcare': m0014,
  '0015-mda': m0015,
  '0016-stats-aggregates': m0016,
  '0017-publication-indexes': m0017,
  '0018-encryption-retention': m0018,
  '0019-need-to-know': m0019,
  '0020-stats-stripes': m0020,
  '0021-audit-chains': m0021,
  '0022-stats-staged': m0022,
  '0023-assessment-outcome': m0023,
  '0024-repeat-reports': m0024,
  '0025-assessment-event-lookup': m0025,
  '0026-audit-chain-take': m0026,
  '0027-chat-append': m0027,
  '0028-session-change-notify': m0028,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Applies pending migrations. Kysely takes an advisory lock, so several processes may race here. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
