// Test harness for the browser end-to-end tests: a real server on a temp data dir, a real Chromium.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { QUICK_EXIT_URL } from '../web/public/quick-exit.ts';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const QUICK_EXIT_HOST = new URL(QUICK_EXIT_URL).hostname;
const READY_TIMEOUT_MS = 60_000;

let webBuilt: Promise<void> | null = null;

/** Builds dist/web once per test process (skipped by build-web.mjs when up to date). */
export function ensureWebBuilt(): Promise<void> {
  webBuilt ??= new Promise((resolve, reject) => {
    execFile(process.execPath, ['scripts/build-web.mjs'], { cwd: ROOT }, (err, _stdout, stderr) =>
      err ? reject(new Error(`build-web failed: ${stderr}`)) : resolve(),
    );
  });
  return webBuilt;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'signaal-e2e-'));
}

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs `node bin/signaal.js ...args`. The embedded database is single-process: run CLI commands
 * before starting a server on the same SIGNAAL_DATA_DIR, or after stopping it.
 */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/signaal.js', ...args],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ stdout, stderr, code });
      },
    );
  });
}

/** The last non-empty line of a CLI's stdout (`user add` prints the one-time password there, alone). */
export function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .at(-1) ?? ''
  );
}

export interface StartServerOptions {
  demo: boolean;
  /** An existing data dir (e.g. prepared with runCli); removed on stop() like a fresh one. */
  dataDir?: string;
  env?: Record<string, string>;
  /** A port chosen in advance, when the test must know the URL before the server starts (OIDC redirect). */
  port?: number;
}

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  await ensureWebBuilt();
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? (await makeDataDir());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SIGNAAL_DATA_DIR: dataDir,
      SIGNAAL_DEMO: opts.demo ? 'true' : 'false',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 20_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`server exited with ${child.exitCode} before ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/ready`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, dataDir, output: () => output, stop };
}

const NEUTRAL_PAGE = '<!doctype html><html lang="nl"><head><title>Weer</title></head><body><p>Weer</p></body></html>';

export interface TestBrowser {
  browser: Browser;
  /** A fresh context: only 127.0.0.1 is reachable; the quick-exit host gets a tiny neutral page. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  close: () => Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const newContext = async (options: BrowserContextOptions = {}): Promise<BrowserContext> => {
    const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', ...options });
    // The machine has no internet, and the site must make no third-party requests anyway.
    await context.route('**/*', async (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1') return route.continue();
      if (host === QUICK_EXIT_HOST) return route.fulfill({ status: 200, contentType: 'text/html', body: NEUTRAL_PAGE });
      return route.abort('blockedbyclient');
    });
    // Records CSP violations (init scripts are injected by the browser, so the CSP does not block them).
    await context.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`);
      });
    });
    return context;
  };
  return { browser, newContext, close: () => browser.close() };
}

export interface PageWatch {
  consoleErrors: string[];
  pageErrors: string[];
  /** Requests that left 127.0.0.1 (other than the quick exit target). */
  foreignRequests: string[];
  /** Addresses of the WebSockets the page opened. */
  sockets: string[];
}

/** Collects console errors, uncaught errors and third-party requests of a page. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { consoleErrors: [], pageErrors: [], foreignRequests: [], sockets: [] };
  page.on('websocket', (ws) => watch.sockets.push(ws.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error') watch.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => watch.pageErrors.push(err.message));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1' && url.hostname !== QUICK_EXIT_HOST) {
      watch.foreignRequests.push(req.url());
    }
  });
  return watch;
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

let axeSource: string | null = null;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and throws listing every violation.
 * The source is evaluated through the DevTools protocol, which the page's CSP does not govern
 * (a <script> tag would be blocked by script-src 'self').
 */
export async function checkA11y(page: Page, label = page.url()): Promise<void> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  if (violations.length > 0) {
    const text = violations
      .map((v) => `- ${v.id} (${v.impact ?? '?'}): ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`)
      .join('\n');
    throw new Error(`axe found ${violations.length} accessibility violation(s) on ${label}:\n${text}`);
  }
}

export interface DemoAccount {
  email: string;
  role: string;
  password: string;
  displayName?: string;
}

/** The demo accounts a demo-mode server lists on its login page (invented people only). */
export async function demoAccounts(server: RunningServer): Promise<DemoAccount[]> {
  const config = (await (await fetch(`${server.url}/api/public/config`)).json()) as { demoAccounts?: DemoAccount[] };
  return config.demoAccounts ?? [];
}

/** Signs in on the console login page as the user would (demo accounts skip two-factor). */
export async function logInOnPage(page: Page, server: RunningServer, who: DemoAccount): Promise<void> {
  await page.goto(`${server.url}/console`);
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  await page.getByLabel('E-mailadres').fill(who.email);
  await page.getByLabel('Wachtwoord').fill(who.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
}

export interface ConsoleActor {
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
  displayName: string;
}

/** A signed-in staff member in a browser context of their own. */
export async function logInAs(browser: TestBrowser, server: RunningServer, who: DemoAccount): Promise<ConsoleActor> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const watch = watchPage(page);
  await logInOnPage(page, server, who);
  const session = (await (await page.request.get(`${server.url}/api/auth/session`)).json()) as { user: { displayName: string } };
  return { context, page, watch, displayName: session.user.displayName };
}
