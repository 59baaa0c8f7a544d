import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ScopedTx } from '../../db/scope.ts';
import { deadlineState } from '../../domain/deadlines/deadlines.ts';
import {
  adviceEndDue,
  adviceStartDue,
  AWARE_MEMBERS,
  awareDecisionRefusal,
  awareReviewDue,
  awareStepRefusal,
  extensionRefusal,
  newOrderRefusal,
  ORDER_END_REASONS,
  orderEnds,
  orderMaxEnd,
  orderState,
  RISK_INSTRUMENTS,
  type AwareMember,
} from '../../domain/measures/measures.ts';
import { AppError, isUuid, recordNotFound } from '../errors.ts';

export type MeasureErrorCode =
  | 'not_adult'
  | 'decision_in_future'
  | 'extension_too_late'
  | 'extension_too_long'
  | 'extension_not_later'
  | 'order_ended'
  | 'advice_given'
  | 'committee_incomplete'
  | 'wrong_state'
  | 'case_closed';
export class MeasureError extends AppError<MeasureErrorCode> {}

const MESSAGES: Record<MeasureErrorCode, string> = {
  not_adult: 'Een huisverbod kan alleen een meerderjarige treffen (18 jaar of ouder op de dag van de beschikking)',
  decision_in_future: 'De beschikking van de burgemeester kan niet in de toekomst liggen',
  extension_too_late: 'Verlengen moet worden besloten vóór de eerste 10 dagen voorbij zijn',
  extension_too_long: 'Een huisverbod duurt met verlenging hoogstens 28 dagen na de beschikking',
  extension_not_later: 'De verlenging moet later eindigen dan het huisverbod nu',
  order_ended: 'Dit huisverbod is al beëindigd',
  advice_given: 'Dit advies is al vastgelegd',
  committee_incomplete: 'In de indicatiecommissie zitten in elk geval politie en Veilig Thuis',
  wrong_state: 'Deze stap kan nu niet bij deze Aware-aanvraag',
  case_closed: 'Deze melding is afgesloten',
};

const fail = (status: number, code: MeasureErrorCode, action: string, recordType: string, recordId: string) =>
  new MeasureError(status, code, MESSAGES[code], undefined, { action, recordType, recordId, reason: code });

const DEADLINE_STATES = ['done-on-time', 'done-late', 'overdue', 'due-today', 'at-risk', 'open'] as const;
const deadline = z.object({ due: z.string(), deadline: z.enum(DEADLINE_STATES) });

const orderView = z.object({
  id: z.string(),
  contactId: z.string(),
  barredName: z.string(),
  barredBirthDate: z.string(),
  decidedAt: z.string(),
  riskInstrument: z.enum(RISK_INSTRUMENTS),
  endsAt: z.string(),
  maxEndsAt: z.string(),
  state: z.enum(['lopend', 'verlengd', 'beeindigd']),
  extendedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: z.enum(ORDER_END_REASONS).nullable(),
  adviceStart: deadline.extend({ doneAt: z.string().nullable() }),
  adviceEnd: deadline.extend({ doneAt: z.string().nullable() }),
  /** The mayor's decision on extension must come before the first 10 days end. */
  extensionDecision: deadline.nullable(),
});

const awareView = z.object({
  id: z.string(),
  contactId: z.string(),
  requestedAt: z.string(),
  state: z.enum(['aangevraagd', 'afgewezen', 'toegekend', 'uitgereikt', 'ingeleverd']),
  committeeMembers: z.array(z.enum(AWARE_MEMBERS)),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  issuedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  nextReview: deadline.nullable(),
  reviews: z.array(z.object({ at: z.string(), by: z.string().nullable(), continueDevice: z.boolean(), note: z.string().nullable() })),
});

const asDate = (v: Date | string | null) => (v === null ? null : new Date(v));
const iso = (v: Date | string | null) => asDate(v)?.toISOString() ?? null;

type OrderRow = Awaited<ReturnType<typeof loadOrders>>[number];
function loadOrders(db: ScopedTx, where: { contactId?: string; id?: string; open?: boolean }) {
  let q = db.selectFrom('restraining_order').selectAll();
  if (where.contactId) q = q.where('contact_id', '=', where.contactId);
  if (where.id) q = q.where('id', '=', where.id);
  if (where.open) q = q.where('ended_at', 'is', null);
  return q.orderBy('decided_at', 'desc').limit(500).execute();
}

function orderOut(o: OrderRow, now: Date) {
  const decidedAt = new Date(o.decided_at);
  const endsAt = new Date(o.ends_at);
  const endedAt = o.ended_at ? new Date(o.ended_at) : null;
  const startDue = adviceStartDue(decidedAt);
  const endDue = adviceEndDue(endsAt);
  const extensionDue = orderEnds(decidedAt);
  const state = orderState({ endsAt, extended: o.extended_at !== null, endedAt }, now);
  return {
    id: o.id,
    contactId: o.contact_id,
    barredName: o.barred_name,
    barredBirthDate: o.barred_birth_date,
    decidedAt: decidedAt.toISOString(),
    riskInstrument: o.risk_instrument,
    endsAt: endsAt.toISOString(),
    maxEndsAt: orderMaxEnd(decidedAt).toISOString(),
    state,
    extendedAt: iso(o.extended_at),
    endedAt: iso(o.ended_at),
    endReason: o.end_reason,
    adviceStart: { due: startDue.toISOString(), deadline: deadlineState(startDue, now, asDate(o.advice_start_at)), doneAt: iso(o.advice_start_at) },
    adviceEnd: { due: endDue.toISOString(), deadline: deadlineState(endDue, now, asDate(o.advice_end_at)), doneAt: iso(o.advice_end_at) },
    // Open while the order runs unextended; an extension (or the end) settles it.
    extensionDecision:
      state === 'lopend' ? { due: extensionDue.toISOString(), deadline: deadlineState(extensionDue, now) } : o.extended_at ? { due: extensionDue.toISOString(), deadline: deadlineState(extensionDue, now, new Date(o.extended_at)) } : null,
  };
}
async function awareOut(db: ScopedTx, a: Awaited<ReturnType<typeof loadAware>>[number], now: Date) {
  const reviews = await db
    .selectFrom('aware_review as r')
    .leftJoin('staff_user as u', 'u.id', 'r.by_user')
    .select(['r.at', 'r.continue_device', 'r.note', 'u.display_name'])
    .where('r.aware_id', '=', a.id)
    .orderBy('r.at')
    .execute();
  return {
    id: a.id,
    contactId: a.contact_id,
    requestedAt: new Date(a.requested_at).toISOString(),
    state: a.state,
    committeeMembers: a.committee_members.filter((m): m is AwareMember => (AWARE_MEMBERS as readonly string[]).includes(m)),
    decidedAt: iso(a.decided_at),
    decisionNote: a.decision_note,
    issuedAt: iso(a.issued_at),
    returnedAt: iso(a.returned_at),
    nextReview: a.state === 'uitgereikt' && a.next_review_due ? { due: new Date(a.next_review_due).toISOString(), deadline: deadlineState(new Date(a.next_review_due), now) } : null,
    reviews: reviews.map((r) => ({ at: new Date(r.at).toISOString(), by: r.display_name, continueDevice: r.continue_device, note: r.note })),
  };
}
function loadAware(db: ScopedTx, where: { contactId?: string; id?: string }) {
  let q = db.selectFrom('aware_case').selectAll();
  if (where.contactId) q = q.where('contact_id', '=', where.contactId);
  if (where.id) q = q.where('id', '=', where.id);
  return q.orderBy('requested_at', 'desc').limit(500).execute();
}

/** The melding a measure is registered on: in scope, a melding, not closed. */
async function openMelding(db: ScopedTx, id: string, action: string) {
  const row = isUuid(id)
    ? await db
        .selectFrom('contact as c')
        .innerJoin('case_handling as h', 'h.contact_id', 'c.id')
        .select(['c.id', 'c.region_code', 'c.municipality_code', 'h.state'])
        .where('c.id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw recordNotFound('contact', id, action);
  if (row.state === 'closed') throw fail(409, 'case_closed', action, 'contact', id);
  return row;
}

/**
 * Protective measures on a melding: tijdelijk huisverbod (10/28 days, advice at start and end) and
 * Aware (committee, device, reviews), with an overview of what is due and the counts of the region.
 */
export async function measureRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/cases/:id/measures', {
    config: { access: 'cases:read' },
    schema: {
      summary: 'The restraining orders and Aware requests of a melding',
      tags: ['measures'],
      params: z.object({ id: z.string().max(100) }),
      response: { 200: z.object({ restrainingOrders: z.array(orderView), aware: z.array(awareView) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const id = req.params.id;
      const exists = isUuid(id) ? await db.selectFrom('case_handling').select(['contact_id', 'region_code']).where('contact_id', '=', id).executeTakeFirst() : undefined;
      if (!exists) throw recordNotFound('contact', id, 'measures.read');
      const now = new Date();
      const orders = await loadOrders(db, { contactId: id });
      const aware = [];
      for (const a of await loadAware(db, { contactId: id })) aware.push(await awareOut(db, a, now));
      await audit({ action: 'measures.read', recordType: 'contact', recordId: id, regionCode: exists.region_code });
      return { restrainingOrders: orders.map((o) => orderOut(o, now)), aware };
    }),
  );

  app.post('/api/cases/:id/restraining-orders', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Register a tijdelijk huisverbod decided by the mayor (10 days from the decision)',
      tags: ['measures'],
      params: z.object({ id: z.string().max(100) }),
      body: z
        .object({
          barredName: z.string().trim().min(1).max(200),
          barredBirthDate: z.iso.date(),
          decidedAt: z.iso.datetime({ offset: true }),
          riskInstrument: z.enum(RISK_INSTRUMENTS),
        })
        .strict(),
      response: { 201: orderView },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const melding = await openMelding(db, req.params.id, 'restraining_order.create');
      const decidedAt = new Date(req.body.decidedAt);
      const why = newOrderRefusal(decidedAt, req.body.barredBirthDate, new Date());
      if (why) throw fail(400, why, 'restraining_order.create', 'contact', melding.id);
      const row = await db
        .insertInto('restraining_order')
        .values({
          contact_id: melding.id,
          region_code: melding.region_code,
          barred_name: req.body.barredName,
          barred_birth_date: req.body.barredBirthDate,
          decided_at: decidedAt,
          municipality_code: melding.municipality_code,
          risk_instrument: req.body.riskInstrument,
          ends_at: orderEnds(decidedAt),
          created_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      // Counted in the annual report (exchange-v1 event huisverbod), dated by the mayor's decision.
      await db.insertInto('contact_event').values({ contact_id: melding.id, region_code: melding.region_code, type: 'huisverbod', at: decidedAt, outcome: null, partner: null, created_by: actor.userId }).execute();
      await db.insertInto('case_step').values({ contact_id: melding.id, region_code: melding.region_code, step: 'restraining-order', by_user: actor.userId, code: req.body.riskInstrument, subject_user: null, note: null }).execute();
      await audit({ action: 'restraining_order.create', recordType: 'restraining_order', recordId: row.id, regionCode: melding.region_code });
      reply.status(201);
      return orderOut(row, new Date());
    }),
  );

  /** Loads an order in scope for a change; 404 outside the region. */
  async function order(db: ScopedTx, id: string, action: string) {
    const [row] = isUuid(id) ? await loadOrders(db, { id }) : [];
    if (!row) throw recordNotFound('restraining_order', id, action);
    return row;
  }

  app.post('/api/restraining-orders/:id/advice', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Record Veilig Thuis’ advice to the mayor at the start or before the end of the order',
      tags: ['measures'],
      params: z.object({ id: z.string().max(100) }),
      body: z.object({ moment: z.enum(['start', 'end']) }).strict(),
      response: { 200: orderView },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const o = await order(db, req.params.id, 'restraining_order.advice');
      const column = req.body.moment === 'start' ? 'advice_start_at' : 'advice_end_at';
      if (o[column]) throw fail(409, 'advice_given', 'restraining_order.advice', 'restraining_order', o.id);
      await db.updateTable('restraining_order').set({ [column]: new Date() }).where('id', '=', o.id).execute();
      await db.insertInto('case_step').values({ contact_id: o.contact_id, region_code: o.region_code, step: `restraining-order-advice-${req.body.moment}`, by_user: actor.userId, code: null, subject_user: null, note: null }).execute();
      await audit({ action: 'restraining_order.advice', recordType: 'restraining_order', recordId: o.id, regionCode: o.region_code, reason: req.body.moment });
      return orderOut((await order(db, o.id, 'restraining_order.advice')), new Date());
    }),
  );

  app.post('/api/restraining-orders/:id/extension', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Record the mayor’s extension (decided before day 10; at most 28 days from the decision)',
      tags: ['measures'],
      params: z.object({ id: z.string().max(100) }),
      body: z.object({ decidedAt: z.iso.datetime({ offset: true }), until: z.iso.datetime({ offset: true }) }).strict(),
      response: { 200: orderView },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const o = await order(db, req.params.id, 'restraining_order.extend');
      const extensionAt = new Date(req.body.decidedAt);
      const until = new Date(req.body.until);
      const why = extensionRefusal({ decidedAt: new Date(o.decided_at), endsAt: new Date(o.ends_at), endedAt: asDate(o.ended_at) }, extensionAt, until);
      if (why) throw fail(why === 'order_ended' ? 409 : 400, why, 'restraining_order.extend', 'restraining_order', o.id);
      await db.updateTable('restraining_order').set({ extended_at: extensionAt, ends_at: until }).where('id', '=', o.id).execute();
      await db.insertInto('case_step').values({ contact_id: o.contact_id, region_code: o.region_code, step: 'restraining-order-extended', by_user: actor.userId, code: null, subject_user: null, note: null }).execute();
      await audit({ action: 'restraining_order.extend', recordType: 'restraining_order', recordId: o.id, regionCode: o.region_code });
      return orderOut((await order(db, o.id, 'restraining_order.extend')), new Date());
    }),
  );

  app.post('/api/restraining-orders/:id/end', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Record that the order ended (ran out, withdrawn by the mayor, lifted by a court)',
      tags: ['measures'],
      params: z.object({ id: z.string().max(100) }),
      body: z.object({ reason: z.enum(ORDER_END_REASONS) }).strict(),
      response: { 200: orderView },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const o = await order(db, req.params.id, 'restraining_order.end');
      if (o.ended_at) throw fail(409, 'order_ended', 'restraining_order.end', 'restraining_order', o.id);
      const now = new Date();
      // An order that ran out ended at its end, not when someone noted it.
      const endedAt = req.body.reason === 'afgelopen' && new Date(o.ends_at) < now ? new Date(o.ends_at) : now;
      await db.updateTable('restraining_order').set({ ended_at: endedAt, end_reason: req.body.reason }).where('id', '=', o.id).execute();
      await db.insertInto('case_step').values({ contact_id: o.contact_id, region_code: o.region_code, step: 'restraining-order-ended', by_user: actor.userId, code: req.body.reason, subject_user: null, note: null }).execute();
      await audit({ action: 'restraining_order.end', recordType: 'restraining_order', recordId: o.id, regionCode: o.region_code, reason: req.body.reason });
      return orderOut((await order(db, o.id, 'restraining_order.end')), now);
    }),
  );

  app.post('/api/cases/:id/aware', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Register an Aware request for the victim of a melding',
      tags: ['measures'],
      params: z.object({ id: z.string().max(100) }),
      body: z.object({ requestedAt: z.iso.datetime({ offset: true }) }).strict(),
      response: { 201: awareView },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const melding = await openMelding(db, req.params.id, 'aware.create');
      const row = await db
        .insertInto('aware_case')
        .values({ contact_id: melding.id, region_code: melding.region_code, requested_at: new Date(req.body.requestedAt), created_by: actor.userId })
        .returningAll()
        .executeTakeFirstOrThrow();
      await db.insertInto('case_step').values({ contact_id: melding.id, region_code: melding.region_code, step: 'aware-requested', by_user: actor.userId, code: null, subject_user: null, note: null }).execute();
      await audit({ action: 'aware.create', recordType: 'aware_case', recordId: row.id, regionCode: melding.region_code });
      reply.status(201);
      return awareOut(db, row, new Date());
    }),
  );

  async function aware(db: ScopedTx, id: string, action: string) {
    const [row] = isUuid(id) ? await loadAware(db, { id }) : [];
    if (!row) throw recordNotFound('aware_case', id, action);
    return row;
  }

  app.post('/api/aware/:id/decision', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Record the indication committee’s decision (police and Veilig Thuis at least)',
      tags: ['measures'],
      params: z.object({ id: z.string().max(100) }),
      body: z.object({ granted: z.boolean(), members: z.array(z.enum(AWARE_MEMBERS)).max(4), note: z.string().trim().max(2000).default('') }).strict(),
      response: { 200: awareView },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const a = await aware(db, req.params.id, 'aware.decide');
      const members = [...new Set(req.body.members)];
      const why = awareDecisionRefusal(a.state, members);
      if (why) throw fail(why === 'wrong_state' ? 409 : 400, why, 'aware.decide', 'aware_case', a.id);
      const now = new Date();
      await db.updateTable('aware_case').set({ state: req.body.granted ? 'toegekend' : 'afgewezen', committee_members: members, decided_at: now, decision_note: req.body.note || null }).where('id', '=', a.id).execute();
      // Counted in the annual report (exchange-v1 event aware) when granted.
      if (req.body.granted) await db.insertInto('contact_event').values({ contact_id: a.contact_id, region_code: a.region_code, type: 'aware', at: now, outcome: null, partner: null, created_by: actor.userId }).execute();
      await db.insertInto('case_step').values({ contact_id: a.contact_id, region_code: a.region_code, step: 'aware-decided', by_user: actor.userId, code: req.body.granted ? 'toegekend' : 'afgewezen', subject_user: null, note: null }).execute();
      await audit({ action: 'aware.decide', recordType: 'aware_case', recordId: a.id, regionCode: a.region_code, reason: req.body.granted ? 'toegekend' : 'afgewezen' });
      return awareOut(db, await aware(db, a.id, 'aware.decide'), now);
    }),
  );

  for (const step of ['issue', 'review', 'return'] as const) {
    app.post(`/api/aware/:id/${step}`, {
      config: { access: 'cases:handle' },
      schema: {
        summary: step === 'issue' ? 'Record that the Aware device was handed out' : step === 'review' ? 'Record a review of the device (every 3 months)' : 'Record that the device was returned',
        tags: ['measures'],
        params: z.object({ id: z.string().max(100) }),
        body: step === 'review' ? z.object({ continueDevice: z.boolean(), note: z.string().trim().max(2000).default('') }).strict() : z.object({}).strict(),
        response: { 200: awareView },
      },
    }, async (req) =>
      req.scoped(async ({ db, actor, audit }) => {
        const a = await aware(db, req.params.id, `aware.${step}`);
        const why = awareStepRefusal(step, a.state);
        if (why) throw fail(409, why, `aware.${step}`, 'aware_case', a.id);
        const now = new Date();
        if (step === 'issue') await db.updateTable('aware_case').set({ state: 'uitgereikt', issued_at: now, next_review_due: awareReviewDue(now) }).where('id', '=', a.id).execute();
        if (step === 'return') await db.updateTable('aware_case').set({ state: 'ingeleverd', returned_at: now, next_review_due: null }).where('id', '=', a.id).execute();
        if (step === 'review') {
          const body: { continueDevice?: boolean; note?: string } = req.body;
          await db.insertInto('aware_review').values({ aware_id: a.id, region_code: a.region_code, by_user: actor.userId, continue_device: body.continueDevice ?? true, note: body.note || null }).execute();
          await db.updateTable('aware_case').set({ next_review_due: awareReviewDue(now) }).where('id', '=', a.id).execute();
        }
        await db.insertInto('case_step').values({ contact_id: a.contact_id, region_code: a.region_code, step: `aware-${step}`, by_user: actor.userId, code: null, subject_user: null, note: null }).execute();
        await audit({ action: `aware.${step}`, recordType: 'aware_case', recordId: a.id, regionCode: a.region_code });
        return awareOut(db, await aware(db, a.id, `aware.${step}`), now);
      }),
    );
  }

  app.get('/api/measures/overview', {
    config: { access: 'cases:read' },
    schema: {
      summary: 'Running restraining orders with their deadlines, Aware devices with their reviews, and the year’s counts of the own region',
      tags: ['measures'],
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      response: {
        200: z.object({
          restrainingOrders: z.array(orderView),
          aware: z.array(awareView),
          counts: z.object({ restrainingOrders: z.number(), extended: z.number(), awareRequested: z.number(), awareGranted: z.number(), awareIssued: z.number() }),
        }),
      },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const now = new Date();
      const year = req.query.year;
      const orders = await loadOrders(db, { open: true });
      const awareRows = await db.selectFrom('aware_case').selectAll().where('state', 'in', ['aangevraagd', 'toegekend', 'uitgereikt']).orderBy('requested_at').limit(500).execute();
      const aware = [];
      for (const a of awareRows) aware.push(await awareOut(db, a, now));
      // Counted with row-level security in force: only the own region is counted.
      const { rows } = await sql<{ ro: number; ext: number; req: number; granted: number; issued: number }>`
        select
          (select count(*)::int from restraining_order where extract(year from decided_at at time zone 'Europe/Amsterdam') = ${year}) as ro,
          (select count(*)::int from restraining_order where extended_at is not null and extract(year from decided_at at time zone 'Europe/Amsterdam') = ${year}) as ext,
          (select count(*)::int from aware_case where extract(year from requested_at at time zone 'Europe/Amsterdam') = ${year}) as req,
          (select count(*)::int from aware_case where state in ('toegekend', 'uitgereikt', 'ingeleverd') and extract(year from requested_at at time zone 'Europe/Amsterdam') = ${year}) as granted,
          (select count(*)::int from aware_case where issued_at is not null and extract(year from requested_at at time zone 'Europe/Amsterdam') = ${year}) as issued`.execute(db);
      await audit({ action: 'measures.overview', recordType: 'region', recordId: actor.regionCode, regionCode: actor.regionCode });
      const row = rows[0]!;
      return {
        restrainingOrders: orders.map((o) => orderOut(o, now)),
        aware,
        counts: { restrainingOrders: row.ro, extended: row.ext, awareRequested: row.req, awareGranted: row.granted, awareIssued: row.issued },
      };
    }),
  );
}
