import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamLocalToIso, amsterdamNowLocal } from '../web/console/format.ts';
import { checkA11y, cspViolations, demoAccounts, launchBrowser, logInAs, startServer, type DemoAccount, type RunningServer, type TestBrowser } from './harness.ts';

// A person asks Veilig Thuis what it has about them: the casemanager registers the request on the
// case page, sees its deadline and downloads the access overview, which holds that person's own
// data and nothing about the other person, the reporter or the story.

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

const STORY = 'E2E: verzonnen verhaal over de familie, niet voor de inzage.';

describe('data subject access request', () => {
  it('is registered with its deadline and the download holds only the person’s own data', async () => {
    const receivedLocal = amsterdamNowLocal(new Date(Date.now() - 50 * 3600_000));
    const intake = await logInAs(browser, server, accounts.find((a) => a.role === 'intake')!);
    const page = intake.page;
    await page.goto(`${server.url}/console/contacts/new`);
    await page.getByRole('heading', { level: 1, name: 'Advies of melding vastleggen' }).waitFor();
    await page.getByLabel('Melding', { exact: true }).check();
    await page.getByLabel(/^Ontvangen op/).fill(receivedLocal);
    await page.getByLabel('Soort geweld').selectOption('partnergeweld');
    await page.getByLabel('Soort melder').selectOption('particulier');
    await page.getByLabel('Samenvatting').fill(STORY);
    for (const [index, p] of [
      { role: 'slachtoffer', name: 'Verzonnen Inzagevrager', birthDate: '1984-07-08' },
      { role: 'pleger', name: 'Verzonnen Andere Persoon', birthDate: '1982-01-02' },
    ].entries()) {
      await page.getByRole('button', { name: 'Betrokkene toevoegen' }).click();
      const group = page.getByRole('group', { name: `Betrokkene ${index + 1}`, exact: true });
      await group.getByLabel('Rol').selectOption(p.role);
      await group.getByLabel(/^Naam/).fill(p.name);
      await group.getByLabel('Geboortedatum').fill(p.birthDate);
    }
    await page.getByRole('button', { name: 'Vastleggen' }).click();
    await page.getByText('Melding is vastgelegd.').waitFor();

    const cm = await logInAs(browser, server, accounts.find((a) => a.role === 'casemanager')!);
    const cases = (await (await cm.page.request.get(`${server.url}/api/cases`)).json()) as { items: { id: string; receivedAt: string }[] };
    const receivedMs = new Date(amsterdamLocalToIso(receivedLocal)!).getTime();
    const mine = cases.items.find((c) => new Date(c.receivedAt).getTime() === receivedMs);
    if (!mine) throw new Error('melding not in the work queue');
    await cm.page.goto(`${server.url}/console/cases/${mine.id}`);
    const section = cm.page.getByRole('region', { name: 'Verzoeken van betrokkenen (AVG)' });
    await section.getByText('Geen verzoeken.').waitFor();
    await section.getByLabel('Betrokkene').selectOption({ label: 'Verzonnen Inzagevrager' });
    await section.getByLabel('Soort verzoek').selectOption('inzage');
    await checkA11y(cm.page, 'case page with the request form');
    await section.getByRole('button', { name: 'Verzoek vastleggen' }).click();
    await cm.page.getByRole('status').getByText(/^Verzoek vastgelegd\. Uiterlijk afhandelen op .+\.$/).waitFor();
    await section.getByRole('heading', { name: 'Inzage – Verzonnen Inzagevrager' }).waitFor();
    await section.getByText(/Status: Open · Afhandelen uiterlijk/).waitFor();
    await checkA11y(cm.page, 'case page with a request');

    const [download] = await Promise.all([cm.page.waitForEvent('download'), section.getByRole('link', { name: 'Overzicht voor inzage downloaden (JSON)' }).click()]);
    const text = await readFile((await download.path())!, 'utf8');
    const overview = JSON.parse(text) as { person: { name: string; birthDate: string }; withheld: { otherPersons: number } };
    expect(overview.person).toMatchObject({ name: 'Verzonnen Inzagevrager', birthDate: '1984-07-08' });
    expect(overview.withheld.otherPersons).toBe(1);
    expect(text).not.toContain('Verzonnen Andere Persoon');
    expect(text).not.toContain(STORY);

    expect(await cspViolations(cm.page)).toEqual([]);
    expect(cm.watch.pageErrors).toEqual([]);
    expect(cm.watch.consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
