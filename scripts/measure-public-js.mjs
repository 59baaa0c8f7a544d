#!/usr/bin/env node
// Measures the JavaScript a first visit to the public site downloads, gzip-compressed (level 9,
// as the benchmark does). Budget: 100 KB per page (old phones, slow lines).
// - the entry: every script and modulepreload in dist/web/public/index.html;
// - a page's first load: the entry plus the lazy chunks that page pulls in at once, found in the
//   build manifest (vite.config.ts writes dist/web/.vite/manifest.public.json).
// Usage: node scripts/measure-public-js.mjs [--json]
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(root, 'dist', 'web');

/** The public entry's key in the manifest (source paths are relative to the Vite root, web/). */
export const PUBLIC_ENTRY = 'public/index.html';

/** @param {string} dir @param {string[]} paths */
function measureFiles(dir, paths) {
  const files = paths.map((url) => {
    if (/^(https?:)?\/\//.test(url)) throw new Error(`external script not allowed on the public site: ${url}`);
    const content = readFileSync(join(dir, url.replace(/^\//, '')));
    return { path: url, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
  return { files, totalGzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

/** @returns {{ files: { path: string, raw: number, gzip: number }[], totalGzip: number }} */
export function measurePublicJs(dir = distDir) {
  const htmlPath = join(dir, 'public', 'index.html');
  if (!existsSync(htmlPath)) throw new Error(`${htmlPath} not found: run node scripts/build-web.mjs first`);
  const html = readFileSync(htmlPath, 'utf8');
  const urls = new Set();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag);
    const isPreload = /rel=["']?modulepreload/i.test(tag);
    if (!isScript && !isPreload) continue;
    const src = /\b(?:src|href)=["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (src) urls.add(src);
  }
  return measureFiles(dir, [...urls]);
}

export function readPublicManifest(dir = distDir) {
  const path = join(dir, '.vite', 'manifest.public.json');
  if (!existsSync(path)) throw new Error(`${path} not found: run node scripts/build-web.mjs first`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * The manifest key of a source module (e.g. public/chat.page.tsx). A lazily loaded chunk that
 * also exports to a chunk loaded after it (the meldcode tool's start page to its steps) has no
 * facade module: the manifest keys it by file name (_meldcode-tool.page-hash.js) and names it
 * after the module, so it is found by that name.
 * @param {Record<string, { name?: string, isDynamicEntry?: boolean }>} manifest
 * @param {string} module
 */
export function manifestKey(manifest, module) {
  if (manifest[module]) return module;
  const name = basename(module).replace(/\.[^.]+$/, '');
  const found = Object.keys(manifest).filter((key) => key.startsWith('_') && manifest[key].isDynamicEntry && manifest[key].name === name);
  if (found.length === 1) return found[0];
  throw new Error(`${module} is not in the build manifest`);
}

/**
 * The JavaScript files (paths as in the HTML, e.g. /assets/x.js) a first visit loads when the page
 * pulls in `modules` (manifest keys such as public/chat.page.tsx) at once: the entry's chunks, each
 * module's chunk and, recursively, the chunks it imports statically and dynamically. Dynamic
 * imports count unless listed in `onAction`: modules a page fetches only on a user action.
 * Throws on a module the manifest does not know, so a renamed page cannot drop out of the sum.
 * @param {Record<string, { file: string, imports?: string[], dynamicImports?: string[] }>} manifest
 * @param {string[]} modules
 * @param {string[]} [onAction]
 * @returns {string[]}
 */
export function firstLoadFiles(manifest, modules, onAction = []) {
  const files = new Set();
  const seen = new Set();
  const later = new Set(onAction.map((module) => manifestKey(manifest, module)));
  const visit = (key, followDynamic) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    if (chunk.file.endsWith('.js')) files.add(`/${chunk.file}`);
    for (const dep of chunk.imports ?? []) visit(dep, followDynamic);
    // The entry's dynamic imports are the lazy pages: only the ones asked for count.
    if (followDynamic) for (const dep of chunk.dynamicImports ?? []) if (!later.has(dep)) visit(dep, true);
  };
  visit(PUBLIC_ENTRY, false);
  for (const module of modules) visit(manifestKey(manifest, module), true);
  return [...files];
}

/**
 * Gzip size of each page's first load. `pages` maps a name (a route) to the manifest keys it
 * pulls in at once besides the entry.
 * @param {Record<string, string[]>} pages
 * @param {{ dir?: string, manifest?: object, onAction?: string[] }} [options]
 * @returns {{ page: string, files: { path: string, raw: number, gzip: number }[], totalGzip: number }[]}
 */
export function measureFirstLoads(pages, { dir = distDir, manifest = readPublicManifest(dir), onAction = [] } = {}) {
  return Object.entries(pages).map(([page, modules]) => ({
    page,
    ...measureFiles(dir, firstLoadFiles(/** @type {any} */ (manifest), modules, onAction)),
  }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const entry = measurePublicJs();
  // Without a route table here: the entry with each lazy chunk it can load, one at a time.
  const manifest = readPublicManifest();
  const lazy = manifest[PUBLIC_ENTRY]?.dynamicImports ?? [];
  const withChunk = measureFirstLoads(Object.fromEntries(lazy.map((key) => [key, [key]])), { manifest });
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ ...entry, withChunk }));
  } else {
    for (const f of entry.files) console.log(`${f.path}  ${(f.gzip / 1024).toFixed(1)} KB gzip (${(f.raw / 1024).toFixed(1)} KB raw)`);
    console.log(`public first-load JS: ${(entry.totalGzip / 1024).toFixed(1)} KB gzip (budget 100 KB per page)`);
    for (const m of withChunk) console.log(`  + ${m.page}: ${(m.totalGzip / 1024).toFixed(1)} KB gzip in ${m.files.length} files`);
  }
}
