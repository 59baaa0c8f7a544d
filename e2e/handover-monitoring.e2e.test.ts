import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamLocalToIso, amsterdamNowLocal, formatDateTime } from '../web/console/format.ts';
import {
  checkA11y,
  cspViolations,
  demoAccounts,
  launchBrowser,
  logInAs,
  startServer,
  type ConsoleActor,
  type DemoAccount,
  type RunningServer,
  type TestBrowser,
} from './harness.ts';

// The whole "Done when" of handling a melding: intake registers it, the team lead assigns it, the
// casemanager assesses within the deadline and decides overdracht, the team lead approves, the
// casemanager hands over to the wijkteam, the partner (who sees nothing else) accepts and gives
// feedback, monitoring check-ins run; the work queue, the annual report and the audit trail show it.

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

const logIn = (role: string) => {
  const who = accounts.find((a) => a.role === role && !a.email.includes('amsterdam'));
  if (!who) throw new Error(`no demo account with role ${role}`);
  return logInAs(browser, server, who);
};

async function expectClean(actor: ConsoleActor): Promise<void> {
  expect(await cspViolations(actor.page)).toEqual([]);
  expect(actor.watch.pageErrors).toEqual([]);
  // The 401 of the session check before login, and the partner's 403 on a case, are logged by Chromium.
  expect(actor.watch.consoleErrors.filter((e) => !/status of (401|403)/.test(e))).toEqual([]);
}

describe('handover to a chain partner and monitoring', () => {
  it('runs from registration to an accepted handover and a monitoring check-in', async () => {
    const year = new Date().getFullYear();
    // The demo history has handovers of this year too: the report must count exactly one more.
    const annual = async (actor: ConsoleActor) =>
      (await (await actor.page.request.get(`${server.url}/api/reports/annual?region=VR14&year=${year}`)).json()) as { overdrachten: number; monitoring: number };

    // 1. Intake registers a melding with a child, received two hours ago.
    const receivedLocal = amsterdamNowLocal(new Date(Date.now() - 2 * 3600_000));
    const intake = await logIn('intake');
    await intake.page.goto(`${server.url}/console/contacts/new`);
    await intake.page.getByRole('heading', { level: 1, name: 'Advies of melding vastleggen' }).waitFor();
    await intake.page.getByLabel('Melding', { exact: true }).check();
    await intake.page.getByLabel(/^Ontvangen op/).fill(receivedLocal);
    await intake.page.getByLabel('Soort geweld').selectOption('kindermishandeling');
    await intake.page.getByLabel('Soort melder').selectOption('beroepsmatig');
    await intake.page.getByLabel('Melder of adviesvrager').selectOption('onderwijs');
    await intake.page.getByLabel('Samenvatting').fill('E2E: leerkracht ziet blauwe plekken, verzonnen demogegevens.');
    await intake.page.getByRole('button', { name: 'Betrokkene toevoegen' }).click();
    const person = intake.page.getByRole('group', { name: 'Betrokkene 1', exact: true });
    await person.getByLabel('Rol').selectOption('kind');
    await person.getByLabel(/^Naam/).fill('Noor Verzonnen');
    await person.getByLabel('Geboortedatum').fill('2017-03-04');
    await intake.page.getByRole('button', { name: 'Vastleggen' }).click();
    await intake.page.getByText('Melding is vastgelegd.').waitFor();

    // 2. The team lead assigns it to the casemanager.
    const lead = await logIn('teamleider');
    const before = await annual(lead);
    const list = (await (await lead.page.request.get(`${server.url}/api/cases`)).json()) as { items: { id: string; receivedAt: string }[] };
    const receivedMs = new Date(amsterdamLocalToIso(receivedLocal)!).getTime();
    const melding = list.items.find((c) => new Date(c.receivedAt).getTime() === receivedMs);
    if (!melding) throw new Error('melding not in the work queue');
    const title = `Melding van ${formatDateTime(melding.receivedAt, 'nl')}`;
    await lead.page.goto(`${server.url}/console/cases/${melding.id}`);
    await lead.page.getByRole('heading', { level: 1, name: title }).waitFor();
    const assignees = (await (await lead.page.request.get(`${server.url}/api/cases/assignees`)).json()) as { items: { id: string; role: string }[] };
    await lead.page.getByLabel('Medewerker').selectOption(assignees.items.find((a) => a.role === 'casemanager')!.id);
    await lead.page.getByRole('button', { name: 'Toewijzen', exact: true }).click();
    await lead.page.getByText('De melding is toegewezen.').waitFor();

    // 3. The casemanager assesses, within the 5 working days, and proposes overdracht.
    const cm = await logIn('casemanager');
    await cm.page.goto(`${server.url}/console/cases/${melding.id}`);
    await cm.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await cm.page.getByRole('group', { name: /acute onveiligheid/ }).getByLabel('Nee').check();
    await cm.page.getByRole('group', { name: /structurele onveiligheid/ }).getByLabel('Ja').check();
    await cm.page.getByLabel('Besluit').selectOption({ label: 'Overdracht' });
    await cm.page.getByRole('textbox', { name: 'Toelichting', exact: true }).fill('Structurele zorgen; het wijkteam kan helpen.');
    await cm.page.getByRole('button', { name: 'Beoordeling vastleggen' }).click();
    await cm.page.getByText(/De veiligheidsbeoordeling is vastgelegd/).waitFor();

    // 4. Four eyes: the team lead approves.
    await lead.page.reload();
    await lead.page.getByRole('button', { name: 'Besluit goedkeuren' }).click();
    await lead.page.getByText('Het besluit is goedgekeurd.').waitFor();

    // 5. The casemanager hands over to the wijkteam: only the child, not the reporter.
    await cm.page.reload();
    const handover = cm.page.getByRole('region', { name: 'Overdragen aan een ketenpartner' });
    await handover.waitFor();
    await handover.getByRole('button', { name: 'Overdragen' }).click();
    await handover.getByRole('alert').filter({ hasText: 'Kies een ketenpartner' }).waitFor();
    await handover.getByLabel(/^Ketenpartner/).selectOption({ label: 'Wijkteam Gooi en Vechtstreek (demo) (Lokaal team / wijkteam)' });
    await handover.getByLabel('Bericht aan de ketenpartner').fill('Gezin heeft steun nodig bij de opvoeding. Graag contact met moeder.');
    await handover.getByLabel('Noor Verzonnen (Kind)').check();
    await expect(handover.getByText(/De melder heeft niet ingestemd/).isVisible()).resolves.toBe(true);
    await checkA11y(cm.page, 'case detail (handover form)');
    await handover.getByRole('button', { name: 'Overdragen' }).click();
    await cm.page.getByText(/De overdracht is verstuurd/).waitFor();
    await cm.page.getByRole('region', { name: 'Overdracht' }).getByText('Wacht op antwoord', { exact: true }).waitFor();

    // 6. The partner sees that one handover and nothing of Veilig Thuis' files.
    const partner = await logIn('partner');
    const nav = partner.page.getByRole('navigation', { name: 'Hoofdmenu' });
    await expect(nav.getByRole('link', { name: 'Werkvoorraad' }).count()).resolves.toBe(0);
    await expect(nav.getByRole('link', { name: 'Adviezen en meldingen' }).count()).resolves.toBe(0);
    await nav.getByRole('link', { name: 'Overdrachten' }).click();
    await partner.page.getByRole('heading', { level: 1, name: 'Overdrachten' }).waitFor();
    const table = partner.page.getByRole('table', { name: /Overdrachten aan uw organisatie/ });
    await table.waitFor();
    const rows = table.getByRole('row');
    await expect(rows.count()).resolves.toBe(2); // header + the one handover
    await checkA11y(partner.page, 'partner handovers');
    await rows.nth(1).getByRole('link').click();
    await partner.page.getByRole('heading', { level: 1, name: /^Overdracht van/ }).waitFor();
    await partner.page.getByText('Gezin heeft steun nodig bij de opvoeding. Graag contact met moeder.').waitFor();
    await partner.page.getByText(/Noor Verzonnen \(Kind\), geboren/).waitFor();
    await partner.page.getByText('Veilig Thuis noemt de melder niet.').waitFor();
    await expect(partner.page.getByText(/blauwe plekken|Structurele zorgen/).count()).resolves.toBe(0);
    await checkA11y(partner.page, 'partner handover detail');
    expect((await partner.page.request.get(`${server.url}/api/cases/${melding.id}`)).status()).toBe(403);
    expect((await partner.page.request.get(`${server.url}/api/contacts/${melding.id}`)).status()).toBe(403);
    await partner.page.getByRole('button', { name: 'Overdracht accepteren' }).click();
    await partner.page.getByText('U heeft de overdracht geaccepteerd.').waitFor();
    await partner.page.getByLabel('Hoe gaat de hulp?').fill('Kennismaking met moeder gepland.');
    await partner.page.getByRole('button', { name: 'Terugkoppeling versturen' }).click();
    await partner.page.getByText('Uw terugkoppeling is verstuurd.').waitFor();

    // 7. Veilig Thuis monitors: five check-ins over a year; the casemanager records the first.
    await cm.page.reload();
    await cm.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await cm.page.getByText('Terugkoppeling van de ketenpartner: Kennismaking met moeder gepland.').waitFor();
    const monitoring = cm.page.getByRole('region', { name: 'Monitoring' });
    await expect(monitoring.getByRole('article').count()).resolves.toBe(5);
    const first = monitoring.getByRole('article').first();
    await first.getByRole('button', { name: 'Contactmoment vastleggen' }).click();
    await first.getByText('Kies de uitkomst van het contactmoment.').waitFor();
    await first.getByLabel(/^Uitkomst van het contactmoment/).selectOption({ label: 'Veilig' });
    await first.getByLabel(/^Toelichting/).fill('Moeder gebeld: wijkteam is langs geweest.');
    await first.getByRole('button', { name: 'Contactmoment vastleggen' }).click();
    await cm.page.getByText('Het contactmoment is vastgelegd.').waitFor();
    await monitoring.getByRole('heading', { name: /: Veilig$/ }).waitFor();
    await checkA11y(cm.page, 'case detail (monitoring)');
    const timeline = await cm.page.getByRole('region', { name: 'Tijdlijn' }).getByRole('listitem').allInnerTexts();
    for (const step of ['Overdracht verstuurd', 'Overdracht geaccepteerd door de ketenpartner', 'Terugkoppeling van de ketenpartner', 'Contactmoment monitoring']) {
      expect(timeline.some((t) => t.includes(step)), step).toBe(true);
    }

    // 8. The work queue shows it in monitoring with its next deadline.
    await cm.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werkvoorraad' }).click();
    const row = cm.page.getByRole('row').filter({ has: cm.page.getByRole('link', { name: `Bekijk melding van ${formatDateTime(melding.receivedAt, 'nl')}` }) });
    await row.getByRole('cell', { name: 'Monitoring' }).waitFor();
    await row.getByRole('cell', { name: /^(Taak|Contactmoment): / }).waitFor();
    await cm.page.getByRole('table', { name: `Norm onderzoek ${year}` }).waitFor();

    // 9. The annual report counts the handover and the monitoring.
    await lead.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Jaarcijfers' }).click();
    await lead.page.getByLabel('Jaar', { exact: true }).selectOption(String(year));
    await lead.page.getByText(`${before.overdrachten + 1} overdrachten`, { exact: true }).waitFor();
    await lead.page.getByText(`${before.monitoring + 1} keer monitoring na overdracht`, { exact: true }).waitFor();

    // 10. Every step is in the audit trail, the partner's looks too.
    const admin = await logIn('admin');
    const audit = (await (await admin.page.request.get(`${server.url}/api/audit?recordId=${melding.id}`)).json()) as { items: { action: string }[] };
    const actions = audit.items.map((a) => a.action);
    for (const action of ['contact.create', 'case.assign', 'case.assess', 'case.approve', 'case.hand-over', 'case.read']) expect(actions, action).toContain(action);
    for (const action of ['handover.read', 'handover.accept', 'handover.feedback', 'case.checkin']) {
      const entries = (await (await admin.page.request.get(`${server.url}/api/audit?action=${action}`)).json()) as { items: unknown[] };
      expect(entries.items.length, action).toBeGreaterThanOrEqual(1);
    }

    for (const actor of [intake, lead, cm, partner, admin]) {
      await expectClean(actor);
      await actor.context.close();
    }
  }, 90_000);
});
