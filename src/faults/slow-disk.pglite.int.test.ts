import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openPGlite, type Database } from '../db/database.ts';
import { useFieldCrypto, fieldCryptoFromConfig } from '../db/field-crypto.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { buildApp, type App } from '../server/app.ts';
import { newKey, publicMelding } from './client.ts';

/**
 * A slow disk under the embedded database. What a slow disk slows is the flush of the write-ahead
 * log at every commit (the writes themselves land in the page cache), so the test holds that
 * flush: simulated at the one call that waits for the disk (WalSync's fdatasync), since this
 * machine has no device mapper or other way to slow a real disk.
 *
 * While a commit waits for the disk: the process keeps answering (the flush does not block the
 * event loop), requests that cannot get the database within DB_WAIT_MS are refused with a clear 503
 * instead of hanging, /ready says unavailable; when the disk catches up the waiting commit is
 * acknowledged, the refused ones succeed when resent, nothing is stored twice, and the data
 * directory opens again with every acknowledged melding.
 */
let dir: string;
let database: Database;
let app: App;
let gate: Promise<void> = Promise.resolve();
let openGate: () => void = () => undefined;
let flushWaiting: () => void = () => undefined;
let closed = false;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'signaal-slow-disk-'));
  const config = loadConfig({ NODE_ENV: 'test', SIGNAAL_DEMO: 'false', LOG_LEVEL: 'silent', SIGNAAL_DATA_DIR: dir, DB_WAIT_MS: '1000', SIGNAAL_INTAKE_RATE_PER_HOUR: '10000' });
  useFieldCrypto(fieldCryptoFromConfig(config.encryption));
  database = await openPGlite(path.join(dir, 'pglite'), undefined, {
    waitMs: 1000,
    walFlush: async (file) => {
      flushWaiting();
      await gate;
      await file.datasync();
    },
  });
  await migrateToLatest(database.db);
  app = await buildApp({ config, database, logger: false });
  await app.ready();
}, 120_000);

afterAll(async () => {
  openGate();
  if (!closed) {
    await app?.close();
    await database?.close();
  }
  await rm(dir, { recursive: true, force: true });
});

const submit = (story: string, key: string) =>
  app.inject({ method: 'POST', url: '/api/public/contacts', headers: { 'content-type': 'application/json', 'idempotency-key': key }, payload: publicMelding(story) });

describe('the embedded database on a slow disk', () => {
  it('refuses with 503 what cannot wait, stays responsive, and loses or doubles nothing', async () => {
    expect((await submit('slow-before', newKey())).statusCode).toBe(201);

    // The disk stalls: the next commit's WAL flush does not return until the gate opens.
    gate = new Promise<void>((resolve) => (openGate = resolve));
    const flushing = new Promise<void>((resolve) => (flushWaiting = resolve));
    const stalledKey = newKey();
    const stalled = submit('slow-stalled', stalledKey);
    await flushing;
    flushWaiting = () => undefined;

    // Three more arrive while the stalled commit holds the one connection.
    const keys = [newKey(), newKey(), newKey()];
    const waiting = await Promise.all(keys.map((k, i) => submit(`slow-waiting-${i}`, k)));
    expect(waiting.map((r) => [r.statusCode, r.json<{ code: string }>().code])).toEqual(keys.map(() => [503, 'service_unavailable']));
    // The process itself answers all along: liveness yes, readiness no (the database is not free).
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(503);

    // The disk catches up: the stalled melding is acknowledged, the refused ones go through when
    // resent with their keys (as the form does), and a resend of the stalled one stores nothing new.
    openGate();
    expect((await stalled).statusCode).toBe(201);
    for (const [i, k] of keys.entries()) expect((await submit(`slow-waiting-${i}`, k)).statusCode).toBe(201);
    expect((await submit('slow-stalled', stalledKey)).statusCode).toBeLessThan(300);
    expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);

    // The data directory opens again, with every acknowledged melding exactly once.
    closed = true;
    await app.close();
    await database.close();
    const reopened = await openPGlite(path.join(dir, 'pglite'));
    try {
      // Stories are encrypted at rest (ADR 0013): compare after decryption.
      const stories = (await reopened.db.selectFrom('contact').select('summary').execute()).map((r) => r.summary).filter((s) => s?.startsWith('slow-'));
      expect(stories.sort()).toEqual(['slow-before', 'slow-stalled', 'slow-waiting-0', 'slow-waiting-1', 'slow-waiting-2']);
    } finally {
      await reopened.close();
    }
  });
});
