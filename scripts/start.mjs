#!/usr/bin/env node
// `npm start`: builds the web bundles when their sources changed, then runs the server in this
// process (TypeScript through tsx, see docs/adr/0001). Signals reach the server directly.
import { spawnSync } from 'node:child_process';
import { register } from 'tsx/esm/api';

const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
if (build.status !== 0) {
  process.stderr.write('signaal: building the web pages failed\n');
  process.exit(build.status ?? 1);
}
register();
await import('../src/server/main.ts');
