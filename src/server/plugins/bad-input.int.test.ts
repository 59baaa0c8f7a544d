import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleHas, type Role } from '../../domain/access/permissions.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

/**
 * Bad input on every route, taken from the route table so a new route is covered at once: broken
 * JSON, wrong types, oversized bodies, hostile ids and query strings. Every answer is a 4xx with a
 * code, never a 5xx, and nothing is written. Bounded: a fixed list of payloads per route.
 */
let ctx: TestContext;
const sessions = new Map<Role, Session>();
let signIns = 0;

beforeAll(async () => {
  ctx = await build();
  for (const role of ROLES) sessions.set(role, await loginAs(ctx, role, 'VR14'));
});
afterAll(async () => ctx?.close());

const HOSTILE_IDS = ["' OR 1=1 --", '../../etc/passwd', '%00', 'x'.repeat(150), '<script>alert(1)</script>', '00000000-0000-0000-0000-00000000000g'];
const BODIES: { label: string; payload: string }[] = [
  { label: 'not json', payload: '{"kind": ' },
  { label: 'null', payload: 'null' },
  { label: 'array', payload: '[1,2,3]' },
  { label: 'number', payload: '42' },
  { label: 'wrong types', payload: JSON.stringify({ kind: 12, receivedAt: false, municipalityCode: [], reason: {}, items: 'x', userId: 7, outcome: null, week: 1, children: 'veel' }) },
  { label: 'prototype pollution', payload: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}' },
  { label: 'deep nesting', payload: `${'{"a":'.repeat(200)}1${'}'.repeat(200)}` },
  { label: 'too large', payload: JSON.stringify({ summary: 'x'.repeat(1_100_000) }) },
];

/**
 * A session whose role holds the route's permission. Routes open to any session (sign-out, password,
 * two-factor set-up) get a fresh session each, since they may end or change the session they use.
 */
async function sessionFor(access: string): Promise<Session | undefined> {
  // Each from its own address, so the per-address sign-in limit does not stop the test.
  if (access === 'session') return loginAs(ctx, 'intake', 'VR14', { remoteAddress: `10.9.${Math.floor(++signIns / 250)}.${signIns % 250}` });
  const role = ROLES.find((r) => roleHas(r, access as Parameters<typeof roleHas>[1]));
  return role ? sessions.get(role) : undefined;
}

async function counts() {
  const db = ctx.database.db;
  const n = async (table: 'contact' | 'case_step' | 'organisation') => (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  // Staff accounts are left out: the test itself signs in fresh accounts for the session routes.
  return { contact: await n('contact'), step: await n('case_step'), organisation: await n('organisation') };
}

describe('bad input on every route', () => {
  it('answers 4xx, never 5xx, and changes nothing', async () => {
    const routes = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.access !== 'public' && r.method !== 'HEAD' && !r.url.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(60);
    const before = await counts();
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const r of routes) {
      const first = await sessionFor(r.access);
      if (!first) continue;
      const write = r.method !== 'GET';
      const ids = r.url.includes(':') ? HOSTILE_IDS : ['-'];
      for (const id of ids) {
        const url = r.url.replace(/:[A-Za-z]+/g, encodeURIComponent(id));
        const requests = write
          ? BODIES.map((b) => ({ label: b.label, payload: b.payload }))
          : [{ label: 'hostile query', payload: undefined }];
        for (const q of requests) {
          const s = r.access === 'session' ? (await sessionFor('session'))! : first;
          const res = await ctx.app.inject({
            method: r.method as 'GET',
            url: write ? url : `${url}?year=abc&from=2026-13-45&limit=-1&mine=maybe&x[]=1&region=%27%3B--`,
            headers: { ...s.headers(write), ...(write ? { 'content-type': 'application/json' } : {}) },
            ...(q.payload === undefined ? {} : { payload: q.payload }),
          });
          const label = `${r.method} ${r.url} [${id.slice(0, 20)}] ${q.label}: ${res.statusCode}`;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500) failures.push(`${label} ${res.body.slice(0, 200)}`);
          else if (res.statusCode >= 400 && !res.json().code) failures.push(`${label} without a code`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The requests got past sign-in and into validation and the handlers, not stopped at the door.
    expect(statuses.get(401) ?? 0).toBe(0);
    expect(statuses.get(400)).toBeGreaterThan(1000);
    expect(await counts()).toEqual(before);
    // Bounded (a fixed list of payloads per route), but every 'session' route signs in afresh
    // (argon2) per request, and the route table keeps growing: generous on a busy machine.
  }, 360_000);
});
