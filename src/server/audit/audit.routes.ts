import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { listAudit, verifyAuditChain } from './audit.repository.ts';

const entryView = z.object({
  seq: z.number(),
  at: z.string(),
  requestId: z.string().nullable(),
  actor: z.object({ email: z.string().nullable(), role: z.string().nullable(), organisation: z.string().nullable() }).nullable(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  outcome: z.enum(['allowed', 'denied', 'failed']),
  reason: z.string().nullable(),
});

export async function auditRoutes(fastify: FastifyInstance, opts: { db: Db }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/audit', {
    config: { access: 'audit:read' },
    schema: {
      summary: 'Browse the audit trail of the own region, newest first',
      tags: ['audit'],
      querystring: z.object({
        action: z.string().max(100).optional(),
        actorEmail: z.string().max(254).optional(),
        recordType: z.string().max(100).optional(),
        recordId: z.string().max(100).optional(),
        outcome: z.enum(['allowed', 'denied', 'failed']).optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
        before: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: { 200: z.object({ items: z.array(entryView), nextBefore: z.number().nullable() }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const q = req.query;
      const page = await listAudit(db, { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
      // Reading the trail is itself recorded (it shows who looked at which record).
      const orgIds = [...new Set(page.items.map((r) => r.actor_organisation_id).filter((id): id is string => id !== null))];
      const orgs = orgIds.length ? await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', orgIds).execute() : [];
      const orgName = new Map(orgs.map((o) => [o.id, o.name]));
      await audit({ action: 'audit.read', recordType: 'audit_log', regionCode: actor.regionCode, reason: `${page.items.length} entries` });
      return {
        items: page.items.map((r) => ({
          seq: r.seq,
          at: new Date(r.at).toISOString(),
          requestId: r.request_id,
          actor: r.actor_email || r.actor_role ? { email: r.actor_email, role: r.actor_role, organisation: r.actor_organisation_id ? (orgName.get(r.actor_organisation_id) ?? null) : null } : null,
          action: r.action,
          recordType: r.record_type,
          recordId: r.record_id,
          outcome: r.outcome,
          reason: r.reason,
        })),
        nextBefore: page.nextBefore,
      };
    }),
  );

  app.get('/api/audit/verify', {
    config: { access: 'audit:read' },
    schema: {
      summary: 'Verify the hash chain of the whole audit trail',
      tags: ['audit'],
      response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBrokenSeq: z.number().nullable() }) },
    },
  }, async (req) => {
    // The chain is global, so the check runs as owner; it reveals only counts and a sequence
    // number, never an entry of another region.
    const result = await verifyAuditChain(opts.db);
    await req.scoped(({ audit, actor }) => audit({ action: 'audit.verify', recordType: 'audit_log', regionCode: actor.regionCode, reason: result.ok ? `ok, ${result.checked} entries` : `broken at ${result.firstBrokenSeq}` }));
    return result;
  });
}
