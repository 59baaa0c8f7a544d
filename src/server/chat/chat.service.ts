import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { transaction, type Actor } from '../../db/scope.ts';
import { openingState, type OpeningState, type Schedule } from '../../domain/chat/opening-hours.ts';
import { estimateWaitMinutes } from '../../domain/chat/vocabulary.ts';
import { encryptValue } from '../../db/field-encryption.plugin.ts';
import { AppError, recordNotFound } from '../errors.ts';
import type { ChatBus } from './chat.bus.ts';

export type ChatErrorCode =
  | 'chat_closed'
  | 'chat_not_found'
  | 'chat_ended'
  | 'queue_empty'
  | 'at_capacity'
  | 'not_available'
  | 'not_your_chat'
  | 'unknown_colleague'
  | 'unknown_region'
  | 'already_converted'
  | 'unknown_municipality';
export class ChatError extends AppError<ChatErrorCode> {}

type Executor = Kysely<DB> | Transaction<DB>;

/** How long a visitor's tab may stay silent before their chat counts as abandoned. */
export const VISITOR_GONE_MS = 2 * 60_000;
/** A "typing..." signal shows this long after the last keystroke signal. */
export const TYPING_MS = 6_000;

/** The visitor's key to their chat: 32 random bytes, held only in their tab. */
export function newChatToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only a hash is stored: a database copy cannot be used to read along in someone's chat. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function loadSchedule(db: Executor): Promise<Schedule> {
  const [weekly, exceptions] = await Promise.all([
    db.selectFrom('chat_opening_hours').selectAll().execute(),
    db.selectFrom('chat_opening_exception').selectAll().execute(),
  ]);
  return {
    weekly: weekly.map((w) => ({ scope: w.scope, weekday: w.weekday, opens: w.opens, closes: w.closes })),
    exceptions: exceptions.map((e) => ({ scope: e.scope, dateFrom: e.date_from, dateTo: e.date_to, workingDaysOnly: e.working_days_only, opens: e.opens, closes: e.closes })),
  };
}

export async function chatOpening(db: Executor, region: string | null, now = new Date()): Promise<OpeningState> {
  return openingState(await loadSchedule(db), region, now);
}

export interface MessageOut {
  seq: number;
  sender: 'visitor' | 'worker' | 'system';
  body: string;
  sentAt: string;
}

export async function messagesAfter(db: Executor, sessionId: string, after: number, limit = 500): Promise<MessageOut[]> {
  const rows = await db
    .selectFrom('chat_message')
    .select(['seq', 'sender', 'body', 'sent_at'])
    .where('session_id', '=', sessionId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: r.seq, sender: r.sender, body: r.body, sentAt: new Date(r.sent_at).toISOString() }));
}

/**
 * The messages after a number of a chat the worker holds (none otherwise), in one round trip
 * (signaal_chat_worker_messages, migration 0027): what a worker's socket reads per pushed message.
 */
export async function workerMessagesAfter(db: Executor, sessionId: string, after: number, workerId: string): Promise<MessageOut[]> {
  const { rows } = await sql<{ seq: number; sender: MessageOut['sender']; body: string; sent_at: Date }>`
    select seq, sender, body, sent_at from signaal_chat_worker_messages(${sessionId}::uuid, ${after}::int, ${workerId}::uuid)`.execute(db);
  return rows.map((r) => ({ seq: r.seq, sender: r.sender, body: r.body, sentAt: new Date(r.sent_at).toISOString() }));
}

/**
 * Appends one message exactly once, in one round trip (signaal_chat_append, migration 0027): the
 * chat row is locked first, so numbers are given out one at a time per chat (no gaps, no
 * reordering), and a resent message (same client id, after a lost acknowledgement) answers the
 * number it already has instead of being stored twice. The notification that wakes the other
 * side is sent in the same transaction.
 *
 * A worker's message (worker set) is stored only in an active chat that worker holds; anything
 * else answers as the worker routes always did: 404 (audited) or 409.
 */
export async function appendMessage(
  db: Executor,
  sessionId: string,
  m: { sender: 'visitor' | 'worker'; clientId: string; body: string; worker?: string },
  /** 'after-commit': the caller wakes the other side itself once committed (ChatBus.wake). */
  notify: 'in-transaction' | 'after-commit' = 'in-transaction',
): Promise<{ seq: number; duplicate: boolean }> {
  // Encrypted here, as the field-encryption plugin would for an INSERT: a function argument is
  // not a column it can see.
  const body = encryptValue(m.body, 'text', 'body') as string;
  const { rows } = await sql<{ seq: number | null; outcome: string }>`
    select seq, outcome from signaal_chat_append(${sessionId}::uuid, ${m.sender}, ${m.clientId}, ${body}, ${m.worker ?? null}::uuid, ${notify === 'in-transaction'})`.execute(db);
  const r = rows[0];
  if (r && r.seq !== null && (r.outcome === 'stored' || r.outcome === 'duplicate')) return { seq: r.seq, duplicate: r.outcome === 'duplicate' };
  if (m.worker !== undefined) {
    if (r?.outcome === 'ended' || r?.outcome === 'not_active') throw new ChatError(409, 'chat_ended', 'Dit gesprek is beëindigd');
    throw recordNotFound('chat', sessionId, 'chat.message');
  }
  if (r?.outcome === 'ended') throw new ChatError(409, 'chat_ended', 'Dit gesprek is beëindigd');
  throw new ChatError(404, 'chat_not_found', 'Dit gesprek bestaat niet (meer)');
}

/** The visitor is typing: shown to the worker for TYPING_MS (long poll and socket alike). */
export async function markVisitorTyping(db: Kysely<DB>, bus: ChatBus, sessionId: string): Promise<void> {
  await transaction(db, async (trx) => {
    await trx.updateTable('chat_session').set({ visitor_typing_at: new Date() }).where('id', '=', sessionId).where('status', '=', 'active').execute();
    await bus.publish(trx, `s:${sessionId}`);
  });
}

/** Place in the queue (1 = next) of a waiting chat; chats are served oldest first nationally. */
export async function queuePosition(db: Executor, queuedAt: Date): Promise<number> {
  const row = await db
    .selectFrom('chat_session')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'waiting')
    .where('queued_at', '<', queuedAt)
    .executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

/** Free chat places of the workers who are available now (capacity minus active chats). */
export async function freeCapacity(db: Executor): Promise<{ capacity: number; free: number }> {
  const { rows } = await sql<{ capacity: number; active: number }>`
    select coalesce(sum(w.capacity), 0)::int as capacity,
           (select count(*)::int from chat_session s join chat_worker w2 on w2.user_id = s.worker_id
             where s.status = 'active' and w2.available) as active
      from chat_worker w where w.available`.execute(db);
  const r = rows[0] ?? { capacity: 0, active: 0 };
  return { capacity: Number(r.capacity), free: Math.max(0, Number(r.capacity) - Number(r.active)) };
}

export interface VisitorView {
  status: 'waiting' | 'active' | 'ended';
  leftMessage: boolean;
  position: number | null;
  estimateMinutes: number | null;
  workerTyping: boolean;
  endedBy: 'visitor' | 'worker' | null;
  messages: MessageOut[];
}

/** What the visitor's tab sees: no worker name, no region, nothing about other visitors. */
export async function visitorView(db: Executor, sessionId: string, after: number): Promise<VisitorView> {
  const s = await db.selectFrom('chat_session').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
  const waiting = s.status === 'waiting';
  const position = waiting ? await queuePosition(db, new Date(s.queued_at)) : null;
  const capacity = waiting ? (await freeCapacity(db)).capacity : 0;
  return {
    status: s.status,
    leftMessage: s.left_message,
    position,
    estimateMinutes: position === null ? null : estimateWaitMinutes(position, capacity),
    workerTyping: s.status === 'active' && s.worker_typing_at !== null && Date.now() - new Date(s.worker_typing_at).getTime() < TYPING_MS,
    endedBy: s.ended_by,
    messages: await messagesAfter(db, sessionId, after),
  };
}

export async function sessionByToken(db: Executor, token: string): Promise<{ id: string; status: string; region_code: string | null }> {
  const s = await db
    .selectFrom('chat_session')
    .select(['id', 'status', 'region_code'])
    .where('token_hash', '=', tokenHash(token))
    .where('transcript_deleted_at', 'is', null)
    .executeTakeFirst();
  if (!s) throw new ChatError(404, 'chat_not_found', 'Dit gesprek bestaat niet (meer)');
  return s;
}

/** Chats the worker has now (active) and ended ones still to be tagged. */
export async function activeCount(db: Executor, userId: string): Promise<number> {
  const r = await db
    .selectFrom('chat_session')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('worker_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Takes the next chat for a worker: their own region's oldest waiting chat first, then the
 * oldest of the national queue (national cover: visitors without a region, and regions whose
 * own workers are busy or closed). SKIP LOCKED lets workers on any process take chats at the
 * same moment without waiting on, or getting, the same one.
 */
export async function takeNext(trx: Transaction<DB>, bus: ChatBus, actor: Actor): Promise<string> {
  // The queue first: "nobody is waiting" is the answer that matters most, whatever else holds.
  const { rows } = await sql<{ id: string }>`
    select id from chat_session
     where status = 'waiting'
     order by (region_code is not distinct from ${actor.regionCode}) desc, queued_at
     limit 1
     for update skip locked`.execute(trx);
  const next = rows[0];
  if (!next) throw new ChatError(404, 'queue_empty', 'Er wacht nu niemand');
  const worker = await trx.selectFrom('chat_worker').select(['available', 'capacity']).where('user_id', '=', actor.userId).executeTakeFirst();
  if (!worker?.available) throw new ChatError(409, 'not_available', 'Zet uzelf eerst op beschikbaar');
  if ((await activeCount(trx, actor.userId)) >= worker.capacity) {
    throw new ChatError(409, 'at_capacity', `U heeft al ${worker.capacity} gesprekken tegelijk; rond er eerst een af`);
  }
  await trx
    .updateTable('chat_session')
    .set({ status: 'active', worker_id: actor.userId, accepted_at: sql<Date>`coalesce(accepted_at, now())` })
    .where('id', '=', next.id)
    .execute();
  await bus.publish(trx, `s:${next.id}`, 'queue');
  return next.id;
}
