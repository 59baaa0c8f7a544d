import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ScopedTx } from '../../db/scope.ts';
import { deadlineState } from '../../domain/deadlines/deadlines.ts';
import { endOfAmsterdamDay } from '../../domain/deadlines/amsterdam-time.ts';
import { AppError, isUuid, recordNotFound } from '../errors.ts';

export type MdaErrorCode = 'not_structural' | 'plan_exists' | 'unknown_organisation' | 'goal_done';
export class MdaError extends AppError<MdaErrorCode> {}

const planView = z.object({
  id: z.string(),
  directorName: z.string(),
  directorOrganisation: z.object({ id: z.string(), name: z.string() }),
  participants: z.array(z.object({ id: z.string(), name: z.string(), partnerType: z.string().nullable() })),
  summary: z.string(),
  createdAt: z.string(),
  goals: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['doel', 'afspraak']),
      description: z.string(),
      due: z.string(),
      deadline: z.enum(['done-on-time', 'done-late', 'overdue', 'due-today', 'at-risk', 'open']),
      owner: z.string().nullable(),
      doneAt: z.string().nullable(),
    }),
  ),
  meetings: z.array(z.object({ id: z.string(), heldOn: z.string(), minutes: z.string(), by: z.string().nullable() })),
});

async function planOut(db: ScopedTx, contactId: string) {
  const plan = await db.selectFrom('mda_plan').selectAll().where('contact_id', '=', contactId).executeTakeFirst();
  if (!plan) return null;
  const orgs = await db.selectFrom('organisation').select(['id', 'name', 'partner_type']).where('id', 'in', [plan.director_organisation_id, ...plan.participant_ids]).execute();
  const org = (id: string) => orgs.find((o) => o.id === id);
  const goals = await db
    .selectFrom('mda_goal as g')
    .leftJoin('organisation as o', 'o.id', 'g.owner_organisation_id')
    .select(['g.id', 'g.kind', 'g.description', 'g.due', 'g.done_at', 'o.name as owner'])
    .where('g.plan_id', '=', plan.id)
    .orderBy('g.due')
    .execute();
  const meetings = await db
    .selectFrom('mda_meeting as m')
    .leftJoin('staff_user as u', 'u.id', 'm.created_by')
    .select(['m.id', 'm.held_on', 'm.minutes', 'u.display_name'])
    .where('m.plan_id', '=', plan.id)
    .orderBy('m.held_on')
    .execute();
  const now = new Date();
  return {
    id: plan.id,
    directorName: plan.director_name,
    directorOrganisation: { id: plan.director_organisation_id, name: org(plan.director_organisation_id)?.name ?? '' },
    participants: plan.participant_ids.map((id) => ({ id, name: org(id)?.name ?? '', partnerType: org(id)?.partner_type ?? null })),
    summary: plan.summary,
    createdAt: new Date(plan.created_at).toISOString(),
    goals: goals.map((g) => ({
      id: g.id,
      kind: g.kind,
      description: g.description,
      due: g.due,
      deadline: deadlineState(endOfAmsterdamDay(g.due), now, g.done_at ? new Date(g.done_at) : null),
      owner: g.owner,
      doneAt: g.done_at ? new Date(g.done_at).toISOString() : null,
    })),
    meetings: meetings.map((m) => ({ id: m.id, heldOn: m.held_on, minutes: m.minutes, by: m.display_name })),
  };
}

/**
 * MDA++: one plan per household with structural, severe violence, with one director, participants
 * from several organisations, goals and agreements with dates, and meetings with minutes.
 */
export async function mdaRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  /** The melding in scope; an MDA++ plan needs an assessment that found structural unsafety. */
  async function melding(db: ScopedTx, id: string, action: string) {
    const row = isUuid(id) ? await db.selectFrom('case_handling').select(['contact_id', 'region_code', 'structural_unsafety', 'state']).where('contact_id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw recordNotFound('contact', id, action);
    return row;
  }
  async function planOf(db: ScopedTx, planId: string, action: string) {
    const plan = isUuid(planId) ? await db.selectFrom('mda_plan').select(['id', 'contact_id', 'region_code', 'participant_ids', 'director_organisation_id']).where('id', '=', planId).executeTakeFirst() : undefined;
    if (!plan) throw recordNotFound('mda_plan', planId, action);
    return plan;
  }

  app.get('/api/cases/:id/mda', {
    config: { access: 'cases:read' },
    schema: { summary: 'The MDA++ plan of a melding, if any', tags: ['mda'], params: z.object({ id: z.string().max(100) }), response: { 200: z.object({ plan: planView.nullable() }) } },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const m = await melding(db, req.params.id, 'mda.read');
      await audit({ action: 'mda.read', recordType: 'contact', recordId: m.contact_id, regionCode: m.region_code });
      return { plan: await planOut(db, m.contact_id) };
    }),
  );

  app.post('/api/cases/:id/mda', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Start an MDA++ plan: the director (casusregisseur), the participating organisations and what the plan is about',
      tags: ['mda'],
      params: z.object({ id: z.string().max(100) }),
      body: z
        .object({ directorName: z.string().trim().min(1).max(200), directorOrganisationId: z.uuid(), participantIds: z.array(z.uuid()).min(2).max(20), summary: z.string().trim().min(1).max(4000) })
        .strict(),
      response: { 201: z.object({ plan: planView }) },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const m = await melding(db, req.params.id, 'mda.create');
      if (m.structural_unsafety !== true) throw new MdaError(409, 'not_structural', 'MDA++ is voor een huishouden waar de veiligheidsbeoordeling structurele onveiligheid vond');
      if (await db.selectFrom('mda_plan').select('id').where('contact_id', '=', m.contact_id).executeTakeFirst()) throw new MdaError(409, 'plan_exists', 'Dit huishouden heeft al een MDA++-plan');
      const ids = [...new Set([req.body.directorOrganisationId, ...req.body.participantIds])];
      const known = await db.selectFrom('organisation').select('id').where('id', 'in', ids).where('region_code', '=', m.region_code).execute();
      if (known.length !== ids.length) throw new MdaError(400, 'unknown_organisation', 'Kies organisaties uit uw regio');
      await db
        .insertInto('mda_plan')
        .values({ contact_id: m.contact_id, region_code: m.region_code, director_name: req.body.directorName, director_organisation_id: req.body.directorOrganisationId, participant_ids: [...new Set(req.body.participantIds)], summary: req.body.summary, created_by: actor.userId })
        .execute();
      await db.insertInto('case_step').values({ contact_id: m.contact_id, region_code: m.region_code, step: 'mda-started', by_user: actor.userId, code: null, subject_user: null, note: null }).execute();
      await audit({ action: 'mda.create', recordType: 'contact', recordId: m.contact_id, regionCode: m.region_code });
      reply.status(201);
      return { plan: (await planOut(db, m.contact_id))! };
    }),
  );

  app.post('/api/mda/:planId/goals', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Add a goal or agreement with its date (and the organisation that carries it out)',
      tags: ['mda'],
      params: z.object({ planId: z.string().max(100) }),
      body: z.object({ kind: z.enum(['doel', 'afspraak']), description: z.string().trim().min(1).max(2000), due: z.iso.date(), ownerOrganisationId: z.uuid().nullable().default(null) }).strict(),
      response: { 201: z.object({ plan: planView }) },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const plan = await planOf(db, req.params.planId, 'mda.goal');
      const owner = req.body.ownerOrganisationId;
      if (owner && owner !== plan.director_organisation_id && !plan.participant_ids.includes(owner)) throw new MdaError(400, 'unknown_organisation', 'Kies een organisatie die aan het plan deelneemt');
      const goal = await db.insertInto('mda_goal').values({ plan_id: plan.id, region_code: plan.region_code, kind: req.body.kind, description: req.body.description, due: req.body.due, owner_organisation_id: owner, created_by: actor.userId }).returning('id').executeTakeFirstOrThrow();
      await audit({ action: 'mda.goal', recordType: 'mda_goal', recordId: goal.id, regionCode: plan.region_code });
      reply.status(201);
      return { plan: (await planOut(db, plan.contact_id))! };
    }),
  );

  app.post('/api/mda/:planId/goals/:goalId/done', {
    config: { access: 'cases:handle' },
    schema: { summary: 'Mark a goal or agreement as done', tags: ['mda'], params: z.object({ planId: z.string().max(100), goalId: z.string().max(100) }), body: z.object({}).strict(), response: { 200: z.object({ plan: planView }) } },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const plan = await planOf(db, req.params.planId, 'mda.goal.done');
      const goal = isUuid(req.params.goalId) ? await db.selectFrom('mda_goal').select(['id', 'done_at']).where('id', '=', req.params.goalId).where('plan_id', '=', plan.id).executeTakeFirst() : undefined;
      if (!goal) throw recordNotFound('mda_goal', req.params.goalId, 'mda.goal.done');
      if (goal.done_at) throw new MdaError(409, 'goal_done', 'Dit doel is al afgerond');
      await db.updateTable('mda_goal').set({ done_at: new Date() }).where('id', '=', goal.id).execute();
      await audit({ action: 'mda.goal.done', recordType: 'mda_goal', recordId: goal.id, regionCode: plan.region_code });
      return { plan: (await planOut(db, plan.contact_id))! };
    }),
  );

  app.post('/api/mda/:planId/meetings', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Record an MDA++ meeting with its minutes',
      tags: ['mda'],
      params: z.object({ planId: z.string().max(100) }),
      body: z.object({ heldOn: z.iso.date(), minutes: z.string().trim().min(1).max(8000) }).strict(),
      response: { 201: z.object({ plan: planView }) },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const plan = await planOf(db, req.params.planId, 'mda.meeting');
      const meeting = await db.insertInto('mda_meeting').values({ plan_id: plan.id, region_code: plan.region_code, held_on: req.body.heldOn, minutes: req.body.minutes, created_by: actor.userId }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('case_step').values({ contact_id: plan.contact_id, region_code: plan.region_code, step: 'mda-meeting', by_user: actor.userId, code: null, subject_user: null, note: null }).execute();
      await audit({ action: 'mda.meeting', recordType: 'mda_meeting', recordId: meeting.id, regionCode: plan.region_code });
      reply.status(201);
      return { plan: (await planOut(db, plan.contact_id))! };
    }),
  );
}
