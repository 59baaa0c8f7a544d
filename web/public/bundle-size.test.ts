import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  firstLoadFiles,
  manifestKey,
  measureFirstLoads,
  measurePublicJs,
  PUBLIC_ENTRY,
  readPublicManifest,
  type Manifest,
  type MeasuredFile,
} from '../../scripts/measure-public-js.mjs';
import { LANGUAGES } from '../shared/language.ts';
import { INFO_PAGES, ROUTES } from './public.router.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BUDGET_BYTES = 100 * 1024;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * What each public route pulls in at once besides the entry (manifest keys: source paths relative
 * to web/), as public.app.tsx loads it: the page's chunk and its texts namespace, which comes in
 * the language of the URL. Update this table with the routes and lazy pages: the test fails on a
 * route or a lazy chunk it does not know.
 */
const ROUTE_CHUNKS: Record<string, { modules: string[]; texts?: string }> = {
  [ROUTES.home]: { modules: [] },
  [ROUTES.safeBrowsing]: { modules: [] },
  [ROUTES.chat]: { modules: ['public/chat.page.tsx'], texts: 'public/chat.texts' },
  [ROUTES.advice]: { modules: ['public/advice-or-report.page.tsx'], texts: 'public/forms.texts' },
  [ROUTES.adviceForm]: { modules: ['public/contact-form.page.tsx'], texts: 'public/forms.texts' },
  [ROUTES.reportForm]: { modules: ['public/contact-form.page.tsx'], texts: 'public/forms.texts' },
  [ROUTES.meldcode]: { modules: ['public/meldcode/meldcode-tool.page.tsx'], texts: 'public/meldcode/meldcode.texts' },
  [ROUTES.meldcodePharmacy]: { modules: ['public/meldcode/codeword.page.tsx'], texts: 'public/meldcode/codeword.texts' },
  [ROUTES.openData]: { modules: ['public/open-data.page.tsx'] },
  ...Object.fromEntries(INFO_PAGES.map((slug) => [`/${slug}`, { modules: ['public/info.page.tsx'] }])),
};

/** Dynamic imports inside a page that wait for a user action, so they are not in its first load. */
const ON_ACTION: string[] = [
  // The meldcode tool's steps: fetched once a sector is chosen (or when a reload finds a dossier
  // in progress in the tab), never by a first visit.
  'public/meldcode/meldcode-steps.tsx',
  'public/meldcode/meldcode-steps.texts.nl.ts',
  'public/meldcode/meldcode-steps.texts.en.ts',
  // The chat client: fetched when the visitor starts the chat.
  'public/chat.client.ts',
];

/** Every route in both languages (`/chat?lang=en` fetches the English texts chunk). */
function firstLoadPages(): Record<string, string[]> {
  const pages: Record<string, string[]> = {};
  for (const [route, { modules, texts }] of Object.entries(ROUTE_CHUNKS)) {
    for (const lang of LANGUAGES) {
      pages[lang === 'nl' ? route : `${route}?lang=${lang}`] = texts ? [...modules, `${texts}.${lang}.ts`] : modules;
    }
  }
  return pages;
}

function overBudget(loads: { page: string; files: MeasuredFile[]; totalGzip: number }[]): string[] {
  return loads
    .filter((l) => l.totalGzip > BUDGET_BYTES)
    .map((l) => `${l.page}: ${kb(l.totalGzip)} (${l.files.map((f) => `${f.path} ${kb(f.gzip)}`).join(' + ')})`);
}

describe('public site first load', () => {
  beforeAll(() => {
    // Build when needed (build-web skips when up to date), so this test can never pass on a missing dist.
    execFileSync(process.execPath, ['scripts/build-web.mjs'], { cwd: root, stdio: 'pipe' });
  }, 120_000);

  it('stays under 100 KB of gzip-compressed JavaScript for the entry', () => {
    expect(existsSync(`${root}dist/web/public/index.html`)).toBe(true);
    const { files, totalGzip } = measurePublicJs();
    expect(files.length).toBeGreaterThan(0);
    expect(totalGzip, `public JS is ${kb(totalGzip)} gzip`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('stays under 100 KB for every public route: the entry plus the lazy chunks it loads at once', () => {
    const loads = measureFirstLoads(firstLoadPages(), { onAction: ON_ACTION });
    expect(loads.length).toBe(Object.keys(ROUTE_CHUNKS).length * LANGUAGES.length);
    expect(overBudget(loads)).toEqual([]);
    // The lazy routes do load more than the entry (a table pointing at nothing would pass above).
    const entry = measurePublicJs().totalGzip;
    expect(loads.find((l) => l.page === ROUTES.chat)?.totalGzip).toBeGreaterThan(entry);
  });

  it('knows every route and every lazy chunk of the build', () => {
    const routes = [...Object.values(ROUTES), ...INFO_PAGES.map((slug) => `/${slug}`)];
    expect(Object.keys(ROUTE_CHUNKS).sort()).toEqual([...new Set(routes)].sort());
    const manifest = readPublicManifest();
    const known = new Set(Object.values(firstLoadPages()).flat().concat(ON_ACTION).map((module) => manifestKey(manifest, module)));
    const lazy = manifest[PUBLIC_ENTRY]?.dynamicImports ?? [];
    expect(lazy.length).toBeGreaterThan(0);
    expect(lazy.filter((key) => !known.has(key)), 'lazy chunks missing from ROUTE_CHUNKS').toEqual([]);
  });
});

describe('first-load measurement', () => {
  // A made-up build, to show the sum follows static and dynamic imports and fails over budget.
  let dir: string;
  const manifest: Manifest = {
    'public/index.html': { file: 'assets/entry.js', isEntry: true, dynamicImports: ['public/big.page.tsx', 'public/small.page.tsx'] },
    'public/big.page.tsx': { file: 'assets/big.js', isDynamicEntry: true, imports: ['public/index.html', '_shared.js'], dynamicImports: ['public/later.ts'] },
    'public/small.page.tsx': { file: 'assets/small.js', isDynamicEntry: true, imports: ['public/index.html', '_shared.js'] },
    '_shared.js': { file: 'assets/shared.js', imports: ['public/index.html'] },
    'public/later.ts': { file: 'assets/later.js', isDynamicEntry: true },
  };
  const random = (bytes: number) => Buffer.from(Array.from({ length: bytes }, () => Math.floor(Math.random() * 256)));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'signaal-bundle-'));
    mkdirSync(join(dir, 'assets'));
    // Random bytes do not compress: gzip size is about the raw size.
    writeFileSync(join(dir, 'assets/entry.js'), random(90 * 1024));
    writeFileSync(join(dir, 'assets/big.js'), random(6 * 1024));
    writeFileSync(join(dir, 'assets/small.js'), random(1024));
    writeFileSync(join(dir, 'assets/shared.js'), random(1024));
    writeFileSync(join(dir, 'assets/later.js'), random(4 * 1024));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the entry, the page chunk, its imports and its dynamic imports, once each', () => {
    expect(firstLoadFiles(manifest, ['public/big.page.tsx']).sort()).toEqual(['/assets/big.js', '/assets/entry.js', '/assets/later.js', '/assets/shared.js']);
    expect(firstLoadFiles(manifest, ['public/big.page.tsx'], ['public/later.ts']).sort()).toEqual(['/assets/big.js', '/assets/entry.js', '/assets/shared.js']);
    expect(() => firstLoadFiles(manifest, ['public/gone.page.tsx'])).toThrow(/not in the build manifest/);
  });

  it('reports a page over the budget', () => {
    const loads = measureFirstLoads({ '/big': ['public/big.page.tsx'], '/small': ['public/small.page.tsx'] }, { dir, manifest });
    expect(overBudget(loads).map((line) => line.split(':')[0])).toEqual(['/big']);
  });
});
