import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite, type Database } from '../db/database.ts';
import { FieldCrypto, keyIdOf, useFieldCrypto } from '../db/field-crypto.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openTestDatabase, testDbKind, type TestDatabase } from '../test-support/test-database.ts';

/**
 * Key rotation as an operator does it (ADR 0013): data written under key A; key B put in front;
 * `signaal keys reencrypt`; then A removed, and everything still reads.
 */
const b64 = (n: number) => Buffer.alloc(32, n).toString('base64');
const INDEX_KEY = b64(9);
const A = `a:${b64(1)}`;
const B = `b:${b64(2)}`;
const crypto = (spec: string) =>
  new FieldCrypto(
    spec.split(',').map((e) => ({ id: e.split(':')[0]!, key: Buffer.from(e.split(':')[1]!, 'base64') })),
    Buffer.from(INDEX_KEY, 'base64'),
  );

let env: Record<string, string>;
let dataDir: string;
let serverDb: TestDatabase | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'signaal-keys-'));
  if (testDbKind() === 'postgres') {
    serverDb = await openTestDatabase();
    env = { DATABASE_URL: serverDb.url! };
  } else {
    env = { SIGNAAL_DATA_DIR: dataDir };
  }
});
afterAll(async () => {
  await serverDb?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function cli(keys: string, ...args: string[]) {
  return cliWith(keys, INDEX_KEY, ...args);
}

function cliWith(keys: string, indexKey: string, ...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, ['bin/signaal.js', ...args], {
      env: { ...process.env, NODE_ENV: 'test', SIGNAAL_ENCRYPTION_KEYS: keys, SIGNAAL_BLIND_INDEX_KEY: indexKey, ...env },
      cwd: path.resolve(import.meta.dirname, '../..'),
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Opens the database in this process with the given keys (PGlite: after the CLI exited). */
async function inspect<T>(keys: string, fn: (d: Database) => Promise<T>): Promise<T> {
  useFieldCrypto(crypto(keys));
  if (serverDb) return fn(serverDb);
  const d = await openPGlite(path.join(dataDir, 'pglite'));
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

const STORY = 'Verzonnen verhaal onder sleutel a';
const BSN = '111222333';

describe('signaal keys reencrypt', () => {
  it('rewrites rows of key A under key B, after which A can be removed; clear-text rows are encrypted at start', async () => {
    // Migrated database with a melding under key A, and one story left in clear text (as before 0018).
    const { contactId, plainId } = await inspect(A, async (d) => {
      await migrateToLatest(d.db);
      const ins = (summary: string) =>
        d.db.insertInto('contact').values({ kind: 'melding', received_at: new Date('2026-03-02T10:00:00Z'), region_code: 'VR14', channel: 'telefoon', reporter_type: 'particulier', reporter_group: 'burger', violence_type: 'partnergeweld', summary, flags: [] }).returning('id').executeTakeFirstOrThrow();
      const c = await ins(STORY);
      await d.db.insertInto('person').values({ contact_id: c.id, region_code: 'VR14', role: 'slachtoffer', name: 'Verzonnen Persoon', birth_date: null, street: null, postcode: null, place: null, household_id: null, bsn: BSN }).execute();
      const p = await ins('placeholder');
      await d.raw.updateTable('contact').set({ summary: 'Oud verhaal in klare tekst' }).where('id', '=', p.id).execute();
      return { contactId: c.id, plainId: p.id };
    });

    // Only B configured before re-encryption: the data of A cannot be read (the command says so).
    // Starting the process did encrypt the clear-text story already, under B.
    const early = await cli(B, 'keys', 'reencrypt');
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/no key 'a'/);

    const run = await cli(`${B},${A}`, 'keys', 'reencrypt');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { rewritten: number; columns: { table: string; column: string; rewritten: number }[] };
    expect(out.columns.find((c) => c.table === 'contact' && c.column === 'summary')?.rewritten).toBe(1);
    expect(out.columns.find((c) => c.table === 'person' && c.column === 'bsn')?.rewritten).toBe(1);
    // Running it again finds nothing left to do.
    expect(JSON.parse((await cli(`${B},${A}`, 'keys', 'reencrypt')).stdout)).toMatchObject({ rewritten: 0 });

    await inspect(B, async (d) => {
      const stored = await d.raw.selectFrom('contact').select(['id', 'summary']).where('id', 'in', [contactId, plainId]).execute();
      for (const s of stored) expect(keyIdOf(s.summary)).toBe('b');
      const read = await d.db.selectFrom('contact').select(['id', 'summary']).where('id', 'in', [contactId, plainId]).orderBy('received_at').execute();
      expect(new Set(read.map((r) => r.summary))).toEqual(new Set([STORY, 'Oud verhaal in klare tekst']));
      const person = await d.db.selectFrom('person').select(['bsn', 'bsn_index']).where('contact_id', '=', contactId).executeTakeFirstOrThrow();
      expect(person.bsn).toBe(BSN);
      expect(person.bsn_index).toBe(crypto(B).blindIndex(BSN));
      const audit = await d.db.selectFrom('audit_log').select(['action', 'reason', 'record_id']).where('action', '=', 'keys.reencrypt').execute();
      expect(audit).toContainEqual({ action: 'keys.reencrypt', reason: '2 values rewritten', record_id: 'b' });
    });
  });

  it('encrypts clear-text rows when a process starts (any command)', async () => {
    const id = await inspect(B, async (d) => {
      const c = await d.db.selectFrom('contact').select('id').limit(1).executeTakeFirstOrThrow();
      await d.raw.updateTable('contact').set({ summary: 'Nog een oud verhaal' }).where('id', '=', c.id).execute();
      return c.id;
    });
    expect((await cli(B, 'audit', 'verify')).code).toBe(0);
    await inspect(B, async (d) => {
      const s = await d.raw.selectFrom('contact').select('summary').where('id', '=', id).executeTakeFirstOrThrow();
      expect(keyIdOf(s.summary)).toBe('b');
    });
  });

  it('retention run runs the retention job once and prints the counts', async () => {
    const r = await cli(B, 'retention', 'run');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ status: 'done', filesErased: 0, adviceErased: 0, transcriptsDeleted: 0 });
    await inspect(B, async (d) => {
      const runs = await d.db.selectFrom('retention_run').select(['trigger', 'status']).execute();
      expect(runs).toEqual([{ trigger: 'cli', status: 'done' }]);
    });
  });

  it('re-indexes the BSNs when the blind index key changed', async () => {
    const newIndexKey = b64(7);
    const r = await cliWith(B, newIndexKey, 'keys', 'reencrypt');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { columns: { table: string; column: string; rewritten: number }[] };
    expect(out.columns.find((c) => c.column === 'bsn_index')?.rewritten).toBe(1);
    await inspect(B, async (d) => {
      const p = await d.raw.selectFrom('person').select('bsn_index').where('bsn', 'is not', null).executeTakeFirstOrThrow();
      expect(p.bsn_index).toBe(new FieldCrypto([{ id: 'b', key: Buffer.alloc(32, 2) }], Buffer.from(newIndexKey, 'base64')).blindIndex(BSN));
    });
  });
});
