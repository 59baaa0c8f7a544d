import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.ts';
import { build, loginAs, type TestContext } from '../../test-support/build.ts';

let ctx: TestContext;

interface Batch {
  n: number;
  kind: 'advies' | 'melding';
  region: string;
  /** Amsterdam local date-time, e.g. '2025-03-04 10:00'. */
  at: string;
  acute?: boolean;
  violence?: string;
  group?: string;
}

/** Invented contacts, n at a time, counted only (no summaries, no persons). */
async function add(db: Db, b: Batch): Promise<void> {
  await sql`
    insert into contact (kind, received_at, region_code, channel, reporter_type, reporter_group, violence_type, acute, source)
    select ${b.kind}, (${b.at}::timestamp at time zone 'Europe/Amsterdam'), ${b.region}, 'telefoon',
           ${b.group === 'burger' ? 'particulier' : 'beroepsmatig'}, ${b.group ?? 'politie'},
           ${b.kind === 'melding' ? (b.violence ?? 'kindermishandeling') : null}, ${b.acute ?? false}, 'test'
      from generate_series(1, ${b.n})`.execute(db);
}

beforeAll(async () => {
  ctx = await build();
  const db = ctx.database.db;
  // ISO week 2026-W10 is 2 to 8 March 2026; the same week of 2025 is 3 to 9 March 2025.
  await add(db, { n: 54, kind: 'melding', region: 'VR14', at: '2026-03-04 10:00' });
  await add(db, { n: 14, kind: 'melding', region: 'VR14', at: '2026-03-08 23:30', acute: true }); // Sunday night still counts
  await add(db, { n: 3, kind: 'melding', region: 'VR14', at: '2026-03-09 00:10' }); // Monday: next week
  await add(db, { n: 50, kind: 'melding', region: 'VR14', at: '2025-03-05 09:00' });
  await add(db, { n: 30, kind: 'advies', region: 'VR14', at: '2026-03-05 12:00' });
  await add(db, { n: 29, kind: 'advies', region: 'VR14', at: '2025-03-06 12:00' });
  await add(db, { n: 40, kind: 'melding', region: 'VR13', at: '2026-03-03 12:00' });
  await add(db, { n: 41, kind: 'melding', region: 'VR13', at: '2025-03-04 12:00' });

  // First half of 2025, for the CBS tables and (as the year 2025) for open data.
  await add(db, { n: 23, kind: 'melding', region: 'VR14', at: '2025-02-01 10:00', violence: 'kindermishandeling' });
  await add(db, { n: 12, kind: 'melding', region: 'VR14', at: '2025-02-01 10:00', violence: 'partnergeweld', group: 'burger' });
  await add(db, { n: 3, kind: 'melding', region: 'VR14', at: '2025-06-30 23:59', violence: 'ouderenmishandeling' });
  await add(db, { n: 40, kind: 'melding', region: 'VR13', at: '2025-01-01 00:00', violence: 'kindermishandeling' });
  await add(db, { n: 16, kind: 'melding', region: 'VR13', at: '2025-04-01 00:00', violence: 'partnergeweld' });
  await add(db, { n: 7, kind: 'melding', region: 'VR13', at: '2025-07-01 00:00', violence: 'partnergeweld' }); // second half
});
afterAll(async () => {
  await ctx?.close();
});

describe('weekly national update', () => {
  it('counts an ISO week per region against the same week last year, with the acute share and the notable changes', async () => {
    const analyst = await loginAs(ctx, 'analyst', 'VR01');
    const res = await ctx.app.inject({ method: 'GET', url: '/api/reports/weekly?week=2026-W10', headers: analyst.headers() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ week: '2026-W10', from: '2026-03-02', to: '2026-03-08', lastYearWeek: '2025-W10', lastYearFrom: '2025-03-03' });
    const gv = body.regions.find((r: { code: string }) => r.code === 'VR14');
    expect(gv.thisWeek).toEqual({ meldingen: 68, adviezen: 30, acuteMeldingen: 14, chats: 0 });
    expect(gv.lastYear).toEqual({ meldingen: 50, adviezen: 29, acuteMeldingen: 0, chats: 0 });
    expect(gv.acuteShare).toEqual({ thisWeek: 21, lastYear: 0 });
    expect(body.regions).toHaveLength(25); // the 25 Veilig Thuis regions of the reference data
    expect(body.national.thisWeek.meldingen).toBe(108);
    expect(body.notes).toContain('Gooi en Vechtstreek: meldingen +36% t.o.v. vorig jaar (68 tegen 50)');
    expect(body.notes).toContain('Gooi en Vechtstreek: aandeel acute meldingen +21 procentpunt t.o.v. vorig jaar (21% tegen 0%)');
    expect(body.notes.some((n: string) => n.startsWith('Amsterdam'))).toBe(false);
    const audit = await ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'report.weekly').where('actor_id', '=', analyst.userId).executeTakeFirst();
    expect(audit).toMatchObject({ record_id: '2026-W10', outcome: 'allowed' });
  });

  it('gives the ministry a PDF, refuses roles without reports:read and weeks that do not exist', async () => {
    const lead = await loginAs(ctx, 'teamleider', 'VR14');
    const pdf = await ctx.app.inject({ method: 'GET', url: '/api/reports/weekly.pdf?week=2026-W10', headers: lead.headers() });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const intake = await loginAs(ctx, 'intake', 'VR14');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/reports/weekly', headers: intake.headers() })).statusCode).toBe(403);
    const bad = await ctx.app.inject({ method: 'GET', url: '/api/reports/weekly?week=2021-W53', headers: lead.headers() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('unknown_week');
  });
});

describe('CBS delivery (semi-annual, StatLine layout)', () => {
  it('lays out type of violence per region like StatLine, rounded, with small cells and their giveaways hidden', async () => {
    const analyst = await loginAs(ctx, 'analyst', 'VR01');
    const res = await ctx.app.inject({ method: 'GET', url: '/api/reports/cbs.csv?table=84850&period=2025-H1', headers: analyst.headers() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('cbs-84850-2025-H1.csv');
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('"Aard geweld";"Regio\'s";"Perioden";"Ontvangen meldingen (aantal)"');
    // 7 categories (Totaal + 6) x 26 regions (Nederland + 25).
    expect(lines).toHaveLength(1 + 7 * 26);
    const row = (category: string, region: string) => lines.find((l) => l.startsWith(`"${category}";"${region}";`))?.split(';').at(-1);
    // VR14: 23 + 50 (week 10) kindermishandeling, 12 partnergeweld, 3 ouderenmishandeling (30 June
    // 23:59 is still the first half) = 88 -> 90; VR13: 40 + 41 + 16 = 97 -> 95 (the 7 of 1 July are
    // in the second half); Nederland 185.
    expect(row('Totaal', 'Gooi en Vechtstreek (VT)')).toBe('90');
    expect(row('Totaal', 'Amsterdam-Amstelland (VT)')).toBe('95');
    expect(row('Totaal', 'Nederland')).toBe('185');
    expect(row('Kindermishandeling', 'Gooi en Vechtstreek (VT)')).toBe('75'); // 73
    expect(row('Kindermishandeling', 'Nederland')).toBe('155'); // 154
    expect(row('(Ex-)partnergeweld', 'Gooi en Vechtstreek (VT)')).toBe('10'); // 12
    expect(row('(Ex-)partnergeweld', 'Amsterdam-Amstelland (VT)')).toBe('15'); // 16
    // 3 ouderenmishandeling is hidden, and so is the national figure of that type (also 3): the
    // zeros hidden beside it in the same row and column keep it from being recomputed.
    expect(row('Ouderenmishandeling', 'Gooi en Vechtstreek (VT)')).toBe('.');
    expect(row('Ouderenmishandeling', 'Nederland')).toBe('.');
    expect(row('Totaal', 'Drenthe (VT)')).toBe('.'); // zero
    // Nothing published is anything but a multiple of 5.
    for (const l of lines.slice(1)) {
      const v = l.split(';').at(-1)!;
      expect(v === '.' || Number(v) % 5 === 0, l).toBe(true);
    }
  });

  it('offers every table, by reporter group, with a row per region for the key figures', async () => {
    const analyst = await loginAs(ctx, 'analyst', 'VR01');
    const list = (await ctx.app.inject({ method: 'GET', url: '/api/reports/cbs', headers: analyst.headers() })).json();
    expect(list.tables.map((t: { id: string }) => t.id)).toEqual(['84847', '84848', '84850', '84852', '84853', '84855', '85361']);
    for (const t of list.tables as { id: string }[]) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/reports/cbs.csv?table=${t.id}&period=2025-H1`, headers: analyst.headers() });
      expect(res.statusCode, t.id).toBe(200);
    }
    const key = (await ctx.app.inject({ method: 'GET', url: '/api/reports/cbs.csv?table=84847&period=2025-H1', headers: analyst.headers() })).body;
    const keyLines = key.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(keyLines[0]).toBe('"Regio\'s";"Perioden";"Gestarte adviezen (aantal)";"Ontvangen meldingen (aantal)";"Afgeronde veiligheidsbeoordelingen (aantal)";"Afgeronde onderzoeken (aantal)";"Overdrachten (aantal)";"Gestarte monitoring (aantal)"');
    expect(keyLines).toHaveLength(1 + 26);
    // VR14: 29 adviezen -> 30, 88 meldingen -> 90; no follow-up events (zeros, hidden).
    expect(keyLines.find((l) => l.startsWith('"Gooi en Vechtstreek (VT)"'))).toBe('"Gooi en Vechtstreek (VT)";"1e halfjaar 2025";30;90;.;.;.;.');
    const byGroup = (await ctx.app.inject({ method: 'GET', url: '/api/reports/cbs.csv?table=84848&period=2025-H1', headers: analyst.headers() })).body;
    expect(byGroup).toContain('"Niet beroepsmatig";"Gooi en Vechtstreek (VT)";"1e halfjaar 2025";.;10\r\n');
    expect(byGroup).toContain('"Beroep: politie";"Gooi en Vechtstreek (VT)";"1e halfjaar 2025";30;75\r\n');
    const partner = await loginAs(ctx, 'partner', 'VR14');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/reports/cbs.csv?table=84850&period=2025-H1', headers: partner.headers() })).statusCode).toBe(403);
  });
});

describe('open data (public, no session)', () => {
  it('answers without a session with disclosure-controlled numbers only', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/public/open-data?year=2025' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2025, threshold: 10, roundingBase: 5 });
    const gv = body.contacts.rows.find((r: { code: string }) => r.code === 'VR14');
    // 2025: 38 + 50 (week 10) = 88 meldingen -> 90; 29 adviezen -> 30; total 117 -> 115.
    expect(gv).toMatchObject({ meldingen: 90, adviezen: 30, totaal: 115 });
    const published = [
      ...body.contacts.rows.flatMap((r: { adviezen: number | null; meldingen: number | null; totaal: number | null }) => [r.adviezen, r.meldingen, r.totaal]),
      ...body.violence.rows.flatMap((r: { counts: (number | null)[]; totaal: number | null }) => [...r.counts, r.totaal]),
    ];
    expect(published.every((v: number | null) => v === null || (v >= 10 && v % 5 === 0))).toBe(true);
    // The ouderenmishandeling of VR14 (3) is hidden.
    const gvViolence = body.violence.rows.find((r: { code: string }) => r.code === 'VR14');
    expect(gvViolence.counts[body.violence.types.indexOf('ouderenmishandeling')]).toBeNull();
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/open-data?year=2014' })).statusCode).toBe(404);
  });

  it('follows the configured threshold and rounding base', async () => {
    const strict = await build({ SIGNAAL_DISCLOSURE_THRESHOLD: '100', SIGNAAL_DISCLOSURE_ROUNDING: '10' });
    try {
      await add(strict.database.db, { n: 88, kind: 'melding', region: 'VR14', at: '2025-05-05 10:00' });
      await add(strict.database.db, { n: 123, kind: 'melding', region: 'VR13', at: '2025-05-05 10:00' });
      await add(strict.database.db, { n: 150, kind: 'advies', region: 'VR13', at: '2025-05-05 10:00' });
      const body = (await strict.app.inject({ method: 'GET', url: '/api/public/open-data?year=2025' })).json();
      expect(body.contacts.rows.find((r: { code: string }) => r.code === 'VR14').meldingen).toBeNull();
      expect(body.contacts.rows.find((r: { code: string }) => r.code === 'VR13').meldingen).toBe(120);
    } finally {
      await strict.close();
    }
  });
});

