import { PERMISSIONS, ROLES, roleHas, type Permission } from '../../domain/access/permissions.ts';
import type { RouteEntry } from './access.plugin.ts';

/** docs/ACCESS.md: every route with its access and which roles get through, from the route table. */
export function renderAccessDoc(routes: readonly RouteEntry[]): string {
  const api = routes
    .filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs') && !r.url.startsWith('/assets'))
    .slice()
    // Code-point order, not localeCompare: the file must not depend on the machine's locale.
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
  const mark = (access: RouteEntry['access'], role: (typeof ROLES)[number]) =>
    access === 'public' || access === 'session' ? '✓' : roleHas(role, access) ? '✓' : '–';
  const lines = [
    '# Access matrix',
    '',
    'Generated from the route table and `src/domain/access/permissions.ts` by',
    '`npm run docs:access`; a test fails when this file is out of date. ✓ = the role gets through the',
    "route check (records are then still limited to the user's own region by row-level security);",
    '– = 403. Without a session every non-public route answers 401. `session` = any signed-in',
    'session, also before two-factor set-up is finished.',
    '',
    '## Permissions',
    '',
    '| permission | meaning | roles |',
    '|---|---|---|',
    ...Object.entries(PERMISSIONS).map(([p, meaning]) => `| \`${p}\` | ${meaning} | ${ROLES.filter((r) => roleHas(r, p as Permission)).join(', ')} |`),
    '',
    '## Routes',
    '',
    `| method | route | access | ${ROLES.join(' | ')} |`,
    `|---|---|---|${ROLES.map(() => '---').join('|')}|`,
    ...api.map((r) => `| ${r.method} | \`${r.url}\` | ${r.access} | ${ROLES.map((role) => mark(r.access, role)).join(' | ')} |`),
    '',
    'Plugin routes (`/assets/*`, `/api/docs*`) are public: static files and the API description.',
    '',
    "Routes under `/api/partner/` need no staff session but an organisation's API key",
    '(`Authorization: Bearer …`), checked by the intake module before the body is read; a key opens',
    'no other route. `POST /api/public/contacts` is the public form: rate-limited per address.',
    '',
  ];
  return lines.join('\n');
}
