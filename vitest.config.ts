import { defineConfig } from 'vitest/config';

/**
 * Four projects, run one after another by scripts/test.mjs:
 * - unit: pure code, no I/O (src/**\/*.test.ts, web/**\/*.test.ts)
 * - int-pglite / int-postgres: the same *.int.test.ts files on the embedded database (from a
 *   migrated snapshot) and on a real PostgreSQL server (a database per test file, copied from a
 *   migrated template). *.pg.int.test.ts run on PostgreSQL only, *.pglite.int.test.ts on PGlite only.
 * - e2e: Chromium through playwright-core against a real server process.
 */
const intInclude = ['src/**/*.int.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'int-pglite',
          include: intInclude,
          // *.pg.int.test.ts need a real server (concurrent transactions, serialization failures).
          exclude: ['src/**/*.pg.int.test.ts', '**/node_modules/**'],
          env: { SIGNAAL_TEST_DB: 'pglite' },
          globalSetup: ['src/test-support/global-setup.pglite.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each worker holds one PGlite instance (~400 MB); two workers fit the 2-core machine.
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'int-postgres',
          include: intInclude,
          // *.pglite.int.test.ts are about the embedded database alone (its files on disk).
          exclude: ['src/**/*.pglite.int.test.ts', '**/node_modules/**'],
          env: { SIGNAAL_TEST_DB: 'postgres' },
          globalSetup: ['src/test-support/global-setup.postgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
