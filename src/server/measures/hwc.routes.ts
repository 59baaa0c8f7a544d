import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { amsterdamDate } from '../../domain/deadlines/amsterdam-time.ts';
import { deadlineState } from '../../domain/deadlines/deadlines.ts';
import { schoolMorningAfter } from '../../domain/measures/handle-with-care.ts';
import { AppError, isUuid, recordNotFound } from '../errors.ts';

export type HwcErrorCode = 'not_police' | 'unknown_school' | 'incident_in_future' | 'already_acknowledged';
export class HwcError extends AppError<HwcErrorCode> {}

const signalView = z.object({
  id: z.string(),
  school: z.object({ id: z.string(), name: z.string() }),
  childName: z.string(),
  childBirthDate: z.string(),
  childGroup: z.string().nullable(),
  sentAt: z.string(),
  dueAt: z.string(),
  deadline: z.enum(['done-on-time', 'done-late', 'overdue', 'due-today', 'at-risk', 'open']),
  acknowledgedAt: z.string().nullable(),
  /** Set for the sender only: when the police were there. The school never gets it. */
  incidentOn: z.string().nullable(),
});

/**
 * Handle with Care: police accounts send a signal to a child's school; the school's contact person
 * sees that the child may need extra care, and nothing more, and acknowledges it. Every signal and
 * every look is audited.
 */
export async function hwcRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/hwc/schools', {
    config: { access: 'hwc:send' },
    schema: { summary: 'Schools that take part in Handle with Care', tags: ['hwc'], response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), regionCode: z.string() })) }) } },
  }, async (req) =>
    req.scoped(async ({ db }) => ({
      items: (await db.selectFrom('organisation').select(['id', 'name', 'region_code']).where('partner_type', '=', 'school').where('active', '=', true).orderBy('name').execute()).map((o) => ({ id: o.id, name: o.name, regionCode: o.region_code })),
    })),
  );

  app.post('/api/hwc/signals', {
    config: { access: 'hwc:send' },
    schema: {
      summary: 'Police: tell a child’s school that the child may need extra care (no details of the incident)',
      tags: ['hwc'],
      body: z
        .object({
          schoolId: z.uuid(),
          childName: z.string().trim().min(1).max(200),
          childBirthDate: z.iso.date(),
          childGroup: z.string().trim().max(50).nullable().default(null),
          incidentOn: z.iso.date(),
        })
        .strict(),
      response: { 201: signalView },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const org = await db.selectFrom('organisation').select(['id', 'partner_type']).where('id', '=', actor.organisationId).executeTakeFirst();
      // Only the police send these signals (row-level security checks it again).
      if (org?.partner_type !== 'politie') throw new HwcError(403, 'not_police', 'Alleen de politie verstuurt Handle with Care-signalen');
      const school = await db.selectFrom('organisation').select(['id', 'name', 'region_code']).where('id', '=', req.body.schoolId).where('partner_type', '=', 'school').where('active', '=', true).executeTakeFirst();
      if (!school) throw new HwcError(400, 'unknown_school', 'Kies een school die meedoet aan Handle with Care');
      if (req.body.incidentOn > amsterdamDate(new Date())) throw new HwcError(400, 'incident_in_future', 'De datum van het incident ligt in de toekomst');
      const row = await db
        .insertInto('hwc_signal')
        .values({
          school_id: school.id,
          region_code: school.region_code,
          child_name: req.body.childName,
          child_birth_date: req.body.childBirthDate,
          child_group: req.body.childGroup,
          incident_on: req.body.incidentOn,
          due_at: schoolMorningAfter(req.body.incidentOn),
          sent_by: actor.userId,
          sent_by_organisation: org.id,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit({ action: 'hwc.send', recordType: 'hwc_signal', recordId: row.id, regionCode: school.region_code });
      reply.status(201);
      const now = new Date();
      return {
        id: row.id,
        school: { id: school.id, name: school.name },
        childName: row.child_name,
        childBirthDate: row.child_birth_date,
        childGroup: row.child_group,
        sentAt: new Date(row.sent_at).toISOString(),
        dueAt: new Date(row.due_at).toISOString(),
        deadline: deadlineState(new Date(row.due_at), now, new Date(row.sent_at)),
        acknowledgedAt: null,
        incidentOn: row.incident_on,
      };
    }),
  );

  app.get('/api/hwc/signals', {
    config: { access: 'hwc:receive' },
    schema: { summary: 'The school’s own signals (or, for the police, the signals it sent)', tags: ['hwc'], response: { 200: z.object({ items: z.array(signalView) }) } },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const rows = await db
        .selectFrom('hwc_signal as s')
        .innerJoin('organisation as o', 'o.id', 's.school_id')
        .select(['s.id', 's.school_id', 'o.name as school_name', 's.child_name', 's.child_birth_date', 's.child_group', 's.sent_at', 's.due_at', 's.acknowledged_at', 's.incident_on', 's.sent_by_organisation', 's.region_code'])
        .orderBy('s.sent_at', 'desc')
        .limit(500)
        .execute();
      const now = new Date();
      for (const r of rows) await audit({ action: 'hwc.read', recordType: 'hwc_signal', recordId: r.id, regionCode: r.region_code });
      return {
        items: rows.map((r) => ({
          id: r.id,
          school: { id: r.school_id, name: r.school_name },
          childName: r.child_name,
          childBirthDate: r.child_birth_date,
          childGroup: r.child_group,
          sentAt: new Date(r.sent_at).toISOString(),
          dueAt: new Date(r.due_at).toISOString(),
          // For the school the signal counts as received when it was sent; "on time" means by the school morning.
          deadline: deadlineState(new Date(r.due_at), now, new Date(r.sent_at)),
          acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
          incidentOn: r.sent_by_organisation === actor.organisationId ? r.incident_on : null,
        })),
      };
    }),
  );

  app.post('/api/hwc/signals/:id/acknowledge', {
    config: { access: 'hwc:receive' },
    schema: { summary: 'School: acknowledge a signal (the child gets extra care)', tags: ['hwc'], params: z.object({ id: z.string().max(100) }), body: z.object({}).strict(), response: { 200: z.object({ acknowledgedAt: z.string() }) } },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const id = req.params.id;
      const row = isUuid(id) ? await db.selectFrom('hwc_signal').select(['id', 'school_id', 'acknowledged_at', 'region_code']).where('id', '=', id).where('school_id', '=', actor.organisationId).executeTakeFirst() : undefined;
      if (!row) throw recordNotFound('hwc_signal', id, 'hwc.acknowledge');
      if (row.acknowledged_at) throw new HwcError(409, 'already_acknowledged', 'Dit signaal is al bevestigd');
      const now = new Date();
      await db.updateTable('hwc_signal').set({ acknowledged_at: now, acknowledged_by: actor.userId }).where('id', '=', id).execute();
      await audit({ action: 'hwc.acknowledge', recordType: 'hwc_signal', recordId: id, regionCode: row.region_code });
      return { acknowledgedAt: now.toISOString() };
    }),
  );
}
