import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleHas, type Permission } from '../../domain/access/permissions.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';
import { exampleBody } from '../../test-support/example-body.ts';

/**
 * Insecure direct object references, from the route table: real ids of records of region VR14
 * (meldingen, cases, households, conditions, handovers, colleagues, partner organisations, API
 * keys, ...) are put into every route with a path parameter and every uuid field of a valid body,
 * and sent by a VR13 user of every role that may call the route. Every answer must be a refusal
 * (never 2xx), a read must be a plain 404, and no VR14 row may change.
 */
let ctx: TestContext;
const vr14 = new Map<string, Session>();

const melding = {
  kind: 'melding',
  receivedAt: new Date(Date.now() - 3600_000).toISOString(),
  municipalityCode: 'GM0402',
  reporterType: 'particulier',
  violenceType: 'kindermishandeling',
  summary: 'GEHEIM-VR14 (verzonnen).',
  persons: [{ role: 'kind', name: 'Sam Geheimkind', birthDate: '2016-05-01', street: 'Teststraat 1', postcode: '1211AA', place: 'Hilversum', bsn: null }],
};

beforeAll(async () => {
  ctx = await build();
  for (const role of ['intake', 'casemanager', 'teamleider', 'admin'] as const) vr14.set(role, await loginAs(ctx, role, 'VR14'));
  await loginAs(ctx, 'partner', 'VR14', { organisation: 'Wijkteam Hilversum (test)' });
  const [intake, cm, lead, admin] = (['intake', 'casemanager', 'teamleider', 'admin'] as const).map((r) => vr14.get(r)!) as [Session, Session, Session, Session];
  const post = (s: Session, url: string, payload: object = {}) => ctx.app.inject({ method: 'POST', url, headers: s.headers(true), payload });
  // Records of every kind the routes take an id of, made the way staff make them.
  for (const decision of ['voorwaarden-en-vervolg', 'overdracht', 'onderzoek']) {
    const id = (await post(intake, '/api/contacts', melding)).json().id as string;
    expect((await post(intake, `/api/contacts/${id}/household`, { new: true })).statusCode).toBeLessThan(300);
    expect((await post(lead, `/api/cases/${id}/assign`, { userId: cm.userId })).statusCode).toBe(200);
    expect((await post(cm, `/api/cases/${id}/assessment`, { acuteUnsafety: false, structuralUnsafety: true, decision, summary: 'Beoordeeld (verzonnen).' })).statusCode).toBe(200);
    expect((await post(lead, `/api/cases/${id}/approve`)).statusCode).toBe(200);
  }
  const orgs = (await ctx.app.inject({ method: 'GET', url: '/api/partner-organisations', headers: admin.headers() })).json().items as { id: string }[];
  expect((await post(admin, '/api/api-keys', { organisationId: orgs[0]!.id, name: 'Sleutel VR14 (test)' })).statusCode).toBeLessThan(300);
});
afterAll(async () => ctx?.close());

/** Every table with a region: a fingerprint of its VR14 rows (audit entries excluded: refusals are logged). */
async function fingerprintVr14(): Promise<Record<string, string>> {
  const db = ctx.database.db;
  const tables = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = current_schema() and c.column_name = 'region_code' and c.table_name not in ('audit_log')
    order by 1`.execute(db);
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    const r = await sql<{ n: number; h: string | null }>`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as h from ${sql.table(table_name)} t where region_code = 'VR14'`.execute(db);
    out[table_name] = `${r.rows[0]!.n}:${r.rows[0]!.h ?? ''}`;
  }
  return out;
}

/** Real ids of VR14 records: up to two of every table that has a uuid id and a region. */
async function vr14Ids(): Promise<string[]> {
  const db = ctx.database.db;
  const tables = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    where c.table_schema = current_schema() and c.data_type = 'uuid' and c.column_name in ('id', 'contact_id')
      and exists (select 1 from information_schema.columns r where r.table_schema = c.table_schema and r.table_name = c.table_name and r.column_name = 'region_code')
      and c.table_name not in ('audit_log')`.execute(db);
  const ids = new Set<string>();
  for (const { table_name, column_name } of tables.rows) {
    const r = await sql<{ id: string }>`select distinct ${sql.ref(column_name)}::text as id from ${sql.table(table_name)} where region_code = 'VR14' limit 2`.execute(db);
    for (const row of r.rows) ids.add(row.id);
  }
  return [...ids];
}

describe('records of another region, called by id', () => {
  it('answer 404 to every role of VR13 on every route, and change nothing', async () => {
    const ids = await vr14Ids();
    // A floor, so the test cannot pass by finding no ids: contacts, cases, households, tasks, keys...
    expect(ids.length).toBeGreaterThanOrEqual(12);
    const before = await fingerprintVr14();
    expect(before.contact).toMatch(/^3:/);
    const vr13 = new Map<string, Session>();
    for (const role of ROLES) vr13.set(role, await loginAs(ctx, role, 'VR13', role === 'partner' ? { organisation: 'Wijkteam Amsterdam (test)' } : {}));

    // Routes that take a record id; `:table` of the figures downloads names a figures table, not a record.
    const routes = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.url.includes(':') && !r.url.includes(':table') && r.access !== 'public' && r.method !== 'HEAD' && !r.url.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(40);
    const leaks: string[] = [];
    const statuses = new Map<number, number>();
    let calls = 0;
    for (const r of routes) {
      const roles = r.access === 'session' ? ['intake' as const] : ROLES.filter((role) => roleHas(role, r.access as Permission));
      for (const role of roles) {
        const s = vr13.get(role)!;
        for (const id of ids) {
          const write = r.method !== 'GET';
          const res = await ctx.app.inject({
            method: r.method as 'GET',
            url: r.url.replace(/:[A-Za-z]+/g, id),
            headers: s.headers(write),
            ...(write ? { payload: exampleBody(r.body, id) as object } : {}),
          });
          calls++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const label = `${role}@VR13 ${r.method} ${r.url} ${id}: ${res.statusCode} ${res.body.slice(0, 120)}`;
          if (res.statusCode < 400 || res.statusCode >= 500) leaks.push(label);
          else if (!write && res.statusCode !== 404) leaks.push(label);
          else if (res.body.includes('GEHEIM') || res.body.includes('Geheimkind')) leaks.push(label);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await fingerprintVr14()).toEqual(before);
    // Most requests reached the record lookup (404) rather than stopping at validation.
    expect(statuses.get(404) ?? 0).toBeGreaterThan(calls / 2);
    console.info(`IDOR: ${calls} calls, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 480_000);
});
