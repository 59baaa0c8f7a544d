import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogin, openChatAllWeek, serverProcess, type HttpSession, type ServerProcess } from '../test-support/server-process.ts';
import { SocketClient } from '../test-support/chat-socket-client.ts';
import { openTestDatabase, type TestDatabase } from '../test-support/test-database.ts';
import { newKey, sendUntilAcknowledged } from './client.ts';

/**
 * Two server processes on one PostgreSQL database; one is killed with SIGKILL in the middle of
 * its chats. Chats on the survivor go on; the dead one's visitors reconnect to the survivor (as a
 * load balancer would send them) with the same token, resend what was not acknowledged with the
 * same clientId, resume "after N", and no message is lost, doubled or reordered.
 */
const PER_SERVER = 3;

let database: TestDatabase;
let a: ServerProcess;
let b: ServerProcess;
let worker: HttpSession;

beforeAll(async () => {
  database = await openTestDatabase();
  const env = { DATABASE_URL: database.url!, DB_POOL_SIZE: '4', SIGNAAL_CHAT_START_RATE_PER_HOUR: '10000' };
  a = await serverProcess(env);
  b = await serverProcess(env);
  await a.start();
  await b.start();
  await openChatAllWeek(b.url);
  worker = await demoLogin(b.url, 'intake@demo.signaal.example');
}, 700_000);
afterAll(async () => {
  await a?.kill('SIGKILL');
  await b?.kill('SIGKILL');
  await database?.close();
});

interface Visitor {
  name: string;
  token: string;
  server: ServerProcess;
  seen: number;
}

interface ViewMessage {
  seq: number;
  sender: string;
  body: string;
}

/** A visitor's tab: sends to its server; when that is gone, goes to the other with the same clientId. */
async function send(v: Visitor, body: string): Promise<number> {
  const clientId = newKey();
  const ack = await sendUntilAcknowledged(() => `${v.server.url}/api/public/chat/messages`, { 'x-chat-token': v.token }, { clientId, body }, {
    attempts: 20,
    onFailure: ({ status }) => {
      if (status === 'network') v.server = v.server === a ? b : a;
    },
  });
  return Number(ack.body.seq);
}

async function events(v: Visitor, wait = 0): Promise<{ status: string; messages: ViewMessage[] }> {
  const res = await fetch(`${v.server.url}/api/public/chat/events?after=${v.seen}&status=active&wait=${wait}`, { headers: { 'x-chat-token': v.token } });
  if (res.status !== 200) throw new Error(`events: ${res.status} ${await res.text()}`);
  const view = (await res.json()) as { status: string; messages: ViewMessage[] };
  v.seen = view.messages.at(-1)?.seq ?? v.seen;
  return view;
}

describe('two server processes, one killed', () => {
  it('keeps the survivor\'s chats going and resumes the dead one\'s visitors on the survivor without losing a message', async () => {
    const visitors: Visitor[] = [];
    for (const server of [a, b]) {
      for (let i = 0; i < PER_SERVER; i++) {
        const name = `${server === a ? 'A' : 'B'}${i}`;
        const started = await sendUntilAcknowledged(`${server.url}/api/public/chat`, {}, { nickname: name });
        visitors.push({ name, token: String(started.body.token), server, seen: 0 });
      }
    }
    // One worker (on the survivor-to-be) takes all six chats.
    const avail = await fetch(`${b.url}/api/chat/availability`, { method: 'PUT', headers: worker.headers, body: JSON.stringify({ available: true, capacity: 6 }) });
    expect(avail.status).toBe(200);
    const chatOf = new Map<string, string>();
    for (let k = 0; k < visitors.length; k++) {
      const { 'content-type': _json, ...noBody } = worker.headers;
      const taken = await fetch(`${b.url}/api/chat/next`, { method: 'POST', headers: noBody });
      expect(taken.status).toBe(201);
      const t = (await taken.json()) as { id: string; nickname: string };
      chatOf.set(t.nickname, t.id);
    }
    expect(chatOf.size).toBe(visitors.length);

    for (const v of visitors) for (let m = 0; m < 2; m++) await send(v, `${v.name}-m${m}`);

    // Visitors of A have read everything and wait in a long poll on A when it dies.
    for (const v of visitors) expect((await events(v)).messages.map((m) => m.body)).toEqual([`${v.name}-m0`, `${v.name}-m1`]);
    const ofA = visitors.filter((v) => v.server === a);
    const polls = ofA.map((v) => events(v, 20).then(() => 'answered', () => 'cut'));
    await new Promise((r) => setTimeout(r, 300));
    // Everyone is sending their third message as A dies: on A it may or may not be stored before
    // the kill; unacknowledged, the tab resends it (same clientId) to B.
    const racing = visitors.map((v) => send(v, `${v.name}-m2`));
    await a.kill('SIGKILL');
    expect(await Promise.all(polls)).toEqual(ofA.map(() => 'cut'));
    await Promise.all(racing);

    // Everyone writes on; A's visitors found A gone and moved to B on their own (send()).
    for (const v of visitors) await send(v, `${v.name}-m3`);
    expect(visitors.every((v) => v.server === b)).toBe(true);

    // The worker answers every chat; each visitor reads it on B, resuming after what it had.
    for (const v of visitors) {
      const res = await fetch(`${b.url}/api/chat/sessions/${chatOf.get(v.name)}/messages`, { method: 'POST', headers: worker.headers, body: JSON.stringify({ clientId: newKey(), body: `antwoord ${v.name}` }) });
      expect(res.status).toBe(201);
    }
    for (const v of visitors) {
      const view = await events(v);
      expect(view.messages.filter((m) => m.sender === 'worker').map((m) => m.body)).toEqual([`antwoord ${v.name}`]);
    }

    // The worker's transcript: every visitor message once, in order, numbered without gaps.
    for (const v of visitors) {
      const res = await fetch(`${b.url}/api/chat/sessions/${chatOf.get(v.name)}`, { headers: worker.headers });
      const msgs = ((await res.json()) as { messages: ViewMessage[] }).messages;
      expect(msgs.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(msgs.map((m) => m.body)).toEqual([0, 1, 2, 3].map((m) => `${v.name}-m${m}`).concat(`antwoord ${v.name}`));
    }
  }, 600_000);

  it('over WebSockets too: the dead server\'s visitor reconnects to the survivor, resumes after N and resends once; the worker\'s socket on the survivor goes on', async () => {
    await a.start();
    // The first test's six chats end, so the worker has room for this one.
    await database.db.updateTable('chat_session').set({ status: 'ended', ended_at: new Date(), ended_by: 'worker' }).where('status', '=', 'active').execute();
    const started = await sendUntilAcknowledged(`${a.url}/api/public/chat`, {}, { nickname: 'Sock' });
    const token = String(started.body.token);
    const { 'content-type': _json, ...noBody } = worker.headers;
    const taken = await fetch(`${b.url}/api/chat/next`, { method: 'POST', headers: noBody });
    expect(taken.status).toBe(201);
    const chatId = ((await taken.json()) as { id: string }).id;
    const desk = await SocketClient.open(`${b.url.replace('http', 'ws')}/api/chat/socket`, { cookie: worker.headers.cookie! });
    desk.send({ t: 'watch', chatId, after: 0 });
    await desk.next((f) => f.t === 'chat');

    const tab = await SocketClient.open(`${a.url.replace('http', 'ws')}/api/public/chat/socket`);
    tab.send({ t: 'hello', token, after: 0 });
    await tab.next((f) => f.t === 'view');
    let seen = 0;
    for (const body of ['s-m0', 's-m1']) {
      tab.send({ t: 'send', clientId: `client-${body}`, body });
      seen = (await tab.next((f) => f.t === 'ack' && f.clientId === `client-${body}`)).seq as number;
    }
    // The third message is on its way as A dies: stored or not, unacknowledged.
    tab.send({ t: 'send', clientId: 'client-s-m2', body: 's-m2' });
    await a.kill('SIGKILL');
    await tab.waitClosed();

    // The tab reconnects to B (as a load balancer would send it), resumes after what it has and
    // resends what was not acknowledged, with the same id.
    const again = await SocketClient.open(`${b.url.replace('http', 'ws')}/api/public/chat/socket`);
    again.send({ t: 'hello', token, after: seen });
    await again.next((f) => f.t === 'view');
    again.send({ t: 'send', clientId: 'client-s-m2', body: 's-m2' });
    await again.next((f) => f.t === 'ack' && f.clientId === 'client-s-m2');
    again.send({ t: 'send', clientId: 'client-s-m3', body: 's-m3' });
    await again.next((f) => f.t === 'ack' && f.clientId === 'client-s-m3');

    // The worker's socket on B never went away: it shows all four, once each, in order, and its answer reaches the tab.
    const shown = new Map<number, string>();
    while (shown.size < 4) {
      const f = await desk.next((x) => x.t === 'chat', 15_000);
      for (const m of f.messages as ViewMessage[]) shown.set(m.seq, m.body);
    }
    expect([...shown.entries()].sort((x, y) => x[0] - y[0])).toEqual([[1, 's-m0'], [2, 's-m1'], [3, 's-m2'], [4, 's-m3']]);
    desk.send({ t: 'send', chatId, clientId: newKey(), body: 'antwoord Sock' });
    await desk.next((f) => f.t === 'ack');
    const reply = await again.next((f) => f.t === 'view' && (f.messages as ViewMessage[]).some((m) => m.body === 'antwoord Sock'));
    expect((reply.messages as ViewMessage[]).map((m) => m.seq)).toEqual([5]);
    desk.close();
    again.close();
  }, 300_000);
});
