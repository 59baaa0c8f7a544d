import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { transaction } from '../../db/scope.ts';
import { systemAuditEntry } from '../audit/audit-chain.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { amsterdamYear, regionOfMunicipality } from '../intake/intake.service.ts';
import type { ChatBus } from './chat.bus.ts';
import { appendMessage, chatOpening, ChatError, markVisitorTyping, newChatToken, sessionByToken, tokenHash, visitorView, type VisitorView } from './chat.service.ts';

const errorSchema = z.object({ code: z.string(), message: z.string(), requestId: z.string() }).loose();

/**
 * The visitor's token travels in a header, never in the URL (URLs end up in logs and history)
 * and never in a cookie (nothing may stay on the device beyond the running tab).
 */
const tokenHeaders = z.looseObject({ 'x-chat-token': z.string().min(20).max(100) });

const messageOut = z.object({ seq: z.number().int(), sender: z.enum(['visitor', 'worker', 'system']), body: z.string(), sentAt: z.string() });
const visitorViewSchema = z.object({
  status: z.enum(['waiting', 'active', 'ended']),
  leftMessage: z.boolean(),
  position: z.number().int().nullable(),
  estimateMinutes: z.number().int().nullable(),
  workerTyping: z.boolean(),
  endedBy: z.enum(['visitor', 'worker']).nullable(),
  messages: z.array(messageOut),
});
const openingSchema = z.object({ open: z.boolean(), closesAt: z.string().nullable(), nextOpening: z.string().nullable() });

const nickname = z.string().trim().min(1, 'Kies een naam om mee te chatten').max(40, 'Een naam van hoogstens 40 tekens');
const municipalityCode = z.string().regex(/^GM\d{4}$/).nullable().default(null);
const body = z.string().trim().min(1, 'Typ een bericht').max(4000, 'Een bericht is hoogstens 4000 tekens');
/** A message id made by the tab, so a resend after a lost answer is stored once. */
const clientId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

export interface ChatRouteOptions {
  config: Config;
  db: Db;
  bus: ChatBus;
}

/** Long poll: answer at once when there is news, else wait for a notification or the time limit. */
export async function longPoll<T>(
  req: FastifyRequest,
  bus: ChatBus,
  keys: string[],
  seconds: number,
  read: () => Promise<T>,
  isNews: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  const closed = new AbortController();
  const onClose = (): void => closed.abort();
  // The connection's socket closes when the client goes away (tab closed, network lost): the wait
  // ends then instead of holding a database read and a listener for up to `seconds`.
  const socket = req.raw.socket;
  socket.once('close', onClose);
  if (socket.destroyed) closed.abort();
  try {
    for (;;) {
      const value = await read();
      const left = deadline - Date.now();
      if (isNews(value) || left <= 0 || closed.signal.aborted || bus.closing) return value;
      await bus.wait(keys, left, closed.signal);
    }
  } finally {
    socket.off('close', onClose);
  }
}

export async function chatPublicRoutes(fastify: FastifyInstance, opts: ChatRouteOptions): Promise<void> {
  const { db, bus, config } = opts;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const startLimit = { max: config.chat.startRatePerHour, timeWindow: '1 hour' };

  async function regionFor(code: string | null): Promise<string | null> {
    if (!code) return null;
    const region = await regionOfMunicipality(db, code, amsterdamYear(new Date()));
    if (!region) throw new ChatError(400, 'unknown_municipality', 'Onbekende gemeente');
    return region;
  }

  app.get('/api/public/chat/opening', {
    config: { access: 'public' },
    schema: {
      summary: 'Whether the chat is open now (for a municipality, or nationally), and else when it opens',
      tags: ['chat'],
      querystring: z.object({ municipality: z.string().regex(/^GM\d{4}$/).optional() }),
      response: { 200: openingSchema },
    },
  }, async (req) => {
    const s = await chatOpening(db, await regionFor(req.query.municipality ?? null));
    return { open: s.open, closesAt: s.closesAt?.toISOString() ?? null, nextOpening: s.nextOpening?.toISOString() ?? null };
  });

  async function startSession(input: { nickname: string; municipalityCode: string | null; leftMessage: string | null }) {
    const region = await regionFor(input.municipalityCode);
    const opening = await chatOpening(db, region);
    if (input.leftMessage === null && !opening.open) {
      throw new ChatError(409, 'chat_closed', 'De chat is nu gesloten', { nextOpening: opening.nextOpening?.toISOString() ?? null });
    }
    const token = newChatToken();
    const id = await transaction(db, async (trx) => {
      const row = await trx
        .insertInto('chat_session')
        .values({ token_hash: tokenHash(token), nickname: input.nickname, municipality_code: region ? input.municipalityCode : null, region_code: region, status: 'waiting', left_message: input.leftMessage !== null })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.leftMessage !== null) await appendMessage(trx, row.id, { sender: 'visitor', clientId: 'left-message', body: input.leftMessage });
      // No IP address, no user agent: the entry says only that a chat began, and where it queues.
      await appendAudit(trx, systemAuditEntry({ actorRole: 'visitor', action: input.leftMessage === null ? 'chat.start' : 'chat.leave-message', recordType: 'chat', recordId: row.id, regionCode: region }));
      await bus.publish(trx, 'queue');
      return row.id;
    });
    return { token, id };
  }

  app.post('/api/public/chat', {
    config: { access: 'public', rateLimit: startLimit },
    schema: {
      summary: 'Start an anonymous chat with only a nickname (and optionally a municipality, for the region)',
      description: 'Answers a token that the tab keeps in memory and sends as x-chat-token; it is the only key to the chat. 409 chat_closed (with details.nextOpening) outside opening hours.',
      tags: ['chat'],
      body: z.strictObject({ nickname, municipalityCode }),
      response: { 201: z.object({ token: z.string() }).extend(visitorViewSchema.shape), 409: errorSchema, 429: errorSchema },
    },
  }, async (req, reply) => {
    const { token, id } = await startSession({ nickname: req.body.nickname, municipalityCode: req.body.municipalityCode, leftMessage: null });
    reply.status(201);
    return { token, ...(await visitorView(db, id, 0)) };
  });

  app.post('/api/public/chat/message', {
    config: { access: 'public', rateLimit: startLimit },
    schema: {
      summary: 'Leave a message while the chat is closed; a worker reads it when the chat opens',
      tags: ['chat'],
      body: z.strictObject({ nickname, municipalityCode, body }),
      response: { 201: z.object({ token: z.string() }).extend(visitorViewSchema.shape), 429: errorSchema },
    },
  }, async (req, reply) => {
    const { token, id } = await startSession({ nickname: req.body.nickname, municipalityCode: req.body.municipalityCode, leftMessage: req.body.body });
    reply.status(201);
    return { token, ...(await visitorView(db, id, 0)) };
  });

  app.get('/api/public/chat/events', {
    config: { access: 'public' },
    schema: {
      summary: 'The visitor\'s chat: messages after a number, queue place and wait, typing; waits up to `wait` seconds for news',
      description: 'Long poll. The client passes what it already shows (after, status, position, typing) and gets an answer as soon as any of it changes.',
      tags: ['chat'],
      headers: tokenHeaders,
      querystring: z.object({
        after: z.coerce.number().int().min(0).default(0),
        status: z.enum(['waiting', 'active', 'ended']).optional(),
        position: z.coerce.number().int().min(0).optional(),
        typing: z.enum(['true', 'false']).optional(),
        wait: z.coerce.number().int().min(0).max(25).default(0),
      }),
      response: { 200: visitorViewSchema, 404: errorSchema },
    },
  }, async (req) => {
    const session = await sessionByToken(db, req.headers['x-chat-token']);
    const q = req.query;
    if (session.status !== 'ended') {
      // Throttled: a heartbeat, not a log of the visitor's activity.
      await db.updateTable('chat_session').set({ visitor_seen_at: new Date() }).where('id', '=', session.id).where('visitor_seen_at', '<', new Date(Date.now() - 20_000)).execute();
    }
    const isNews = (v: VisitorView): boolean =>
      v.messages.length > 0 || v.status !== q.status || (v.position ?? 0) !== (q.position ?? 0) || String(v.workerTyping) !== (q.typing ?? 'false');
    // Only a waiting visitor has a queue place to follow. Every chat that starts or ends publishes
    // 'queue'; with it in every visitor's keys, each such event woke every open visitor poll to
    // re-read (thousands of reads per event at 2,000 chats). When the chat is taken or put back in
    // the queue, its own key 's:<id>' is published too, so nothing is missed.
    const keys = session.status === 'waiting' ? [`s:${session.id}`, 'queue'] : [`s:${session.id}`];
    return longPoll(req, bus, keys, q.wait, () => visitorView(db, session.id, q.after), isNews);
  });

  app.post('/api/public/chat/messages', {
    config: { access: 'public' },
    schema: {
      summary: 'Send a message; answered only after it is stored (a resend with the same clientId is stored once)',
      tags: ['chat'],
      headers: tokenHeaders,
      body: z.strictObject({ clientId, body }),
      response: { 201: z.object({ seq: z.number().int() }), 404: errorSchema, 409: errorSchema },
    },
  }, async (req, reply) => {
    const session = await sessionByToken(db, req.headers['x-chat-token']);
    const r = await appendMessage(db, session.id, { sender: 'visitor', clientId: req.body.clientId, body: req.body.body });
    reply.status(201);
    return { seq: r.seq };
  });

  app.post('/api/public/chat/typing', {
    config: { access: 'public' },
    schema: { summary: 'The visitor is typing', tags: ['chat'], headers: tokenHeaders, response: { 204: z.null(), 404: errorSchema } },
  }, async (req, reply) => {
    const session = await sessionByToken(db, req.headers['x-chat-token']);
    await markVisitorTyping(db, bus, session.id);
    reply.status(204);
    return null;
  });

  app.post('/api/public/chat/end', {
    config: { access: 'public' },
    schema: { summary: 'The visitor ends the chat (also sent by the quick exit)', tags: ['chat'], headers: tokenHeaders, response: { 200: z.object({ status: z.literal('ended') }), 404: errorSchema } },
  }, async (req) => {
    const session = await sessionByToken(db, req.headers['x-chat-token']);
    await transaction(db, async (trx) => {
      const ended = await trx
        .updateTable('chat_session')
        .set({ status: 'ended', ended_at: new Date(), ended_by: 'visitor', visitor_typing_at: null })
        .where('id', '=', session.id)
        .where('status', '<>', 'ended')
        .returning('id')
        .executeTakeFirst();
      if (ended) {
        await appendAudit(trx, systemAuditEntry({ actorRole: 'visitor', action: 'chat.end', recordType: 'chat', recordId: session.id, regionCode: session.region_code }));
        await bus.publish(trx, `s:${session.id}`, 'queue');
      }
    });
    return { status: 'ended' as const };
  });
}
