import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { transaction } from '../../db/scope.ts';
import { VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { auditFieldsFor } from '../plugins/access.plugin.ts';
import { annualReport } from './annual-report.ts';
import { annualReportPdf } from './annual-report.pdf.ts';

const count = z.number().int().min(0);
const share = z.object({ aantal: count, procent: count });
const annualReportView = z.object({
  format: z.literal('signaal.annual-report/v1'),
  region: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  municipalities: z.array(z.object({ code: z.string().nullable(), name: z.string(), meldingen: count, adviezen: count, totaal: count })),
  totaal: z.object({ meldingen: count, adviezen: count, totaal: count }),
  adviezen: z.object({ totaal: count, beroepsmatig: count, particulier: count, onbekend: count }),
  meldingen: z.object({
    totaal: count,
    beroepsmatig: count,
    particulier: count,
    onbekend: count,
    geweldsvorm: z.object(Object.fromEntries(VIOLENCE_TYPES.map((t) => [t, share])) as Record<(typeof VIOLENCE_TYPES)[number], typeof share>),
  }),
  onderzoeken: count,
  veiligheidsvoorwaarden: count,
  overdrachten: count,
  monitoring: count,
  huisverboden: count,
  aware: count,
});

const query = z.object({
  region: z.string().regex(/^[A-Z0-9-]{2,20}$/),
  year: z.coerce.number().int().min(1990).max(2100),
});

/**
 * The annual regional report (../shared/contracts/annual-report-v1.md) as JSON and PDF. Figures
 * only, never a person, so any region may be asked for (municipalities and the ministry compare
 * regions). It runs as owner because the counts span contacts the actor could not read one by one
 * (an analyst has no record permission at all); the read is audited in the same transaction.
 */
export async function reportRoutes(fastify: FastifyInstance, opts: { db: Db }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const load = (req: Parameters<typeof auditFieldsFor>[0], region: string, year: number, format: string) =>
    transaction(opts.db, async (trx) => {
      const report = await annualReport(trx, region, year);
      await appendAudit(trx, auditFieldsFor(req, req.actor, { action: 'report.annual', recordType: 'annual_report', recordId: `${region}/${year}`, regionCode: region, reason: format }));
      return report;
    });

  app.get('/api/reports/annual', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'Annual figures of a Veilig Thuis region (annual-report-v1)',
      tags: ['reports'],
      querystring: query,
      response: { 200: annualReportView },
    },
  }, async (req) => load(req, req.query.region, req.query.year, 'json'));

  app.get('/api/reports/annual.pdf', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'The annual figures of a region as a PDF (table per municipality and infographic figures)',
      tags: ['reports'],
      querystring: query,
      // The PDF bytes go out as they are: Fastify does not serialise a Buffer.
      response: { 200: z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ description: 'application/pdf', type: 'string', format: 'binary' }) },
    },
  }, async (req, reply) => {
    const report = await load(req, req.query.region, req.query.year, 'pdf');
    const pdf = await annualReportPdf(report);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="jaarcijfers-${report.region.code}-${report.year}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
}
