import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { SessionService } from '../auth/session.service.ts';
import { AppError, HttpError, isUuid, recordNotFound } from '../errors.ts';
import { isDatabaseUnavailable } from '../plugins/errors.plugin.ts';
import type { ChatBus } from './chat.bus.ts';
import { appendMessage, ChatError, markVisitorTyping, messagesAfter, sessionByToken, visitorView, workerMessagesAfter, type VisitorView } from './chat.service.ts';
import { markWorkerTyping, workerChatView, type WorkerChatView } from './chat-console.routes.ts';

// One WebSocket per chat tab (docs/adr/0008-chat.md, "WebSocket"). The long-poll routes stay for
// browsers and networks where a socket cannot open; both paths store through appendMessage and
// are woken by the same LISTEN/NOTIFY bus, so a visitor on a socket and a worker on long polling
// (or the other way round) see the same chat.

/** A frame is one JSON object; a message body is at most 4,000 characters, so 16 KB is plenty. */
export const MAX_FRAME_BYTES = 16 * 1024;
/** Dead connections (a phone that lost its network) are found by ping and dropped. */
const PING_EVERY_MS = 25_000;
/** A worker's session is re-checked this often: a logout or a revoked role closes the socket. */
const SESSION_CHECK_MS = 30_000;
/** Visitors on a socket are marked as present in one statement per process, not one per visitor. */
const SEEN_EVERY_MS = 20_000;
/**
 * How often each process compares the chats its sockets follow with the database, in one
 * statement: a wake-up lost between a commit and its notification (a crash, a listener
 * reconnecting) delays a message by at most this long.
 */
const SWEEP_EVERY_MS = 10_000;

const clientId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
const body = z.string().trim().min(1, 'Typ een bericht').max(4000, 'Een bericht is hoogstens 4000 tekens');
const after = z.number().int().min(0).default(0);
const chatId = z.string().max(100);

const visitorFrame = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('hello'), token: z.string().min(20).max(100), after }),
  z.strictObject({ t: z.literal('send'), clientId, body }),
  z.strictObject({ t: z.literal('typing') }),
]);
const workerFrame = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('watch'), chatId, after }),
  z.strictObject({ t: z.literal('unwatch'), chatId }),
  z.strictObject({ t: z.literal('send'), chatId, clientId, body }),
  z.strictObject({ t: z.literal('typing'), chatId }),
]);

/** Close codes in the private range: the client knows whether reconnecting can help. */
export const CLOSE = { notFound: 4404, unauthorized: 4401, tooMany: 4429, goingAway: 1001 } as const;

/**
 * Frames one socket may send per 10 s. A person types far fewer (a message, a typing signal every
 * 3 s); a script that floods a chat with messages, or the server with reads, is cut off.
 */
const FRAMES_PER_10S = 60;

/** Counts a socket's frames per 10 s window; false once over the limit (then the socket closes). */
function frameLimit(): () => boolean {
  let windowStart = Date.now();
  let count = 0;
  return () => {
    const now = Date.now();
    if (now - windowStart >= 10_000) {
      windowStart = now;
      count = 0;
    }
    return ++count <= FRAMES_PER_10S;
  };
}

function tooMany(socket: WebSocket): void {
  send(socket, { t: 'error', status: 429, code: 'rate_limited', message: 'Te veel berichten tegelijk', retry: false });
  socket.close(CLOSE.tooMany);
}

export interface ChatSocketOptions {
  db: Db;
  bus: ChatBus;
  sessions: SessionService;
  cookieName: string;
}

function send(socket: WebSocket, frame: object): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

function parse(raw: unknown): unknown {
  try {
    return JSON.parse(String(raw));
  } catch {
    return undefined;
  }
}

/**
 * Runs work for one socket strictly in order (frames, then wake-ups), so acknowledgements and
 * pushed messages leave in the order they were made, and a burst of wake-ups costs one read.
 */
function serial(): (task: () => Promise<void>) => void {
  let tail: Promise<void> = Promise.resolve();
  return (task) => {
    tail = tail.then(task, task);
  };
}

/**
 * A refusal a client can act on (4xx: drop the message), or "try again" for anything else. As with
 * HTTP, nothing of an unexpected error reaches the client.
 */
async function errorFrame(app: FastifyInstance, req: FastifyRequest, err: unknown, extra: object): Promise<object> {
  if (err instanceof AppError && err.statusCode < 500) {
    if (err.audit) await app.auditDenied(req, { ...err.audit, outcome: 'denied' });
    return { t: 'error', ...extra, status: err.statusCode, code: err.code, message: err.message, retry: false };
  }
  req.log.error({ err }, isDatabaseUnavailable(err) ? 'database unavailable (chat socket)' : 'chat socket error');
  return { t: 'error', ...extra, status: 503, code: 'service_unavailable', message: 'Tijdelijk niet beschikbaar', retry: true };
}

/**
 * What the wake-ups since the last read ask of a socket: a full re-read (status, queue place,
 * typing: a wake-up without detail) or only the messages after the last one shown (a stored
 * message's notification carries its number). A socket that already has that number (its own
 * message, acknowledged) reads nothing: per message, only the other side reads.
 */
class Wakes {
  full = true;
  notified = 0;
  queued = false;
  note(detail?: string): void {
    const seq = detail === undefined ? Number.NaN : Number(detail);
    if (Number.isInteger(seq)) this.notified = Math.max(this.notified, seq);
    else this.full = true;
  }
}

/** After an acknowledgement: the sender has its own message, unless others came before it unseen. */
const advance = (lastSeq: number, acked: number): number => (acked === lastSeq + 1 ? acked : lastSeq);

function keepAlive(socket: WebSocket): () => void {
  let alive = true;
  socket.on('pong', () => {
    alive = true;
  });
  const timer = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, PING_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

const errorSchema = z.object({ code: z.string(), message: z.string(), requestId: z.string() }).loose();

/** A plain GET on a socket address (no upgrade) answers 426 with what to do, like any error. */
async function notAnUpgrade(): Promise<never> {
  throw new HttpError(426, 'upgrade_required', 'Dit adres is voor een WebSocket-verbinding');
}

export async function chatSocketRoutes(app: FastifyInstance, opts: ChatSocketOptions): Promise<void> {
  const { db, bus, sessions, cookieName } = opts;

  // Presence of visitors on a socket in this process (chat id -> open sockets). The abandonment
  // job ends chats whose visitor was not seen for 2 minutes; an open socket that answers pings is
  // a visitor who is there.
  const present = new Map<string, number>();
  const seenTimer = setInterval(() => {
    const ids = [...present.keys()];
    void (async () => {
      // In small batches, only rows not refreshed for 45 s (so each row at most every ~65 s, well
      // inside the 2 minutes), and SKIP LOCKED: storing a message locks its chat row, and one
      // update of every chat row at once made those messages wait for it (the p99 of the bench).
      for (let i = 0; i < ids.length; i += 100) {
        const batch = ids.slice(i, i + 100);
        await sql`
          update chat_session set visitor_seen_at = now()
           where id in (select id from chat_session
                         where id = any(${batch}::uuid[]) and status <> 'ended'
                           and visitor_seen_at < now() - interval '45 seconds'
                         for update skip locked)`.execute(db);
      }
    })().catch((err: unknown) => app.log.warn({ err }, 'could not mark chat visitors as present'));
  }, SEEN_EVERY_MS);
  seenTimer.unref();
  app.addHook('onClose', async () => clearInterval(seenTimer));

  // Every socket's followed chat, with the newest number it has shown.
  interface Follower {
    chatId: string;
    lastSeq(): number;
    behind(seq: number): void;
  }
  const followers = new Set<Follower>();
  /**
   * A socket follows a chat: woken by its notifications (with the message number when there is
   * one) and by the sweep when the chat is further than lastSeq(). Returns the stop.
   */
  const follow = (chatId: string, lastSeq: () => number, wake: (detail?: string) => void): (() => void) => {
    const unsubscribe = bus.subscribe([`s:${chatId}`], wake);
    const follower: Follower = { chatId, lastSeq, behind: (seq) => wake(String(seq)) };
    followers.add(follower);
    return () => {
      unsubscribe();
      followers.delete(follower);
    };
  };
  let sweeping = false;
  const sweepTimer = setInterval(() => {
    if (sweeping || followers.size === 0) return;
    sweeping = true;
    const ids = [...new Set([...followers].map((f) => f.chatId))];
    void sql<{ id: string; last_seq: number }>`select id, last_seq from chat_session where id = any(${ids}::uuid[])`
      .execute(db)
      .then(({ rows }) => {
        const newest = new Map(rows.map((r) => [r.id, r.last_seq]));
        for (const f of followers) {
          const seq = newest.get(f.chatId);
          if (seq !== undefined && seq > f.lastSeq()) f.behind(seq);
        }
      })
      .catch((err: unknown) => app.log.warn({ err }, 'chat socket sweep failed'))
      .finally(() => {
        sweeping = false;
      });
  }, SWEEP_EVERY_MS);
  sweepTimer.unref();
  app.addHook('onClose', async () => clearInterval(sweepTimer));

  app.route({
    method: 'GET',
    url: '/api/public/chat/socket',
    config: { access: 'public' },
    handler: notAnUpgrade,
    schema: {
      summary: 'The visitor\'s chat over a WebSocket (the token goes in the first frame, never in the URL)',
      description:
        'Frames are JSON. Send {"t":"hello","token","after"} first; then {"t":"send","clientId","body"} (answered with {"t":"ack","clientId","seq"} once stored) and {"t":"typing"}. The server pushes {"t":"view",...} (as GET /api/public/chat/events) whenever something changes, and {"t":"error",code,message,retry} on a refusal. Close 4404: the chat is gone.',
      tags: ['chat'],
      response: { 426: errorSchema },
    },
    wsHandler: (socket, req) => {
      const run = serial();
      const stopPing = keepAlive(socket);
      let session: { id: string; region_code: string | null } | null = null;
      let shown: VisitorView | null = null;
      let lastSeq = 0;
      let unsubscribe = (): void => undefined;
      let unfollowQueue: (() => void) | null = null;
      const wakes = new Wakes();

      // Only a waiting visitor follows the queue (see the long poll in chat-public.routes.ts): with
      // 'queue' on every socket, each chat that starts or ends would wake every visitor to re-read.
      const followQueue = (waiting: boolean): void => {
        if (waiting && !unfollowQueue) unfollowQueue = bus.subscribe(['queue'], () => push());
        if (!waiting && unfollowQueue) {
          unfollowQueue();
          unfollowQueue = null;
        }
      };

      const push = (detail?: string): void => {
        wakes.note(detail);
        // Wake-ups while a read is queued are folded into it.
        if (wakes.queued || !session) return;
        wakes.queued = true;
        run(async () => {
          wakes.queued = false;
          if (!session) return;
          try {
            if (wakes.full || !shown) {
              wakes.full = false;
              const v = await visitorView(db, session.id, lastSeq);
              const news = !shown || v.messages.length > 0 || v.status !== shown.status || v.position !== shown.position || v.workerTyping !== shown.workerTyping || v.estimateMinutes !== shown.estimateMinutes;
              if (!news) return;
              lastSeq = Math.max(lastSeq, ...v.messages.map((m) => m.seq));
              shown = v;
              followQueue(v.status === 'waiting');
              send(socket, { t: 'view', ...v });
              if (v.status === 'ended') stopPresence();
            } else if (wakes.notified > lastSeq) {
              const messages = await messagesAfter(db, session.id, lastSeq);
              if (messages.length === 0) return;
              lastSeq = Math.max(lastSeq, ...messages.map((m) => m.seq));
              // Storing a message clears its sender's typing signal (signaal_chat_append).
              shown = { ...shown, messages, workerTyping: messages.some((m) => m.sender === 'worker') ? false : shown.workerTyping };
              send(socket, { t: 'view', ...shown });
            }
          } catch (err) {
            req.log.warn({ err }, 'chat socket: could not read the visitor view');
          }
        });
      };
      const stopPresence = (): void => {
        if (!session) return;
        const n = (present.get(session.id) ?? 1) - 1;
        if (n <= 0) present.delete(session.id);
        else present.set(session.id, n);
      };

      const allowed = frameLimit();
      socket.on('message', (raw) => {
        if (!allowed()) return tooMany(socket);
        const parsed = visitorFrame.safeParse(parse(raw));
        if (!parsed.success) {
          send(socket, { t: 'error', status: 400, code: 'validation_failed', message: 'De invoer is niet geldig', retry: false });
          return;
        }
        const f = parsed.data;
        run(async () => {
          if (f.t === 'hello') {
            if (session) return;
            try {
              const s = await sessionByToken(db, f.token);
              session = { id: s.id, region_code: s.region_code };
            } catch (err) {
              send(socket, await errorFrame(app, req, err, {}));
              socket.close(err instanceof ChatError ? CLOSE.notFound : CLOSE.goingAway);
              return;
            }
            lastSeq = f.after;
            present.set(session.id, (present.get(session.id) ?? 0) + 1);
            unsubscribe = follow(session.id, () => lastSeq, push);
            push();
            return;
          }
          if (!session) {
            send(socket, { t: 'error', status: 401, code: 'unauthenticated', message: 'Begin met hello', retry: false });
            return;
          }
          const id = session.id;
          if (f.t === 'send') {
            try {
              const r = await appendMessage(db, id, { sender: 'visitor', clientId: f.clientId, body: f.body }, 'after-commit');
              bus.wake(`s:${id}|${r.seq}`);
              lastSeq = advance(lastSeq, r.seq);
              send(socket, { t: 'ack', clientId: f.clientId, seq: r.seq });
            } catch (err) {
              send(socket, await errorFrame(app, req, err, { clientId: f.clientId }));
            }
            return;
          }
          try {
            await markVisitorTyping(db, bus, id);
          } catch (err) {
            req.log.warn({ err }, 'chat socket: typing not stored');
          }
        });
      });
      socket.on('close', () => {
        stopPing();
        unsubscribe();
        followQueue(false);
        stopPresence();
        session = null;
      });
    },
  });

  app.route({
    method: 'GET',
    url: '/api/chat/socket',
    config: { access: 'chat:handle' },
    handler: notAnUpgrade,
    schema: {
      summary: 'The worker\'s chats over one WebSocket',
      description:
        'Frames are JSON. {"t":"watch","chatId","after"} follows one of the worker\'s own chats (audited as a read, once per watch), {"t":"unwatch","chatId"}, {"t":"send","chatId","clientId","body"} (answered with {"t":"ack","clientId","seq"} once stored), {"t":"typing","chatId"}. The server sends {"t":"ready"} first and pushes {"t":"chat",...} (as GET /api/chat/sessions/:id) whenever a watched chat changes. Close 4401: signed out.',
      tags: ['chat'],
      response: { 426: errorSchema },
    },
    wsHandler: (socket, req) => {
      const run = serial();
      const stopPing = keepAlive(socket);
      const actor = req.actor!;
      const cookie = req.cookies[cookieName] ?? '';
      interface Watch {
        lastSeq: number;
        shown: WorkerChatView | null;
        unsubscribe: () => void;
        wakes: Wakes;
      }
      const watches = new Map<string, Watch>();

      // The socket outlives the request that opened it: its session is checked again whenever a
      // session ends or an account's access changes anywhere (migration 0028 notifies 'sessions')
      // and every 30 s (idle timeout, maximum age), so a logout, an expired session or a withdrawn
      // role closes the socket. Not before every frame: that was a query on every message.
      const sessionValid = async (): Promise<boolean> => {
        const s = await sessions.load(cookie);
        if (s !== 'none' && s !== 'expired' && s.stage === 'active' && s.actor?.userId === actor.userId && s.actor.permissions.includes('chat:handle')) return true;
        send(socket, { t: 'error', status: 401, code: s === 'expired' ? 'session_expired' : 'unauthenticated', message: 'Uw sessie is verlopen', retry: false });
        socket.close(CLOSE.unauthorized);
        return false;
      };
      let ended = false;
      const checkSession = (): void =>
        run(async () => {
          if (ended) return;
          ended = !(await sessionValid().catch((err: unknown) => {
            req.log.warn({ err }, 'chat socket: session check failed');
            return true;
          }));
        });
      const sessionCheck = setInterval(checkSession, SESSION_CHECK_MS);
      sessionCheck.unref();
      const unsubscribeSessions = bus.subscribe(['sessions'], checkSession);

      const unwatch = (id: string): void => {
        watches.get(id)?.unsubscribe();
        watches.delete(id);
      };

      const push = (id: string, detail?: string): void => {
        const w = watches.get(id);
        if (!w) return;
        w.wakes.note(detail);
        // Until the watch's first read is shown, wake-ups only accumulate; it schedules them.
        if (w.wakes.queued || !w.shown) return;
        w.wakes.queued = true;
        run(async () => {
          w.wakes.queued = false;
          if (watches.get(id) !== w || !w.shown) return;
          try {
            // Scoped like every request: after a transfer the chat is no longer the worker's.
            if (w.wakes.full) {
              w.wakes.full = false;
              const v = await req.scoped((ctx) => workerChatView(ctx, id, w.lastSeq));
              const news = v.messages.length > 0 || v.status !== w.shown.status || v.visitorTyping !== w.shown.visitorTyping;
              if (!news) return;
              w.lastSeq = Math.max(w.lastSeq, ...v.messages.map((m) => m.seq));
              w.shown = v;
              send(socket, { t: 'chat', ...v });
            } else if (w.wakes.notified > w.lastSeq) {
              // Only the messages of a chat this worker holds (checked in the function, migration
              // 0027); after a transfer there are none, and the transfer's own wake-up re-reads fully.
              const messages = await workerMessagesAfter(db, id, w.lastSeq, actor.userId);
              if (messages.length === 0) return;
              w.lastSeq = Math.max(w.lastSeq, ...messages.map((m) => m.seq));
              w.shown = { ...w.shown, messages, visitorTyping: messages.some((m) => m.sender === 'visitor') ? false : w.shown.visitorTyping };
              send(socket, { t: 'chat', ...w.shown });
            }
          } catch (err) {
            if (err instanceof AppError && err.statusCode === 404) {
              unwatch(id);
              send(socket, { t: 'gone', chatId: id });
              return;
            }
            req.log.warn({ err }, 'chat socket: could not read a chat');
          }
        });
      };

      // The first frame says the socket works end to end (a proxy may accept the upgrade and then
      // pass nothing): the console falls back to long polling when it never comes.
      send(socket, { t: 'ready' });
      const allowed = frameLimit();
      socket.on('message', (raw) => {
        if (!allowed()) return tooMany(socket);
        const parsed = workerFrame.safeParse(parse(raw));
        if (!parsed.success) {
          send(socket, { t: 'error', status: 400, code: 'validation_failed', message: 'De invoer is niet geldig', retry: false });
          return;
        }
        const f = parsed.data;
        if (f.t === 'unwatch') {
          unwatch(f.chatId);
          return;
        }
        run(async () => {
          if (ended) return;
          try {
            if (f.t === 'watch') {
              if (!isUuid(f.chatId)) throw recordNotFound('chat', f.chatId, 'chat.read');
              // The transcript is shown from here on as it grows: one audited read per watch, with
              // where it started. Pushed lines are part of that read (an entry per line would put a
              // commit on every message and say nothing more about who saw what).
              // Subscribed before the first read, so nothing stored in between is missed.
              unwatch(f.chatId);
              const w: Watch = { lastSeq: f.after, shown: null, wakes: new Wakes(), unsubscribe: () => undefined };
              w.wakes.full = false;
              w.unsubscribe = follow(f.chatId, () => w.lastSeq, (detail) => push(f.chatId, detail));
              watches.set(f.chatId, w);
              let first: WorkerChatView;
              try {
                first = await req.scoped(async (ctx) => {
                  const v = await workerChatView(ctx, f.chatId, f.after);
                  await ctx.audit({ action: 'chat.read', recordType: 'chat', recordId: f.chatId, regionCode: v.regionCode, reason: `live after ${f.after}` });
                  return v;
                });
              } catch (err) {
                if (watches.get(f.chatId) === w) unwatch(f.chatId);
                throw err;
              }
              w.lastSeq = Math.max(f.after, ...first.messages.map((m) => m.seq));
              w.shown = first;
              send(socket, { t: 'chat', ...first });
              if (w.wakes.full || w.wakes.notified > w.lastSeq) push(f.chatId);
              return;
            }
            if (f.t === 'send') {
              if (!isUuid(f.chatId)) throw recordNotFound('chat', f.chatId, 'chat.message');
              // One round trip: signaal_chat_append checks that this worker holds the active chat
              // (the signed-in actor's id, never one from the frame).
              const r = await appendMessage(db, f.chatId, { sender: 'worker', clientId: f.clientId, body: f.body, worker: actor.userId }, 'after-commit');
              bus.wake(`s:${f.chatId}|${r.seq}`);
              const w = watches.get(f.chatId);
              if (w) w.lastSeq = advance(w.lastSeq, r.seq);
              send(socket, { t: 'ack', chatId: f.chatId, clientId: f.clientId, seq: r.seq });
              return;
            }
            await req.scoped((ctx) => markWorkerTyping(ctx, bus, f.chatId));
          } catch (err) {
            send(socket, await errorFrame(app, req, err, { chatId: f.chatId, ...(f.t === 'send' ? { clientId: f.clientId } : {}) }));
          }
        });
      });
      socket.on('close', () => {
        stopPing();
        clearInterval(sessionCheck);
        unsubscribeSessions();
        for (const id of [...watches.keys()]) unwatch(id);
      });
    },
  });
}

