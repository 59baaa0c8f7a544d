import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../test-support/build.ts';
import { testDbKind } from '../test-support/test-database.ts';
import { keyIdOf } from './field-crypto.ts';

// Invented data: a BSN that passes the elfproef, a story and a reporter nobody has.
const BSN = '111222333';
const STORY = 'Verzonnen verhaal: buurman hoort elke nacht geschreeuw bij de blauwe voordeur 4711';
const REPORTER = 'Hendrika Testmelder-Verzonnen';
const CHAT = 'Mijn stiefvader slaat mij, verzonnen chatbericht 8642';
const NOTE = 'Afsluitnotitie verzonnen 5309';
const SECRETS = [BSN, STORY.slice(0, 40), REPORTER, CHAT.slice(0, 30), NOTE];

let ctx: TestContext;
let intake: Session;

beforeAll(async () => {
  ctx = await build({ SIGNAAL_CHAT_START_RATE_PER_HOUR: '1000' });
  intake = await loginAs(ctx, 'intake', 'VR14');
});
afterAll(async () => {
  await ctx?.close();
});

/** Every text, jsonb, array and bytea value of every table, read as stored (no decryption). */
async function scanAllColumns(needles: readonly string[]): Promise<string[]> {
  const cols = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'bytea', 'ARRAY', 'USER-DEFINED')`.execute(ctx.database.raw);
  const hits: string[] = [];
  for (const { table_name: t, column_name: c } of cols.rows) {
    for (const needle of needles) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)} where ${sql.ref(c)}::text like ${`%${needle}%`}`.execute(ctx.database.raw);
      if (rows[0]!.n > 0) hits.push(`${t}.${c} contains ${needle}`);
    }
  }
  return hits;
}

describe('encryption at rest', () => {
  it('stores BSN, story, reporter, chat message and case note only as ciphertext, and shows them in clear to staff', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/contacts',
      headers: intake.headers(true),
      payload: {
        kind: 'melding',
        receivedAt: '2026-03-02T10:00:00+01:00',
        reporterType: 'particulier',
        reporterGroup: 'burger',
        reporterName: REPORTER,
        reporterContact: '06-00000000',
        violenceType: 'partnergeweld',
        summary: STORY,
        persons: [{ role: 'slachtoffer', name: 'Verzonnen Persoon', birthDate: '1990-01-01', street: null, postcode: null, place: null, bsn: BSN }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;

    // A chat message left outside opening hours (closed all week).
    const admin = await loginAs(ctx, 'admin', 'VR14');
    expect((await ctx.app.inject({ method: 'PUT', url: '/api/chat/opening-hours/NL', headers: admin.headers(true), payload: { days: [] } })).statusCode).toBe(200);
    const left = await ctx.app.inject({ method: 'POST', url: '/api/public/chat/message', payload: { nickname: 'Zon', body: CHAT } });
    expect(left.statusCode, left.body).toBe(201);

    // A case note through the SQL-free path: the case step written by a route.
    await ctx.database.db.insertInto('case_step').values({ contact_id: id, region_code: 'VR14', step: 'closed', by_user: intake.userId, code: null, subject_user: null, note: NOTE }).execute();

    // What staff see: the clear text.
    const shown = (await ctx.app.inject({ method: 'GET', url: `/api/contacts/${id}`, headers: intake.headers() })).json<{ summary: string; reporterName: string; persons: { bsn: string }[] }>();
    expect(shown.summary).toBe(STORY);
    expect(shown.reporterName).toBe(REPORTER);
    expect(shown.persons[0]!.bsn).toBe(BSN);

    // What is stored: ciphertext under the (development) key, and a blind index for the BSN.
    const stored = await ctx.database.raw.selectFrom('contact').select(['summary', 'reporter_name']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(keyIdOf(stored.summary)).toBe('dev');
    expect(keyIdOf(stored.reporter_name!)).toBe('dev');
    const person = await ctx.database.raw.selectFrom('person').select(['bsn', 'bsn_index']).where('contact_id', '=', id).executeTakeFirstOrThrow();
    expect(keyIdOf(person.bsn!)).toBe('dev');
    expect(person.bsn_index).toMatch(/^[0-9a-f]{64}$/);

    // Every column of every table: none holds any of them in clear text.
    expect(await scanAllColumns(SECRETS)).toEqual([]);
    // The scan is able to find clear text (no test that cannot fail).
    expect(await scanAllColumns(['Verzonnen Persoon'])).toEqual(['person.name contains Verzonnen Persoon']);
  });

  it('a dump of the whole database shows no BSN, story or chat message', async () => {
    let dump: string;
    if (testDbKind() === 'postgres') {
      const { stdout } = await promisify(execFile)('pg_dump', ['--data-only', '--no-owner', ctx.database.url!], { maxBuffer: 256 * 1024 * 1024 });
      dump = stdout;
    } else {
      // The embedded database's own files, as a backup would copy them.
      dump = Buffer.from(await (await ctx.database.pglite!.dumpDataDir('none')).arrayBuffer()).toString('latin1');
    }
    expect(dump).toContain('Verzonnen Persoon');
    for (const s of SECRETS) expect(dump, s).not.toContain(s);
  });

  it('matches households and answers the national lookup by BSN through the blind index', async () => {
    const amsterdam = await loginAs(ctx, 'intake', 'VR13');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/households/lookup', headers: amsterdam.headers(true), payload: { bsn: BSN } });
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.stringify(res.json())).toContain('VR14');
  });
});
