import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ScopedContext } from '../plugins/access.plugin.ts';
import { AGE_GROUPS, OUTCOMES, TOPICS, VISITOR_GROUPS } from '../../domain/chat/vocabulary.ts';
import { CONTACT_KINDS, REPORTER_TYPES, VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { registerContact } from '../contacts/contact.service.ts';
import { isUuid, recordNotFound } from '../errors.ts';
import type { ChatBus } from './chat.bus.ts';
import type { ChatRouteOptions } from './chat-public.routes.ts';
import { longPoll } from './chat-public.routes.ts';
import { appendMessage, ChatError, messagesAfter, takeNext, TYPING_MS, type MessageOut } from './chat.service.ts';

const messageOut = z.object({ seq: z.number().int(), sender: z.enum(['visitor', 'worker', 'system']), body: z.string(), sentAt: z.string() });

const chatSummary = z.object({
  id: z.string(),
  nickname: z.string(),
  status: z.enum(['waiting', 'active', 'ended']),
  regionCode: z.string().nullable(),
  leftMessage: z.boolean(),
  lastSeq: z.number().int(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endedBy: z.enum(['visitor', 'worker']).nullable(),
  transferNote: z.string().nullable(),
  visitorGroup: z.enum(VISITOR_GROUPS).nullable(),
  ageGroup: z.enum(AGE_GROUPS).nullable(),
  topics: z.array(z.enum(TOPICS)),
  outcome: z.enum(OUTCOMES).nullable(),
  contactId: z.string().nullable(),
});
const chatDetail = chatSummary.extend({ visitorTyping: z.boolean(), messages: z.array(messageOut) });

const overviewSchema = z.object({
  available: z.boolean(),
  capacity: z.number().int(),
  waiting: z.number().int(),
  waitingOwnRegion: z.number().int(),
  chats: z.array(chatSummary),
  /** Pass back as `version` to wait for the next change. */
  version: z.string(),
});

type SessionRow = {
  id: string;
  nickname: string;
  status: 'waiting' | 'active' | 'ended';
  region_code: string | null;
  left_message: boolean;
  last_seq: number;
  created_at: Date;
  accepted_at: Date | null;
  ended_at: Date | null;
  ended_by: 'visitor' | 'worker' | null;
  transfer_note: string | null;
  visitor_group: string | null;
  age_group: string | null;
  topics: string[];
  outcome: string | null;
  contact_id: string | null;
  visitor_typing_at: Date | null;
};

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
function oneOf<T extends readonly string[]>(list: T, v: string | null): T[number] | null {
  return v !== null && (list as readonly string[]).includes(v) ? (v as T[number]) : null;
}

function summary(s: SessionRow) {
  return {
    id: s.id,
    nickname: s.nickname,
    status: s.status,
    regionCode: s.region_code,
    leftMessage: s.left_message,
    lastSeq: s.last_seq,
    createdAt: new Date(s.created_at).toISOString(),
    acceptedAt: iso(s.accepted_at),
    endedAt: iso(s.ended_at),
    endedBy: s.ended_by,
    transferNote: s.transfer_note,
    visitorGroup: oneOf(VISITOR_GROUPS, s.visitor_group),
    ageGroup: oneOf(AGE_GROUPS, s.age_group),
    topics: s.topics.filter((t): t is (typeof TOPICS)[number] => (TOPICS as readonly string[]).includes(t)),
    outcome: oneOf(OUTCOMES, s.outcome),
    contactId: s.contact_id,
  };
}

const sessionColumns = [
  'id', 'nickname', 'status', 'region_code', 'left_message', 'last_seq', 'created_at', 'accepted_at', 'ended_at', 'ended_by',
  'transfer_note', 'visitor_group', 'age_group', 'topics', 'outcome', 'contact_id', 'visitor_typing_at',
] as const;

/** The worker's own chat (row-level security hides every other one): else 404, audited. */
export async function ownChat(ctx: ScopedContext, id: string, action: string): Promise<SessionRow> {
  if (!isUuid(id)) throw recordNotFound('chat', id, action);
  const s = await ctx.db.selectFrom('chat_session').select(sessionColumns).where('id', '=', id).where('worker_id', '=', ctx.actor.userId).executeTakeFirst();
  if (!s) throw recordNotFound('chat', id, action);
  return s;
}

export type WorkerChatView = ReturnType<typeof summary> & { visitorTyping: boolean; messages: MessageOut[] };

/** One of the worker's chats with its messages after a number (not audited here: callers do). */
export async function workerChatView(ctx: ScopedContext, id: string, after: number): Promise<WorkerChatView> {
  const s = await ownChat(ctx, id, 'chat.read');
  const messages = await messagesAfter(ctx.db, s.id, after);
  const visitorTyping = s.status === 'active' && s.visitor_typing_at !== null && Date.now() - new Date(s.visitor_typing_at).getTime() < TYPING_MS;
  return { ...summary(s), visitorTyping, messages };
}

/** The worker is typing in one of their chats: shown to the visitor for TYPING_MS (long poll and socket alike). */
export async function markWorkerTyping(ctx: ScopedContext, bus: ChatBus, id: string): Promise<void> {
  const s = await ownChat(ctx, id, 'chat.typing');
  await ctx.db.updateTable('chat_session').set({ worker_typing_at: new Date() }).where('id', '=', s.id).execute();
  await bus.publish(ctx.db, `s:${s.id}`);
}

const params = z.object({ id: z.string().max(100) });
const clientId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

export async function chatConsoleRoutes(fastify: FastifyInstance, opts: ChatRouteOptions): Promise<void> {
  const { bus } = opts;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/chat/overview', {
    config: { access: 'chat:handle' },
    schema: {
      summary: 'The worker\'s chat desk: own availability, queue length, own chats; waits up to `wait` seconds for a change',
      tags: ['chat'],
      querystring: z.object({ version: z.string().max(100).optional(), wait: z.coerce.number().int().min(0).max(25).default(0) }),
      response: { 200: overviewSchema },
    },
  }, async (req) => {
    const read = () =>
      req.scoped(async ({ db, actor }) => {
        const worker = await db.selectFrom('chat_worker').select(['available', 'capacity']).where('user_id', '=', actor.userId).executeTakeFirst();
        const waiting = await db.selectFrom('chat_session').select(['region_code']).where('status', '=', 'waiting').execute();
        // Own chats: active ones, and ended ones of the last 12 hours (to tag them afterwards).
        const chats = await db
          .selectFrom('chat_session')
          .select(sessionColumns)
          .where('worker_id', '=', actor.userId)
          .where((eb) => eb.or([eb('status', '=', 'active'), eb('ended_at', '>', new Date(Date.now() - 12 * 3600_000))]))
          .orderBy('created_at')
          .execute();
        const body = {
          available: worker?.available ?? false,
          capacity: worker?.capacity ?? 2,
          waiting: waiting.length,
          waitingOwnRegion: waiting.filter((w) => w.region_code === actor.regionCode).length,
          chats: chats.map(summary),
        };
        return { ...body, version: createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16) };
      });
    return longPoll(req, bus, ['queue', `w:${req.actor!.userId}`], req.query.wait, read, (v) => v.version !== req.query.version);
  });

  app.put('/api/chat/availability', {
    config: { access: 'chat:handle' },
    schema: {
      summary: 'Set oneself available (or not) for chats, with the number of chats at once',
      tags: ['chat'],
      body: z.strictObject({ available: z.boolean(), capacity: z.number().int().min(1).max(6) }),
      response: { 200: z.object({ available: z.boolean(), capacity: z.number().int() }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      await db
        .insertInto('chat_worker')
        .values({ user_id: actor.userId, region_code: actor.regionCode, available: req.body.available, capacity: req.body.capacity })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ available: req.body.available, capacity: req.body.capacity, updated_at: new Date() }))
        .execute();
      await audit({ action: 'chat.availability', recordType: 'staff_user', recordId: actor.userId, regionCode: actor.regionCode, reason: req.body.available ? `available ${req.body.capacity}` : 'unavailable' });
      // The wait estimate of everyone in the queue changes.
      await bus.publish(db, 'queue', `w:${actor.userId}`);
      return req.body;
    }),
  );

  app.post('/api/chat/next', {
    config: { access: 'chat:handle' },
    schema: {
      summary: 'Take the next chat from the queue: own region first, then the oldest nationally',
      tags: ['chat'],
      response: { 201: chatDetail },
    },
  }, async (req, reply) =>
    req.scoped(async (ctx) => {
      const id = await takeNext(ctx.db, bus, ctx.actor);
      const s = await ownChat(ctx, id, 'chat.take');
      await ctx.audit({ action: 'chat.take', recordType: 'chat', recordId: id, regionCode: s.region_code });
      reply.status(201);
      return { ...summary(s), visitorTyping: false, messages: await messagesAfter(ctx.db, id, 0) };
    }),
  );

  app.get('/api/chat/sessions/:id', {
    config: { access: 'chat:handle' },
    schema: {
      summary: 'One of the worker\'s chats with its messages after a number; waits up to `wait` seconds for news',
      tags: ['chat'],
      params,
      querystring: z.object({
        after: z.coerce.number().int().min(0).default(0),
        typing: z.enum(['true', 'false']).optional(),
        status: z.enum(['waiting', 'active', 'ended']).optional(),
        wait: z.coerce.number().int().min(0).max(25).default(0),
      }),
      response: { 200: chatDetail },
    },
  }, async (req) => {
    const q = req.query;
    const read = () =>
      req.scoped(async (ctx) => {
        const v = await workerChatView(ctx, req.params.id, q.after);
        // Reading the transcript is audited whenever new lines are shown, not on empty polls.
        if (v.messages.length > 0) await ctx.audit({ action: 'chat.read', recordType: 'chat', recordId: v.id, regionCode: v.regionCode, reason: `after ${q.after}` });
        return v;
      });
    return longPoll(req, bus, [`s:${req.params.id}`], q.wait, read, (v) => v.messages.length > 0 || String(v.visitorTyping) !== (q.typing ?? 'false') || v.status !== (q.status ?? 'active'));
  });

  app.post('/api/chat/sessions/:id/messages', {
    config: { access: 'chat:handle' },
    schema: {
      summary: 'Send a message to the visitor; answered only after it is stored',
      tags: ['chat'],
      params,
      body: z.strictObject({ clientId, body: z.string().trim().min(1).max(4000) }),
      response: { 201: z.object({ seq: z.number().int() }) },
    },
  }, async (req, reply) =>
    req.scoped(async (ctx) => {
      if (!isUuid(req.params.id)) throw recordNotFound('chat', req.params.id, 'chat.message');
      const r = await appendMessage(ctx.db, req.params.id, { sender: 'worker', clientId: req.body.clientId, body: req.body.body, worker: ctx.actor.userId });
      reply.status(201);
      return { seq: r.seq };
    }),
  );

  app.post('/api/chat/sessions/:id/typing', {
    config: { access: 'chat:handle' },
    schema: { summary: 'The worker is typing', tags: ['chat'], params, response: { 204: z.null() } },
  }, async (req, reply) =>
    req.scoped(async (ctx) => {
      await markWorkerTyping(ctx, bus, req.params.id);
      reply.status(204);
      return null;
    }),
  );

  app.post('/api/chat/sessions/:id/end', {
    config: { access: 'chat:handle' },
    schema: { summary: 'End the chat', tags: ['chat'], params, response: { 200: chatSummary } },
  }, async (req) =>
    req.scoped(async (ctx) => {
      const s = await ownChat(ctx, req.params.id, 'chat.end');
      if (s.status === 'ended') return summary(s);
      await ctx.db.updateTable('chat_session').set({ status: 'ended', ended_at: new Date(), ended_by: 'worker', worker_typing_at: null }).where('id', '=', s.id).execute();
      await ctx.audit({ action: 'chat.end', recordType: 'chat', recordId: s.id, regionCode: s.region_code });
      await bus.publish(ctx.db, `s:${s.id}`, 'queue', `w:${ctx.actor.userId}`);
      return summary(await ownChat(ctx, s.id, 'chat.end'));
    }),
  );

  app.get('/api/chat/colleagues', {
    config: { access: 'chat:handle' },
    schema: {
      summary: 'Chat workers of the own region who are available, to transfer a chat to',
      tags: ['chat'],
      response: { 200: z.array(z.object({ userId: z.string(), displayName: z.string() })) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor }) => {
      const rows = await db
        .selectFrom('chat_worker as w')
        .innerJoin('staff_user as u', 'u.id', 'w.user_id')
        .select(['w.user_id', 'u.display_name'])
        .where('w.available', '=', true)
        .where('w.user_id', '<>', actor.userId)
        .orderBy('u.display_name')
        .execute();
      // staff_user's row-level security limits this to the own region.
      return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name }));
    }),
  );

  app.post('/api/chat/sessions/:id/transfer', {
    config: { access: 'chat:handle' },
    schema: {
      summary: 'Transfer a chat to an available colleague, or to another region\'s queue (keeping its turn), with a note',
      tags: ['chat'],
      params,
      body: z
        .strictObject({
          toUserId: z.uuid().optional(),
          toRegion: z.string().regex(/^[A-Z0-9-]{2,20}$/).optional(),
          note: z.string().trim().min(1, 'Schrijf een korte overdrachtsnotitie').max(1000),
        })
        .refine((b) => (b.toUserId === undefined) !== (b.toRegion === undefined), { message: 'Kies een collega of een regio', path: ['toUserId'] }),
      response: { 200: chatSummary },
    },
  }, async (req) =>
    req.scoped(async (ctx) => {
      const s = await ownChat(ctx, req.params.id, 'chat.transfer');
      if (s.status !== 'active') throw new ChatError(409, 'chat_ended', 'Alleen een lopend gesprek kan worden overgedragen');
      const { toUserId, toRegion, note } = req.body;
      if (toUserId) {
        const { rows } = await sql<{ ok: boolean }>`select signaal_chat_handover(${s.id}::uuid, ${toUserId}::uuid, ${note}) as ok`.execute(ctx.db);
        if (!rows[0]?.ok) throw new ChatError(400, 'unknown_colleague', 'Deze collega is niet beschikbaar voor de chat');
        await ctx.audit({ action: 'chat.transfer', recordType: 'chat', recordId: s.id, regionCode: s.region_code, reason: `colleague ${toUserId}` });
        await bus.publish(ctx.db, `s:${s.id}`, `w:${toUserId}`, `w:${ctx.actor.userId}`);
        return { ...summary(s), transferNote: note };
      } else {
        const region = await ctx.db.selectFrom('region').select('code').where('code', '=', toRegion!).executeTakeFirst();
        if (!region) throw new ChatError(400, 'unknown_region', 'Onbekende regio');
        // Back in the queue with its original place (queued_at is kept), for the other region first.
        await ctx.db.updateTable('chat_session').set({ status: 'waiting', worker_id: null, region_code: region.code, transfer_note: note, worker_typing_at: null }).where('id', '=', s.id).execute();
        await ctx.audit({ action: 'chat.transfer', recordType: 'chat', recordId: s.id, regionCode: region.code, reason: `region ${region.code}` });
        await bus.publish(ctx.db, `s:${s.id}`, 'queue', `w:${ctx.actor.userId}`);
        return { ...summary(s), status: 'waiting' as const, regionCode: region.code, transferNote: note };
      }
    }),
  );

  app.put('/api/chat/sessions/:id/tags', {
    config: { access: 'chat:handle' },
    schema: {
      summary: 'Tag the chat (who the visitor is, age group, topics) and record its outcome',
      tags: ['chat'],
      params,
      body: z.strictObject({
        visitorGroup: z.enum(VISITOR_GROUPS).nullable(),
        ageGroup: z.enum(AGE_GROUPS).nullable(),
        topics: z.array(z.enum(TOPICS)).max(TOPICS.length).transform((t) => [...new Set(t)]),
        outcome: z.enum(OUTCOMES).nullable(),
      }),
      response: { 200: chatSummary },
    },
  }, async (req) =>
    req.scoped(async (ctx) => {
      const s = await ownChat(ctx, req.params.id, 'chat.tag');
      const b = req.body;
      await ctx.db.updateTable('chat_session').set({ visitor_group: b.visitorGroup, age_group: b.ageGroup, topics: b.topics, outcome: b.outcome }).where('id', '=', s.id).execute();
      await ctx.audit({ action: 'chat.tag', recordType: 'chat', recordId: s.id, regionCode: s.region_code, reason: b.outcome ?? undefined });
      return summary(await ownChat(ctx, s.id, 'chat.tag'));
    }),
  );

  app.post('/api/chat/sessions/:id/contact', {
    config: { access: 'contacts:create' },
    schema: {
      summary: 'Turn the chat into an advies or melding of the own region, with the transcript attached',
      description: 'Registered through the one registration path (channel chat). The chat is linked to the new contact, which keeps its transcript beyond the chat retention period.',
      tags: ['chat'],
      params,
      body: z
        .strictObject({
          kind: z.enum(CONTACT_KINDS),
          reporterType: z.enum(REPORTER_TYPES).default('onbekend'),
          violenceType: z.enum(VIOLENCE_TYPES).nullable().default(null),
          summary: z.string().trim().max(4000).default(''),
          acute: z.boolean().default(false),
        })
        .refine((c) => c.kind === 'advies' || c.violenceType !== null, { message: 'Een melding heeft een geweldsvorm', path: ['violenceType'] }),
      response: { 201: z.object({ contactId: z.string(), kind: z.enum(CONTACT_KINDS) }) },
    },
  }, async (req, reply) =>
    req.scoped(async (ctx) => {
      const s = await ownChat(ctx, req.params.id, 'chat.convert');
      if (s.contact_id) throw new ChatError(409, 'already_converted', 'Dit gesprek is al omgezet');
      const transcript = (await messagesAfter(ctx.db, s.id, 0, 10_000))
        .map((m) => `[${m.sentAt.slice(11, 16)}] ${m.sender === 'visitor' ? s.nickname : m.sender === 'worker' ? 'Medewerker' : 'Systeem'}: ${m.body}`)
        .join('\n');
      const b = req.body;
      const text = [b.summary, `Chatgesprek (${s.nickname}):\n${transcript}`].filter((x) => x).join('\n\n').slice(0, 4000);
      const id = await registerContact(ctx.db, {
        kind: b.kind,
        receivedAt: new Date(s.created_at).toISOString(),
        regionCode: ctx.actor.regionCode,
        municipalityCode: s.region_code === ctx.actor.regionCode ? await municipalityOf(ctx, s.id) : null,
        channel: 'chat',
        reporterType: b.reporterType,
        reporterGroup: b.reporterType === 'particulier' ? 'burger' : 'onbekend',
        violenceType: b.violenceType,
        summary: text,
        acute: b.acute,
        createdBy: ctx.actor.userId,
      });
      const outcome = b.kind === 'melding' ? 'omgezet-melding' : 'omgezet-advies';
      await ctx.db.updateTable('chat_session').set({ contact_id: id, outcome }).where('id', '=', s.id).execute();
      await ctx.audit({ action: 'contact.create', recordType: 'contact', recordId: id, regionCode: ctx.actor.regionCode, reason: `${b.kind} from chat` });
      await ctx.audit({ action: 'chat.convert', recordType: 'chat', recordId: s.id, regionCode: s.region_code, reason: `contact ${id}` });
      reply.status(201);
      return { contactId: id, kind: b.kind };
    }),
  );
}

async function municipalityOf(ctx: ScopedContext, id: string): Promise<string | null> {
  const r = await ctx.db.selectFrom('chat_session').select('municipality_code').where('id', '=', id).executeTakeFirst();
  return r?.municipality_code ?? null;
}
