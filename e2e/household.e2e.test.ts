import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, cspViolations, demoAccounts, launchBrowser, logInOnPage, startServer, watchPage, type DemoAccount, type RunningServer, type TestBrowser } from './harness.ts';

// The household file (radar): two meldingen on the same family, the second suggested as a match
// of the first one's file, joined by the worker after checking; the file shows the repeat report.

let server: RunningServer;
let browser: TestBrowser;
let accounts: DemoAccount[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  accounts = await demoAccounts(server);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page: Page, role: string): Promise<void> {
  const who = accounts.find((a) => a.role === role);
  if (!who) throw new Error(`no demo account with role ${role}`);
  await logInOnPage(page, server, who);
}

interface PersonInput {
  role: string;
  name: string;
  birthDate: string;
  street?: string;
  postcode?: string;
  place?: string;
  bsn?: string;
}

async function registerMelding(page: Page, violenceType: string, persons: PersonInput[], check = false): Promise<void> {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Adviezen en meldingen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Adviezen en meldingen' }).waitFor();
  await page.getByRole('link', { name: 'Nieuw advies of nieuwe melding' }).click();
  await page.getByRole('heading', { level: 1, name: 'Advies of melding vastleggen' }).waitFor();
  await page.getByLabel('Melding', { exact: true }).check();
  await page.getByLabel('Soort geweld').selectOption(violenceType);
  await page.getByLabel('Soort melder').selectOption('beroepsmatig');
  await page.getByLabel('Melder of adviesvrager').selectOption('onderwijs');
  await page.getByLabel('Samenvatting').fill('E2E: verzonnen demogegevens.');
  await page.getByLabel('Huwelijksdwang').check();
  for (const [index, p] of persons.entries()) {
    await page.getByRole('button', { name: 'Betrokkene toevoegen' }).click();
    const group = page.getByRole('group', { name: `Betrokkene ${index + 1}`, exact: true });
    await group.getByLabel('Rol').selectOption(p.role);
    await group.getByLabel(/^Naam/).fill(p.name);
    await group.getByLabel('Geboortedatum').fill(p.birthDate);
    if (p.street) await group.getByLabel('Straat en huisnummer').fill(p.street);
    if (p.postcode) await group.getByLabel('Postcode').fill(p.postcode);
    if (p.place) await group.getByLabel('Plaats').fill(p.place);
    if (p.bsn) await group.getByLabel(/^BSN/).fill(p.bsn);
  }
  if (check) {
    // A wrong BSN is refused with the reason before anything is sent.
    const group = page.getByRole('group', { name: 'Betrokkene 1', exact: true });
    await group.getByLabel(/^BSN/).fill('123456789');
    await page.getByRole('button', { name: 'Vastleggen' }).click();
    await page.getByRole('alert').filter({ hasText: 'elfproef' }).waitFor();
    await checkA11y(page, 'contact form with people');
    await group.getByLabel(/^BSN/).fill(persons[0]!.bsn ?? '');
  }
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await page.getByText('Melding is vastgelegd.').waitFor();
}

async function openMelding(page: Page, violenceLabel: string): Promise<void> {
  await page.getByRole('row').filter({ hasText: violenceLabel }).first().getByRole('link').click();
  await page.getByRole('heading', { level: 1, name: /^Melding van/ }).waitFor();
}

const mother = { role: 'slachtoffer', name: 'Fatima el Amrani', birthDate: '1988-04-12', street: 'Lindenlaan 7', postcode: '1211 AB', place: 'Hilversum', bsn: '111222333' };
const child = { role: 'kind', name: 'Yasmina el Amrani', birthDate: '2016-09-01', street: 'Lindenlaan 7', postcode: '1211 AB', place: 'Hilversum' };

describe('the household file in the console', () => {
  it('lets intake register two meldingen on one family and join the second to the first one’s file', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const watch = watchPage(page);
    await logIn(page, 'intake');

    // First melding, two people: nothing known yet, the worker opens a new file.
    await registerMelding(page, 'partnergeweld', [mother, child], true);
    await openMelding(page, 'Partnergeweld');
    await expect(page.getByRole('cell', { name: 'Yasmina el Amrani' }).isVisible()).resolves.toBe(true);
    await page.getByText('Er is geen bestaand dossier in uw regio gevonden').waitFor();
    await checkA11y(page, 'melding with people, no match');
    await page.getByRole('button', { name: 'Nieuw dossier' }).click();
    await page.getByRole('link', { name: 'Bekijk het dossier' }).waitFor();

    // Second melding on the same family by another reporter: the file is suggested, not joined.
    await registerMelding(page, 'kindermishandeling', [{ ...child, street: '', postcode: '' }, { ...mother, name: 'F. el Amrani' }]);
    await openMelding(page, 'Kindermishandeling');
    const candidate = page.getByRole('region', { name: /Dossier met 1 melding/ });
    await candidate.waitFor();
    await expect(candidate.getByText('Zeker').isVisible()).resolves.toBe(true);
    await expect(candidate.getByText('F. el Amrani: zelfde BSN als Fatima el Amrani').isVisible()).resolves.toBe(true);
    await checkA11y(page, 'melding with a match');
    await candidate.getByRole('button', { name: 'Voeg toe aan dit dossier' }).click();
    await page.getByText('De melding is aan het dossier toegevoegd.').waitFor();

    await page.getByRole('link', { name: 'Bekijk het dossier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossier huishouden' }).waitFor();
    await page.getByText('Herhaalde melding').waitFor();
    const count = page.locator('.utrecht-data-list__item').filter({ hasText: 'Aantal meldingen' });
    await expect(count.textContent()).resolves.toContain('2');
    await expect(page.getByRole('table', { name: 'Meldingen in dit dossier, oudste eerst' }).getByRole('row').count()).resolves.toBe(3);
    await checkA11y(page, 'household file');

    // National lookup: region and date only.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Landelijke zoekvraag' }).click();
    await page.getByRole('heading', { level: 1, name: 'Landelijke zoekvraag' }).waitFor();
    await page.getByRole('textbox', { name: /^BSN/ }).fill('111222333');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const result = page.getByRole('table', { name: /Regio’s waar deze persoon bekend is/ });
    await result.waitFor();
    await expect(result.getByRole('cell', { name: /^Veilig Thuis / }).isVisible()).resolves.toBe(true);
    await expect(result.textContent()).resolves.not.toContain('Amrani');
    await checkA11y(page, 'national lookup');

    expect(await cspViolations(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await context.close();
  });
});
