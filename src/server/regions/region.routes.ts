import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { transaction } from '../../db/scope.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { auditFieldsFor } from '../plugins/access.plugin.ts';
import { reassignMunicipality, regionsForYear } from './region.repository.ts';

const regionsView = z.object({
  year: z.number(),
  classificationYear: z.number(),
  regions: z.array(z.object({ code: z.string(), name: z.string(), municipalities: z.array(z.object({ code: z.string(), name: z.string() })) })),
});

export async function regionRoutes(fastify: FastifyInstance, opts: { db: Db }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/regions', {
    config: { access: 'regions:read' },
    schema: {
      summary: 'Regions with their municipalities in a year (default: this year)',
      tags: ['regions'],
      querystring: z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() }),
      response: { 200: regionsView },
    },
  }, async (req) => regionsForYear(opts.db, req.query.year ?? new Date().getFullYear()));

  app.post('/api/regions/assignments', {
    config: { access: 'regions:manage' },
    schema: {
      summary: 'Move a municipality to another region from a given year on',
      tags: ['regions'],
      body: z.object({
        municipalityCode: z.string().regex(/^GM\d{4}$/),
        regionCode: z.string().max(20),
        fromYear: z.number().int().min(1990).max(2100),
      }),
      response: { 200: z.object({ updatedYears: z.number() }) },
    },
  }, async (req) => {
    const { municipalityCode, regionCode, fromYear } = req.body;
    // Reference data is national and not region-scoped: it changes as owner, with the audit
    // entry in the same transaction.
    return transaction(opts.db, async (trx) => {
      const updatedYears = await reassignMunicipality(trx, municipalityCode, regionCode, fromYear);
      await appendAudit(trx, auditFieldsFor(req, req.actor, { action: 'region.reassign', recordType: 'municipality', recordId: municipalityCode, regionCode, reason: `to ${regionCode} from ${fromYear}` }));
      return { updatedYears };
    });
  });
}
