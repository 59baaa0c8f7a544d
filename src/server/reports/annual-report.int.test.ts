import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.ts';
import { build, loginAs, type TestContext } from '../../test-support/build.ts';
import { openTestDatabase } from '../../test-support/test-database.ts';
import { exportExchange } from '../exchange/exchange-export.service.ts';
import { seed003Lines, SEED_003_REPORT } from '../exchange/exchange.fixtures.ts';
import { importExchange } from '../exchange/exchange-import.service.ts';
import { annualReport } from './annual-report.ts';

let ctx: TestContext;
let dir: string;

/** Through the import code path the CLI uses: an NDJSON file read line by line. */
async function importFile(db: Db, lines: Iterable<string>) {
  const file = path.join(dir, `import-${Math.random().toString(36).slice(2)}.ndjson`);
  await writeFile(file, [...lines].join('\n') + '\n');
  return importExchange(db, createReadStream(file));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'signaal-report-'));
  ctx = await build();
  const result = await importFile(ctx.database.db, seed003Lines());
  expect(result).toEqual({ imported: 3091, skipped: 0, rejected: 0, errors: [] });
});
afterAll(async () => {
  await ctx?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('annual report (annual-report-v1) of Gooi en Vechtstreek 2020', () => {
  it('reproduces the figures of seed 003 exactly, key by key and in the contract order', async () => {
    const report = await annualReport(ctx.database.db, 'VR14', 2020);
    expect(report).toEqual(SEED_003_REPORT);
    expect(JSON.stringify(report)).toBe(JSON.stringify(SEED_003_REPORT));
  });

  it('is empty but complete for a year without records: every municipality, Onbekend, zeros', async () => {
    const report = await annualReport(ctx.database.db, 'VR14', 2019);
    expect(report.municipalities.map((m) => m.name)).toEqual(['Blaricum', 'Gooise Meren', 'Hilversum', 'Huizen', 'Laren (NH.)', 'Weesp', 'Wijdemeren', 'Onbekend']);
    expect(report.municipalities.every((m) => m.totaal === 0)).toBe(true);
    expect(report.meldingen.geweldsvorm.kindermishandeling).toEqual({ aantal: 0, procent: 0 });
    expect(report.onderzoeken + report.aware).toBe(0);
  });

  it('is served as JSON to roles with reports:read, audited, and refused to others', async () => {
    const analyst = await loginAs(ctx, 'analyst', 'VR01');
    const res = await ctx.app.inject({ method: 'GET', url: '/api/reports/annual?region=VR14&year=2020', headers: analyst.headers() });
    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(res.json())).toBe(JSON.stringify(SEED_003_REPORT));
    const entry = await ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'report.annual').where('actor_id', '=', analyst.userId).executeTakeFirst();
    expect(entry).toMatchObject({ record_id: 'VR14/2020', region_code: 'VR14', outcome: 'allowed' });

    const intake = await loginAs(ctx, 'intake', 'VR14');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/reports/annual?region=VR14&year=2020', headers: intake.headers() })).statusCode).toBe(403);
    const unknown = await ctx.app.inject({ method: 'GET', url: '/api/reports/annual?region=VR99&year=2020', headers: analyst.headers() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('unknown_region');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/reports/annual?region=VR14&year=twintig', headers: analyst.headers() })).statusCode).toBe(400);
  });

  it('is served as a PDF with the figures', async () => {
    const lead = await loginAs(ctx, 'teamleider', 'VR14');
    const res = await ctx.app.inject({ method: 'GET', url: '/api/reports/annual.pdf?region=VR14&year=2020', headers: lead.headers() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(1500);
  });

  it('comes out the same after export and import into an empty database', async () => {
    const lines: string[] = [];
    for await (const l of exportExchange(ctx.database.db, { region: 'VR14', from: '2020-01-01', to: '2020-12-31' }, 500)) lines.push(l.trimEnd());
    expect(lines).toHaveLength(3091);
    await expect(exportExchange(ctx.database.db, { region: 'VR14', from: '2020-02-30', to: '2020-12-31' }).next()).rejects.toThrow(/JJJJ-MM-DD/);
    await expect(exportExchange(ctx.database.db, { region: 'VR14', from: '2020-12-31', to: '2020-01-01' }).next()).rejects.toThrow(/na de einddatum/);
    const empty = await openTestDatabase();
    try {
      expect(await importFile(empty.db, lines)).toEqual({ imported: 3091, skipped: 0, rejected: 0, errors: [] });
      expect(JSON.stringify(await annualReport(empty.db, 'VR14', 2020))).toBe(JSON.stringify(SEED_003_REPORT));
    } finally {
      await empty.close();
    }
  });
});

describe('which records count', () => {
  const line = (externalId: string, receivedAt: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ externalId, source: 'grens', kind: 'melding', receivedAt, region: 'VR09', reporter: { type: 'particulier' }, violenceType: 'partnergeweld', municipalityCode: 'GM0344', ...extra });

  it('uses Amsterdam year boundaries, counts events by their own date in their contact’s region, and lists outside municipalities after the own ones', async () => {
    const db = ctx.database.db;
    const result = await importFile(db, [
      line('late', '2020-12-31T23:30:00Z'), // 00:30 on 1 January 2021 in Amsterdam
      line('early', '2020-01-01T00:30:00+01:00'),
      line('eve', '2019-12-31T23:30:00+01:00'),
      line('old', '2019-06-01T10:00:00+02:00', {
        events: [
          { type: 'onderzoek', at: '2020-03-01T10:00:00+01:00', outcome: 'bevestigd' },
          { type: 'huisverbod', at: '2019-07-01T10:00:00+02:00' },
          { type: 'aware', at: '2020-12-31T23:30:00Z' },
        ],
      }),
      line('other-region', '2020-05-01T10:00:00+02:00', { region: 'VR05', events: [{ type: 'onderzoek', at: '2020-05-02T10:00:00+02:00' }] }),
      line('amsterdam', '2020-05-01T10:00:00+02:00', { municipalityCode: 'GM0363', kind: 'advies' }),
      line('unknown-code', '2020-05-01T10:00:00+02:00', { municipalityCode: 'GM9999' }),
    ]);
    expect(result.imported).toBe(7);

    const y2020 = await annualReport(db, 'VR09', 2020);
    expect(y2020.totaal).toEqual({ meldingen: 2, adviezen: 1, totaal: 3 }); // early, unknown-code; amsterdam
    expect(y2020.onderzoeken).toBe(1);
    expect(y2020.aware).toBe(0);
    expect(y2020.huisverboden).toBe(0);
    const names = y2020.municipalities.map((m) => m.name);
    const own = names.slice(0, names.indexOf('Amsterdam'));
    expect(own).toContain('Utrecht');
    expect(names.slice(own.length)).toEqual(['Amsterdam', 'GM9999', 'Onbekend']);
    expect(y2020.municipalities.find((m) => m.code === 'GM0363')).toEqual({ code: 'GM0363', name: 'Amsterdam', meldingen: 0, adviezen: 1, totaal: 1 });
    expect(y2020.municipalities.find((m) => m.code === 'GM0344')).toMatchObject({ meldingen: 1 });

    const y2021 = await annualReport(db, 'VR09', 2021);
    expect(y2021.totaal.meldingen).toBe(1);
    expect(y2021.aware).toBe(1);
    const y2019 = await annualReport(db, 'VR09', 2019);
    expect(y2019.totaal.meldingen).toBe(2); // eve, old
    expect(y2019.huisverboden).toBe(1);
    expect((await annualReport(db, 'VR05', 2020)).onderzoeken).toBe(1);
  });

  it('names a municipality by that year’s classification, or the newest one that knows it', async () => {
    const db = ctx.database.db;
    // Weesp was in Gooi en Vechtstreek in 2020 and is part of Amsterdam in the 2025 classification.
    await importFile(db, [JSON.stringify({ externalId: 'weesp-2025', source: 'grens', kind: 'advies', receivedAt: '2025-03-01T10:00:00+01:00', region: 'VR14', municipalityCode: 'GM0457', reporter: { type: 'particulier' } })]);
    const y2025 = await annualReport(db, 'VR14', 2025);
    const names = y2025.municipalities.map((m) => m.name);
    expect(names).toEqual(['Blaricum', 'Gooise Meren', 'Hilversum', 'Huizen', 'Laren (NH.)', 'Wijdemeren', 'Weesp', 'Onbekend']);
    expect(y2025.municipalities[6]).toEqual({ code: 'GM0457', name: 'Weesp', meldingen: 0, adviezen: 1, totaal: 1 });
  });
});
