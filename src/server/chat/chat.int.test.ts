import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';
import { runChatMaintenance } from './chat.jobs.ts';
import { openChatBus, type ChatBus } from './chat.bus.ts';

let ctx: TestContext;
let admin: Session;
let bus: ChatBus;

beforeAll(async () => {
  ctx = await build({ SIGNAAL_CHAT_START_RATE_PER_HOUR: '1000' });
  admin = await loginAs(ctx, 'admin', 'VR14');
  bus = await openChatBus(ctx.database);
});
afterAll(async () => {
  await bus?.close();
  await ctx?.close();
});

const cid = () => randomUUID().replaceAll('-', '');

async function setHours(days: { weekday: number; opens: string; closes: string }[]) {
  const res = await ctx.app.inject({ method: 'PUT', url: '/api/chat/opening-hours/NL', headers: admin.headers(true), payload: { days } });
  expect(res.statusCode, res.body).toBe(200);
}
const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));

type VisitorState = { status: string; position: number | null; estimateMinutes: number | null; workerTyping: boolean; messages: { seq: number; sender: string; body: string }[] };

async function startVisitor(nickname: string, municipalityCode: string | null = null) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/public/chat', payload: { nickname, municipalityCode } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<VisitorState & { token: string }>();
}
function visitorEvents(token: string, query = '') {
  return ctx.app.inject({ method: 'GET', url: `/api/public/chat/events?${query}`, headers: { 'x-chat-token': token } });
}
function visitorSend(token: string, body: string, clientId = cid()) {
  return ctx.app.inject({ method: 'POST', url: '/api/public/chat/messages', headers: { 'x-chat-token': token }, payload: { clientId, body } });
}
async function available(s: Session, capacity = 2, on = true) {
  const res = await ctx.app.inject({ method: 'PUT', url: '/api/chat/availability', headers: s.headers(true), payload: { available: on, capacity } });
  expect(res.statusCode, res.body).toBe(200);
}
async function takeNext(s: Session) {
  return ctx.app.inject({ method: 'POST', url: '/api/chat/next', headers: s.headers(true) });
}
function workerChat(s: Session, id: string, query = '') {
  return ctx.app.inject({ method: 'GET', url: `/api/chat/sessions/${id}?${query}`, headers: s.headers() });
}
function workerSend(s: Session, id: string, body: string, clientId = cid()) {
  return ctx.app.inject({ method: 'POST', url: `/api/chat/sessions/${id}/messages`, headers: s.headers(true), payload: { clientId, body } });
}

describe('closed hours', () => {
  it('refuses a chat outside opening hours with the next opening, and takes a message instead', async () => {
    await setHours([]);
    const ex = await ctx.app.inject({ method: 'POST', url: '/api/chat/opening-hours/exceptions', headers: admin.headers(true), payload: { scope: 'NL', dateFrom: '2099-01-05', dateTo: '2099-01-05', opens: '09:00', closes: '22:00', note: 'test' } });
    expect(ex.statusCode, ex.body).toBe(201);
    const opening = await ctx.app.inject({ method: 'GET', url: '/api/public/chat/opening' });
    expect(opening.json()).toMatchObject({ open: false, nextOpening: null }); // more than two weeks away

    const refused = await ctx.app.inject({ method: 'POST', url: '/api/public/chat', payload: { nickname: 'Zon' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'chat_closed' });

    const left = await ctx.app.inject({ method: 'POST', url: '/api/public/chat/message', payload: { nickname: 'Zon', body: 'Kan iemand mij morgen helpen?' } });
    expect(left.statusCode, left.body).toBe(201);
    const state = left.json<VisitorState & { token: string; leftMessage: boolean }>();
    expect(state).toMatchObject({ status: 'waiting', leftMessage: true, position: 1 });
    expect(state.messages.map((m) => m.body)).toEqual(['Kan iemand mij morgen helpen?']);
    await ctx.app.inject({ method: 'POST', url: '/api/public/chat/end', headers: { 'x-chat-token': state.token } });
  });

  it('says when it opens next', async () => {
    await setHours([{ weekday: 1, opens: '09:00', closes: '17:00' }]);
    const res = await ctx.app.inject({ method: 'GET', url: '/api/public/chat/opening' });
    const body = res.json<{ open: boolean; nextOpening: string | null }>();
    if (!body.open) {
      expect(body.nextOpening).not.toBeNull();
      expect(new Date(body.nextOpening!).getTime()).toBeGreaterThan(Date.now());
    }
  });
});

describe('a conversation', () => {
  let worker: Session;
  let colleague: Session;

  beforeAll(async () => {
    await setHours(allWeek);
    worker = await loginAs(ctx, 'intake', 'VR14');
    colleague = await loginAs(ctx, 'intake', 'VR14');
  });

  it('queues visitors in order, lets an available worker take the next one, and moves the queue', async () => {
    const a = await startVisitor('Merel', 'GM0363'); // Amsterdam
    const b = await startVisitor('Vink');
    expect(a.position).toBe(1);
    expect(b.position).toBe(2);
    expect(b.estimateMinutes).toBeNull(); // nobody available: no made-up number

    expect((await takeNext(worker)).json()).toMatchObject({ code: 'not_available' });
    await available(worker, 1);
    const waitingB = await visitorEvents(b.token, 'status=waiting&position=2');
    expect(waitingB.json<VisitorState>().estimateMinutes).toBeGreaterThan(0);

    const taken = await takeNext(worker);
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json()).toMatchObject({ nickname: 'Merel', status: 'active' });
    expect((await visitorEvents(a.token)).json()).toMatchObject({ status: 'active', position: null });
    expect((await visitorEvents(b.token)).json()).toMatchObject({ status: 'waiting', position: 1 });

    // Capacity 1: a second chat waits until the first ends.
    expect((await takeNext(worker)).json()).toMatchObject({ code: 'at_capacity' });

    // Another worker cannot read the chat: row-level security, answered as not found.
    await available(colleague, 2);
    expect((await workerChat(colleague, taken.json<{ id: string }>().id)).statusCode).toBe(404);
    const next = await takeNext(colleague);
    expect(next.json()).toMatchObject({ nickname: 'Vink' });
    await ctx.app.inject({ method: 'POST', url: '/api/public/chat/end', headers: { 'x-chat-token': b.token } });
    await ctx.app.inject({ method: 'POST', url: `/api/chat/sessions/${next.json<{ id: string }>().id}/end`, headers: colleague.headers(true) });

    // Messages: both ways, numbered in order, a resend stored once, resume after a number.
    const id = taken.json<{ id: string }>().id;
    expect((await visitorSend(a.token, 'Hallo, ik durf niet naar huis')).json()).toEqual({ seq: 1 });
    expect((await workerSend(worker, id, 'Fijn dat je er bent. Ben je nu veilig?')).json()).toEqual({ seq: 2 });
    const again = cid();
    expect((await visitorSend(a.token, 'Ja, ik ben bij een vriendin', again)).json()).toEqual({ seq: 3 });
    expect((await visitorSend(a.token, 'Ja, ik ben bij een vriendin', again)).json()).toEqual({ seq: 3 });
    const all = (await visitorEvents(a.token)).json<VisitorState>().messages;
    expect(all.map((m) => [m.seq, m.sender])).toEqual([[1, 'visitor'], [2, 'worker'], [3, 'visitor']]);
    const resumed = (await visitorEvents(a.token, 'after=2&status=active')).json<VisitorState>().messages;
    expect(resumed.map((m) => m.body)).toEqual(['Ja, ik ben bij een vriendin']);
    const workerView = (await workerChat(worker, id, 'after=1')).json<VisitorState>();
    expect(workerView.messages.map((m) => m.seq)).toEqual([2, 3]);

    // Typing is shown to the other side.
    await ctx.app.inject({ method: 'POST', url: `/api/chat/sessions/${id}/typing`, headers: worker.headers(true) });
    expect((await visitorEvents(a.token, 'after=3&status=active')).json()).toMatchObject({ workerTyping: true });

    // A long poll answers as soon as the other side writes.
    const waiting = visitorEvents(a.token, 'after=3&status=active&typing=true&wait=10');
    await new Promise((r) => setTimeout(r, 200));
    await workerSend(worker, id, 'Blijf daar vannacht.');
    const woke = (await waiting).json<VisitorState>();
    expect(woke.messages.map((m) => m.body)).toEqual(['Blijf daar vannacht.']);

    // Transfer to a colleague with a note: the colleague now has it, the first worker no longer.
    const transfer = await ctx.app.inject({ method: 'POST', url: `/api/chat/sessions/${id}/transfer`, headers: worker.headers(true), payload: { toUserId: colleague.userId, note: 'Jonge vrouw, veilig bij vriendin, vraagt naar opvang' } });
    expect(transfer.statusCode, transfer.body).toBe(200);
    expect((await workerChat(worker, id)).statusCode).toBe(404);
    const atColleague = (await workerChat(colleague, id)).json<VisitorState & { transferNote: string }>();
    expect(atColleague.transferNote).toContain('opvang');
    expect(atColleague.messages).toHaveLength(4);

    // Tags and the conversion into a melding with the transcript attached.
    const tags = await ctx.app.inject({ method: 'PUT', url: `/api/chat/sessions/${id}/tags`, headers: colleague.headers(true), payload: { visitorGroup: 'slachtoffer', ageGroup: '18-24', topics: ['partnergeweld'], outcome: null } });
    expect(tags.statusCode, tags.body).toBe(200);
    const conv = await ctx.app.inject({ method: 'POST', url: `/api/chat/sessions/${id}/contact`, headers: colleague.headers(true), payload: { kind: 'melding', reporterType: 'particulier', violenceType: 'partnergeweld', summary: 'Zorgen over partnergeweld' } });
    expect(conv.statusCode, conv.body).toBe(201);
    const contactId = conv.json<{ contactId: string }>().contactId;
    const contact = await ctx.app.inject({ method: 'GET', url: `/api/contacts/${contactId}`, headers: colleague.headers() });
    expect(contact.json()).toMatchObject({ kind: 'melding', channel: 'chat', regionCode: 'VR14' });
    expect(contact.json<{ summary: string }>().summary).toContain('Merel: Hallo, ik durf niet naar huis');
    expect(contact.json<{ summary: string }>().summary).toContain('Medewerker: Blijf daar vannacht.');
    const again2 = await ctx.app.inject({ method: 'POST', url: `/api/chat/sessions/${id}/contact`, headers: colleague.headers(true), payload: { kind: 'advies' } });
    expect(again2.json()).toMatchObject({ code: 'already_converted' });

    // The worker ends it; the visitor sees that and can send no more.
    const end = await ctx.app.inject({ method: 'POST', url: `/api/chat/sessions/${id}/end`, headers: colleague.headers(true) });
    expect(end.json()).toMatchObject({ status: 'ended', outcome: 'omgezet-melding' });
    expect((await visitorEvents(a.token)).json()).toMatchObject({ status: 'ended', endedBy: 'worker' });
    expect((await visitorSend(a.token, 'nog iets')).statusCode).toBe(409);

    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'reason']).where('record_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['chat.start', 'chat.take', 'chat.transfer', 'chat.tag', 'chat.convert', 'chat.end']));
    // Audit entries carry codes, never what was said.
    for (const a of audit) expect(a.reason ?? '').not.toContain('vriendin');
  });

  it('transfers to another region\'s queue with the chat keeping its turn', async () => {
    const v = await startVisitor('Kauw');
    const taken = await takeNext(worker);
    expect(taken.json()).toMatchObject({ nickname: 'Kauw' });
    const id = taken.json<{ id: string }>().id;
    const t = await ctx.app.inject({ method: 'POST', url: `/api/chat/sessions/${id}/transfer`, headers: worker.headers(true), payload: { toRegion: 'VR09', note: 'Woont in Utrecht' } });
    expect(t.json()).toMatchObject({ status: 'waiting', regionCode: 'VR09' });
    expect((await visitorEvents(v.token)).json()).toMatchObject({ status: 'waiting', position: 1 });
    const utrecht = await loginAs(ctx, 'intake', 'VR09');
    await available(utrecht, 2);
    const byUtrecht = await takeNext(utrecht);
    expect(byUtrecht.json()).toMatchObject({ id, transferNote: 'Woont in Utrecht' });
    await ctx.app.inject({ method: 'POST', url: '/api/public/chat/end', headers: { 'x-chat-token': v.token } });
  });

  it('refuses a visitor without a valid token and staff without the chat permission', async () => {
    expect((await visitorEvents('x'.repeat(43))).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/chat/events' })).statusCode).toBe(400);
    const cm = await loginAs(ctx, 'casemanager', 'VR14');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/chat/overview', headers: cm.headers() })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/chat/opening-hours', headers: worker.headers() })).statusCode).toBe(403);
  });
});

describe('maintenance', () => {
  it('ends chats whose visitor left, and deletes old transcripts unless attached to a file, audited without content', async () => {
    await setHours(allWeek);
    const gone = await startVisitor('Weg');
    const goneId = (await ctx.database.db.selectFrom('chat_session').select('id').where('nickname', '=', 'Weg').executeTakeFirstOrThrow()).id;
    const later = new Date(Date.now() + 5 * 60_000);
    const r1 = await runChatMaintenance(ctx.database.db, bus, { retentionDays: 30, now: later });
    expect(r1.abandoned).toBeGreaterThanOrEqual(1);
    expect((await visitorEvents(gone.token)).json()).toMatchObject({ status: 'ended' });

    const kept = await ctx.database.db.selectFrom('chat_session').select(['id']).where('contact_id', 'is not', null).executeTakeFirstOrThrow();
    const muchLater = new Date(Date.now() + 31 * 24 * 3600_000);
    const r2 = await runChatMaintenance(ctx.database.db, bus, { retentionDays: 30, now: muchLater });
    expect(r2.transcriptsDeleted).toBeGreaterThanOrEqual(1);
    const msgs = await ctx.database.db.selectFrom('chat_message').select('session_id').execute();
    expect(new Set(msgs.map((m) => m.session_id))).toEqual(new Set([kept.id]));
    const after = await ctx.database.db.selectFrom('chat_session').select(['nickname', 'transcript_deleted_at']).where('id', '=', goneId).executeTakeFirstOrThrow();
    expect(after.nickname).toBe('-');
    expect(after.transcript_deleted_at).not.toBeNull();
    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'reason', 'actor_role']).where('record_id', '=', goneId).where('action', '=', 'chat.transcript.delete').execute();
    expect(audit).toEqual([{ action: 'chat.transcript.delete', reason: 'retention 30 days', actor_role: 'system' }]);
    // The visitor's token no longer opens anything.
    expect((await visitorEvents(gone.token)).statusCode).toBe(404);
  });
});
