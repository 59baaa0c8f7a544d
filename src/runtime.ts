import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { fieldCryptoFromConfig, useFieldCrypto } from './db/field-crypto.ts';
import { reencryptFields } from './db/field-reencrypt.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemo } from './db/seed-demo.ts';

/**
 * Opens the configured database, applies pending migrations (which load the reference data) and,
 * in demo mode, the demo accounts. Shared by the server and the CLI so both see the same data.
 */
export async function openReadyDatabase(config: Config, opts: { seedDemo?: boolean } = {}): Promise<Database> {
  // Before anything reads or writes: the keys of the encrypted fields (ADR 0013).
  useFieldCrypto(fieldCryptoFromConfig(config.encryption));
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    // SQL cannot encrypt (it has no key): rows stored in clear text (before migration 0018, or
    // by an SQL function) are encrypted here, at every start. Cheap when there are none.
    await reencryptFields(database.raw, 'clear-text');
    if (config.demo && opts.seedDemo !== false) await seedDemo(database.db);
    return database;
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}
