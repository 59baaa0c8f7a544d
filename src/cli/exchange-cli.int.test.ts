import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite, type Database } from '../db/database.ts';
import { syntheticLines } from '../server/exchange/exchange.fixtures.ts';
import { openTestDatabase, testDbKind, type TestDatabase } from '../test-support/test-database.ts';

/**
 * import, export and report annual as a user runs them: real processes on the embedded database
 * in a temporary directory or on a PostgreSQL test database (contracts cli-v1 and exchange-v1).
 */
let env: Record<string, string>;
let dir: string;
let serverDb: TestDatabase | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'signaal-exchange-cli-'));
  if (testDbKind() === 'postgres') {
    serverDb = await openTestDatabase();
    env = { DATABASE_URL: serverDb.url! };
  } else {
    env = { SIGNAAL_DATA_DIR: dir };
  }
});
afterAll(async () => {
  await serverDb?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { stdin?: string; killAfterProgress?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/signaal.js', ...args], { env: { ...process.env, NODE_ENV: 'test', ...env }, cwd: path.resolve(import.meta.dirname, '../..') });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => {
      stderr += d;
      const done = [...stderr.matchAll(/(\d+) lines handled/g)].map((m) => Number(m[1]));
      if (opts.killAfterProgress !== undefined && done.some((n) => n >= opts.killAfterProgress!)) p.kill('SIGKILL');
    });
    p.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (opts.stdin !== undefined) p.stdin.end(opts.stdin);
  });
}

/** The database the processes used, opened after they exited (PGlite is single-process). */
async function inspect<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  if (serverDb) return fn(serverDb);
  const d = await openPGlite(path.join(dir, 'pglite'));
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

const good = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ externalId: id, kind: 'melding', receivedAt: '2021-02-03T10:00:00+01:00', region: 'VR14', municipalityCode: 'GM0402', reporter: { type: 'beroepsmatig', group: 'huisarts' }, violenceType: 'kindermishandeling', events: [{ type: 'onderzoek', at: '2021-03-01T09:00:00+01:00', outcome: 'weerlegd' }], ...extra });

describe('signaal import, export and report annual', () => {
  it('imports the valid lines, rejects the others with line number and reason, and on a re-run from standard input skips what is already there', async () => {
    const file = path.join(dir, 'mixed.ndjson');
    const content = [
      good('m-1'),
      '{"externalId": "kapot"',
      good('m-2', { onbekendVeld: true }),
      '',
      good('m-3', { violenceType: undefined }),
      good('m-4', { region: 'VR99' }),
      good('m-5', { receivedAt: '2021-02-03T10:00:00' }),
      good('m-6', { kind: 'advies', violenceType: undefined, source: 'legacy-gv' }),
      '',
    ].join('\n');
    await writeFile(file, content);
    const first = await cli(['import', file]);
    expect(first.code).toBe(1);
    expect(first.stderr.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(first.stdout) as { imported: number; skipped: number; rejected: number; errors: { line: number; reason: string }[] };
    expect(Object.keys(result)).toEqual(['imported', 'skipped', 'rejected', 'errors']);
    expect(result).toMatchObject({ imported: 2, skipped: 0, rejected: 5 });
    expect(result.errors.map((e) => e.line)).toEqual([2, 3, 5, 6, 7]);
    const [json, unknown, violence, region, date] = result.errors.map((e) => e.reason);
    expect(json).toMatch(/JSON/);
    expect(unknown).toMatch(/onbekendVeld/);
    expect(violence).toMatch(/violenceType/);
    expect(region).toMatch(/VR99/);
    expect(date).toMatch(/receivedAt.*offset/);

    const again = await cli(['import', '-'], { stdin: [good('m-1'), good('m-6', { kind: 'advies', violenceType: undefined, source: 'legacy-gv' }), good('m-7')].join('\n') });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ imported: 1, skipped: 2, rejected: 0, errors: [] });

    const stored = await inspect((d) => d.db.selectFrom('contact').select(['source', 'external_id', 'kind']).orderBy('external_id').execute());
    expect(stored).toEqual([
      { source: 'import', external_id: 'm-1', kind: 'melding' },
      { source: 'legacy-gv', external_id: 'm-6', kind: 'advies' },
      { source: 'import', external_id: 'm-7', kind: 'melding' },
    ]);
  });

  it('prints the annual report and exports what it counts', async () => {
    const report = await cli(['report', 'annual', '--region', 'VR14', '--year', '2021', '--format', 'json']);
    expect(report.code).toBe(0);
    const r = JSON.parse(report.stdout) as { totaal: unknown; onderzoeken: number; municipalities: { name: string; meldingen: number }[] };
    expect(r.totaal).toEqual({ meldingen: 2, adviezen: 1, totaal: 3 });
    expect(r.onderzoeken).toBe(3);
    expect(r.municipalities.find((m) => m.name === 'Hilversum')?.meldingen).toBe(2);

    // --to is inclusive: the contacts received on 3 February are in a period ending that day.
    const exported = await cli(['export', '--region', 'VR14', '--from', '2021-02-01', '--to', '2021-02-03']);
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.externalId).sort()).toEqual(['m-1', 'm-6', 'm-7']);
    expect(lines.find((l) => l.externalId === 'm-1')).toEqual({
      externalId: 'm-1', source: 'import', kind: 'melding', receivedAt: '2021-02-03T10:00:00+01:00', region: 'VR14', municipalityCode: 'GM0402',
      channel: 'overig', reporter: { type: 'beroepsmatig', group: 'huisarts' }, violenceType: 'kindermishandeling', flags: [],
      events: [{ type: 'onderzoek', at: '2021-03-01T09:00:00+01:00', outcome: 'weerlegd' }],
    });
    const bad = await cli(['export', '--region', 'VR14', '--from', '2021-2-3', '--to', '2021-12-31']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('leaves only whole lines when killed half-way, and a re-run completes the import', async () => {
    const total = 30_000;
    const file = path.join(dir, 'large.ndjson');
    await writeFile(file, [...syntheticLines(total, { source: 'kill-test', municipalityCode: 'GM0402' })].join('\n'));
    const killed = await cli(['import', file, '--progress'], { killAfterProgress: 2000 });
    expect(killed.signal).toBe('SIGKILL');

    const check = () =>
      inspect(async (d) => {
        const { rows } = await sql<{ contacts: number; broken: number }>`
          select count(*)::int as contacts,
            count(*) filter (where (select count(*) from contact_event e where e.contact_id = c.id) <> substring(c.external_id from 5)::int % 4)::int as broken
          from contact c where c.source = 'kill-test'`.execute(d.db);
        return rows[0]!;
      });
    const partial = await check();
    expect(partial.broken).toBe(0);
    expect(partial.contacts).toBeGreaterThanOrEqual(2000);
    expect(partial.contacts).toBeLessThan(total);

    const rerun = await cli(['import', file]);
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toEqual({ imported: total - partial.contacts, skipped: partial.contacts, rejected: 0, errors: [] });
    expect(await check()).toEqual({ contacts: total, broken: 0 });
  });
});

describe('signaal report cbs (added beside cli-v1)', () => {
  it('prints a CBS table as StatLine-style CSV with the small counts of this file hidden, and refuses an unknown table', async () => {
    const run = await cli(['report', 'cbs', '--table', '84850', '--period', '2021-H1']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('"Aard geweld";"Regio\'s";"Perioden";"Ontvangen meldingen (aantal)"');
    // A handful of meldingen in Gooi en Vechtstreek: below 10, so hidden.
    expect(lines).toContain('"Kindermishandeling";"Gooi en Vechtstreek (VT)";"1e halfjaar 2021";.');
    expect(lines.slice(1).every((l) => l.endsWith(';.'))).toBe(true);
    const bad = await cli(['report', 'cbs', '--table', '12345', '--period', '2021-H1']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("unknown table '12345'");
  });
});
