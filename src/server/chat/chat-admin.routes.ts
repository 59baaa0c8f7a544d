import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transaction } from '../../db/scope.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { isUuid, recordNotFound } from '../errors.ts';
import { auditFieldsFor } from '../plugins/access.plugin.ts';
import { chatFigures } from './chat-figures.ts';
import type { ChatRouteOptions } from './chat-public.routes.ts';

const scope = z.string().regex(/^[A-Z0-9-]{2,20}$/, 'NL of een regiocode');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Een tijd als 09:00');
const weeklySchema = z.object({ scope: z.string(), weekday: z.number().int(), opens: z.string(), closes: z.string() });
const exceptionSchema = z.object({
  id: z.string(),
  scope: z.string(),
  dateFrom: z.string(),
  dateTo: z.string(),
  workingDaysOnly: z.boolean(),
  opens: z.string().nullable(),
  closes: z.string().nullable(),
  note: z.string(),
});
const hhmm = (t: string | null): string | null => (t ? t.slice(0, 5) : null);
// PostgreSQL's time type has no 24:00 for a closing time at midnight: 23:59:59 stands in for it.
const dbTime = (t: string): string => (t === '24:00' ? '23:59:59' : t);

const measures = {
  chats: z.number().int(),
  served: z.number().int(),
  abandoned: z.number().int(),
  leftMessages: z.number().int(),
  waitMeanSeconds: z.number().int().nullable(),
  waitMedianSeconds: z.number().int().nullable(),
  durationMeanSeconds: z.number().int().nullable(),
  durationMedianSeconds: z.number().int().nullable(),
};
const counts = z.array(z.object({ code: z.string(), chats: z.number().int() }));

export async function chatAdminRoutes(fastify: FastifyInstance, opts: ChatRouteOptions): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/chat/figures', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'Chat figures per day or week and region: chats, served, abandoned, waiting times, durations (mean, median), by tag and outcome',
      description: 'Aggregates only, over all regions (as the annual figures): runs as owner, the read is audited.',
      tags: ['chat'],
      querystring: z
        .object({
          from: z.iso.date(),
          to: z.iso.date(),
          region: z.string().regex(/^([A-Z0-9-]{2,20}|landelijk)$/).optional(),
          per: z.enum(['day', 'week']).default('day'),
        })
        .refine((q) => q.to >= q.from, { message: 'to ligt op of na from', path: ['to'] }),
      response: {
        200: z.object({
          rows: z.array(z.object({ period: z.string(), region: z.string(), ...measures })),
          total: z.object(measures),
          byVisitorGroup: counts,
          byOutcome: counts,
          byTopic: counts,
        }),
      },
    },
  }, async (req) =>
    transaction(opts.db, async (trx) => {
      const q = req.query;
      const figures = await chatFigures(trx, { from: q.from, to: q.to, region: q.region ?? null, per: q.per });
      await appendAudit(trx, auditFieldsFor(req, req.actor, { action: 'chat.figures', recordType: 'chat_figures', recordId: `${q.from}/${q.to}`, regionCode: q.region ?? null, reason: q.per }));
      return figures;
    }),
  );

  app.get('/api/chat/opening-hours', {
    config: { access: 'chat:manage' },
    schema: {
      summary: 'The chat\'s weekly opening hours (national and per region) and dated exceptions',
      tags: ['chat'],
      response: { 200: z.object({ weekly: z.array(weeklySchema), exceptions: z.array(exceptionSchema) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db }) => {
      const weekly = await db.selectFrom('chat_opening_hours').selectAll().orderBy('scope').orderBy('weekday').execute();
      const exceptions = await db.selectFrom('chat_opening_exception').selectAll().orderBy('date_from').execute();
      return {
        weekly: weekly.map((w) => ({ scope: w.scope, weekday: w.weekday, opens: hhmm(w.opens)!, closes: hhmm(w.closes)! })),
        exceptions: exceptions.map((e) => ({ id: e.id, scope: e.scope, dateFrom: e.date_from, dateTo: e.date_to, workingDaysOnly: e.working_days_only, opens: hhmm(e.opens), closes: hhmm(e.closes), note: e.note })),
      };
    }),
  );

  app.put('/api/chat/opening-hours/:scope', {
    config: { access: 'chat:manage' },
    schema: {
      summary: 'Replace the weekly hours of one scope (NL, or the own region); a day left out is closed',
      tags: ['chat'],
      params: z.object({ scope }),
      body: z.strictObject({
        days: z
          .array(z.strictObject({ weekday: z.number().int().min(1).max(7), opens: time, closes: time }).refine((d) => d.closes > d.opens, { message: 'De sluitingstijd ligt na de openingstijd', path: ['closes'] }))
          .max(7)
          .refine((d) => new Set(d.map((x) => x.weekday)).size === d.length, 'Elke dag hoogstens één keer'),
      }),
      response: { 200: z.object({ scope: z.string(), days: z.number().int() }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const s = req.params.scope;
      await db.deleteFrom('chat_opening_hours').where('scope', '=', s).execute();
      if (req.body.days.length > 0) {
        await db.insertInto('chat_opening_hours').values(req.body.days.map((d) => ({ scope: s, weekday: d.weekday, opens: d.opens, closes: dbTime(d.closes) }))).execute();
      }
      await audit({ action: 'chat.opening-hours', recordType: 'chat_opening_hours', regionCode: s === 'NL' ? null : s, reason: s });
      return { scope: s, days: req.body.days.length };
    }),
  );

  app.post('/api/chat/opening-hours/exceptions', {
    config: { access: 'chat:manage' },
    schema: {
      summary: 'Add a dated exception (other hours, or closed) for NL or the own region',
      tags: ['chat'],
      body: z
        .strictObject({
          scope,
          dateFrom: z.iso.date(),
          dateTo: z.iso.date(),
          workingDaysOnly: z.boolean().default(false),
          opens: time.nullable().default(null),
          closes: time.nullable().default(null),
          note: z.string().trim().max(200).default(''),
        })
        .refine((e) => e.dateTo >= e.dateFrom, { message: 'De einddatum ligt op of na de begindatum', path: ['dateTo'] })
        .refine((e) => (e.opens === null) === (e.closes === null), { message: 'Vul beide tijden in, of geen (gesloten)', path: ['closes'] })
        .refine((e) => e.opens === null || e.closes === null || e.closes > e.opens, { message: 'De sluitingstijd ligt na de openingstijd', path: ['closes'] }),
      response: { 201: exceptionSchema },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, audit }) => {
      const b = req.body;
      const row = await db
        .insertInto('chat_opening_exception')
        .values({ scope: b.scope, date_from: b.dateFrom, date_to: b.dateTo, working_days_only: b.workingDaysOnly, opens: b.opens, closes: b.closes === null ? null : dbTime(b.closes), note: b.note })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit({ action: 'chat.opening-exception.create', recordType: 'chat_opening_exception', recordId: row.id, regionCode: b.scope === 'NL' ? null : b.scope });
      reply.status(201);
      return { id: row.id, scope: row.scope, dateFrom: row.date_from, dateTo: row.date_to, workingDaysOnly: row.working_days_only, opens: hhmm(row.opens), closes: hhmm(row.closes), note: row.note };
    }),
  );

  app.delete('/api/chat/opening-hours/exceptions/:id', {
    config: { access: 'chat:manage' },
    schema: { summary: 'Remove a dated exception', tags: ['chat'], params: z.object({ id: z.string().max(100) }), response: { 204: z.null() } },
  }, async (req, reply) =>
    req.scoped(async ({ db, audit }) => {
      if (!isUuid(req.params.id)) throw recordNotFound('chat_opening_exception', req.params.id, 'chat.opening-exception.delete');
      const gone = await db.deleteFrom('chat_opening_exception').where('id', '=', req.params.id).returning('scope').executeTakeFirst();
      if (!gone) throw recordNotFound('chat_opening_exception', req.params.id, 'chat.opening-exception.delete');
      await audit({ action: 'chat.opening-exception.delete', recordType: 'chat_opening_exception', recordId: req.params.id, regionCode: gone.scope === 'NL' ? null : gone.scope });
      reply.status(204);
      return null;
    }),
  );
}
