import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, cspViolations, demoAccounts, launchBrowser, logInAs, startServer, type RunningServer, type TestBrowser } from './harness.ts';

let server: RunningServer;
let browser: TestBrowser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('figures dashboards', () => {
  it('shows an analyst charts with their tables, nationally and for a region per week, and downloads CSV and XLSX', async () => {
    const analist = (await demoAccounts(server)).find((a) => a.email === 'analist@demo.signaal.example');
    expect(analist).toBeDefined();
    const { page, context, watch } = await logInAs(browser, server, analist!);

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Cijfers', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cijfers' }).waitFor();
    // National by default: the table per region is there, and the demo history gives numbers.
    const contacts = page.getByRole('table', { name: 'Adviezen en meldingen' });
    await contacts.waitFor();
    await page.getByRole('table', { name: 'Per regio' }).getByRole('rowheader', { name: 'VR14' }).waitFor();
    const section = page.getByRole('region', { name: 'Adviezen en meldingen' });
    // The chart (an SVG drawn by the chart library) sits above its table.
    await section.locator('svg.recharts-surface').first().waitFor();
    await expect(section.locator('.recharts-line').count()).resolves.toBe(4);
    const meldingen = (await contacts.locator('tbody tr td:nth-child(3)').allInnerTexts()).map((s) => Number(s.replace(/\./g, '')));
    expect(meldingen.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    await checkA11y(page, 'figures dashboards (national)');

    // Gooi en Vechtstreek, per week.
    await page.getByLabel('Regio', { exact: true }).selectOption('VR14');
    await page.getByLabel('Per', { exact: true }).selectOption('week');
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.locator('p strong', { hasText: 'Gooi en Vechtstreek (VR14)' }).waitFor();
    await expect(page.getByRole('table', { name: 'Per regio' }).count()).resolves.toBe(0);
    const weeks = await contacts.locator('tbody tr th').allInnerTexts();
    expect(weeks.length).toBeGreaterThan(50);
    expect(weeks.every((w) => /^\d{4}-W\d{2}$/.test(w))).toBe(true);
    const municipalities = page.getByRole('table', { name: 'Per gemeente' });
    for (const name of ['Hilversum', 'Blaricum', 'Wijdemeren']) await municipalities.getByRole('cell', { name, exact: true }).waitFor();
    await page.getByRole('table', { name: 'Per kanaal' }).getByRole('rowheader', { name: 'Telefoon' }).waitFor();
    await checkA11y(page, 'figures dashboards (region, per week)');

    // The table "per channel" as CSV: the same numbers as on the page.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download Per kanaal als CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^cijfers-kanaal-VR14-week-.*\.csv$/);
    const text = (await readFile((await csv.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('"Categorie";"Adviezen";"Meldingen";"Totaal";"Totaal een jaar eerder"');
    const phoneRow = page.getByRole('table', { name: 'Per kanaal' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Telefoon' }) });
    const phoneCells = (await phoneRow.getByRole('cell').allInnerTexts()).map((s) => s.replace(/\./g, ''));
    expect(lines.find((l) => l.startsWith('"telefoon";'))).toBe(`"telefoon";${phoneCells.join(';')}`);

    // And as an Excel workbook (a zip with one worksheet).
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download Per kanaal als Excel-bestand' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = await readFile((await xlsx.path())!);
    expect(book.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(book.toString('latin1')).toContain('xl/worksheets/sheet1.xml');

    expect(await cspViolations(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });
});
