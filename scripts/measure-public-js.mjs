#!/usr/bin/env node
// Measures the JavaScript a first visit to the public site downloads: every script and
// modulepreload in dist/web/public/index.html, gzip-compressed. Budget: 100 KB (old phones, slow lines).
// Usage: node scripts/measure-public-js.mjs [--json]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(root, 'dist', 'web');

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
  const files = [...urls].map((url) => {
    if (/^(https?:)?\/\//.test(url)) throw new Error(`external script not allowed on the public site: ${url}`);
    const content = readFileSync(join(dir, url.replace(/^\//, '')));
    return { path: url, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
  return { files, totalGzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = measurePublicJs();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result));
  } else {
    for (const f of result.files) console.log(`${f.path}  ${(f.gzip / 1024).toFixed(1)} KB gzip (${(f.raw / 1024).toFixed(1)} KB raw)`);
    console.log(`public first-load JS: ${(result.totalGzip / 1024).toFixed(1)} KB gzip (budget 100 KB)`);
  }
}
