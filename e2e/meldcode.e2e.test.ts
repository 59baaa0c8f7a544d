import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, cspViolations, launchBrowser, startServer, watchPage, type RunningServer, type TestBrowser } from './harness.ts';

// The meldcode tool in the browser, as a professional on a phone: each outcome of the
// afwegingskader for two sectors (onderwijs, kinderopvang), advice and melding arriving in the
// intake of Veilig Thuis, the PDF, and the pharmacy counter route with its counted paths.

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
  const config = (await (await fetch(`${server.url}/api/public/config`)).json()) as { demoAccounts?: DemoAccount[] };
  accounts = config.demoAccounts ?? [];
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPhone(path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

type Answer = 'Ja' | 'Nee';

/** Starts the tool for a sector and walks steps 1-3; returns on step 4. */
async function walkToWeighing(page: Page, sector: string, opts: { route?: string; advice?: boolean; a11y?: boolean } = {}): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Meldcode voor professionals' }).waitFor();
  await page.getByLabel(sector, { exact: true }).check();
  if (opts.route) {
    await page.getByLabel(opts.route).check();
    await page.getByTestId('route-note').waitFor();
  }
  const municipality = page.getByLabel('In welke gemeente woont de cliënt?');
  await municipality.locator('option', { hasText: 'Hilversum' }).waitFor({ state: 'attached' });
  await municipality.selectOption({ label: 'Hilversum' }); // region VR14, the demo intake's
  if (opts.a11y) await checkA11y(page, `meldcode start ${sector}`);
  await page.getByRole('button', { name: 'Begin met stap 1' }).click();

  await page.getByRole('heading', { level: 1, name: 'Stap 1: Breng signalen in kaart' }).waitFor();
  await expect(page.getByText('Acuut gevaar? Bel 112.').isVisible()).resolves.toBe(true);
  await expect(page.getByText('Twijfelt u? Vraag Veilig Thuis om advies').isVisible()).resolves.toBe(true);
  await page.getByLabel('Plotselinge verandering in gedrag').check();
  await page.getByLabel('Aantekeningen bij deze stap').fill('Sinds twee weken stil en schrikachtig (demo).');
  if (opts.a11y) await checkA11y(page, `meldcode step 1 ${sector}`);
  await page.getByRole('button', { name: 'Volgende stap' }).click();

  await page.getByRole('heading', { level: 1, name: /^Stap 2/ }).waitFor();
  if (opts.advice) {
    await page.getByLabel('Uw vraag aan Veilig Thuis').fill('Kind is stil en schrikachtig sinds twee weken. Hoe pak ik het gesprek met ouders aan?');
    await page.getByRole('button', { name: 'Advies vragen' }).click();
    const reference = (await page.getByTestId('advice-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    if (opts.a11y) await checkA11y(page, 'meldcode advice sent');
  }
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await page.getByRole('heading', { level: 1, name: 'Stap 3: Gesprek met de cliënt' }).waitFor();
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await page.getByRole('heading', { level: 1, name: /^Stap 4/ }).waitFor();
}

async function answer(page: Page, answers: Answer[]): Promise<void> {
  for (const [i, a] of answers.entries()) {
    const group = page.getByRole('group', { name: new RegExp(`^${i + 1}\\. `) });
    await group.getByLabel(a, { exact: true }).check();
  }
  await page.getByRole('button', { name: 'Naar stap 5: besluit' }).click();
  await page.getByRole('heading', { level: 1, name: /^Stap 5/ }).waitFor();
}

/** This month's meldcode figures, as an analyst (reports:read) sees them. */
async function figures(): Promise<{ codeword: { regionCode: string; path: string; count: number }[]; usage: { regionCode: string; sector: string; event: string; count: number }[] }> {
  const analyst = accounts.find((a) => a.role === 'analyst');
  if (!analyst) throw new Error('no demo analyst account');
  const context = await browser.newContext();
  const login = await context.request.post(`${server.url}/api/auth/login`, { data: { email: analyst.email, password: analyst.password } });
  expect(login.status()).toBe(200);
  const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' }).format(new Date());
  const res = await context.request.get(`${server.url}/api/meldcode/figures?from=${month}&to=${month}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as Awaited<ReturnType<typeof figures>>;
  await context.close();
  return body;
}

async function downloadPdf(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download dossier (pdf)' }).click()]);
  const path = await download.path();
  return readFile(path);
}

async function melding(page: Page): Promise<string> {
  await page.getByLabel('Uw naam').fill('Meester Jansen (demo)');
  await page.getByLabel('Uw telefoonnummer of e-mailadres').fill('jansen@school.example.nl');
  await page.getByLabel('Kindermishandeling').check();
  await page.getByLabel('Wat heeft u gezien of gehoord? Wat is er gedaan?').fill('Signalen en gesprek volgens de meldcode (demo).');
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dossier afgerond' }).waitFor();
  return (await page.getByTestId('melding-reference').textContent())?.trim() ?? '';
}

describe('meldcode tool', () => {
  it('onderwijs, acute unsafety: advice in step 2, melding in step 5, PDF, nothing kept after quick exit', async () => {
    const page = await openPhone('/');
    const watch = watchPage(page);
    await page.getByRole('link', { name: 'Meldcode voor professionals' }).click();
    await walkToWeighing(page, 'Onderwijs', { advice: true, a11y: true });
    await page.getByRole('group', { name: /^1\. / }).getByLabel('Ja', { exact: true }).check();
    await page.getByRole('group', { name: /^2\. / }).getByLabel('Ja', { exact: true }).check();
    await checkA11y(page, 'meldcode afwegingskader');
    await page.getByRole('button', { name: 'Naar stap 5: besluit' }).click();
    await expect(page.getByTestId('verdict').textContent()).resolves.toContain('acute of structurele onveiligheid');
    await expect(page.getByText('vertrouwensinspecteur').first().isVisible()).resolves.toBe(true); // education's duty
    await checkA11y(page, 'meldcode step 5 melding');
    expect(await melding(page)).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    await expect(page.getByTestId('outcome').textContent()).resolves.toContain('melding gedaan');

    const pdf = await downloadPdf(page);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    await checkA11y(page, 'meldcode done');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await cspViolations(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(await page.context().cookies()).toEqual([]);

    // The dossier lives in this tab only, and quick exit wipes it.
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1);
    await page.getByRole('button', { name: 'Snel weg – verlaat deze website direct' }).click();
    await page.waitForURL(/buienradar/);
    await page.goto(`${server.url}/meldcode`);
    await page.getByRole('heading', { level: 1, name: 'Meldcode voor professionals' }).waitFor();
    expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
    await page.context().close();
  });

  const walks: { sector: string; route?: string; answers: Answer[]; finish: 'close' | 'monitoring' | 'melding'; verdict: string; outcome: string }[] = [
    { sector: 'Onderwijs', answers: ['Nee'], finish: 'close', verdict: 'geen vermoeden', outcome: 'afgesloten' },
    { sector: 'Onderwijs', answers: ['Ja', 'Nee', 'Ja', 'Ja', 'Ja'], finish: 'monitoring', verdict: 'de hulp werkt', outcome: 'monitoring' },
    { sector: 'Onderwijs', answers: ['Ja', 'Nee', 'Ja', 'Ja', 'Nee'], finish: 'melding', verdict: 'niet tot voldoende veiligheid', outcome: 'melding gedaan' },
    { sector: 'Kinderopvang', route: 'Geweld of verwaarlozing thuis', answers: ['Nee'], finish: 'close', verdict: 'geen vermoeden', outcome: 'afgesloten' },
    { sector: 'Kinderopvang', route: 'Geweld of verwaarlozing thuis', answers: ['Ja', 'Nee', 'Ja', 'Ja', 'Ja'], finish: 'monitoring', verdict: 'de hulp werkt', outcome: 'monitoring' },
    { sector: 'Kinderopvang', route: 'Geweld of verwaarlozing thuis', answers: ['Ja', 'Ja'], finish: 'melding', verdict: 'acute of structurele onveiligheid', outcome: 'melding gedaan' },
    { sector: 'Kinderopvang', route: 'Geweld of verwaarlozing thuis', answers: ['Ja', 'Nee', 'Nee'], finish: 'melding', verdict: 'geen passende hulp', outcome: 'melding gedaan' },
    { sector: 'Kinderopvang', route: 'Geweld of verwaarlozing thuis', answers: ['Ja', 'Nee', 'Ja', 'Nee'], finish: 'melding', verdict: 'aanvaarden de hulp niet', outcome: 'melding gedaan' },
  ];

  for (const w of walks) {
    it(`${w.sector}: ${w.answers.join(', ')} leads to ${w.outcome}`, async () => {
      const page = await openPhone('/meldcode');
      await walkToWeighing(page, w.sector, w.route ? { route: w.route } : {});
      await answer(page, w.answers);
      await expect(page.getByTestId('verdict').textContent()).resolves.toContain(w.verdict);
      if (w.finish === 'melding') {
        await melding(page);
      } else {
        const field = w.finish === 'close' ? page.getByLabel('Waarom sluit u af?') : page.getByLabel('Afspraken over monitoring');
        const submit = page.getByRole('button', { name: w.finish === 'close' ? 'Dossier afsluiten' : 'Hulp afsluiten met monitoring' });
        // The reason (or the monitoring agreements) must be recorded.
        await submit.click();
        await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
        await field.fill(w.finish === 'close' ? 'Verklaring van ouders past bij het letsel (demo).' : 'Intern begeleider volgt het kind wekelijks, 6 maanden (demo).');
        await submit.click();
        await page.getByRole('heading', { level: 1, name: 'Dossier afgerond' }).waitFor();
      }
      await expect(page.getByTestId('outcome').textContent()).resolves.toContain(w.outcome);
      const pdf = await downloadPdf(page);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.context().close();
    });
  }

  it('the advice and the meldingen arrive in the intake of Veilig Thuis', async () => {
    const intake = accounts.find((a) => a.role === 'intake');
    if (!intake) throw new Error('no demo intake account');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console`);
    await page.getByLabel('E-mailadres').fill(intake.email);
    await page.getByLabel('Wachtwoord').fill(intake.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Adviezen en meldingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Adviezen en meldingen' }).waitFor();
    const rows = page.getByRole('row').filter({ hasText: 'Hilversum' }).filter({ hasText: 'Meldcode' });
    await rows.first().waitFor();
    await expect(rows.filter({ hasText: 'Advies' }).count()).resolves.toBe(1);
    await expect(rows.filter({ hasText: 'Melding' }).count()).resolves.toBe(5);
    await context.close();
  });

  it('counts the tool’s use per month, region, sector, step and outcome, without person data', async () => {
    const { usage } = await figures();
    const count = (event: string, sector?: string) => usage.filter((u) => u.regionCode === 'VR14' && u.event === event && (!sector || u.sector === sector)).reduce((n, u) => n + u.count, 0);
    expect([count('gestart', 'onderwijs'), count('gestart', 'kinderopvang')]).toEqual([4, 5]);
    expect(count('stap-5')).toBe(9);
    expect(count('advies-gevraagd')).toBe(1);
    expect([count('uitkomst-melding'), count('uitkomst-afgesloten'), count('uitkomst-hulp-met-monitoring')]).toEqual([5, 2, 2]);
    expect(Object.keys(usage[0] ?? {}).sort()).toEqual(['count', 'event', 'month', 'regionCode', 'sector']);

    // The same figures in the console, for an analyst.
    const analyst = accounts.find((a) => a.role === 'analyst');
    if (!analyst) throw new Error('no demo analyst account');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console`);
    await page.getByLabel('E-mailadres').fill(analyst.email);
    await page.getByLabel('Wachtwoord').fill(analyst.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Meldcode-cijfers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meldcode-cijfers' }).waitFor();
    // This month's row: the demo history adds codeword uses of earlier months for VR14 too.
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' }).format(new Date());
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: month, exact: true }) }).filter({ hasText: 'VR14' });
    await row.waitFor();
    const headers = await page.getByRole('columnheader').allTextContents();
    const cells = await row.getByRole('cell').allTextContents();
    // cells start at the region column (the month is the row header)
    expect(cells[headers.indexOf('Gestart') - 1]).toBe('9');
    expect(cells[headers.indexOf('Melding') - 1]).toBe('5');
    await checkA11y(page, 'meldcode figures (console)');
    await context.close();
  });
});

describe('in English', () => {
  it('offers the tool and the counter route in English, accessible', async () => {
    const page = await openPhone('/meldcode?lang=en');
    await page.getByRole('heading', { level: 1, name: 'Reporting code for professionals' }).waitFor();
    await page.getByLabel('Childcare', { exact: true }).check();
    await page.getByLabel('Violence or a sexual offence by a staff member').check();
    await expect(page.getByTestId('route-note').textContent()).resolves.toContain('confidential inspector');
    await checkA11y(page, 'meldcode (en)');
    await page.getByRole('button', { name: 'Start with step 1' }).click();
    await page.getByRole('heading', { level: 1, name: 'Step 1: Map the signs' }).waitFor();
    await expect(page.getByText('Acute danger? Call 112.').isVisible()).resolves.toBe(true);
    await page.goto(`${server.url}/masker-19?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Codeword Masker 19 at the counter' }).waitFor();
    await checkA11y(page, 'codeword (en)');
    await page.context().close();
  });
});

describe('pharmacy codeword Masker 19', () => {
  it('records each path in two taps; alone and accompanied get a reference for Veilig Thuis', async () => {
    for (const path of ['Ja, de persoon is alleen', 'Nee, er is iemand bij', 'Acuut gevaar: bel 112']) {
      const page = await openPhone('/masker-19');
      await page.getByRole('heading', { level: 1, name: 'Codewoord Masker 19 aan de balie' }).waitFor();
      const municipality = page.getByLabel('Gemeente van de apotheek');
      await municipality.locator('option', { hasText: 'Hilversum' }).waitFor({ state: 'attached' });
      await municipality.selectOption({ label: 'Hilversum' });
      await checkA11y(page, 'codeword start');
      await page.getByRole('button', { name: 'Iemand noemt het codewoord' }).click();
      await page.getByRole('heading', { level: 1, name: 'Is de persoon alleen?' }).waitFor();
      await page.getByRole('button', { name: path }).click();
      await page.getByRole('heading', { level: 1, name: path }).waitFor();
      if (path.startsWith('Acuut')) {
        expect(await page.getByRole('link', { name: 'Bel 112' }).getAttribute('href')).toBe('tel:112');
      } else {
        expect(await page.getByRole('link', { name: 'Bel Veilig Thuis: 0800-2000' }).getAttribute('href')).toBe('tel:08002000');
        await expect(page.getByTestId('reference').textContent()).resolves.toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
        if (path.startsWith('Nee')) await page.getByLabel('Veilig contactmoment').fill('Donderdag 10 uur, bij ophalen medicijnen');
      }
      await checkA11y(page, `codeword ${path}`);
      await page.context().close();
    }

    // The counts: one use per path, in region VR14, this month.
    const body = await figures();
    expect(body.codeword.filter((c) => c.regionCode === 'VR14').map((c) => [c.path, c.count])).toEqual([['acuut', 1], ['alleen', 1], ['begeleid', 1]]);
  });
});

describe('organisation accounts', () => {
  async function consoleAs(email: string): Promise<Page> {
    const who = accounts.find((a) => a.email === email);
    if (!who) throw new Error(`no demo account ${email}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console`);
    await page.getByLabel('E-mailadres').fill(who.email);
    await page.getByLabel('Wachtwoord').fill(who.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Meldcode-dossiers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meldcode-dossiers' }).waitFor();
    return page;
  }

  it('the school’s aandachtsfunctionaris sees a colleague’s dossier; the childcare centre’s does not', async () => {
    const teacher = await consoleAs('leerkracht@demo.signaal.example');
    // Only meldcode in the menu: no Veilig Thuis records for an organisation account.
    await expect(teacher.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Adviezen en meldingen' }).count()).resolves.toBe(0);
    await teacher.getByLabel('Dossier', { exact: true }).fill('Leerling groep 6 (demo)');
    await teacher.getByLabel('Sector').selectOption({ label: 'Onderwijs' });
    await teacher.getByRole('button', { name: 'Dossier starten' }).click();
    await teacher.getByRole('heading', { level: 1, name: 'Leerling groep 6 (demo)' }).waitFor();
    await teacher.getByLabel('Aantekeningen bij deze stap').fill('Komt al een week zonder ontbijt (demo).');
    await teacher.getByRole('button', { name: 'Opslaan' }).click();
    await teacher.getByText('Opgeslagen.').waitFor();
    await checkA11y(teacher, 'meldcode dossier (console)');
    await teacher.context().close();

    const af = await consoleAs('aandachtsfunctionaris@demo.signaal.example');
    const row = af.getByRole('row').filter({ hasText: 'Leerling groep 6 (demo)' });
    await row.waitFor();
    await expect(row.getByText('Lotte Leerkracht (demo)').isVisible()).resolves.toBe(true);
    await checkA11y(af, 'meldcode dossiers (aandachtsfunctionaris)');
    await row.getByRole('link', { name: 'Leerling groep 6 (demo)' }).click();
    await af.getByRole('heading', { level: 1, name: 'Leerling groep 6 (demo)' }).waitFor();
    await expect(af.getByLabel('Aantekeningen bij deze stap').inputValue()).resolves.toBe('Komt al een week zonder ontbijt (demo).');
    const dossierUrl = af.url();
    await af.context().close();

    const other = await consoleAs('aandachtsfunctionaris.kdv@demo.signaal.example');
    await other.getByRole('table').waitFor();
    await expect(other.getByText('Leerling groep 6 (demo)').count()).resolves.toBe(0);
    // Not by its address either.
    await other.goto(dossierUrl);
    await other.getByRole('heading', { level: 1, name: 'Meldcode-dossiers' }).waitFor();
    await other.getByRole('alert').filter({ hasText: /niet gevonden/i }).waitFor();
    await expect(other.getByText('Komt al een week zonder ontbijt').count()).resolves.toBe(0);
    await other.context().close();
  });
});
