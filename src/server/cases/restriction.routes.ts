import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ScopedTx } from '../../db/scope.ts';
import { isUuid, recordNotFound } from '../errors.ts';
import { CaseError, caseRepository } from './case.repository.ts';

/**
 * Need-to-know inside a region (ADR 0014): shield a file ("afgeschermd dossier"), lift it, break
 * the glass, and the team lead's overview of broken glass. Who sees what is decided by the
 * database (migration 0019: restrictive policies and three SECURITY DEFINER functions); these
 * handlers only call them, explain the answer and write the audit entry in the same transaction.
 */
const params = z.object({ id: z.string().max(100) });
const person = z.object({ id: z.string(), displayName: z.string() });

async function visible(db: ScopedTx, id: string): Promise<boolean> {
  const r = await sql<{ v: boolean }>`select signaal_case_visible(${id}::uuid) as v`.execute(db);
  return r.rows[0]?.v === true;
}

export async function restrictionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/cases/restricted', {
    config: { access: 'cases:read' },
    schema: {
      summary: 'Shielded files of the own region: a stub each (id, since when, whether you may open it)',
      tags: ['cases'],
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), restrictedAt: z.string(), canOpen: z.boolean(), accessUntil: z.string().nullable() })) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor }) => {
      const rows = await db
        .selectFrom('case_restriction as r')
        .select([
          'r.contact_id',
          'r.restricted_at',
          sql<boolean>`signaal_case_visible(r.contact_id)`.as('can_open'),
          sql<Date | null>`(select max(g.expires_at) from case_access_grant g where g.contact_id = r.contact_id and g.user_id = ${actor.userId}::uuid and g.expires_at > now())`.as('access_until'),
        ])
        .orderBy('r.restricted_at', 'desc')
        .limit(500)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.contact_id,
          restrictedAt: new Date(r.restricted_at).toISOString(),
          canOpen: r.can_open,
          accessUntil: r.access_until ? new Date(r.access_until).toISOString() : null,
        })),
      };
    }),
  );

  app.get('/api/cases/:id/restriction', {
    config: { access: 'cases:read' },
    schema: {
      summary: 'Whether a file is shielded, who may see it, and whether you may change that',
      tags: ['cases'],
      params,
      response: {
        200: z.object({
          restricted: z.boolean(),
          restrictedAt: z.string().nullable(),
          canOpen: z.boolean(),
          canManage: z.boolean(),
          accessUntil: z.string().nullable(),
          /** Only for those who may open the file. */
          members: z.array(person),
          assignedTo: person.nullable(),
          candidates: z.array(person),
        }),
      },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor }) => {
      const id = req.params.id;
      if (!isUuid(id)) throw recordNotFound('contact', id, 'case.restriction.read');
      const restriction = await db.selectFrom('case_restriction').select('restricted_at').where('contact_id', '=', id).executeTakeFirst();
      const repo = caseRepository(db);
      const row = await repo.get(id);
      // Neither a case this user sees nor a shielded one of the region: as if it did not exist.
      if (!row && !restriction) throw recordNotFound('contact', id, 'case.restriction.read');
      const canOpen = await visible(db, id);
      const grant = await db.selectFrom('case_access_grant').select((eb) => eb.fn.max('expires_at').as('until')).where('contact_id', '=', id).where('user_id', '=', actor.userId).where('expires_at', '>', new Date()).executeTakeFirst();
      const canManage = !!row && actor.permissions.includes('cases:handle') && (actor.permissions.includes('cases:assign') || row.assigned_to === actor.userId);
      const members = canOpen
        ? await db.selectFrom('case_restriction_member as m').innerJoin('staff_user as u', 'u.id', 'm.user_id').select(['u.id', 'u.display_name']).where('m.contact_id', '=', id).orderBy('u.display_name').execute()
        : [];
      const candidates = canManage ? await repo.assignees() : [];
      return {
        restricted: !!restriction,
        restrictedAt: restriction ? new Date(restriction.restricted_at).toISOString() : null,
        canOpen,
        canManage,
        accessUntil: grant?.until ? new Date(grant.until).toISOString() : null,
        members: members.map((m) => ({ id: m.id, displayName: m.display_name })),
        assignedTo: row?.assigned_to && row.assigned_name ? { id: row.assigned_to, displayName: row.assigned_name } : null,
        candidates: candidates.map((c) => ({ id: c.id, displayName: c.display_name })),
      };
    }),
  );

  app.post('/api/cases/:id/restriction', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Shield a file: only the assigned casemanager, team leads and the named staff see it (team lead or assigned casemanager)',
      tags: ['cases'],
      params,
      body: z.strictObject({ members: z.array(z.uuid()).max(50) }),
      response: { 200: z.object({ restricted: z.literal(true) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const id = req.params.id;
      if (!isUuid(id)) throw recordNotFound('contact', id, 'case.restrict');
      const members = `{${req.body.members.join(',')}}`;
      const r = await sql<{ result: string }>`select signaal_restrict_case(${id}::uuid, ${members}::uuid[]) as result`.execute(db);
      const result = r.rows[0]?.result;
      if (result === 'not_found') throw recordNotFound('contact', id, 'case.restrict');
      if (result === 'not_allowed') throw new CaseError(403, 'not_allowed_to_restrict', 'Alleen de teamleider of de toegewezen casemanager kan een dossier afschermen');
      if (result === 'bad_member') throw new CaseError(400, 'bad_member', 'Kies casemanagers of teamleiders van uw eigen regio');
      await audit({ action: 'case.restrict', recordType: 'contact', recordId: id, reason: `members: ${req.body.members.length}` });
      return { restricted: true as const };
    }),
  );

  app.post('/api/cases/:id/restriction/lift', {
    config: { access: 'cases:handle' },
    schema: { summary: 'Lift the shielding of a file (team lead or assigned casemanager)', tags: ['cases'], params, response: { 200: z.object({ restricted: z.literal(false) }) } },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const id = req.params.id;
      if (!isUuid(id)) throw recordNotFound('contact', id, 'case.unrestrict');
      const r = await sql<{ result: string }>`select signaal_lift_restriction(${id}::uuid) as result`.execute(db);
      const result = r.rows[0]?.result;
      if (result === 'not_found') throw recordNotFound('contact', id, 'case.unrestrict');
      if (result === 'not_allowed') throw new CaseError(403, 'not_allowed_to_restrict', 'Alleen de teamleider of de toegewezen casemanager kan de afscherming opheffen');
      await audit({ action: 'case.unrestrict', recordType: 'contact', recordId: id });
      return { restricted: false as const };
    }),
  );

  app.post('/api/cases/:id/break-glass', {
    config: { access: 'cases:read' },
    schema: {
      summary: 'Open a shielded file of the own region for four hours, with a reason; audited and shown to the team lead',
      tags: ['cases'],
      params,
      body: z.strictObject({ reason: z.string().trim().min(10).max(2000) }),
      response: { 201: z.object({ grantId: z.string(), expiresAt: z.string() }) },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, audit }) => {
      const id = req.params.id;
      if (!isUuid(id)) throw recordNotFound('contact', id, 'case.break_glass');
      const r = await sql<{ id: string; expires_at: Date }>`select id, expires_at from signaal_break_glass(${id}::uuid, ${req.body.reason})`.execute(db);
      const grant = r.rows[0];
      if (!grant) throw recordNotFound('contact', id, 'case.break_glass');
      // The reason goes into the audit trail too: the trail is what an inspection reads.
      await audit({ action: 'case.break_glass', recordType: 'contact', recordId: id, reason: req.body.reason });
      reply.status(201);
      return { grantId: grant.id, expiresAt: new Date(grant.expires_at).toISOString() };
    }),
  );

  app.get('/api/break-glass', {
    config: { access: 'cases:assign' },
    schema: {
      summary: 'Team lead: who broke the glass on a shielded file of the region, why and until when',
      tags: ['cases'],
      response: {
        200: z.object({
          items: z.array(z.object({ id: z.string(), caseId: z.string(), user: person, reason: z.string(), grantedAt: z.string(), expiresAt: z.string(), active: z.boolean(), reviewedAt: z.string().nullable(), reviewedBy: z.string().nullable() })),
          unreviewed: z.number(),
        }),
      },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const rows = await db
        .selectFrom('case_access_grant as g')
        .innerJoin('staff_user as u', 'u.id', 'g.user_id')
        .leftJoin('staff_user as r', 'r.id', 'g.reviewed_by')
        .select(['g.id', 'g.contact_id', 'g.user_id', 'u.display_name', 'g.reason', 'g.granted_at', 'g.expires_at', 'g.reviewed_at', 'r.display_name as reviewed_by_name'])
        .orderBy('g.granted_at', 'desc')
        .limit(200)
        .execute();
      await audit({ action: 'case.break_glass.list', recordType: 'case_access_grant' });
      const now = Date.now();
      return {
        items: rows.map((g) => ({
          id: g.id,
          caseId: g.contact_id,
          user: { id: g.user_id, displayName: g.display_name },
          reason: g.reason,
          grantedAt: new Date(g.granted_at).toISOString(),
          expiresAt: new Date(g.expires_at).toISOString(),
          active: new Date(g.expires_at).getTime() > now,
          reviewedAt: g.reviewed_at ? new Date(g.reviewed_at).toISOString() : null,
          reviewedBy: g.reviewed_by_name,
        })),
        unreviewed: rows.filter((g) => !g.reviewed_at).length,
      };
    }),
  );

  app.post('/api/break-glass/:id/review', {
    config: { access: 'cases:assign' },
    schema: { summary: 'Team lead: mark a broken glass as seen', tags: ['cases'], params, response: { 200: z.object({ reviewedAt: z.string() }) } },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const id = req.params.id;
      if (!isUuid(id)) throw recordNotFound('case_access_grant', id, 'case.break_glass.review');
      const at = new Date();
      const done = await db.updateTable('case_access_grant').set({ reviewed_by: actor.userId, reviewed_at: at }).where('id', '=', id).where('reviewed_at', 'is', null).returning('contact_id').executeTakeFirst();
      if (!done) throw recordNotFound('case_access_grant', id, 'case.break_glass.review');
      await audit({ action: 'case.break_glass.review', recordType: 'case_access_grant', recordId: id });
      return { reviewedAt: at.toISOString() };
    }),
  );
}
