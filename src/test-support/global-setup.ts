import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPGlite, openPostgres } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string;
    postgresUrl: string;
  }
}

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Migrates once per run: opening and migrating PGlite costs seconds, so test files start from a
 * dumped snapshot (about a second); on PostgreSQL each test file gets a copy of a template
 * database. Both carry the reference data.
 */
export async function setupDatabase(project: TestProject, kind: 'pglite' | 'postgres') {
  if (kind === 'pglite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'signaal-snap-'));
    const database = await openPGlite(undefined);
    await migrateToLatest(database.db);
    const dump = await database.pglite!.dumpDataDir('gzip');
    const file = path.join(dir, 'snapshot.tar.gz');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide('pgliteSnapshot', file);
    return async () => rm(dir, { recursive: true, force: true });
  }
  if (kind === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('TEST_DATABASE_URL is not set (e.g. postgres://127.0.0.1:5432/test)');
    const template = `signaal_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const database = await openPostgres(databaseUrl(base, template), 2);
    await migrateToLatest(database.db);
    await database.close();
    project.provide('postgresTemplate', template);
    project.provide('postgresUrl', base);
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}_t%`]);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  throw new Error(`unknown test database kind '${String(kind)}'`);
}
