#!/usr/bin/env node
// `npm test`: lint, typecheck, unit tests, integration tests on PGlite and on a PostgreSQL server,
// and the browser suite in Chromium. Outside CI a missing server or browser skips that suite with
// a one-line notice; with CI=true it fails. Ends with one line "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const only = process.argv.slice(2); // e.g. `npm test -- unit int-pglite`
const want = (step) => only.length === 0 || only.includes(step);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const notices = [];

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n== ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(label);
  return r.status === 0;
}

function vitest(project, env = {}) {
  mkdirSync('.tmp', { recursive: true });
  const out = `.tmp/vitest-${project}.json`;
  rmSync(out, { force: true });
  run(`vitest ${project}`, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
    if (r.numTotalTests === 0) failures.push(`${project}: ran no test`);
  } else if (!failures.includes(`vitest ${project}`)) {
    failures.push(`vitest ${project}: no result file`);
  }
}

function unavailable(what, why) {
  const line = `${what} not available (${why})`;
  if (ci) {
    failures.push(`${line}: required with CI=true`);
    process.stdout.write(`\n!! ${line}: required with CI=true\n`);
  } else {
    notices.push(`skipped: ${line}`);
    process.stdout.write(`\n-- skipped: ${line}\n`);
  }
}

async function postgresReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

if (want('lint')) run('lint', 'npx', ['eslint', '.']);
if (want('typecheck')) run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (want('unit')) vitest('unit');
if (want('int-pglite')) vitest('int-pglite');
if (want('int-postgres')) {
  const url = process.env.TEST_DATABASE_URL;
  const ok = url ? await postgresReachable(url) : 'TEST_DATABASE_URL is not set';
  if (ok === true) vitest('int-postgres');
  else unavailable('PostgreSQL suite', ok);
}
if (want('e2e')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) unavailable('browser suite', `no Chromium at ${chromium}`);
  else if (run('build web', 'node', ['scripts/build-web.mjs'])) vitest('e2e', { CHROMIUM_PATH: chromium });
}

process.stdout.write('\n');
for (const n of notices) process.stdout.write(`${n}\n`);
for (const f of failures) process.stdout.write(`FAILED: ${f}\n`);
const failed = totals.failed + (failures.length && totals.failed === 0 ? 1 : 0);
process.stdout.write(`tests: ${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped\n`);
process.exit(failures.length ? 1 : 0);
