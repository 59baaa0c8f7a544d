import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { permissionsOf, roleHas, type Permission } from '../../domain/access/permissions.ts';
import { inScope } from '../../db/scope.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

/**
 * "Analysts never see a person" (DOMAIN.md, issue 8): with records full of person data present in
 * the analyst's own region, every GET route of the app is called with the analyst's session. Routes
 * the analyst may not use must refuse; every route the analyst may use must answer, and no answer
 * may contain a record id, a name, a BSN, a story, a reference or any other person field of the data.
 */

let ctx: TestContext;
let analyst: Session;
const secrets: string[] = [];
const ids: Record<string, string> = {};

// Query strings for routes that need parameters; other routes are called without.
const QUERIES: Record<string, string> = {
  '/api/reports/annual': 'region=VR14&year=2025',
  '/api/reports/annual.pdf': 'region=VR14&year=2025',
  '/api/chat/figures': 'from=2025-01-01&to=2025-12-31&per=week',
  '/api/meldcode/figures': 'from=2025-01&to=2025-12',
  '/api/shelters/figures': 'year=2025',
  '/api/emergency-childcare/weekly': 'from=2025-01-01&to=2025-12-31',
  '/api/stats/dashboard': 'region=VR14&grain=week&from=2025-01-01&to=2025-12-31',
  '/api/stats/tables/:table': 'region=VR14&grain=month&from=2025-01-01&to=2025-12-31&format=csv',
  // Published figures (ADR 0012); 85361 reads the household file, so it is the one to check here.
  '/api/reports/weekly': 'week=2025-W10',
  '/api/reports/weekly.pdf': 'week=2025-W10',
  '/api/reports/cbs.csv': 'table=85361&period=2025-H1',
};

beforeAll(async () => {
  ctx = await build();
  analyst = await loginAs(ctx, 'analyst', 'VR14');
  const db = ctx.database.db;
  const secret = <T extends string>(s: T): T => {
    secrets.push(s);
    return s;
  };
  // Records with person data in the analyst's own region, written as owner (as the import does).
  const contact = await db
    .insertInto('contact')
    .values({
      kind: 'melding',
      received_at: new Date('2025-03-04T09:00:00Z'),
      region_code: 'VR14',
      municipality_code: 'GM0376',
      channel: 'telefoon',
      reporter_type: 'particulier',
      reporter_group: 'burger',
      violence_type: 'partnergeweld',
      summary: secret('Verhaal-Geheim: de buurman hoorde geschreeuw op de Verzonnenlaan'),
      reporter_name: secret('Rachida Rapporteurs-Geheim'),
      reporter_contact: secret('0612399887'),
      reference: secret('QZXWVTRS'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.contact = secret(contact.id);
  const household = await db.insertInto('household').values({ region_code: 'VR14' }).returning('id').executeTakeFirstOrThrow();
  ids.household = secret(household.id);
  const person = await db
    .insertInto('person')
    .values({ contact_id: contact.id, household_id: household.id, region_code: 'VR14', role: 'slachtoffer', name: secret('Petronella Persoon-Geheim'), birth_date: secret('1987-06-05'), street: secret('Verzonnenlaan 13'), postcode: secret('1261XQ'), place: 'Blaricum', bsn: secret('111222333') })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.person = secret(person.id);
  await db.insertInto('case_handling').values({ contact_id: contact.id, region_code: 'VR14', state: 'assessed', assessment_due: new Date('2025-03-11T09:00:00Z'), assessed_at: new Date('2025-03-05T09:00:00Z'), assessment_summary: secret('Beoordeling-Geheim: acuut onveilig') }).execute();
  const event = await db.insertInto('contact_event').values({ contact_id: contact.id, region_code: 'VR14', type: 'onderzoek', at: new Date('2025-03-06T09:00:00Z'), outcome: 'bevestigd' }).returning('id').executeTakeFirstOrThrow();
  ids.event = secret(event.id);
  const order = await db
    .insertInto('restraining_order')
    .values({ contact_id: contact.id, region_code: 'VR14', barred_name: secret('Bartholomeus Verbod-Geheim'), barred_birth_date: '1980-01-02', decided_at: new Date('2025-03-07T09:00:00Z'), risk_instrument: 'rihg', ends_at: new Date('2025-03-17T09:00:00Z') })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.order = secret(order.id);
  await db.insertInto('contact_event').values({ contact_id: contact.id, region_code: 'VR14', type: 'huisverbod', at: new Date('2025-03-07T09:00:00Z') }).execute();
  const chat = await db
    .insertInto('chat_session')
    .values({ token_hash: 'hash-of-a-secret-token', nickname: secret('NickNaamGeheim'), region_code: 'VR14', status: 'ended', created_at: new Date('2025-03-08T10:00:00Z'), queued_at: new Date('2025-03-08T10:00:00Z'), accepted_at: new Date('2025-03-08T10:05:00Z'), ended_at: new Date('2025-03-08T10:30:00Z'), transfer_note: secret('Overdrachtsnotitie-Geheim') })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.chat = secret(chat.id);
  await db.insertInto('chat_message').values({ session_id: chat.id, seq: 1, sender: 'visitor', client_id: 'c1', body: secret('Chatbericht-Geheim: hij slaat me') }).execute();
  await db.insertInto('codeword_use').values({ used_on: '2025-03-09', region_code: 'VR14', path: 'alleen', contact_id: contact.id }).execute();
});
afterAll(async () => ctx?.close());

function allowed(access: string): boolean {
  if (access === 'public' || access === 'session') return true;
  return roleHas('analyst', access as Permission);
}

describe('an analyst never sees a person', () => {
  it('gets figures from every route it may use, and no record id, name, BSN, story or other person field from any GET route', async () => {
    const routes = ctx.app.routeTable.filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    const answered: string[] = [];
    for (const r of routes) {
      const url = r.url
        .replace(':table', 'contacten')
        .replace(':slug', 'wat-doet-veilig-thuis')
        .replace(/:id\b/, ids.contact!)
        .replace(/:[a-zA-Z]+/g, ids.contact!);
      const qs = QUERIES[r.url];
      const res = await ctx.app.inject({ method: 'GET', url: qs ? `${url}?${qs}` : url, headers: analyst.headers() });
      const body = res.rawPayload.toString('latin1') + res.body;
      for (const s of secrets) expect(body, `${r.url} shows ${s}`).not.toContain(s);
      if (allowed(r.access)) {
        // The public chat's event stream and public pages need a visitor token or a page, and the
        // single sign-on routes answer 404 where no identity provider is configured: a 4xx there is fine.
        if (r.url.startsWith('/api/public/') || r.url.startsWith('/api/auth/oidc/')) continue;
        expect(res.statusCode, `${r.url}: ${res.body.slice(0, 200)}`).toBe(200);
        answered.push(r.url);
      } else {
        expect([401, 403], `${r.url} answered ${res.statusCode}`).toContain(res.statusCode);
      }
    }
    // The figures routes really answered with the figures of the data above.
    expect(answered).toEqual(expect.arrayContaining(['/api/stats/dashboard', '/api/stats/tables/:table', '/api/reports/annual', '/api/chat/figures', '/api/regions']));
    const dash = await ctx.app.inject({ method: 'GET', url: `/api/stats/dashboard?${QUERIES['/api/stats/dashboard']}`, headers: analyst.headers() });
    const tables = dash.json<{ tables: { id: string; rows: (string | number | null)[][] }[] }>().tables;
    const contacten = tables.find((t) => t.id === 'contacten')!;
    expect(contacten.rows.reduce((s, r) => s + Number(r[2]), 0)).toBe(1);
    const vervolg = tables.find((t) => t.id === 'vervolg')!;
    expect(vervolg.rows.reduce((s, r) => s + Number(r[3]), 0)).toBe(1);
  });

  it('cannot read a record even through the database: its request role sees no row with a person, but does see the counters', async () => {
    const user = await ctx.database.db.selectFrom('staff_user').select(['id', 'email', 'display_name', 'organisation_id']).where('email', '=', analyst.email).executeTakeFirstOrThrow();
    const actor = { userId: user.id, email: user.email, displayName: user.display_name, role: 'analyst' as const, organisationId: user.organisation_id, regionCode: 'VR14', permissions: permissionsOf('analyst') };
    const seen: Record<string, number> = await inScope(ctx.database.db, actor, async (trx) => {
      const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx)).rows[0]!.n);
      const tables = ['contact', 'person', 'household', 'case_handling', 'contact_event', 'restraining_order', 'chat_session', 'chat_message', 'codeword_use', 'stats_count'];
      return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)] as const)));
    });
    // Row-level security hides every row of a record table from the analyst's request role.
    for (const t of ['contact', 'person', 'household', 'case_handling', 'contact_event', 'restraining_order', 'chat_session', 'chat_message']) expect(seen[t], t).toBe(0);
    // Codeword uses carry a date, a region and a path: no person (migration 0010).
    expect(seen.stats_count).toBeGreaterThan(0);
  });
});
