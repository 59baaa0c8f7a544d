import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { openPostgres, type Database } from '../../db/database.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';
import { buildApp, type App } from '../app.ts';

/**
 * Two servers on one PostgreSQL database, as in production: the visitor talks to one, the
 * worker to the other. Each has its own pool and its own LISTEN connection, so everything that
 * crosses between them goes through the database (rows and NOTIFY), as between two processes.
 * (The browser test e2e/chat.e2e.test.ts does the same with two real server processes.)
 */
let ctx: TestContext;
let second: { app: App; database: Database };
let worker: Session;

beforeAll(async () => {
  ctx = await build({ SIGNAAL_CHAT_START_RATE_PER_HOUR: '1000' });
  const database = await openPostgres(ctx.database.url!, 5);
  const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', SIGNAAL_DEMO: 'false', LOG_LEVEL: 'silent', DATABASE_URL: ctx.database.url! }), database, logger: false });
  await app.ready();
  second = { app, database };
  const admin = await loginAs(ctx, 'admin', 'VR14');
  await ctx.app.inject({ method: 'PUT', url: '/api/chat/opening-hours/NL', headers: admin.headers(true), payload: { days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })) } });
  // Sessions live in the database too: signed in through one server, working on the other.
  worker = await loginAs(ctx, 'intake', 'VR14');
});
afterAll(async () => {
  await second?.app.close();
  await second?.database.close();
  await ctx?.close();
});

describe('a chat across two servers', () => {
  it('delivers the queue, the pickup and messages both ways, waking long polls on the other server', async () => {
    const visitorApp = ctx.app;
    const workerApp = second.app;
    const start = await visitorApp.inject({ method: 'POST', url: '/api/public/chat', payload: { nickname: 'Uil' } });
    const token = start.json<{ token: string }>().token;
    const vh = { 'x-chat-token': token };

    // The worker's desk on server 2 sees the visitor of server 1 waiting.
    await workerApp.inject({ method: 'PUT', url: '/api/chat/availability', headers: worker.headers(true), payload: { available: true, capacity: 3 } });
    const overview = await workerApp.inject({ method: 'GET', url: '/api/chat/overview', headers: worker.headers() });
    expect(overview.json()).toMatchObject({ waiting: 1, available: true });

    // The visitor waits (long poll on server 1); the worker takes the chat on server 2.
    const pickup = visitorApp.inject({ method: 'GET', url: '/api/public/chat/events?status=waiting&position=1&wait=20', headers: vh });
    await new Promise((r) => setTimeout(r, 300));
    const taken = await workerApp.inject({ method: 'POST', url: '/api/chat/next', headers: worker.headers(true) });
    const id = taken.json<{ id: string }>().id;
    expect((await pickup).json()).toMatchObject({ status: 'active' });

    // The worker waits on server 2; the visitor writes on server 1.
    const workerWait = workerApp.inject({ method: 'GET', url: `/api/chat/sessions/${id}?wait=20`, headers: worker.headers() });
    await new Promise((r) => setTimeout(r, 300));
    await visitorApp.inject({ method: 'POST', url: '/api/public/chat/messages', headers: vh, payload: { clientId: randomUUID(), body: 'Is dit echt anoniem?' } });
    expect((await workerWait).json<{ messages: { body: string }[] }>().messages.map((m) => m.body)).toEqual(['Is dit echt anoniem?']);

    const visitorWait = visitorApp.inject({ method: 'GET', url: '/api/public/chat/events?after=1&status=active&wait=20', headers: vh });
    await new Promise((r) => setTimeout(r, 300));
    await workerApp.inject({ method: 'POST', url: `/api/chat/sessions/${id}/messages`, headers: worker.headers(true), payload: { clientId: randomUUID(), body: 'Ja. We weten niet wie je bent.' } });
    expect((await visitorWait).json()).toMatchObject({ messages: [{ seq: 2, sender: 'worker', body: 'Ja. We weten niet wie je bent.' }] });
  });
});
