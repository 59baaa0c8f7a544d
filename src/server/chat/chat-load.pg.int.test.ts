import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { openPostgres, type Database } from '../../db/database.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';
import { buildApp, type App } from '../app.ts';

/**
 * Bounded load: 500 visitors in a chat at the same time, spread over two servers on one
 * PostgreSQL database, each exchanging messages with a worker. Bounded in count (500 chats,
 * 4 visitor and 2 worker messages each) and in time (the test's timeout), it checks what must
 * hold under load: every acknowledged message is stored, once, in the order it was sent, and
 * both sides read the same transcript. Speed is measured elsewhere (npm run bench), not here.
 */
const VISITORS = 500;
const CAPACITY = 6;
const WORKERS = Math.ceil(VISITORS / CAPACITY);
const VISITOR_MESSAGES = 4;
const WORKER_MESSAGES = 2;

let ctx: TestContext;
let second: { app: App; database: Database };

beforeAll(async () => {
  ctx = await build({ SIGNAAL_CHAT_START_RATE_PER_HOUR: '100000', DB_POOL_SIZE: '10' });
  const database = await openPostgres(ctx.database.url!, 10);
  const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', SIGNAAL_DEMO: 'false', LOG_LEVEL: 'silent', DATABASE_URL: ctx.database.url!, SIGNAAL_CHAT_START_RATE_PER_HOUR: '100000' }), database, logger: false });
  await app.ready();
  second = { app, database };
  const admin = await loginAs(ctx, 'admin', 'VR14');
  await ctx.app.inject({ method: 'PUT', url: '/api/chat/opening-hours/NL', headers: admin.headers(true), payload: { days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })) } });
}, 120_000);
afterAll(async () => {
  await second?.app.close();
  await second?.database.close();
  await ctx?.close();
});

/** Runs fn over items with at most `limit` at a time (a crowd, not a stampede on 2 cores). */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/**
 * Sends as the web clients do: one message at a time, resent with the same client id after a
 * server error (under this load a request may wait too long for a pooled connection) until it is
 * acknowledged. The server stores a resent message once, so retries may not add or reorder lines.
 */
async function sendUntilStored(app: App, url: string, headers: Record<string, string>, body: string): Promise<number> {
  const clientId = randomUUID();
  for (let attempt = 1; ; attempt++) {
    const res = await app.inject({ method: 'POST', url, headers, payload: { clientId, body } });
    if (res.statusCode === 201) return res.json<{ seq: number }>().seq;
    if (res.statusCode < 500 || attempt >= 20) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    await new Promise((r) => setTimeout(r, 100 * attempt));
  }
}

describe('500 concurrent visitor chats', () => {
  it('lose and reorder no message', async () => {
    const apps = [ctx.app, second.app];
    const visitors = await pool(Array.from({ length: VISITORS }, (_, i) => i), 50, async (i) => {
      const res = await apps[i % 2]!.inject({ method: 'POST', url: '/api/public/chat', payload: { nickname: `Bezoeker ${i}` } });
      expect(res.statusCode, res.body).toBe(201);
      return { i, token: res.json<{ token: string }>().token, app: apps[i % 2]! };
    });

    const workers: Session[] = [];
    // Each worker signs in from their own address (the sign-in rate limit is per address).
    for (let w = 0; w < WORKERS; w++) workers.push(await loginAs(ctx, 'intake', w % 2 ? 'VR14' : 'VR13', { remoteAddress: `10.9.${Math.floor(w / 200)}.${w % 200}` }));
    // Every worker takes chats up to capacity, on alternating servers, all at once.
    const taken = await pool(workers, 40, async (worker, w) => {
      const app = apps[w % 2]!;
      await app.inject({ method: 'PUT', url: '/api/chat/availability', headers: worker.headers(true), payload: { available: true, capacity: CAPACITY } });
      const ids: string[] = [];
      for (let k = 0; k < CAPACITY; k++) {
        const res = await app.inject({ method: 'POST', url: '/api/chat/next', headers: worker.headers(true) });
        if (res.statusCode === 404) break;
        expect(res.statusCode, res.body).toBe(201);
        ids.push(res.json<{ id: string }>().id);
      }
      return { worker, app, ids };
    });
    const chats = taken.flatMap((t) => t.ids.map((id) => ({ id, worker: t.worker, app: t.app })));
    expect(chats).toHaveLength(VISITORS);
    expect(new Set(chats.map((c) => c.id)).size).toBe(VISITORS); // no chat handed out twice

    // All 500 conversations at once: visitors send in order (each waits for its acknowledgement,
    // as the web client does), workers answer in between, on the other server.
    const byToken = new Map<string, string>();
    await pool(visitors, VISITORS, async (v) => {
      for (let m = 0; m < VISITOR_MESSAGES; m++) {
        await sendUntilStored(v.app, '/api/public/chat/messages', { 'x-chat-token': v.token }, `v${v.i}-m${m}`);
      }
      const view = await v.app.inject({ method: 'GET', url: '/api/public/chat/events', headers: { 'x-chat-token': v.token } });
      byToken.set(v.token, view.json<{ messages: { body: string }[] }>().messages.map((x) => x.body)[0] ?? '');
    });
    await pool(chats, VISITORS, async (c) => {
      for (let m = 0; m < WORKER_MESSAGES; m++) {
        await sendUntilStored(c.app, `/api/chat/sessions/${c.id}/messages`, c.worker.headers(true), `w-m${m}`);
      }
    });

    // Both sides read the whole transcript: all messages, numbered 1..n without gaps, each
    // side's own messages in the order sent.
    await pool(visitors, 100, async (v) => {
      const view = await v.app.inject({ method: 'GET', url: '/api/public/chat/events', headers: { 'x-chat-token': v.token } });
      const msgs = view.json<{ messages: { seq: number; sender: string; body: string }[] }>().messages;
      expect(msgs.map((m) => m.seq)).toEqual(Array.from({ length: VISITOR_MESSAGES + WORKER_MESSAGES }, (_, k) => k + 1));
      expect(msgs.filter((m) => m.sender === 'visitor').map((m) => m.body)).toEqual(Array.from({ length: VISITOR_MESSAGES }, (_, m) => `v${v.i}-m${m}`));
      expect(msgs.filter((m) => m.sender === 'worker').map((m) => m.body)).toEqual(['w-m0', 'w-m1']);
    });
    await pool(chats, 100, async (c) => {
      const res = await c.app.inject({ method: 'GET', url: `/api/chat/sessions/${c.id}`, headers: c.worker.headers() });
      const msgs = res.json<{ messages: { seq: number; body: string }[] }>().messages;
      expect(msgs).toHaveLength(VISITOR_MESSAGES + WORKER_MESSAGES);
    });
    const total = await ctx.database.db.selectFrom('chat_message').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(VISITORS * (VISITOR_MESSAGES + WORKER_MESSAGES));
    expect(byToken.size).toBe(VISITORS);
  }, 300_000);

  it('store a resend that races its original once, and number the chat without gaps', async () => {
    const start = await ctx.app.inject({ method: 'POST', url: '/api/public/chat', payload: { nickname: 'Haast' } });
    const token = start.json<{ token: string }>().token;
    const apps = [ctx.app, second.app];
    const resent = randomUUID();
    // Six copies of one message (a tab resending on both servers after lost answers) and six
    // other messages, all at once: each statement waits for the chat's lock in turn.
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, (_, k) => apps[k % 2]!.inject({ method: 'POST', url: '/api/public/chat/messages', headers: { 'x-chat-token': token }, payload: { clientId: resent, body: 'dubbel' } })),
      ...Array.from({ length: 6 }, (_, k) => apps[k % 2]!.inject({ method: 'POST', url: '/api/public/chat/messages', headers: { 'x-chat-token': token }, payload: { clientId: randomUUID(), body: `los ${k}` } })),
    ]);
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    const copies = new Set(answers.slice(0, 6).map((a) => a.json<{ seq: number }>().seq));
    expect(copies.size).toBe(1);
    const view = await ctx.app.inject({ method: 'GET', url: '/api/public/chat/events', headers: { 'x-chat-token': token } });
    const msgs = view.json<{ messages: { seq: number; body: string }[] }>().messages;
    expect(msgs.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(msgs.filter((m) => m.body === 'dubbel')).toHaveLength(1);
  });
});
