import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import {
  checkA11y,
  cspViolations,
  lastLine,
  launchBrowser,
  makeDataDir,
  runCli,
  startServer,
  watchPage,
  type RunningServer,
  type TestBrowser,
} from './harness.ts';

const EMAIL = 'e2e.cm@example.org';
const NEW_PASSWORD = 'een lange nieuwe zin voor e2e';

let server: RunningServer;
let browser: TestBrowser;
let oneTimePassword: string;

beforeAll(async () => {
  // The CLI and the server share the single-process embedded database: CLI first, then the server.
  const dataDir = await makeDataDir();
  const cli = await runCli(['user', 'add', '--email', EMAIL, '--role', 'casemanager', '--region', 'VR14'], {
    SIGNAAL_DATA_DIR: dataDir,
  });
  if (cli.code !== 0) throw new Error(`signaal user add failed (${cli.code}):\n${cli.stderr}`);
  oneTimePassword = lastLine(cli.stdout);
  [server, browser] = await Promise.all([startServer({ demo: false, dataDir }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('staff login with two-step verification set-up', () => {
  it('goes from one-time password via new password and TOTP set-up to the console, and logs out', async () => {
    expect(oneTimePassword).toMatch(/^\S{8,}$/);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const watch = watchPage(page);

    await page.goto(`${server.url}/console`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    expect(await page.getByText('Demo-omgeving').count()).toBe(0);
    await checkA11y(page, 'login');

    // Wrong password first: a clear message, announced.
    await page.getByLabel('E-mailadres').fill(EMAIL);
    await page.getByLabel('Wachtwoord').fill('niet het goede wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'E-mailadres of wachtwoord onjuist' }).waitFor()).resolves.toBeUndefined();

    await page.getByLabel('Wachtwoord').fill(oneTimePassword);
    await page.getByRole('button', { name: 'Inloggen' }).click();

    await page.getByRole('heading', { level: 1, name: 'Kies een nieuw wachtwoord' }).waitFor();
    await checkA11y(page, 'password change');
    await page.getByLabel('Huidig (eenmalig) wachtwoord').fill(oneTimePassword);
    await page.getByLabel(/^Nieuw wachtwoord/).fill(NEW_PASSWORD);
    await page.getByLabel('Herhaal nieuw wachtwoord').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();

    await page.getByRole('heading', { level: 1, name: 'Tweestapsverificatie instellen' }).waitFor();
    const secretEl = page.getByTestId('totp-secret');
    await secretEl.waitFor();
    const secret = (await secretEl.innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    const qr = page.getByRole('img', { name: /QR-code/ });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await checkA11y(page, 'totp setup');

    // A wrong code shows an error and keeps the user on the set-up page.
    const valid = authenticator.generate(secret);
    const wrong = valid === '000000' ? '111111' : '000000';
    await page.getByLabel('Code van 6 cijfers').fill(wrong);
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Deze code klopt niet' }).waitFor();
    await checkA11y(page, 'totp setup with error');

    await page.getByLabel('Code van 6 cijfers').fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Bevestigen' }).click();

    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    const banner = page.getByRole('banner');
    await expect(banner.getByText('e2e.cm').first().isVisible()).resolves.toBe(true);
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await expect(nav.getByRole('link', { name: 'Adviezen en meldingen' }).isVisible()).resolves.toBe(true);
    expect(await nav.getByRole('link', { name: 'Audittrail' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Medewerkers' }).count()).toBe(0);
    await checkA11y(page, 'console home');

    await nav.getByRole('link', { name: 'Adviezen en meldingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Adviezen en meldingen' }).waitFor();
    await checkA11y(page, 'contacts list');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await expect(page.getByText('U bent uitgelogd.').isVisible()).resolves.toBe(true);
    // The session is really gone on the server.
    const status = await page.evaluate(async () => (await fetch('/api/auth/session', { credentials: 'same-origin' })).status);
    expect(status).toBe(401);

    expect(await cspViolations(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    // The 401s of the wrong password and the final session check are expected console errors.
    expect(watch.consoleErrors.filter((e) => !/401|400/.test(e))).toEqual([]);
    await context.close();
  });
});
