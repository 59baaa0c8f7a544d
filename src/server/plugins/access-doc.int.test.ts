import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestContext } from '../../test-support/build.ts';
import { renderAccessDoc } from './access-doc.ts';

const DOC = new URL('../../../docs/ACCESS.md', import.meta.url);
let ctx: TestContext;
beforeAll(async () => {
  ctx = await build();
});
afterAll(async () => ctx?.close());

describe('docs/ACCESS.md', () => {
  it('lists every route of the running app with its access (npm run docs:access regenerates it)', async () => {
    const doc = renderAccessDoc(ctx.app.routeTable);
    if (process.env.UPDATE_ACCESS_DOC === '1') await writeFile(DOC, doc);
    expect(await readFile(DOC, 'utf8')).toBe(doc);
    for (const r of ctx.app.routeTable.filter((x) => x.url.startsWith('/api/') && !x.url.startsWith('/api/docs') && x.method !== 'HEAD')) {
      expect(doc).toContain(`| ${r.method} | \`${r.url}\` | ${r.access} |`);
    }
  });

  it('goes stale the moment a route is added without regenerating it', async () => {
    const extra = await build({}, { beforeReady: (app) => app.get('/api/new-undocumented', { config: { access: 'cases:read' } }, async () => ({ ok: true })) });
    try {
      const doc = renderAccessDoc(extra.app.routeTable);
      expect(doc).toContain('| GET | `/api/new-undocumented` | cases:read |');
      expect(await readFile(DOC, 'utf8')).not.toBe(doc);
    } finally {
      await extra.close();
    }
  });
});
