// Public pages: the gzip-compressed JavaScript a first visit to each public page downloads,
// measured in Chromium (entry, preloads and the lazy chunk the page pulls in at once).
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serverProcess, ROOT } from '../test-support/server-process.ts';
import { ROUTES } from '../../web/public/public.router.ts';
import { result, round, type BenchDb, type BenchOptions, type BenchResult } from './bench-support.ts';

export async function benchPublicPages(target: BenchDb, opts: BenchOptions): Promise<BenchResult[]> {
  execFileSync(process.execPath, ['scripts/build-web.mjs'], { cwd: ROOT, stdio: 'pipe' });
  const server = await serverProcess({ ...target.env, LOG_LEVEL: 'error' });
  await server.start();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const out: BenchResult[] = [];
  try {
    for (const [name, route] of Object.entries(ROUTES)) {
      const context = await browser.newContext();
      await context.route('**/*', (r) => (new URL(r.request().url()).hostname === '127.0.0.1' ? r.continue() : r.abort()));
      const page = await context.newPage();
      const bodies: Promise<number>[] = [];
      page.on('response', (res) => {
        if (res.request().resourceType() === 'script') bodies.push(res.body().then((b) => gzipSync(b, { level: 9 }).length, () => 0));
      });
      await page.goto(`${server.url}${route}`, { waitUntil: 'networkidle' });
      const sizes = await Promise.all(bodies);
      const kb = sizes.reduce((a, b) => a + b, 0) / 1024;
      opts.log(`public page ${route}: ${round(kb)} KB gzip JS in ${sizes.length} files`);
      out.push(result({ scenario: 'public-page', db: 'none', metric: `js_gzip_kb ${route}`, value: round(kb), baseline: null, target: '<= 100 KB', met: kb <= 100, note: `${name}: ${sizes.length} script files` }));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.kill('SIGTERM');
  }
  return out;
}
