#!/usr/bin/env node
// Builds the web bundles (public site + staff console) with Vite, but only when stale:
// `npm start` runs this every time, and a rebuild takes seconds we do not want to spend for nothing.
// Usage: node scripts/build-web.mjs [--force]
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampPath = join(root, 'dist', 'web', '.stamp');
const force = process.argv.includes('--force');

/** Newest modification time (ms) of a file or of all files below a directory. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const inputs = [join(root, 'web'), join(root, 'vite.config.ts'), join(root, 'package-lock.json')];
const newestInput = Math.max(...inputs.map(newestMtime));
const stampTime = existsSync(stampPath) ? statSync(stampPath).mtimeMs : 0;

if (!force && stampTime > newestInput) {
  console.log('build-web: dist/web is up to date, skipped');
} else {
  const started = Date.now();
  // Always a production build: Vite keeps an inherited NODE_ENV (e.g. "test" under vitest or the
  // e2e server), which would bundle React's development build (+60 KB gzip on the public site).
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  // One pass per page, so the public site shares no chunk with the console (see vite.config.ts).
  for (const entry of ['public', 'console']) {
    process.env.SIGNAAL_WEB_ENTRY = entry;
    await build({ configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  }
  delete process.env.SIGNAAL_WEB_ENTRY;
  writeFileSync(stampPath, `${new Date().toISOString()}\n`);
  console.log(`build-web: built dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
