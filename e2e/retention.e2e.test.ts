import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, cspViolations, demoAccounts, launchBrowser, logInAs, startServer, type RunningServer, type TestBrowser } from './harness.ts';

// The administrator looks at the retention settings, runs the retention job by hand and sees the
// run (counts only) in the list.

let server: RunningServer;
let browser: TestBrowser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('retention page', () => {
  it('shows the settings, runs the job on request and lists the run', async () => {
    const accounts = await demoAccounts(server);
    const admin = await logInAs(browser, server, accounts.find((a) => a.role === 'admin')!);
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bewaartermijnen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bewaartermijnen' }).waitFor();
    await page.getByText('15 jaar na afsluiten, en in elk geval tot het jongste kind van het huishouden 18 is').waitFor();
    await page.getByText('30 dagen na afloop').waitFor();
    await checkA11y(page, 'retention page');

    await page.getByRole('button', { name: 'Nu uitvoeren' }).click();
    const status = page.getByRole('status');
    await status.getByText(/^Klaar: \d+ dossiers en \d+ adviezen opgeschoond, \d+ chatgesprekken verwijderd\.$/).waitFor();
    const table = page.getByRole('table', { name: 'Laatste uitvoeringen van de bewaartermijn-taak (alleen aantallen)' });
    await table.waitFor();
    const row = table.getByRole('row').nth(1);
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Handmatig');
    expect(await row.getByRole('cell').nth(2).textContent()).toBe(admin.displayName);
    expect(await row.getByRole('cell').nth(6).textContent()).toBe('Klaar');
    await checkA11y(page, 'retention page after a run');
    // The 401 is the session check on the login page, before signing in.
    expect([...admin.watch.consoleErrors.filter((e) => !/status of 401/.test(e)), ...admin.watch.pageErrors, ...admin.watch.foreignRequests]).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);

    // Not in the menu of a casemanager.
    const cm = await logInAs(browser, server, accounts.find((a) => a.role === 'casemanager')!);
    expect(await cm.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bewaartermijnen' }).count()).toBe(0);
  });
});
