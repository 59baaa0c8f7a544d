import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChatAllWeek, serverProcess, type ServerProcess } from '../test-support/server-process.ts';
import { openTestDatabase, type TestDatabase } from '../test-support/test-database.ts';

/**
 * SIGTERM while visitors wait in a chat long poll (as at every deployment), one of whom closed the
 * tab: the waiting polls are answered and the process ends by itself with exit code 0. Before the fix the answered
 * connection stayed open as keep-alive, close() never finished and the 15-second guard ended the
 * process with exit code 1.
 */
let database: TestDatabase;
let server: ServerProcess;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await serverProcess({ DATABASE_URL: database.url!, DB_POOL_SIZE: '4', SIGNAAL_CHAT_START_RATE_PER_HOUR: '10000' });
  await server.start();
  await openChatAllWeek(server.url);
}, 700_000);
afterAll(async () => {
  await server?.kill('SIGKILL');
  await database?.close();
});

describe('graceful shutdown', () => {
  it('answers the waiting chat long polls and exits with code 0', async () => {
    const polls: Promise<number>[] = [];
    for (let i = 0; i < 3; i++) {
      const started = await fetch(`${server.url}/api/public/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nickname: `Wacht ${i}` }) });
      expect(started.status).toBe(201);
      const { token, position } = (await started.json()) as { token: string; position: number };
      polls.push(fetch(`${server.url}/api/public/chat/events?after=0&status=waiting&position=${position}&wait=25`, { headers: { 'x-chat-token': token } }).then(async (r) => (await r.arrayBuffer(), r.status)));
    }
    // And one visitor whose tab went away while waiting.
    const gone = await fetch(`${server.url}/api/public/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nickname: 'Weg' }) });
    const goneToken = ((await gone.json()) as { token: string }).token;
    const tab = new AbortController();
    const abandoned = fetch(`${server.url}/api/public/chat/events?after=0&status=waiting&position=4&wait=25`, { headers: { 'x-chat-token': goneToken }, signal: tab.signal }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 500)); // the polls are waiting in the server now
    tab.abort();
    expect(await abandoned).toBe('aborted');
    await server.kill('SIGTERM');
    expect(await Promise.all(polls)).toEqual([200, 200, 200]);
    expect(server.exitCode(), server.output().slice(-2000)).toBe(0);
  });
});
