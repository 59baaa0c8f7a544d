import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openPGlite, openPostgres, type Database } from '../db/database.ts';
import { databaseUrl } from './global-setup.ts';

export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
  const kind = process.env.SIGNAAL_TEST_DB;
  if (kind !== 'pglite' && kind !== 'postgres') throw new Error('integration tests run in the int-pglite or int-postgres project');
  return kind;
}

export interface TestDatabase extends Database {
  /** For tests that start a second process or pool on the same database (PostgreSQL only). */
  url?: string;
}

/** A fresh, migrated database with reference data for one test file. */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (testDbKind() === 'pglite') {
    const snapshot = await readFile(inject('pgliteSnapshot'));
    return openPGlite(undefined, new Blob([snapshot]));
  }
  const template = inject('postgresTemplate');
  const base = inject('postgresUrl');
  const name = `${template}_t${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(base, name);
  const database = await openPostgres(url, 10);
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
    },
  };
}
