import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '../src/test-support/global-setup.ts';
import { QUICK_EXIT_HOST, checkA11y, cspViolations, launchBrowser, startServer, watchPage, type PageWatch, type RunningServer, type TestBrowser } from './harness.ts';

// The national chat in the browser, on two server processes sharing one PostgreSQL database:
// visitors on one process, workers on the other (and a colleague back on the first).

const base = process.env.TEST_DATABASE_URL;
const ci = process.env.CI === 'true' || process.env.CI === '1';
if (!base && ci) throw new Error('e2e/chat needs TEST_DATABASE_URL (two servers on one PostgreSQL) and CI=true requires it');

interface DemoAccount {
  email: string;
  role: string;
  password: string;
}
interface Actor {
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
}

const dbName = `signaal_e2e_chat_${randomBytes(4).toString('hex')}`;
let serverA: RunningServer;
let serverB: RunningServer;
let browser: TestBrowser;
let accounts: DemoAccount[];

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  if (!base) return;
  await admin(`CREATE DATABASE ${dbName}`);
  const env = { DATABASE_URL: databaseUrl(base, dbName), DB_POOL_SIZE: '4' };
  // One after the other: the first migrates and seeds, the second finds it done.
  serverA = await startServer({ demo: true, env });
  [serverB, browser] = await Promise.all([startServer({ demo: true, env }), launchBrowser()]);
  const config = (await (await fetch(`${serverA.url}/api/public/config`)).json()) as { demoAccounts?: DemoAccount[] };
  accounts = config.demoAccounts ?? [];
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await serverA?.stop();
  await serverB?.stop();
  if (base) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

/** Runs before the page loads: e.g. a proxy's behaviour set on the browser context. */
type Setup = (a: Actor) => Promise<void>;

async function visitor(server: RunningServer, setup?: Setup): Promise<Actor> {
  // A small phone screen.
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const watch = watchPage(page);
  await setup?.({ context, page, watch });
  await page.goto(`${server.url}/chat`);
  await page.getByRole('heading', { level: 1, name: 'Chatten met Veilig Thuis' }).waitFor();
  return { context, page, watch };
}

async function staff(server: RunningServer, role: string, setup?: Setup): Promise<Actor> {
  const who = accounts.find((a) => a.role === role);
  if (!who) throw new Error(`no demo account with role ${role}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const watch = watchPage(page);
  await setup?.({ context, page, watch });
  await page.goto(`${server.url}/console`);
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  await page.getByLabel('E-mailadres').fill(who.email);
  await page.getByLabel('Wachtwoord').fill(who.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
  return { context, page, watch };
}

async function openDesk(a: Actor, capacity: number): Promise<void> {
  await a.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Chat', exact: true }).click();
  await a.page.getByRole('heading', { level: 1, name: 'Chat' }).waitFor();
  await a.page.getByLabel('Ik ben beschikbaar voor de chat').check();
  await a.page.getByLabel('Aantal gesprekken tegelijk').selectOption(String(capacity));
  await a.page.getByRole('button', { name: 'Opslaan' }).click();
  await a.page.getByText('Opgeslagen.').waitFor();
}

/** The admin sets the opening hours through the API, signed in as in the console. */
async function setHours(a: Actor, days: number[]): Promise<void> {
  const session = (await (await a.page.request.get(`${serverA.url}/api/auth/session`)).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': session.csrfToken, origin: serverA.url };
  const res = await a.page.request.put(`${serverA.url}/api/chat/opening-hours/NL`, { headers, data: { days: days.map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })) } });
  expect(res.status()).toBe(200);
}

async function expectClean(a: Actor): Promise<void> {
  expect(await cspViolations(a.page)).toEqual([]);
  expect(a.watch.pageErrors).toEqual([]);
  expect(a.watch.foreignRequests).toEqual([]);
}

const status = (a: Actor) => a.page.getByTestId('chat-status');
const log = (a: Actor) => a.page.getByRole('log');

describe.skipIf(!base)('the chat on two servers', () => {
  it('queues visitors, lets a worker chat, transfer and convert into a melding, and wipes on quick exit', async () => {
    const beheer = await staff(serverA, 'admin');
    await setHours(beheer, [1, 2, 3, 4, 5, 6, 7]);

    // Two visitors on server A start with only a nickname; they see their place in the queue.
    const merel = await visitor(serverA);
    await expect(merel.page.getByRole('link', { name: 'Bel 112' }).first().isVisible()).resolves.toBe(true);
    await merel.page.getByRole('heading', { name: 'Wat gebeurt er met het gesprek?' }).waitFor();
    await merel.page.getByLabel('Uw chatnaam').fill('Merel');
    await merel.page.getByRole('button', { name: 'Start de chat' }).click();
    await status(merel).filter({ hasText: 'U bent nummer 1 in de wachtrij' }).waitFor();
    await checkA11y(merel.page, 'chat waiting');

    const vink = await visitor(serverA);
    await vink.page.getByLabel('Uw chatnaam').fill('Vink');
    await vink.page.getByRole('button', { name: 'Start de chat' }).click();
    await status(vink).filter({ hasText: 'U bent nummer 2 in de wachtrij' }).waitFor();

    // The intake worker on server B takes the next chat: Merel. Vink moves up, live.
    const ilse = await staff(serverB, 'intake');
    await openDesk(ilse, 1);
    await ilse.page.getByTestId('chat-queue').filter({ hasText: '2 wachtend' }).waitFor();
    await ilse.page.getByRole('button', { name: 'Volgende chat aannemen' }).click();
    const panel = ilse.page.getByTestId('chat-panel').filter({ hasText: 'Merel' });
    await panel.waitFor();
    await status(merel).filter({ hasText: 'U chat nu met een medewerker' }).waitFor();
    await status(vink).filter({ hasText: 'U bent nummer 1 in de wachtrij' }).waitFor();
    await checkA11y(ilse.page, 'chat desk');

    // Both sides follow the chat over a WebSocket (long polling is only for where none opens),
    // and the visitor's token is not in the socket's address.
    expect(merel.watch.sockets.map((u) => new URL(u).pathname)).toContain('/api/public/chat/socket');
    expect(merel.watch.sockets.every((u) => new URL(u).search === '')).toBe(true);
    expect(ilse.watch.sockets.map((u) => new URL(u).pathname)).toContain('/api/chat/socket');

    // Messages both ways, by keyboard (Enter sends).
    await merel.page.getByLabel('Uw bericht').fill('Hallo, het is thuis erg gespannen.');
    await merel.page.getByLabel('Uw bericht').press('Enter');
    await panel.getByRole('log').getByText('Hallo, het is thuis erg gespannen.').waitFor();
    await panel.getByLabel('Bericht aan Merel').fill('Fijn dat je chat. Ben je nu veilig?');
    await panel.getByRole('button', { name: 'Verstuur' }).click();
    await log(merel).getByText('Fijn dat je chat. Ben je nu veilig?').waitFor();

    // A flaky connection: the message waits in the tab and arrives once the line is back.
    await merel.context.setOffline(true);
    await merel.page.getByLabel('Uw bericht').fill('Ja, ik ben op mijn kamer.');
    await merel.page.getByLabel('Uw bericht').press('Enter');
    await log(merel).getByText('wordt verstuurd').waitFor();
    await merel.context.setOffline(false);
    await panel.getByRole('log').getByText('Ja, ik ben op mijn kamer.').waitFor({ timeout: 30_000 });
    await log(merel).getByText('wordt verstuurd').waitFor({ state: 'detached', timeout: 30_000 });
    const visitorLines = await log(merel).getByRole('listitem').allInnerTexts();
    expect(visitorLines.map((l) => l.replace(/\s+/g, ' ').trim())).toEqual([
      'U: Hallo, het is thuis erg gespannen.',
      'Veilig Thuis: Fijn dat je chat. Ben je nu veilig?',
      'U: Ja, ik ben op mijn kamer.',
    ]);

    // Transfer to the team lead (on server A), with a note.
    const tessa = await staff(serverA, 'teamleider');
    await openDesk(tessa, 2);
    await panel.locator('summary', { hasText: 'Overdragen' }).click();
    await panel.getByRole('combobox', { name: 'Collega' }).selectOption({ label: 'Tessa Teamleider (demo)' });
    await panel.getByLabel('Notitie voor de collega').fill('Spanningen thuis, jongere, wil meedenken over een melding');
    await panel.locator('button[type=submit]', { hasText: 'Overdragen' }).click();
    await panel.waitFor({ state: 'detached' });
    const tessaPanel = tessa.page.getByTestId('chat-panel').filter({ hasText: 'Merel' });
    await tessaPanel.getByText('Overdrachtsnotitie: Spanningen thuis').waitFor();
    await tessaPanel.getByRole('log').getByText('Ja, ik ben op mijn kamer.').waitFor();

    // Convert into a melding: the transcript is attached to the registration.
    await tessaPanel.locator('summary', { hasText: 'Omzetten in advies of melding' }).click();
    await tessaPanel.getByLabel('Melding').check();
    await tessaPanel.getByLabel('Soort geweld').selectOption('huiselijk-geweld-overig');
    await tessaPanel.getByLabel('Samenvatting').fill('Jongere meldt oplopende spanningen thuis.');
    await tessaPanel.getByRole('button', { name: 'Aanmaken' }).click();
    await tessaPanel.getByRole('link', { name: 'Open de registratie' }).click();
    await tessa.page.getByText('Jongere meldt oplopende spanningen thuis.').first().waitFor();
    await tessa.page.getByText(/Merel: Hallo, het is thuis erg gespannen\./).first().waitFor();

    // Quick exit in Merel's tab: the neutral site, nothing left in the tab, and the chat ends.
    await merel.page.getByRole('button', { name: 'Snel weg – verlaat deze website direct' }).click();
    await merel.page.waitForURL((u) => u.hostname === QUICK_EXIT_HOST);
    expect(await merel.context.cookies()).toEqual([]);
    await tessa.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Chat', exact: true }).click();
    await tessa.page.getByTestId('chat-panel').filter({ hasText: 'Merel' }).getByText('De bezoeker heeft het gesprek beëindigd.').waitFor({ timeout: 30_000 });

    // Vink stops the chat: the conversation is wiped from the page.
    await vink.page.getByRole('button', { name: 'Gesprek stoppen' }).click();
    await vink.page.getByTestId('chat-wiped').waitFor();
    expect(await vink.page.getByRole('log').count()).toBe(0);
    expect(await vink.page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);
    expect(await vink.context.cookies()).toEqual([]);

    for (const a of [vink, ilse, tessa, beheer]) await expectClean(a);
    for (const a of [merel, vink, ilse, tessa, beheer]) await a.context.close();
  });

  it('works through a proxy that passes no WebSockets: both sides fall back to long polling', async () => {
    const beheer = await staff(serverA, 'admin');
    await setHours(beheer, [1, 2, 3, 4, 5, 6, 7]);
    // The proxy accepts the upgrade and then passes nothing, closing the socket.
    let refused = 0;
    const noSockets = async (a: Actor) =>
      a.context.routeWebSocket(/\/socket$/, (ws) => {
        refused++;
        ws.close();
      });
    const roos = await visitor(serverA, noSockets);
    await roos.page.getByLabel('Uw chatnaam').fill('Roos');
    await roos.page.getByRole('button', { name: 'Start de chat' }).click();
    await status(roos).filter({ hasText: 'in de wachtrij' }).waitFor();
    const ilse = await staff(serverB, 'intake', noSockets);
    await openDesk(ilse, 6);
    const panel = ilse.page.getByTestId('chat-panel').filter({ hasText: 'Roos' });
    // Earlier tests may have left someone waiting before Roos.
    for (let i = 0; i < 4 && !(await panel.isVisible()); i++) {
      await ilse.page.getByRole('button', { name: 'Volgende chat aannemen' }).click();
      await panel.waitFor({ timeout: 3000 }).catch(() => undefined);
    }
    await status(roos).filter({ hasText: 'U chat nu met een medewerker' }).waitFor();
    await roos.page.getByLabel('Uw bericht').fill('Lukt het zo ook?');
    await roos.page.getByLabel('Uw bericht').press('Enter');
    await panel.getByRole('log').getByText('Lukt het zo ook?').waitFor();
    await panel.getByLabel('Bericht aan Roos').fill('Ja, het komt aan.');
    await panel.getByRole('button', { name: 'Verstuur' }).click();
    await log(roos).getByText('Ja, het komt aan.').waitFor();
    // Sockets were tried, and the chat ran over long polls instead.
    expect(refused).toBeGreaterThanOrEqual(4); // two tries on each side
    for (const a of [roos, ilse, beheer]) await expectClean(a);
    for (const a of [roos, ilse, beheer]) await a.context.close();
  });

  it('says when the chat is closed, when it opens again, and takes a message; admins edit hours and information pages, figures show', async () => {
    const beheer = await staff(serverA, 'admin');
    await setHours(beheer, [1, 2, 3, 4, 5, 6, 7]);
    // The admin closes today with a dated exception, in the console.
    await beheer.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Openingstijden chat' }).click();
    await beheer.page.getByRole('heading', { level: 1, name: 'Openingstijden chat' }).waitFor();
    await expect(beheer.page.getByRole('checkbox', { name: 'Open zondag' }).isChecked()).resolves.toBe(true);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    await beheer.page.getByLabel('Van datum').fill(today);
    await beheer.page.getByLabel('Gesloten').check();
    await beheer.page.getByLabel('Notitie').fill('Studiedag');
    await beheer.page.getByRole('button', { name: 'Uitzondering toevoegen' }).click();
    await beheer.page.getByText(`${today} – ${today}: Gesloten`).waitFor();
    await checkA11y(beheer.page, 'chat opening hours');
    // The figures of the chats of the first test (aggregates only).
    await beheer.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Chatcijfers' }).click();
    await beheer.page.getByRole('heading', { level: 1, name: 'Chatcijfers' }).waitFor();
    await beheer.page.getByRole('rowheader', { name: 'Totaal' }).waitFor();
    await checkA11y(beheer.page, 'chat figures');

    const v = await visitor(serverB);
    await v.page.getByTestId('chat-closed').getByText('De chat is nu gesloten').waitFor();
    // Closed today by a dated exception, open every day otherwise: tomorrow at 00:00.
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const when = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', weekday: 'long', day: 'numeric', month: 'long' }).format(tomorrow);
    await v.page.getByTestId('chat-closed').getByText(`De chat is weer open op ${when}`).waitFor();
    await checkA11y(v.page, 'chat closed');
    await v.page.getByLabel('Uw chatnaam').fill('Nachtuil');
    await v.page.getByLabel('Uw bericht').fill('Ik wil morgen graag praten.');
    await v.page.getByRole('button', { name: 'Verstuur bericht' }).click();
    await status(v).filter({ hasText: 'Uw bericht is bewaard' }).waitFor();
    await log(v).getByText('Ik wil morgen graag praten.').waitFor();

    // The admin edits an information page; a visitor reads it from the home page.
    await beheer.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Informatiepagina’s' }).click();
    const helplines = beheer.page.getByRole('form', { name: 'Andere hulplijnen (Nederlands)' });
    await helplines.getByLabel('Tekst').fill('De Kindertelefoon: bel 0800-0432.\n\nWat kunt u nog meer doen?\n- Praat met iemand die u vertrouwt.');
    await helplines.getByRole('button', { name: 'Opslaan' }).click();
    await helplines.getByText('Opgeslagen.').waitFor();
    await checkA11y(beheer.page, 'information pages');
    await v.page.getByRole('link', { name: 'Veilig Thuis – Signaal' }).click();
    await v.page.getByRole('link', { name: 'Andere hulplijnen' }).click();
    await v.page.getByRole('heading', { level: 1, name: 'Andere hulplijnen' }).waitFor();
    await v.page.getByRole('listitem').filter({ hasText: 'Praat met iemand die u vertrouwt.' }).waitFor();
    await checkA11y(v.page, 'information page');

    await expectClean(v);
    await v.context.close();
    await beheer.context.close();
  });
});
