import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamLocalToIso, amsterdamNowLocal, formatDateTime } from '../web/console/format.ts';
import { checkA11y, cspViolations, demoAccounts, launchBrowser, logInAs, startServer, type DemoAccount, type RunningServer, type TestBrowser } from './harness.ts';

// Protective measures in the browser: a tijdelijk huisverbod with its 10- and 28-day deadlines,
// advice and extension; an Aware request through the committee decision to an issued alarm; the
// region's overview with the counts.

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

const account = (role: string, email = '') => accounts.find((a) => a.role === role && !a.email.includes('amsterdam') && a.email.startsWith(email))!;

describe('protective measures', () => {
  it('records a restraining order with its deadlines and extension, and an Aware decision', async () => {
    const intake = await logInAs(browser, server, account('intake'));
    const receivedLocal = amsterdamNowLocal(new Date(Date.now() - 3 * 3600_000));
    await intake.page.goto(`${server.url}/console/contacts/new`);
    await intake.page.getByLabel('Melding', { exact: true }).check();
    await intake.page.getByLabel(/^Ontvangen op/).fill(receivedLocal);
    await intake.page.getByLabel('Soort geweld').selectOption('partnergeweld');
    await intake.page.getByLabel('Kanaal').selectOption('politie');
    await intake.page.getByLabel('Samenvatting').fill('E2E: politie legt huisverbod op, verzonnen demogegevens.');
    await intake.page.getByRole('button', { name: 'Vastleggen' }).click();
    await intake.page.getByText('Melding is vastgelegd.').waitFor();

    const cm = await logInAs(browser, server, account('casemanager'));
    const list = (await (await cm.page.request.get(`${server.url}/api/cases`)).json()) as { items: { id: string; receivedAt: string }[] };
    const melding = list.items.find((c) => new Date(c.receivedAt).getTime() === new Date(amsterdamLocalToIso(receivedLocal)!).getTime())!;
    await cm.page.goto(`${server.url}/console/cases/${melding.id}`);
    const measures = cm.page.getByRole('region', { name: 'Beschermende maatregelen' });
    await measures.waitFor();

    // The mayor decided two days ago; a minor cannot be barred.
    const decided = new Date(Date.now() - 2 * 86400_000);
    const newOrder = measures.getByRole('region', { name: 'Huisverbod vastleggen' });
    await newOrder.getByLabel(/^Naam van wie het huis uit moet/).fill('Piet Verzonnen');
    await newOrder.getByLabel(/^Geboortedatum/).fill('2012-05-05');
    await newOrder.getByLabel(/^Datum en tijd van de beschikking/).fill(amsterdamNowLocal(decided));
    await newOrder.getByRole('button', { name: 'Huisverbod vastleggen' }).click();
    await newOrder.getByRole('alert').filter({ hasText: 'meerderjarige' }).waitFor();
    await newOrder.getByLabel(/^Geboortedatum/).fill('1981-05-05');
    await newOrder.getByRole('button', { name: 'Huisverbod vastleggen' }).click();

    const order = measures.getByRole('article', { name: 'Tijdelijk huisverbod voor Piet Verzonnen' });
    await order.waitFor();
    const decidedIso = amsterdamLocalToIso(amsterdamNowLocal(decided))!;
    const ends = new Date(Date.parse(decidedIso) + 10 * 86400_000).toISOString();
    const maxEnds = new Date(Date.parse(decidedIso) + 28 * 86400_000).toISOString();
    await order.getByText(formatDateTime(ends, 'nl'), { exact: true }).first().waitFor();
    await order.getByText(formatDateTime(maxEnds, 'nl'), { exact: true }).first().waitFor();
    await order.getByText('Loopt', { exact: true }).waitFor();
    await checkA11y(cm.page, 'case with a restraining order');

    await order.getByRole('button', { name: /Advies vastleggen: Advies Veilig Thuis bij de start/ }).click();
    await order.getByText(/^Gedaan op/).first().waitFor();
    await order.getByLabel(/^Verlengd tot/).fill(amsterdamNowLocal(new Date(Date.parse(maxEnds) + 86400_000)));
    await order.getByRole('button', { name: 'Verlenging vastleggen' }).click();
    await order.getByRole('alert').filter({ hasText: 'hoogstens 28 dagen' }).waitFor();
    await order.getByLabel(/^Verlengd tot/).fill(amsterdamNowLocal(new Date(maxEnds)));
    await order.getByRole('button', { name: 'Verlenging vastleggen' }).click();
    await measures.getByRole('article', { name: 'Tijdelijk huisverbod voor Piet Verzonnen' }).getByText('Verlengd', { exact: true }).waitFor();

    // Aware: the committee needs police and Veilig Thuis.
    await measures.getByRole('button', { name: 'Aanvraag vastleggen' }).click();
    const aware = measures.getByRole('article', { name: /^Aware-aanvraag van/ });
    await aware.waitFor();
    await aware.getByLabel('Politie').check();
    await aware.getByRole('button', { name: 'Toekennen' }).click();
    await aware.getByRole('alert').filter({ hasText: 'politie en Veilig Thuis' }).waitFor();
    await aware.getByLabel('Veilig Thuis').check();
    await aware.getByRole('button', { name: 'Toekennen' }).click();
    await aware.getByText('Toegekend', { exact: true }).waitFor();
    await aware.getByRole('button', { name: 'Alarm uitgereikt' }).click();
    await aware.getByText('Volgende evaluatie').waitFor();
    await checkA11y(cm.page, 'case with Aware');
    const timeline = await cm.page.getByRole('region', { name: 'Tijdlijn' }).getByRole('listitem').allInnerTexts();
    for (const step of ['Tijdelijk huisverbod vastgelegd', 'Huisverbod verlengd', 'Besluit indicatiecommissie Aware', 'Aware-alarm uitgereikt']) {
      expect(timeline.some((t) => t.includes(step)), step).toBe(true);
    }

    // The region's overview counts them.
    await cm.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Maatregelen' }).click();
    await cm.page.getByRole('heading', { level: 1, name: 'Maatregelen' }).waitFor();
    const counts = cm.page.getByRole('region', { name: /^Aantallen/ });
    await counts.waitFor();
    const text = await counts.innerText();
    expect(text).toMatch(/Huisverboden\s*1/);
    expect(text).toMatch(/Waarvan verlengd\s*1/);
    expect(text).toMatch(/Aware uitgereikt\s*1/);
    await cm.page.getByRole('article', { name: 'Tijdelijk huisverbod voor Piet Verzonnen' }).waitFor();
    await checkA11y(cm.page, 'measures overview');

    for (const actor of [intake, cm]) {
      expect(await cspViolations(actor.page)).toEqual([]);
      expect(actor.watch.pageErrors).toEqual([]);
      expect(actor.watch.consoleErrors.filter((e) => !/status of (400|401|409)/.test(e))).toEqual([]);
      await actor.context.close();
    }
  }, 90_000);

  it('finds a crisis place in another region and holds it; the shelter publishes its places', async () => {
    const cm = await logInAs(browser, server, account('casemanager'));
    await cm.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Opvangplekken' }).click();
    const table = cm.page.getByRole('table', { name: /vrije plekken/ });
    await table.waitFor();
    const gooi = table.getByRole('row').filter({ hasText: 'Vrouwenopvang Gooi (demo)' });
    const amsterdam = table.getByRole('row').filter({ hasText: 'Vrouwenopvang Amsterdam (demo)' });
    await expect(gooi.getByRole('cell', { name: '0 van 2' }).isVisible()).resolves.toBe(true); // own region full
    await expect(amsterdam.getByRole('cell', { name: '1 van 3' }).isVisible()).resolves.toBe(true);
    await checkA11y(cm.page, 'shelter places');
    await amsterdam.getByRole('button', { name: 'Houd een crisisplek vast bij Vrouwenopvang Amsterdam (demo)' }).click();
    await cm.page.getByText(/De plek is vastgehouden tot/).waitFor();
    await amsterdam.getByRole('cell', { name: '0 van 3' }).waitFor();
    await cm.page.getByRole('region', { name: 'Vastgehouden plekken van uw regio' }).getByText(/Crisisplek bij Vrouwenopvang Amsterdam \(demo\)/).waitFor();

    // The shelter's own staff publish their numbers; the chain sees them at once.
    const opvang = await logInAs(browser, server, account('opvang'));
    await opvang.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Opvangplekken' }).click();
    const form = opvang.page.getByRole('region', { name: 'Plekken van uw opvang' });
    await form.waitFor();
    await expect(form.getByLabel(/^Reguliere plekken/).inputValue()).resolves.toBe('8');
    await form.getByLabel(/^Waarvan bezet \(crisis\)/).fill('1');
    await form.getByRole('button', { name: 'Plekken bijwerken' }).click();
    await opvang.page.getByText('De plekken zijn bijgewerkt.').waitFor();
    await checkA11y(opvang.page, 'shelter staff');
    await cm.page.reload();
    await cm.page.getByRole('table', { name: /vrije plekken/ }).getByRole('row').filter({ hasText: 'Vrouwenopvang Gooi (demo)' }).getByRole('cell', { name: '1 van 2' }).waitFor();

    for (const actor of [cm, opvang]) {
      expect(await cspViolations(actor.page)).toEqual([]);
      expect(actor.watch.pageErrors).toEqual([]);
      expect(actor.watch.consoleErrors.filter((e) => !/status of (401)/.test(e))).toEqual([]);
      await actor.context.close();
    }
  }, 90_000);

  it('lets the police tell a school that a child may need care, and the school sees nothing more', async () => {
    const police = await logInAs(browser, server, account('partner', 'politie@'));
    await police.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Handle with Care' }).click();
    const form = police.page.getByRole('region', { name: 'Signaal versturen' });
    await form.waitFor();
    await form.getByLabel(/^School/).selectOption({ label: 'Basisschool De Verzonnen Linde (demo)' });
    await form.getByLabel(/^Naam van het kind/).fill('Mila Verzonnen');
    await form.getByLabel(/^Geboortedatum van het kind/).fill('2016-06-06');
    await form.getByLabel(/^Groep of klas/).fill('groep 5');
    await form.getByRole('button', { name: 'Signaal versturen' }).click();
    await police.page.getByText(/Het signaal is verstuurd. De school heeft het uiterlijk/).waitFor();
    await checkA11y(police.page, 'hwc police');

    const school = await logInAs(browser, server, account('partner', 'school@'));
    await school.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Handle with Care' }).click();
    const row = school.page.getByRole('row').filter({ hasText: 'Mila Verzonnen' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/groep 5[\s\S]*Kan extra zorg nodig hebben/);
    // Nothing about the incident reaches the school: no date of the call-out, no other person, no address.
    await expect(school.page.getByText(/Datum van de inzet/).count()).resolves.toBe(0);
    await expect(school.page.getByText(/2026-|Teststraat|Pieter Politie/).count()).resolves.toBe(0);
    await checkA11y(school.page, 'hwc school');
    await row.getByRole('button', { name: 'Bevestig: Mila Verzonnen krijgt extra zorg' }).click();
    await school.page.getByText('Bedankt. Het signaal is bevestigd.').waitFor();

    // A wijkteam account has no Handle with Care at all.
    const wijkteam = await logInAs(browser, server, account('partner'));
    await expect(wijkteam.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Handle with Care' }).count()).resolves.toBe(0);

    for (const actor of [police, school, wijkteam]) {
      expect(await cspViolations(actor.page)).toEqual([]);
      expect(actor.watch.pageErrors).toEqual([]);
      await actor.context.close();
    }
  }, 90_000);

  it('takes the weekly emergency childcare count from a school and shows it in the weekly monitor', async () => {
    const school = await logInAs(browser, server, account('partner', 'school@'));
    await school.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Noodopvang' }).click();
    await school.page.getByRole('heading', { level: 1, name: 'Noodopvang' }).waitFor();
    await school.page.getByLabel(/^Gemeentecode/).fill('GM0402');
    await school.page.getByLabel(/^Aantal kinderen/).fill('x');
    await school.page.getByRole('button', { name: 'Doorgeven' }).click();
    await school.page.getByRole('alert').filter({ hasText: 'aantal kinderen' }).waitFor();
    await school.page.getByLabel(/^Aantal kinderen/).fill('4');
    await school.page.getByRole('button', { name: 'Doorgeven' }).click();
    await school.page.getByText(/Doorgegeven: 4 kinderen in Hilversum/).waitFor();
    await checkA11y(school.page, 'emergency childcare (school)');

    const analyst = await logInAs(browser, server, account('analyst'));
    await analyst.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Noodopvang per week' }).click();
    const row = analyst.page.getByRole('table', { name: 'Noodopvang per gemeente en week' }).getByRole('row').filter({ hasText: 'Hilversum' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/VR14\s+4\s+1/);
    await checkA11y(analyst.page, 'emergency childcare monitor');

    for (const actor of [school, analyst]) {
      expect(await cspViolations(actor.page)).toEqual([]);
      expect(actor.watch.pageErrors).toEqual([]);
      await actor.context.close();
    }
  }, 90_000);

  it('starts an MDA++ plan for structural unsafety with a director, participants, a dated agreement and a meeting', async () => {
    // Set-up through the API as the console would: intake registers, the team lead assigns, the
    // casemanager assesses structural unsafety.
    const intake = await logInAs(browser, server, account('intake'));
    const lead = await logInAs(browser, server, account('teamleider'));
    const cm = await logInAs(browser, server, account('casemanager'));
    const csrf = async (a: typeof cm) => ((await (await a.page.request.get(`${server.url}/api/auth/session`)).json()) as { csrfToken: string }).csrfToken;
    const post = async (a: typeof cm, url: string, data: object) => a.page.request.post(`${server.url}${url}`, { data, headers: { 'x-csrf-token': await csrf(a) } });
    const created = await post(intake, '/api/contacts', { kind: 'melding', receivedAt: new Date().toISOString(), municipalityCode: 'GM0402', reporterType: 'beroepsmatig', reporterGroup: 'politie', violenceType: 'partnergeweld', summary: 'E2E: herhaald ernstig geweld, verzonnen.' });
    const id = ((await created.json()) as { id: string }).id;
    const me = (await (await cm.page.request.get(`${server.url}/api/auth/session`)).json()) as { user: { id: string } };
    expect((await post(lead, `/api/cases/${id}/assign`, { userId: me.user.id })).status()).toBe(200);
    expect((await post(cm, `/api/cases/${id}/assessment`, { acuteUnsafety: false, structuralUnsafety: true, decision: 'overdracht', summary: 'Structureel en ernstig.' })).status()).toBe(200);

    await cm.page.goto(`${server.url}/console/cases/${id}`);
    const mda = cm.page.getByRole('region', { name: 'MDA++', exact: true });
    await mda.waitFor();
    await mda.getByRole('button', { name: 'Plan starten' }).click();
    await mda.getByRole('alert').filter({ hasText: 'minstens twee' }).waitFor();
    await mda.getByLabel(/^Naam van de casusregisseur/).fill('Dana Regisseur');
    await mda.getByLabel(/^Organisatie van de casusregisseur/).selectOption({ label: 'Wijkteam Gooi en Vechtstreek (demo)' });
    await mda.getByLabel('Wijkteam Gooi en Vechtstreek (demo)', { exact: true }).check();
    await mda.getByLabel('Vrouwenopvang Gooi (demo)', { exact: true }).check();
    await mda.getByLabel(/^Waar gaat het plan over/).fill('Eén plan voor moeder, vader en de kinderen.');
    await mda.getByRole('button', { name: 'Plan starten' }).click();
    await mda.getByText(/Casusregisseur: Dana Regisseur/).waitFor();
    await mda.getByLabel(/^Soort/).selectOption({ label: 'Afspraak' });
    await mda.getByLabel(/^Omschrijving/).fill('Moeder gaat met de kinderen naar de opvang.');
    await mda.getByLabel(/^Uiterlijk/).fill('2030-01-15');
    await mda.getByLabel(/^Wie voert het uit/).selectOption({ label: 'Vrouwenopvang Gooi (demo)' });
    await mda.getByRole('button', { name: 'Doel of afspraak toevoegen' }).click();
    await mda.getByText(/Afspraak: Moeder gaat met de kinderen naar de opvang/).waitFor();
    await mda.getByLabel(/^Datum overleg/).fill('2026-11-20');
    await mda.getByLabel(/^Verslag/).fill('Eerste MDA++-overleg: afspraken gemaakt (verzonnen).');
    await mda.getByRole('button', { name: 'Overleg vastleggen' }).click();
    await mda.getByText('Eerste MDA++-overleg: afspraken gemaakt (verzonnen).').waitFor();
    await checkA11y(cm.page, 'case with MDA++ plan');

    for (const actor of [intake, lead, cm]) {
      expect(await cspViolations(actor.page)).toEqual([]);
      expect(actor.watch.pageErrors).toEqual([]);
      await actor.context.close();
    }
  }, 90_000);
});
