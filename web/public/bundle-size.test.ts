import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BUDGET_BYTES = 100 * 1024;

describe('public site first load', () => {
  it('stays under 100 KB of gzip-compressed JavaScript', async () => {
    // Build when needed (build-web skips when up to date), so this test can never pass on a missing dist.
    execFileSync(process.execPath, ['scripts/build-web.mjs'], { cwd: root, stdio: 'pipe' });
    expect(existsSync(`${root}dist/web/public/index.html`)).toBe(true);
    const { measurePublicJs } = await import('../../scripts/measure-public-js.mjs');
    const { files, totalGzip } = measurePublicJs();
    expect(files.length).toBeGreaterThan(0);
    expect(totalGzip, `public JS is ${(totalGzip / 1024).toFixed(1)} KB gzip`).toBeLessThanOrEqual(BUDGET_BYTES);
  }, 120_000);
});
