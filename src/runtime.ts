import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemo } from './db/seed-demo.ts';

/**
 * Opens the configured database, applies pending migrations (which load the reference data) and,
 * in demo mode, the demo accounts. Shared by the server and the CLI so both see the same data.
 */
export async function openReadyDatabase(config: Config, opts: { seedDemo?: boolean } = {}): Promise<Database> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    if (config.demo && opts.seedDemo !== false) await seedDemo(database.db);
    return database;
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}
