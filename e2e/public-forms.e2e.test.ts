import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { QUICK_EXIT_URL } from '../web/public/quick-exit.ts';
import { checkA11y, cspViolations, launchBrowser, startServer, watchPage, type RunningServer, type TestBrowser } from './harness.ts';

// The public advice and report forms in the browser: a citizen asks advice anonymously, a
// professional makes a melding (which then shows up for the region's intake worker), quick exit
// wipes a half-filled form.

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
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

async function noHorizontalScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

describe('public forms', () => {
  it('a citizen asks advice anonymously, on a 320 px phone, with accessible errors', async () => {
    const page = await openPhone('/');
    const watch = watchPage(page);
    await page.getByRole('link', { name: 'Advies vragen of een melding doen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Advies vragen of een melding doen' }).waitFor();
    await checkA11y(page, 'advies of melden (nl)');
    await page.getByRole('link', { name: 'Advies vragen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Advies vragen' }).waitFor();
    await expect(page.getByText('Bel 112').first().isVisible()).resolves.toBe(true);

    // Submitting empty: an error summary with links, the error tied to the field.
    await page.getByRole('button', { name: 'Vraag versturen' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Verbeter deze punten' });
    await summary.waitFor();
    await expect(summary.getByRole('link', { name: 'Vertel wat er aan de hand is' }).isVisible()).resolves.toBe(true);
    const story = page.getByLabel('Wat is er aan de hand? Wat wilt u vragen?');
    expect(await story.getAttribute('aria-describedby')).toContain('story-error');
    expect(await story.getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page, 'advies with errors');
    await noHorizontalScroll(page);

    await story.fill('Mijn buurvrouw wordt vaak geschreeuwd tegen. Wat kan ik doen?');
    await page.getByRole('button', { name: 'Vraag versturen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uw vraag is verstuurd' }).waitFor();
    const reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    await checkA11y(page, 'advies sent');
    await noHorizontalScroll(page);

    expect(await cspViolations(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(await page.context().cookies()).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    await page.context().close();
  });

  it('a professional makes a melding; it appears in the work of the region’s intake worker', async () => {
    const page = await openPhone('/melding-doen');
    await page.getByRole('heading', { level: 1, name: 'Melding doen' }).waitFor();
    await expect(page.getByText('vertellen wij het gezin niet dat de melding van u komt').isVisible()).resolves.toBe(true);
    await page.getByLabel('Uw naam').fill('Mirjam de Vries (mentor)');
    await page.getByLabel('Uw telefoonnummer of e-mailadres').fill('m.devries@school.example.nl');
    await page.getByLabel('Via mijn werk (ik ben professional)').check();
    const municipality = page.getByLabel('In welke gemeente woont het gezin?');
    await municipality.locator('option', { hasText: 'Hilversum' }).waitFor({ state: 'attached' });
    await municipality.selectOption({ label: 'Hilversum' }); // region VR14, the demo intake's
    await page.getByLabel('Een kind wordt mishandeld of verwaarloosd').check();
    await page.getByLabel('Wat heeft u gezien of gehoord?').fill('Een leerling vertelt dat zij thuis wordt geslagen.');
    await checkA11y(page, 'melding filled');

    // A double click sends one request.
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/public/contacts')) posts += 1;
    });
    await page.getByRole('button', { name: 'Melding versturen' }).dblclick();
    await page.getByRole('heading', { level: 1, name: 'Uw melding is verstuurd' }).waitFor();
    expect(posts).toBe(1);
    const reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    await page.context().close();

    const intake = accounts.find((a) => a.role === 'intake');
    if (!intake) throw new Error('no demo intake account');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const console = await context.newPage();
    await console.goto(`${server.url}/console`);
    await console.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await console.getByLabel('E-mailadres').fill(intake.email);
    await console.getByLabel('Wachtwoord').fill(intake.password);
    await console.getByRole('button', { name: 'Inloggen' }).click();
    await console.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    await console.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Adviezen en meldingen' }).click();
    await console.getByRole('heading', { level: 1, name: 'Adviezen en meldingen' }).waitFor();
    const row = console.getByRole('row').filter({ hasText: 'Hilversum' }).filter({ hasText: 'Webformulier' });
    await row.first().waitFor();
    await expect(row.first().getByText('Melding').isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('a network error offers a retry that resends with the same key', async () => {
    const page = await openPhone('/advies-vragen');
    const keys: string[] = [];
    let fail = true;
    await page.route('**/api/public/contacts', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (fail) {
        fail = false;
        await route.abort('internetdisconnected');
      } else {
        await route.continue();
      }
    });
    await page.getByLabel('Wat is er aan de hand? Wat wilt u vragen?').fill('Een vraag bij slecht internet.');
    await page.getByRole('button', { name: 'Vraag versturen' }).click();
    await page.getByText('Het versturen is niet gelukt').waitFor();
    await checkA11y(page, 'network error');
    await page.getByRole('button', { name: 'Opnieuw versturen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uw vraag is verstuurd' }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[0]!.length).toBeGreaterThanOrEqual(8);
    await page.context().close();
  });

  it('quick exit wipes a half-filled form', async () => {
    const page = await openPhone('/melding-doen');
    await page.getByLabel('Uw naam').fill('Iemand');
    await page.getByLabel('Wat heeft u gezien of gehoord?').fill('Half ingevuld verhaal');
    await page.getByRole('button', { name: 'Snel weg – verlaat deze website direct' }).click();
    await page.waitForURL(QUICK_EXIT_URL);
    // Back to the site in the same tab: an empty form, nothing kept anywhere.
    await page.goto(`${server.url}/melding-doen`);
    await page.getByRole('heading', { level: 1, name: 'Melding doen' }).waitFor();
    expect(await page.getByLabel('Uw naam').inputValue()).toBe('');
    expect(await page.getByLabel('Wat heeft u gezien of gehoord?').inputValue()).toBe('');
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    expect(await page.context().cookies()).toEqual([]);
    await page.context().close();
  });

  it('is available in English', async () => {
    const page = await openPhone('/melding-doen?lang=en');
    await page.getByRole('heading', { level: 1, name: 'Make a report' }).waitFor();
    await checkA11y(page, 'melding (en)');
    await page.context().close();
  });
});
