import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, cspViolations, launchBrowser, startServer, watchPage, type RunningServer, type TestBrowser } from './harness.ts';

interface DemoAccount {
  email: string;
  role: string;
  password: string;
}

let server: RunningServer;
let browser: TestBrowser;
let accounts: DemoAccount[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  const config = (await (await fetch(`${server.url}/api/public/config`)).json()) as { demo: boolean; demoAccounts?: DemoAccount[] };
  expect(config.demo).toBe(true);
  accounts = config.demoAccounts ?? [];
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function account(role: string): DemoAccount {
  const found = accounts.find((a) => a.role === role);
  if (!found) throw new Error(`no demo account with role ${role}: ${JSON.stringify(accounts.map((a) => a.role))}`);
  return found;
}

async function logIn(page: Page, who: DemoAccount): Promise<void> {
  await page.goto(`${server.url}/console`);
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  await page.getByLabel('E-mailadres').fill(who.email);
  await page.getByLabel('Wachtwoord').fill(who.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
}

describe('demo mode', () => {
  it('shows the demo banner and the demo accounts on the login page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/console`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await expect(page.getByText('Demo-omgeving – geen echte gegevens invoeren').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('cell', { name: account('intake').email, exact: true }).isVisible()).resolves.toBe(true);
    await checkA11y(page, 'demo login');
    await context.close();
  });

  it('lets an intake worker register a melding that then shows in the list', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const watch = watchPage(page);
    await logIn(page, account('intake'));
    await expect(page.getByText('Demo-omgeving – geen echte gegevens invoeren').isVisible()).resolves.toBe(true);

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Adviezen en meldingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Adviezen en meldingen' }).waitFor();
    await page.getByRole('link', { name: 'Nieuw advies of nieuwe melding' }).click();
    await page.getByRole('heading', { level: 1, name: 'Advies of melding vastleggen' }).waitFor();
    await checkA11y(page, 'contact form');

    // A melding without a type of violence is refused, with the reason announced.
    await page.getByLabel('Melding').check();
    await page.getByRole('button', { name: 'Vastleggen' }).click();
    await page.getByRole('alert').filter({ hasText: 'soort geweld' }).waitFor();

    await page.getByLabel('Soort geweld').selectOption('kindermishandeling');
    await page.getByLabel('Kanaal').selectOption('politie');
    await page.getByLabel('Soort melder').selectOption('beroepsmatig');
    await page.getByLabel('Melder of adviesvrager').selectOption('politie');
    await page.getByLabel('Samenvatting').fill('E2E: melding via de politie, verzonnen demogegevens.');
    await page.getByRole('button', { name: 'Vastleggen' }).click();

    await page.getByRole('heading', { level: 1, name: 'Adviezen en meldingen' }).waitFor();
    await page.getByText('Melding is vastgelegd.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Kindermishandeling' }).filter({ hasText: 'Politie' });
    await row.first().waitFor();
    await checkA11y(page, 'contacts list with item');

    await row.first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /^Melding van/ }).waitFor();
    await expect(page.getByText('E2E: melding via de politie').isVisible()).resolves.toBe(true);
    await checkA11y(page, 'contact detail');

    expect(await cspViolations(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    // Chromium logs the expected 401 of the session check before login as a console error.
    expect(watch.consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await context.close();
  });

  it('lets an admin see the contact entries in the audit trail and verify the chain', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, account('admin'));
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Audittrail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audittrail' }).waitFor();
    const table = page.getByRole('table');
    await table.waitFor();
    // The demo history fills the newest page with list reads (one entry per contact shown), so
    // the admin filters on the action, as one would to find who registered what.
    const byAction = async (action: string) => {
      await page.getByLabel('Handeling').fill(action);
      await page.getByRole('button', { name: 'Filter toepassen' }).click();
      await table.getByRole('cell', { name: action, exact: true }).first().waitFor();
      const actions = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
      expect(new Set(actions)).toEqual(new Set([action]));
    };
    await byAction('contact.create');
    await byAction('contact.read');
    await checkA11y(page, 'audit trail');

    await page.getByRole('button', { name: 'Keten controleren' }).click();
    await page.getByText(/De keten is in orde/).waitFor();
    await context.close();
  });

  it('shows a team lead the annual figures of the region, with the melding of this year counted and a PDF', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const watch = watchPage(page);
    await logIn(page, account('teamleider'));
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Jaarcijfers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jaarcijfers' }).waitFor();
    const year = String(new Date().getFullYear());
    // exact: the report's own section ("Het jaar … in cijfers") also contains the word.
    await page.getByLabel('Jaar', { exact: true }).selectOption(year);
    const table = page.getByRole('table', { name: new RegExp(`Gooi en Vechtstreek ${year}`) });
    await table.waitFor();
    // Every municipality of the region is a row, also with zero, and "Onbekend" comes last.
    for (const name of ['Blaricum', 'Hilversum', 'Wijdemeren', 'Onbekend']) {
      await expect(table.getByRole('rowheader', { name }).isVisible(), name).resolves.toBe(true);
    }
    const report = (await (await page.request.get(`${server.url}/api/reports/annual?region=VR14&year=${year}`)).json()) as { totaal: { meldingen: number } };
    expect(report.totaal.meldingen).toBeGreaterThanOrEqual(1); // the melding registered by the intake test above
    const pdfHref = await page.getByRole('link', { name: /Download als PDF/ }).getAttribute('href');
    const pdf = await page.request.get(`${server.url}${pdfHref}`);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await checkA11y(page, 'annual report');
    expect(await cspViolations(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });

  it('lets an admin give a partner system an API key that submits a melding, and revoke it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, account('admin'));
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'API-sleutels' }).click();
    await page.getByRole('heading', { level: 1, name: 'API-sleutels' }).waitFor();
    await page.getByLabel('Organisatie').selectOption({ label: 'Wijkteam Gooi en Vechtstreek (demo)' });
    await page.getByLabel('Naam van de koppeling').fill('Testkoppeling politie');
    await page.getByRole('button', { name: 'Maak sleutel' }).click();
    await page.getByText(/wordt niet nog eens getoond/).waitFor();
    const key = (await page.locator('code.signaal-secret').innerText()).trim();
    expect(key).toMatch(/^sgn_/);
    await checkA11y(page, 'api keys');

    const submit = () =>
      fetch(`${server.url}/api/partner/v1/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'idempotency-key': crypto.randomUUID(), 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'melding', receivedAt: new Date().toISOString(), municipalityCode: 'GM0402', reporter: { type: 'beroepsmatig', group: 'politie' }, violenceType: 'partnergeweld' }),
      });
    expect((await submit()).status).toBe(201);
    await page.getByRole('button', { name: 'Intrekken: Testkoppeling politie' }).click();
    await page.getByText(/Ingetrokken op/).waitFor();
    expect((await submit()).status).toBe(401);
    await context.close();
  });

  it('lets an intake worker turn an advies into a melding that links back to it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const watch = watchPage(page);
    await logIn(page, account('intake'));
    const { csrfToken } = (await (await page.request.get(`${server.url}/api/auth/session`)).json()) as { csrfToken: string };
    const created = await page.request.post(`${server.url}/api/contacts`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { kind: 'advies', receivedAt: new Date().toISOString(), municipalityCode: 'GM0402', channel: 'telefoon', reporterType: 'particulier', reporterGroup: 'burger', summary: 'Buurman twijfelt (verzonnen).' },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await page.goto(`${server.url}/console/contacts/${id}`);
    const section = page.getByRole('region', { name: 'Omzetten in melding' });
    await section.getByRole('button', { name: 'Zet om in melding' }).click();
    await section.getByText('Kies de geweldsvorm van de melding.').waitFor(); // required
    await section.getByLabel('Soort geweld').selectOption('partnergeweld');
    await section.getByRole('button', { name: 'Zet om in melding' }).click();
    await page.getByRole('link', { name: /Deze melding komt uit een advies/ }).waitFor();
    await checkA11y(page, 'melding made from an advies');
    await page.getByRole('link', { name: /Deze melding komt uit een advies/ }).click();
    await page.getByRole('link', { name: /Dit advies is omgezet in een melding/ }).waitFor();
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });
});
