import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite, type Database } from '../db/database.ts';
import { verifyPassword } from '../server/auth/password.ts';
import { openTestDatabase, testDbKind, type TestDatabase } from '../test-support/test-database.ts';

/**
 * The command line and the server as a user runs them: real processes, on the embedded database
 * in a temporary directory or on a test database of the PostgreSQL server.
 */
let env: Record<string, string>;
let dataDir: string;
let serverDb: TestDatabase | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'signaal-cli-'));
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

function run(cmd: string[], extra: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, cmd, { env: { ...process.env, NODE_ENV: 'test', ...env, ...extra }, cwd: path.resolve(import.meta.dirname, '../..') });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
const cli = (...args: string[]) => run(['bin/signaal.js', ...args]);

/** Opens the database the processes use, after they have exited (PGlite is single-process). */
async function inspect<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  if (serverDb) return fn(serverDb);
  const d = await openPGlite(path.join(dataDir, 'pglite'));
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

describe('signaal CLI (contract cli-v1)', () => {
  it('regions --format json prints the current classification exactly as the contract says', async () => {
    const r = await cli('regions', '--format', 'json');
    expect(r.code).toBe(0);
    const regions = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(regions).toHaveLength(25);
    for (const reg of regions) {
      expect(Object.keys(reg)).toEqual(['code', 'name', 'municipalities']);
      for (const m of reg.municipalities as Array<Record<string, unknown>>) expect(Object.keys(m)).toEqual(['code', 'name']);
    }
    expect(regions.reduce((n, x) => n + (x.municipalities as unknown[]).length, 0)).toBe(342);
    const y2020 = JSON.parse((await cli('regions', '--format', 'json', '--year', '2020')).stdout) as Array<{ municipalities: unknown[] }>;
    expect(y2020.reduce((n, x) => n + x.municipalities.length, 0)).toBe(355);
  });

  it('user add creates an account whose one-time password works, and audit verify checks the chain', async () => {
    const r = await cli('user', 'add', '--email', 'cli.gebruiker@test.signaal.example', '--role', 'teamleider', '--region', 'VR14');
    expect(r.code).toBe(0);
    const password = r.stdout.trim();
    expect(password).toMatch(/^[A-Za-z2-9-]{20,}$/);
    const again = await cli('user', 'add', '--email', 'cli.gebruiker@test.signaal.example', '--role', 'teamleider', '--region', 'VR14');
    expect(again.code).not.toBe(0);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    const verify = await cli('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, checked: 1 });
    const user = await inspect((d) => d.db.selectFrom('staff_user').selectAll().where('email', '=', 'cli.gebruiker@test.signaal.example').executeTakeFirstOrThrow());
    expect(user).toMatchObject({ role: 'teamleider', region_code: 'VR14', password_must_change: true, totp_enabled: false });
    expect(await verifyPassword(user.password_hash, password)).toBe(true);
  });

  it('answers bad input with a non-zero exit and one line on standard error, and --help everywhere', async () => {
    for (const args of [['user', 'add', '--email', 'x@y.nl', '--role', 'baas', '--region', 'VR14'], ['regions', '--format', 'xml'], ['regions', '--year', 'twintig'], ['onbekend']]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^signaal: /);
    }
    for (const args of [['--help'], ['regions', '--help'], ['user', 'add', '--help'], ['audit', 'verify', '--help']]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/signaal/);
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('the server process', () => {
  it('refuses a bad setting with a message that names it', async () => {
    const r = await run(['--import', 'tsx', 'src/server/main.ts'], { PORT: 'drieduizend' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PORT/);
  });

  it('becomes ready, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', SIGNAAL_DEMO: 'false', ...env },
      cwd: path.resolve(import.meta.dirname, '../..'),
    });
    const exited = new Promise<number | null>((resolve) => p.on('exit', resolve));
    let ready = false;
    for (let i = 0; i < 120 && !ready; i++) {
      await new Promise((r) => setTimeout(r, 500));
      ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.status === 200, () => false);
    }
    expect(ready).toBe(true);
    expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toEqual({ status: 'ok' });
    p.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
