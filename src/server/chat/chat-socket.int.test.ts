import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';
import { SocketClient, type Frame } from '../../test-support/chat-socket-client.ts';
import { appendMessage, workerMessagesAfter } from './chat.service.ts';

// The chat over WebSockets (chat-socket.routes.ts) against a listening server: what a visitor's
// tab and a worker's console see, and what they are refused.

let ctx: TestContext;
let admin: Session;
let base: string;

beforeAll(async () => {
  ctx = await build({ SIGNAAL_CHAT_START_RATE_PER_HOUR: '1000' });
  admin = await loginAs(ctx, 'admin', 'VR14');
  const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = address.replace('http://', 'ws://');
  const days = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
  const res = await ctx.app.inject({ method: 'PUT', url: '/api/chat/opening-hours/NL', headers: admin.headers(true), payload: { days } });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => {
  await ctx?.close();
});

const cid = () => randomUUID().replaceAll('-', '');
type Msg = { seq: number; sender: string; body: string };
const messagesOf = (f: Frame) => f.messages as Msg[];

async function startVisitor(nickname: string): Promise<string> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/public/chat', payload: { nickname } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ token: string }>().token;
}
async function visitorSocket(token: string, after = 0): Promise<SocketClient> {
  const s = await SocketClient.open(`${base}/api/public/chat/socket`);
  s.send({ t: 'hello', token, after });
  return s;
}
/** A worker with one chat taken from the queue (the visitor's), over HTTP as the console does. */
async function workerWithChat(token: string): Promise<{ worker: Session; chatId: string }> {
  const worker = await loginAs(ctx, 'intake', 'VR14');
  const av = await ctx.app.inject({ method: 'PUT', url: '/api/chat/availability', headers: worker.headers(true), payload: { available: true, capacity: 6 } });
  expect(av.statusCode, av.body).toBe(200);
  // Other tests' chats may wait in the same queue: take until this visitor's chat is ours.
  for (let i = 0; i < 20; i++) {
    const taken = await ctx.app.inject({ method: 'POST', url: '/api/chat/next', headers: worker.headers(true) });
    expect(taken.statusCode, taken.body).toBe(201);
    const chatId = taken.json<{ id: string }>().id;
    const mine = await ctx.app.inject({ method: 'GET', url: '/api/public/chat/events', headers: { 'x-chat-token': token } });
    if (mine.json<{ status: string }>().status === 'active') return { worker, chatId };
    await ctx.app.inject({ method: 'POST', url: `/api/chat/sessions/${chatId}/end`, headers: worker.headers(true) });
  }
  throw new Error('the visitor\'s chat was not taken');
}
function workerSocket(worker: Session): Promise<SocketClient> {
  return SocketClient.open(`${base}/api/chat/socket`, { cookie: worker.headers().cookie! });
}

describe('a conversation over sockets', () => {
  it('delivers each message to the other side once stored, in order, and acknowledges it with its number', async () => {
    const token = await startVisitor('Merel');
    const visitor = await visitorSocket(token);
    const waiting = await visitor.next((f) => f.t === 'view');
    expect(waiting).toMatchObject({ status: 'waiting', messages: [] });
    expect(waiting.position).toBeGreaterThanOrEqual(1);

    const { worker, chatId } = await workerWithChat(token);
    // Taking the chat is pushed to the visitor: no request of theirs is needed.
    await visitor.next((f) => f.t === 'view' && f.status === 'active');

    const desk = await workerSocket(worker);
    desk.send({ t: 'watch', chatId, after: 0 });
    expect(await desk.next((f) => f.t === 'chat')).toMatchObject({ id: chatId, status: 'active', nickname: 'Merel', messages: [] });

    const first = cid();
    visitor.send({ t: 'send', clientId: first, body: 'Hallo, ik wil iets vragen' });
    expect(await visitor.next((f) => f.t === 'ack')).toEqual({ t: 'ack', clientId: first, seq: 1 });
    const seen = await desk.next((f) => f.t === 'chat' && messagesOf(f).length > 0);
    expect(messagesOf(seen).map((m) => [m.seq, m.sender, m.body])).toEqual([[1, 'visitor', 'Hallo, ik wil iets vragen']]);

    desk.send({ t: 'send', chatId, clientId: cid(), body: 'Natuurlijk, vertel maar' });
    expect(await desk.next((f) => f.t === 'ack')).toMatchObject({ chatId, seq: 2 });
    const reply = await visitor.next((f) => f.t === 'view' && messagesOf(f).some((m) => m.sender === 'worker'));
    expect(messagesOf(reply).map((m) => m.body)).toContain('Natuurlijk, vertel maar');

    // A resend after a lost acknowledgement answers the same number and is stored once.
    visitor.send({ t: 'send', clientId: first, body: 'Hallo, ik wil iets vragen' });
    expect(await visitor.next((f) => f.t === 'ack')).toEqual({ t: 'ack', clientId: first, seq: 1 });
    const transcript = await ctx.app.inject({ method: 'GET', url: `/api/chat/sessions/${chatId}`, headers: worker.headers() });
    expect(transcript.json<{ messages: Msg[] }>().messages.map((m) => m.seq)).toEqual([1, 2]);

    // One audited read for the live view, not one per pushed message.
    const reads = await ctx.database.db.selectFrom('audit_log').select('reason').where('record_id', '=', chatId).where('action', '=', 'chat.read').execute();
    expect(reads.map((r) => r.reason)).toEqual(['live after 0', 'after 0']);

    visitor.close();
    desk.close();
  });

  it('resumes after a lost connection with exactly the messages that were missed', async () => {
    const token = await startVisitor('Reiger');
    const { worker, chatId } = await workerWithChat(token);
    const visitor = await visitorSocket(token);
    await visitor.next((f) => f.t === 'view' && f.status === 'active');
    visitor.send({ t: 'send', clientId: cid(), body: 'een' });
    const { seq } = await visitor.next((f) => f.t === 'ack');
    visitor.ws.terminate(); // the phone lost its network

    const desk = await workerSocket(worker);
    desk.send({ t: 'send', chatId, clientId: cid(), body: 'twee' });
    await desk.next((f) => f.t === 'ack');
    desk.send({ t: 'send', chatId, clientId: cid(), body: 'drie' });
    await desk.next((f) => f.t === 'ack');

    const again = await visitorSocket(token, seq as number);
    const view = await again.next((f) => f.t === 'view');
    expect(messagesOf(view).map((m) => m.body)).toEqual(['twee', 'drie']);
    again.close();
    desk.close();
  });

  it('tells the worker when the visitor ends the chat', async () => {
    const token = await startVisitor('Uil');
    const { worker, chatId } = await workerWithChat(token);
    const desk = await workerSocket(worker);
    desk.send({ t: 'watch', chatId, after: 0 });
    await desk.next((f) => f.t === 'chat');
    const end = await ctx.app.inject({ method: 'POST', url: '/api/public/chat/end', headers: { 'x-chat-token': token } });
    expect(end.statusCode).toBe(200);
    expect(await desk.next((f) => f.t === 'chat' && f.status === 'ended')).toMatchObject({ id: chatId, endedBy: 'visitor' });
    desk.send({ t: 'send', chatId, clientId: cid(), body: 'Bent u er nog?' });
    expect(await desk.next((f) => f.t === 'error')).toMatchObject({ code: 'chat_ended', status: 409, retry: false });
    desk.close();
  });
});

describe('a lost wake-up', () => {
  it('still delivers a message stored without its notification (a crash between commit and notify), at the next sweep', async () => {
    const token = await startVisitor('Kievit');
    const { worker, chatId } = await workerWithChat(token);
    const desk = await workerSocket(worker);
    desk.send({ t: 'watch', chatId, after: 0 });
    await desk.next((f) => f.t === 'chat');
    // Stored as the socket route stores it, but the wake-up that follows the commit never goes out.
    const stored = await appendMessage(ctx.database.db, chatId, { sender: 'visitor', clientId: cid(), body: 'zonder seintje' }, 'after-commit');
    await new Promise((r) => setTimeout(r, 300));
    expect(desk.frames.some((f) => f.t === 'chat' && messagesOf(f).some((m) => m.body === 'zonder seintje'))).toBe(false);
    const late = await desk.next((f) => f.t === 'chat' && messagesOf(f).length > 0, 15_000);
    expect(messagesOf(late).map((m) => [m.seq, m.body])).toEqual([[stored.seq, 'zonder seintje']]);
    desk.close();
  }, 20_000);
});

describe('after a transfer', () => {
  it('the giver\'s socket is told the chat is gone and shows none of what follows; the colleague\'s shows it', async () => {
    const token = await startVisitor('Specht');
    const { worker, chatId } = await workerWithChat(token);
    const colleague = await loginAs(ctx, 'intake', 'VR14');
    const av = await ctx.app.inject({ method: 'PUT', url: '/api/chat/availability', headers: colleague.headers(true), payload: { available: true, capacity: 2 } });
    expect(av.statusCode).toBe(200);
    const giver = await workerSocket(worker);
    giver.send({ t: 'watch', chatId, after: 0 });
    await giver.next((f) => f.t === 'chat');
    const visitor = await visitorSocket(token);
    await visitor.next((f) => f.t === 'view');
    visitor.send({ t: 'send', clientId: cid(), body: 'voor de eerste' });
    await giver.next((f) => f.t === 'chat' && messagesOf(f).some((m) => m.body === 'voor de eerste'));

    const moved = await ctx.app.inject({ method: 'POST', url: `/api/chat/sessions/${chatId}/transfer`, headers: worker.headers(true), payload: { toUserId: colleague.userId, note: 'Neem jij het over?' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await giver.next((f) => f.t === 'gone')).toEqual({ t: 'gone', chatId });
    const taker = await workerSocket(colleague);
    taker.send({ t: 'watch', chatId, after: 0 });
    await taker.next((f) => f.t === 'chat');
    visitor.send({ t: 'send', clientId: cid(), body: 'na de overdracht' });
    await taker.next((f) => f.t === 'chat' && messagesOf(f).some((m) => m.body === 'na de overdracht'));
    // The giver can neither read nor write in it any more.
    giver.send({ t: 'send', chatId, clientId: cid(), body: 'nog even' });
    expect(await giver.next((f) => f.t === 'error')).toMatchObject({ code: 'not_found' });
    expect(giver.frames.some((f) => f.t === 'chat' && messagesOf(f).some((m) => m.body === 'na de overdracht'))).toBe(false);
    // The one-round-trip read a socket does per message answers only the worker who holds it.
    expect(await workerMessagesAfter(ctx.database.db, chatId, 0, worker.userId)).toEqual([]);
    expect((await workerMessagesAfter(ctx.database.db, chatId, 0, colleague.userId)).map((m) => m.body)).toEqual(['voor de eerste', 'na de overdracht']);
    for (const s of [giver, taker, visitor]) s.close();
  });
});

describe('refusals', () => {
  it('closes a visitor socket with an unknown token, and keeps one open after a malformed frame', async () => {
    const visitor = await SocketClient.open(`${base}/api/public/chat/socket`);
    visitor.send({ t: 'send', clientId: cid(), body: 'eerst hello' });
    expect(await visitor.next((f) => f.t === 'error')).toMatchObject({ code: 'unauthenticated' });
    visitor.ws.send('geen json');
    expect(await visitor.next((f) => f.t === 'error')).toMatchObject({ code: 'validation_failed' });
    visitor.send({ t: 'hello', token: 'x'.repeat(43), after: 0 });
    expect(await visitor.next((f) => f.t === 'error')).toMatchObject({ code: 'chat_not_found', retry: false });
    expect(await visitor.waitClosed()).toBe(4404);
  });

  it('closes a socket that floods the server with frames', async () => {
    const visitor = await SocketClient.open(`${base}/api/public/chat/socket`);
    for (let i = 0; i < 70; i++) visitor.send({ t: 'typing' });
    expect(await visitor.next((f) => f.t === 'error' && f.code === 'rate_limited')).toMatchObject({ status: 429, retry: false });
    expect(await visitor.waitClosed()).toBe(4429);
  });

  it('refuses a worker socket without a session, without the permission, or opened from another site', async () => {
    await expect(SocketClient.open(`${base}/api/chat/socket`)).rejects.toMatchObject({ status: 401 });
    const casemanager = await loginAs(ctx, 'casemanager', 'VR14');
    await expect(workerSocket(casemanager)).rejects.toMatchObject({ status: 403 });
    const worker = await loginAs(ctx, 'intake', 'VR14');
    const crossSite = () => ctx.database.db.selectFrom('audit_log').select('action').where('action', '=', 'csrf').where('reason', '=', 'cross-site request').execute();
    const before = (await crossSite()).length;
    await expect(SocketClient.open(`${base}/api/chat/socket`, { cookie: worker.headers().cookie!, origin: 'https://kwaadaardig.example' })).rejects.toMatchObject({ status: 403 });
    expect((await crossSite()).length).toBe(before + 1);
    // The same socket from the site itself opens.
    const own = await SocketClient.open(`${base}/api/chat/socket`, { cookie: worker.headers().cookie!, origin: base.replace('ws://', 'http://') });
    own.close();
  });

  it('does not show a worker a chat that is not theirs, and closes the socket after logout', async () => {
    const token = await startVisitor('Vink');
    const { chatId } = await workerWithChat(token);
    const other = await loginAs(ctx, 'intake', 'VR14');
    const desk = await workerSocket(other);
    desk.send({ t: 'watch', chatId, after: 0 });
    expect(await desk.next((f) => f.t === 'error')).toMatchObject({ chatId, code: 'not_found', status: 404 });
    desk.send({ t: 'send', chatId, clientId: cid(), body: 'meelezen' });
    expect(await desk.next((f) => f.t === 'error')).toMatchObject({ code: 'not_found' });
    const denied = await ctx.database.db.selectFrom('audit_log').select(['action', 'outcome']).where('record_id', '=', chatId).where('actor_id', '=', other.userId).execute();
    expect(denied).toEqual(expect.arrayContaining([{ action: 'chat.read', outcome: 'denied' }, { action: 'chat.message', outcome: 'denied' }]));

    // Signing out (here, or on another server) closes the open socket at once: no frame needed.
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: other.headers(true) });
    expect(out.statusCode).toBe(204);
    expect(await desk.next((f) => f.t === 'error')).toMatchObject({ code: 'unauthenticated' });
    expect(await desk.waitClosed()).toBe(4401);
  });
});
