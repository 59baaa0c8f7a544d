import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkinSchedule } from '../../domain/cases/workflow.ts';
import { isUuid, recordNotFound } from '../errors.ts';
import { PartnerError, partnerRepository } from './partner.repository.ts';

const STATUSES = ['verstuurd', 'geaccepteerd', 'afgewezen'] as const;

const content = z.object({
  message: z.string(),
  municipalityName: z.string().nullable(),
  violenceType: z.string().nullable(),
  persons: z.array(z.object({ role: z.string(), name: z.string(), birthDate: z.string().nullable(), street: z.string().nullable(), postcode: z.string().nullable(), place: z.string().nullable() })),
  reporter: z.object({ type: z.string(), name: z.string().nullable(), contact: z.string().nullable() }).nullable(),
});

const summary = z.object({
  id: z.string(),
  sentAt: z.string(),
  from: z.string(),
  status: z.enum(STATUSES),
  municipalityName: z.string().nullable(),
  violenceType: z.string().nullable(),
});

const detail = summary.extend({
  respondedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  feedback: z.string().nullable(),
  feedbackAt: z.string().nullable(),
  content,
});

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof partnerRepository>['handover']>>>;
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function summaryOf(h: Row) {
  return {
    id: h.id,
    sentAt: new Date(h.sent_at).toISOString(),
    from: `Veilig Thuis ${h.region_name}`,
    status: h.status,
    municipalityName: h.content.municipalityName,
    violenceType: h.content.violenceType,
  };
}

/**
 * The partner's side of a handover (role partner, permission handovers:respond): the list and
 * content of what was handed to the own organisation, accept or decline with a reason, feedback.
 * Every look is audited.
 */
export async function handoverRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/handovers', {
    config: { access: 'handovers:respond' },
    schema: { summary: 'Partner: the handovers addressed to the own organisation, newest first', tags: ['partners'], response: { 200: z.object({ items: z.array(summary) }) } },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const rows = await partnerRepository(db).handovers();
      for (const h of rows) await audit({ action: 'handover.list', recordType: 'case_handover', recordId: h.id, regionCode: actor.regionCode });
      return { items: rows.map(summaryOf) };
    }),
  );

  app.get('/api/handovers/:id', {
    config: { access: 'handovers:respond' },
    schema: { summary: 'Partner: one handover with what was handed over', tags: ['partners'], params: z.object({ id: z.string().max(100) }), response: { 200: detail } },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const h = isUuid(req.params.id) ? await partnerRepository(db).handover(req.params.id) : undefined;
      if (!h) throw recordNotFound('case_handover', req.params.id, 'handover.read');
      await audit({ action: 'handover.read', recordType: 'case_handover', recordId: h.id, regionCode: actor.regionCode });
      return { ...summaryOf(h), respondedAt: iso(h.responded_at), declineReason: h.decline_reason, feedback: h.feedback, feedbackAt: iso(h.feedback_at), content: h.content };
    }),
  );

  const MESSAGES = {
    already_answered: 'Op deze overdracht is al geantwoord',
    not_accepted: 'Terugkoppeling kan pas na het accepteren van de overdracht',
  } as const;

  for (const action of ['accept', 'decline'] as const) {
    app.post(`/api/handovers/:id/${action}`, {
      config: { access: 'handovers:respond' },
      schema: {
        summary: action === 'accept' ? 'Partner: accept the handover; Veilig Thuis starts monitoring' : 'Partner: decline the handover, with the reason',
        tags: ['partners'],
        params: z.object({ id: z.string().max(100) }),
        body: action === 'accept' ? z.object({}).strict() : z.object({ reason: z.string().trim().min(1).max(2000) }).strict(),
        response: { 200: z.object({ status: z.enum(STATUSES) }) },
      },
    }, async (req) =>
      req.scoped(async ({ db, actor, audit }) => {
        const repo = partnerRepository(db);
        const org = await repo.organisation(actor.organisationId);
        const body: { reason?: string } = req.body;
        const reason = body.reason ?? null;
        const result = isUuid(req.params.id)
          ? await repo.respond(req.params.id, action === 'accept', reason, checkinSchedule(new Date()), org?.partner_type ?? 'overig')
          : 'not_found';
        if (result === 'not_found') throw recordNotFound('case_handover', req.params.id, `handover.${action}`);
        if (result !== 'ok') {
          throw new PartnerError(409, 'already_answered', MESSAGES.already_answered, undefined, { action: `handover.${action}`, recordType: 'case_handover', recordId: req.params.id, reason: result });
        }
        await audit({ action: `handover.${action}`, recordType: 'case_handover', recordId: req.params.id, regionCode: actor.regionCode });
        return { status: action === 'accept' ? ('geaccepteerd' as const) : ('afgewezen' as const) };
      }),
    );
  }

  app.post('/api/handovers/:id/feedback', {
    config: { access: 'handovers:respond' },
    schema: {
      summary: 'Partner: feedback to Veilig Thuis on an accepted handover (how the help goes)',
      tags: ['partners'],
      params: z.object({ id: z.string().max(100) }),
      body: z.object({ feedback: z.string().trim().min(1).max(4000) }).strict(),
      response: { 200: z.object({ feedbackAt: z.string() }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const result = isUuid(req.params.id) ? await partnerRepository(db).feedback(req.params.id, req.body.feedback) : 'not_found';
      if (result === 'not_found') throw recordNotFound('case_handover', req.params.id, 'handover.feedback');
      if (result !== 'ok') throw new PartnerError(409, 'not_accepted', MESSAGES.not_accepted, undefined, { action: 'handover.feedback', recordType: 'case_handover', recordId: req.params.id, reason: result });
      await audit({ action: 'handover.feedback', recordType: 'case_handover', recordId: req.params.id, regionCode: actor.regionCode });
      return { feedbackAt: new Date().toISOString() };
    }),
  );
}
