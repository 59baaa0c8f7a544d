import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { amsterdamLocalToIso, amsterdamNowLocal, formatDateTime } from '../web/console/format.ts';
import {
  checkA11y,
  cspViolations,
  demoAccounts,
  launchBrowser,
  logInAs,
  startServer,
  type ConsoleActor as Actor,
  type DemoAccount,
  type RunningServer,
  type TestBrowser,
} from './harness.ts';

// Handling of a melding in the browser: intake registers it, the team lead assigns it, the
// casemanager assesses it, the team lead approves (four eyes), the casemanager closes it.

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

async function logIn(role: string): Promise<Actor> {
  const who = accounts.find((a) => a.role === role);
  if (!who) throw new Error(`no demo account with role ${role}`);
  return logInAs(browser, server, who);
}

async function openWorkQueue(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werkvoorraad' }).click();
  await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
}

async function expectClean(actor: Actor): Promise<void> {
  expect(await cspViolations(actor.page)).toEqual([]);
  expect(actor.watch.pageErrors).toEqual([]);
  // The 401 of the session check before login, and the deliberate 409 below, are logged by Chromium.
  expect(actor.watch.consoleErrors.filter((e) => !/status of (401|409)/.test(e))).toEqual([]);
}

/** The assessment deadline as the work queue shows it (not acute: a date with the weekday). */
function dueDay(iso: string): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

describe('handling a melding', () => {
  it('goes from registration through assessment and four-eyes approval to closing', async () => {
    // 1. Intake registers a melding, received yesterday (a time that identifies it in the lists).
    const receivedLocal = amsterdamNowLocal(new Date(Date.now() - 26 * 3600_000));
    const intake = await logIn('intake');
    await intake.page.goto(`${server.url}/console/contacts/new`);
    await intake.page.getByRole('heading', { level: 1, name: 'Advies of melding vastleggen' }).waitFor();
    await intake.page.getByLabel('Melding').check();
    await expect(intake.page.getByRole('checkbox', { name: 'Acuut' }).isChecked()).resolves.toBe(false);
    await expect(intake.page.getByText('De veiligheidsbeoordeling moet dan direct.').isVisible()).resolves.toBe(true);
    await intake.page.getByLabel(/^Ontvangen op/).fill(receivedLocal);
    await intake.page.getByLabel('Soort geweld').selectOption('kindermishandeling');
    await intake.page.getByLabel('Samenvatting').fill('E2E: zorgen over een kind, verzonnen demogegevens.');
    await intake.page.getByRole('button', { name: 'Vastleggen' }).click();
    await intake.page.getByText('Melding is vastgelegd.').waitFor();
    await expectClean(intake);

    // 2. The team lead sees it in the work queue with its deadline and assigns it to the casemanager.
    const lead = await logIn('teamleider');
    await openWorkQueue(lead.page);
    const cases = (await (await lead.page.request.get(`${server.url}/api/cases`)).json()) as { items: { id: string; assessmentDue: string; receivedAt: string }[] };
    const receivedMs = new Date(amsterdamLocalToIso(receivedLocal)!).getTime();
    const mine = cases.items.find((c) => new Date(c.receivedAt).getTime() === receivedMs);
    if (!mine) throw new Error(`melding of ${receivedLocal} not in the work queue: ${JSON.stringify(cases.items)}`);
    const receivedText = formatDateTime(mine.receivedAt, 'nl');
    const link = lead.page.getByRole('link', { name: `Bekijk melding van ${receivedText}` });
    await link.waitFor();
    const row = lead.page.getByRole('row').filter({ has: link });
    await expect(row.getByRole('cell', { name: `Beoordeling: ${dueDay(mine.assessmentDue)}` }).isVisible()).resolves.toBe(true);
    await expect(row.getByText(/^(Op tijd|Bijna|Vandaag|Te laat)$/).isVisible()).resolves.toBe(true);
    await expect(row.getByText('Niet toegewezen').isVisible()).resolves.toBe(true);
    await expect(lead.page.getByRole('table', { name: /^Norm veiligheidsbeoordeling/ }).isVisible()).resolves.toBe(true);
    await expect(lead.page.getByRole('table', { name: /^Norm onderzoek/ }).isVisible()).resolves.toBe(true);
    await checkA11y(lead.page, 'werkvoorraad');

    await link.click();
    await lead.page.getByRole('heading', { level: 1, name: `Melding van ${receivedText}` }).waitFor();
    await checkA11y(lead.page, 'case detail (team lead, registered)');
    const assignees = (await (await lead.page.request.get(`${server.url}/api/cases/assignees`)).json()) as { items: { id: string; role: string; displayName: string }[] };
    const casemanagerId = assignees.items.find((a) => a.role === 'casemanager')!.id;
    await lead.page.getByLabel('Medewerker').selectOption(casemanagerId);
    await lead.page.getByRole('button', { name: 'Toewijzen', exact: true }).click();
    await lead.page.getByText('De melding is toegewezen.').waitFor();

    // 3. The casemanager finds it under "Alleen mijn meldingen" and records the assessment.
    const cm = await logIn('casemanager');
    await openWorkQueue(cm.page);
    await cm.page.getByRole('checkbox', { name: 'Alleen mijn meldingen' }).check();
    await cm.page.getByRole('table', { name: /^Mijn open meldingen/ }).waitFor();
    await cm.page.getByRole('link', { name: `Bekijk melding van ${receivedText}` }).click();
    await cm.page.getByRole('heading', { level: 1, name: `Melding van ${receivedText}` }).waitFor();
    await cm.page.getByRole('group', { name: /acute onveiligheid/ }).getByLabel('Nee').check();
    await cm.page.getByRole('group', { name: /structurele onveiligheid/ }).getByLabel('Ja').check();
    await cm.page.getByLabel('Besluit').selectOption({ label: 'Overdracht' });
    await cm.page.getByLabel('Toelichting').fill('Structurele zorgen; overdracht aan het lokale team.');
    await checkA11y(cm.page, 'case detail (casemanager, assessment form)');
    await cm.page.getByRole('button', { name: 'Beoordeling vastleggen' }).click();
    await cm.page.getByText(/De veiligheidsbeoordeling is vastgelegd/).waitFor();
    await expect(cm.page.getByRole('button', { name: 'Besluit goedkeuren' }).count()).resolves.toBe(0);
    await cm.page.getByText('U kunt nu geen stap zetten in deze melding.').waitFor();

    // 4. The team lead's page is stale: its assessment form is refused with the server's message.
    await lead.page.getByRole('group', { name: /acute onveiligheid/ }).getByLabel('Nee').check();
    await lead.page.getByRole('group', { name: /structurele onveiligheid/ }).getByLabel('Nee').check();
    await lead.page.getByLabel('Besluit').selectOption('afsluiten');
    await lead.page.getByLabel('Toelichting').fill('Dubbel');
    await lead.page.getByRole('button', { name: 'Beoordeling vastleggen' }).click();
    await lead.page.getByRole('alert').filter({ hasText: 'andere fase' }).waitFor();

    // ... after reloading, the team lead approves the casemanager's decision (four eyes).
    await lead.page.reload();
    await lead.page.getByRole('heading', { level: 1, name: `Melding van ${receivedText}` }).waitFor();
    await expect(lead.page.getByText('Overdracht', { exact: true }).isVisible()).resolves.toBe(true);
    await lead.page.getByRole('button', { name: 'Besluit goedkeuren' }).click();
    await lead.page.getByText('Het besluit is goedgekeurd.').waitFor();

    // 5. The casemanager closes it: handed over.
    await cm.page.reload();
    await cm.page.getByRole('heading', { level: 1, name: `Melding van ${receivedText}` }).waitFor();
    await cm.page.getByLabel(/^Reden/).selectOption({ label: 'Overgedragen' });
    await cm.page.getByRole('button', { name: 'Afsluiten', exact: true }).click();
    await cm.page.getByText('De melding is afgesloten.').waitFor();
    await checkA11y(cm.page, 'case detail (closed)');

    // 6. The timeline lists every step, in order, with who did it.
    const items = cm.page.getByRole('region', { name: 'Tijdlijn' }).getByRole('listitem');
    await expect(items.count()).resolves.toBe(5);
    const texts = await items.allInnerTexts();
    const expected: [string, string][] = [
      ['Melding vastgelegd', intake.displayName],
      ['Toegewezen', lead.displayName],
      ['Veiligheidsbeoordeling vastgelegd', cm.displayName],
      ['Besluit goedgekeurd', lead.displayName],
      ['Afgesloten', cm.displayName],
    ];
    expected.forEach(([label, name], i) => {
      expect(texts[i]).toContain(label);
      expect(texts[i]).toContain(`door ${name}`);
    });
    // What each step decided, in words, never as a raw code.
    expect(texts[1]).toContain(`Toegewezen aan ${cm.displayName}`);
    expect(texts[2]).toContain('Voorgesteld besluit: Overdracht');
    expect(texts[4]).toContain('Reden: Overgedragen');
    expect(texts.join(' ')).not.toMatch(/overgedragen:|besluit voorgesteld: overdracht/);

    // Tasks with a deadline: the reporter's feedback is done, informing is extended with a reason.
    const tasks = cm.page.getByRole('region', { name: 'Taken met een termijn' });
    await tasks.getByRole('article', { name: /Terugkoppeling aan de melder/ }).getByRole('button', { name: 'Gedaan' }).click();
    await cm.page.getByText('De taak is afgerond.').waitFor();
    const informing = tasks.getByRole('article', { name: /Betrokkenen informeren/ });
    await informing.getByRole('button', { name: 'Verleng 2 weken' }).click();
    await informing.getByText('Schrijf de reden op voor verlengen of overslaan.').waitFor(); // a reason is required
    await informing.getByLabel(/Notitie, of reden/).fill('Vader pas volgende maand bereikbaar');
    await informing.getByRole('button', { name: 'Verleng 2 weken' }).click();
    await cm.page.getByText('De termijn is met 2 weken verlengd.').waitFor();
    await tasks.getByRole('article', { name: /Betrokkenen informeren/ }).getByText(/1 keer verlengd/).waitFor();
    await checkA11y(cm.page, 'case detail with tasks');

    // Closed meldingen leave the work queue.
    await openWorkQueue(cm.page);
    await cm.page.getByText('Er zijn geen open meldingen.').waitFor();

    for (const actor of [intake, lead, cm]) {
      await expectClean(actor);
      await actor.context.close();
    }
  }, 60_000);
});
