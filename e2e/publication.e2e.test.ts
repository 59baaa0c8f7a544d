import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundToBase } from '../src/domain/stats/disclosure-control.ts';
import { formatIsoWeek, isoWeekDates, lastCompleteWeek, percentChange, sameWeekLastYear } from '../src/domain/stats/weekly-update.ts';
import { checkA11y, cspViolations, demoAccounts, launchBrowser, logInAs, makeDataDir, runCli, startServer, watchPage, type DemoAccount, type RunningServer, type TestBrowser } from './harness.ts';

let server: RunningServer;
let browser: TestBrowser;
let analyst: DemoAccount;

const week = lastCompleteWeek(new Date());
const lastYearWeek = sameWeekLastYear(week);
const openYear = new Date().getUTCFullYear() - 1;

/** Invented contacts as exchange-v1 lines (no persons, no text). */
function lines(prefix: string, n: number, fields: { kind: 'advies' | 'melding'; region: string; date: string; violenceType?: string }): string[] {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      externalId: `${prefix}-${i}`,
      source: 'e2e-demo',
      kind: fields.kind,
      receivedAt: `${fields.date}T10:00:00Z`,
      region: fields.region,
      reporter: { type: 'beroepsmatig', group: 'politie' },
      ...(fields.kind === 'melding' ? { violenceType: fields.violenceType ?? 'kindermishandeling' } : {}),
    }),
  );
}

beforeAll(async () => {
  // The CLI and the server share the single-process embedded database: import first, then serve.
  const dataDir = await makeDataDir();
  const file = join(dataDir, '..', `publication-${Date.now()}.ndjson`);
  const tuesday = (w: { year: number; week: number }) => {
    const d = new Date(`${isoWeekDates(w).from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  await writeFile(
    file,
    [
      // On top of the demo history (a few contacts a week per region), so the change stands out.
      ...lines('week', 400, { kind: 'melding', region: 'VR14', date: tuesday(week) }),
      ...lines('week-ly', 250, { kind: 'melding', region: 'VR14', date: tuesday(lastYearWeek) }),
      ...lines('open-gv', 60, { kind: 'advies', region: 'VR14', date: `${openYear}-06-15` }),
    ].join('\n') + '\n',
  );
  const cli = await runCli(['import', file], { SIGNAAL_DATA_DIR: dataDir });
  await rm(file, { force: true });
  if (cli.code !== 0) throw new Error(`signaal import failed (${cli.code}):\n${cli.stderr}`);
  [server, browser] = await Promise.all([startServer({ demo: true, dataDir }), launchBrowser()]);
  const found = (await demoAccounts(server)).find((a) => a.role === 'analyst');
  if (!found) throw new Error('no demo analyst');
  analyst = found;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('published figures', () => {
  it('lets an analyst open the weekly update with its notable change and download the PDF for the ministry', async () => {
    const { context, page, watch } = await logInAs(browser, server, analyst);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Weekupdate' }).click();
    await page.getByRole('heading', { level: 1, name: 'Weekupdate' }).waitFor();
    await expect(page.getByLabel('Week').inputValue()).resolves.toBe(formatIsoWeek(week));
    const table = page.getByRole('table', { name: new RegExp(`week ${formatIsoWeek(week)} tegen week ${formatIsoWeek(lastYearWeek)}`) });
    await table.waitFor();
    // The page shows the exact counts of the API, and the note that follows from them.
    const api = (await (await page.request.get(`${server.url}/api/reports/weekly?week=${formatIsoWeek(week)}`)).json()) as { regions: { code: string; thisWeek: { meldingen: number }; lastYear: { meldingen: number } }[] };
    const exact = api.regions.find((r) => r.code === 'VR14')!;
    expect(exact.thisWeek.meldingen).toBeGreaterThanOrEqual(400);
    const gv = table.getByRole('row', { name: /Gooi en Vechtstreek/ });
    await expect(gv.getByRole('cell').nth(0).innerText()).resolves.toBe(String(exact.thisWeek.meldingen));
    await expect(gv.getByRole('cell').nth(1).innerText()).resolves.toBe(String(exact.lastYear.meldingen));
    const change = percentChange(exact.thisWeek.meldingen, exact.lastYear.meldingen)!;
    expect(change).toBeGreaterThanOrEqual(25);
    await page.getByText(`Gooi en Vechtstreek: meldingen +${change}% t.o.v. vorig jaar (${exact.thisWeek.meldingen} tegen ${exact.lastYear.meldingen})`).waitFor();
    await checkA11y(page, 'weekly update');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download de pdf voor het ministerie/ }).click()]);
    expect(download.suggestedFilename()).toBe(`weekupdate-${formatIsoWeek(week)}.pdf`);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await cspViolations(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });

  it('lets an analyst download a table of the CBS delivery as CSV', async () => {
    const { context, page, watch } = await logInAs(browser, server, analyst);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'CBS-levering' }).click();
    await page.getByRole('heading', { level: 1, name: 'CBS-levering' }).waitFor();
    const period = `${openYear}-H1`;
    await page.getByLabel('Halfjaar').selectOption({ label: `1e halfjaar ${openYear}` });
    await checkA11y(page, 'cbs delivery');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Tabel 84848:/ }).click()]);
    expect(download.suggestedFilename()).toBe(`cbs-84848-${period}.csv`);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('"Kenmerken adviezen/meldingen";"Regio\'s";"Perioden";"Gestarte adviezen (aantal)";"Ontvangen meldingen (aantal)"');
    expect(rows).toHaveLength(1 + 14 * 26); // (Totaal + 13 groups) x (Nederland + 25 regions)
    // At least the 60 adviezen by the police in Gooi en Vechtstreek; every count rounded or hidden.
    const gvPolice = rows.find((r) => r.startsWith(`"Beroep: politie";"Gooi en Vechtstreek (VT)";"1e halfjaar ${openYear}";`))!.split(';');
    expect(Number(gvPolice[3])).toBeGreaterThanOrEqual(60);
    for (const r of rows.slice(1)) for (const v of r.split(';').slice(3)) expect(v === '.' || (Number(v) >= 10 && Number(v) % 5 === 0), r).toBe(true);
    expect(rows.some((r) => r.endsWith(';.'))).toBe(true);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });

  it('shows the public open data page without a session, with only disclosure-controlled numbers', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Cijfers (open data)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cijfers van Veilig Thuis' }).waitFor();
    const table = page.getByRole('table', { name: `Adviezen en meldingen per Veilig Thuis-regio in ${openYear}` });
    await table.waitFor();
    // The exact counts (the annual report, for staff) against what the public page shows: rounded.
    const staff = await logInAs(browser, server, analyst);
    for (const [code, name] of [['VR14', 'Gooi en Vechtstreek'], ['VR13', 'Amsterdam-Amstelland']] as const) {
      const exact = (await (await staff.page.request.get(`${server.url}/api/reports/annual?region=${code}&year=${openYear}`)).json()) as { totaal: { meldingen: number; adviezen: number } };
      expect(exact.totaal.adviezen).toBeGreaterThanOrEqual(10);
      const row = table.getByRole('row', { name: new RegExp(name) });
      const shown = await row.getByRole('cell').nth(0).innerText();
      expect(shown === '.' || shown === String(roundToBase(exact.totaal.adviezen, 5)), `${code}: ${shown} for ${exact.totaal.adviezen}`).toBe(true);
    }
    await staff.context.close();
    // Gooi en Vechtstreek has plenty of adviezen, so they are published, rounded.
    await expect(table.getByRole('row', { name: /Gooi en Vechtstreek/ }).getByRole('cell').nth(0).innerText()).resolves.toMatch(/^\d+$/);
    // Every number on the page's tables is a multiple of 5 of at least 10, or ".".
    const cells = await page.locator('table td').allInnerTexts();
    expect(cells.length).toBeGreaterThan(100);
    for (const c of cells) expect(c === '.' || (/^\d[\d.]*$/.test(c) && Number(c.replaceAll('.', '')) % 5 === 0 && Number(c.replaceAll('.', '')) >= 10), c).toBe(true);
    // The demo history is small per region and type of violence: those cells are hidden.
    expect(cells).toContain('.');
    await checkA11y(page, 'open data');
    expect(await cspViolations(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });
});
