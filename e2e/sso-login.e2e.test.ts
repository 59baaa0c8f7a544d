import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdentityProvider, type TestIdentityProvider } from '../src/test-support/oidc-test-provider.ts';
import { checkA11y, cspViolations, freePort, launchBrowser, startServer, watchPage, type RunningServer, type TestBrowser } from './harness.ts';

// Sign-in with the organisation's identity provider in the browser: the button on the sign-in
// page, the round trip through a real OpenID Connect provider, and the refusal of an address
// without a Signaal account.

let server: RunningServer;
let browser: TestBrowser;
let idp: TestIdentityProvider;

beforeAll(async () => {
  const port = await freePort();
  idp = await startTestIdentityProvider(`http://127.0.0.1:${port}/api/auth/oidc/callback`);
  [server, browser] = await Promise.all([
    startServer({
      demo: true,
      port,
      env: {
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_REDIRECT_URL: `http://127.0.0.1:${port}/api/auth/oidc/callback`,
        OIDC_EMAIL_DOMAINS: 'demo.signaal.example',
        OIDC_NAME: 'Veilig Thuis Gooi (test)',
      },
    }),
    launchBrowser(),
  ]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await idp?.close();
});

describe('sign-in with the organisation’s identity provider', () => {
  it('takes a staff member through the provider into the console, and refuses an unknown address', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server.url}/console`);
    const button = page.getByRole('link', { name: 'Inloggen met Veilig Thuis Gooi (test)' });
    await button.waitFor();
    await checkA11y(page, 'sign-in page with single sign-on');

    idp.nextLogin({ email: 'casemanager@demo.signaal.example' });
    await button.click();
    // Demo accounts skip two-factor; outside demo mode the code is asked next (int test).
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    const session = (await (await page.request.get(`${server.url}/api/auth/sessions`)).json()) as { items: { method: string; current: boolean }[] };
    expect(session.items.find((s) => s.current)?.method).toBe('oidc');
    expect(await cspViolations(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await context.close();

    const other = await browser.newContext();
    const page2 = await other.newPage();
    await page2.goto(`${server.url}/console`);
    idp.nextLogin({ email: 'onbekend@demo.signaal.example' });
    await page2.getByRole('link', { name: 'Inloggen met Veilig Thuis Gooi (test)' }).click();
    await page2.getByText(/er is in Signaal geen account met dat e-mailadres/).waitFor();
    await checkA11y(page2, 'sign-in page after a refused single sign-on');
    expect(await cspViolations(page2)).toEqual([]);
    await other.close();
  }, 90_000);
});
