import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { QUICK_EXIT_URL } from '../web/public/quick-exit.ts';
import { checkA11y, cspViolations, launchBrowser, startServer, watchPage, type RunningServer, type TestBrowser } from './harness.ts';

let server: RunningServer;
let browser: TestBrowser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ demo: false }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(path = '/', viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

/** Puts something in both storages, triggers quick exit, and checks where we end up. */
async function quickExitScenario(trigger: (page: Page) => Promise<void>): Promise<void> {
  const page = await openPage('/veilig-browsen');
  await page.evaluate(() => {
    sessionStorage.setItem('e2e', 'secret');
    localStorage.setItem('e2e', 'secret');
  });
  const historyBefore = await page.evaluate(() => history.length);

  await trigger(page);
  await page.waitForURL(QUICK_EXIT_URL);
  expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(historyBefore);

  // Same tab back on the site: sessionStorage is per tab, so this proves it was wiped.
  await page.goto(`${server.url}/`);
  expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
  // A fresh page of the same origin sees the (shared) localStorage: empty too.
  const fresh = await page.context().newPage();
  await fresh.goto(`${server.url}/`);
  expect(await fresh.evaluate(() => localStorage.length)).toBe(0);
  await page.context().close();
}

describe('public site', () => {
  it('loads the home page with no CSP violation, console error or third-party request', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Veilig Thuis' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    await expect(page.getByText('Bel 112').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('0800-2000').first().isVisible()).resolves.toBe(true);
    expect(await cspViolations(page)).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    // Nothing is stored on the device.
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    await context.close();
  });

  it('has no axe violations on home and Veilig browsen, in Dutch and English', async () => {
    const page = await openPage('/');
    await checkA11y(page, 'home (nl)');
    await page.getByRole('link', { name: 'Veilig browsen' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Veilig browsen' }).waitFor();
    await expect(page.getByText('browsergeschiedenis').first().isVisible()).resolves.toBe(true);
    await checkA11y(page, 'veilig browsen (nl)');

    await page.getByRole('button', { name: 'Read this website in English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Browse safely' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(page.url()).toContain('lang=en');
    await checkA11y(page, 'veilig browsen (en)');
    await page.goto(`${server.url}/?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Veilig Thuis' }).waitFor();
    await expect(page.getByText('Quick exit replaces this page').isVisible()).resolves.toBe(true);
    await checkA11y(page, 'home (en)');
    await page.context().close();
  });

  it('opens a lazy page in-site with focus on its heading, and switches its language', async () => {
    const page = await openPage('/');
    await page.getByRole('link', { name: 'Advies vragen of een melding doen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Advies vragen of een melding doen' }).waitFor();
    // The page arrives in a chunk of its own: focus must follow once it has rendered.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    // Its texts are fetched per language; the switch waits for the English ones.
    await page.getByRole('button', { name: 'Read this website in English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ask for advice or make a report' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect(page.getByText('Quick exit replaces this page').isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('keeps the header and quick exit when a page chunk cannot be fetched', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route('**/assets/contact-form.page-*.js', (route) => route.abort());
    await page.goto(`${server.url}/advies-vragen`);
    await page.getByRole('heading', { level: 1, name: 'Deze pagina kon niet worden geladen' }).waitFor();
    await expect(page.getByText('0800-2000').first().isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Snel weg – verlaat deze website direct' }).click();
    await page.waitForURL(QUICK_EXIT_URL);
    await context.close();
  });

  it('quick exit via the button ends on the neutral site and wipes storage', async () => {
    await quickExitScenario(async (page) => {
      await page.getByRole('button', { name: 'Snel weg – verlaat deze website direct' }).click();
    });
  });

  it('quick exit via Shift three times', async () => {
    await quickExitScenario(async (page) => {
      for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
    });
  });

  it('quick exit via Escape', async () => {
    await quickExitScenario(async (page) => {
      await page.keyboard.press('Escape');
    });
  });

  it('shows a large quick exit button on a 320x640 phone screen', async () => {
    const page = await openPage('/', { width: 320, height: 640 });
    const button = page.getByRole('button', { name: /Snel weg/ });
    expect(await button.isVisible()).toBe(true);
    const box = await button.boundingBox();
    expect(box).not.toBeNull();
    if (!box) return;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
    // Still there after scrolling down (fixed position).
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(200);
    const after = await button.boundingBox();
    expect(after?.y).toBeCloseTo(box.y, 0);
    // No horizontal scrolling on a small phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.context().close();
  });
});
