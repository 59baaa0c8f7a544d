import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspViolations, demoAccounts, launchBrowser, logInAs, startServer, type DemoAccount, type RunningServer, type TestBrowser } from './harness.ts';

// Hostile text in every free-text field of a melding is stored exactly as typed and shown as text:
// no script runs, no markup is interpreted, no query breaks.

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

const XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
const SQL = "Robert'); DROP TABLE contact;-- \" OR 1=1";

describe('hostile input', () => {
  it('is stored exactly and shown inertly in the console', async () => {
    const intake = await logInAs(browser, server, accounts.find((a) => a.role === 'intake')!);
    const dialogs: string[] = [];
    intake.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const { csrfToken } = (await (await intake.page.request.get(`${server.url}/api/auth/session`)).json()) as { csrfToken: string };
    const res = await intake.page.request.post(`${server.url}/api/contacts`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        kind: 'melding',
        receivedAt: new Date().toISOString(),
        municipalityCode: 'GM0402',
        reporterType: 'beroepsmatig',
        reporterGroup: 'onderwijs',
        reporterName: XSS,
        reporterContact: SQL,
        violenceType: 'kindermishandeling',
        summary: `${XSS} ${SQL}`,
        persons: [{ role: 'kind', name: `${SQL} ${XSS}`, birthDate: '2015-01-01', street: XSS, postcode: null, place: SQL, bsn: null }],
      },
    });
    expect(res.status()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const stored = (await (await intake.page.request.get(`${server.url}/api/contacts/${id}`)).json()) as { summary: string; reporterName: string; persons: { name: string }[] };
    expect(stored.summary).toBe(`${XSS} ${SQL}`);
    expect(stored.reporterName).toBe(XSS);
    expect(stored.persons[0]!.name).toBe(`${SQL} ${XSS}`);

    await intake.page.goto(`${server.url}/console/contacts/${id}`);
    await intake.page.getByText(`${XSS} ${SQL}`, { exact: true }).waitFor();
    await intake.page.getByText(`${SQL} ${XSS}`).first().waitFor();
    // Shown as text: no element was made from the payload and no script ran.
    await expect(intake.page.locator('img[src="x"]').count()).resolves.toBe(0);
    await expect(intake.page.locator('main script').count()).resolves.toBe(0);
    await intake.page.goto(`${server.url}/console/contacts`);
    await intake.page.getByRole('heading', { level: 1, name: 'Adviezen en meldingen' }).waitFor();
    expect(dialogs).toEqual([]);
    expect(await cspViolations(intake.page)).toEqual([]);
    expect(intake.watch.pageErrors).toEqual([]);
    await intake.context.close();
  }, 60_000);
});
