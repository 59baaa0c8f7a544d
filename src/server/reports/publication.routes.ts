import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { transaction } from '../../db/scope.ts';
import { CBS_TABLES, cbsCsv, parseHalfYear } from '../../domain/stats/cbs-tables.ts';
import { disclosureSettings } from '../../domain/stats/disclosure-control.ts';
import { lastCompleteWeek, parseIsoWeek } from '../../domain/stats/weekly-update.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { auditFieldsFor } from '../plugins/access.plugin.ts';
import { cbsTable } from './cbs-delivery.ts';
import { openDataYear, type OpenDataYear } from './open-data.ts';
import { ReportError } from './annual-report.ts';
import { weeklyUpdate } from './weekly-update.ts';
import { weeklyUpdatePdf } from './weekly-update.pdf.ts';

const count = z.number().int().min(0);
const figures = z.object({ meldingen: count, adviezen: count, acuteMeldingen: count, chats: count });
const shares = z.object({ thisWeek: count.nullable(), lastYear: count.nullable() });
const weeklyView = z.object({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  lastYearWeek: z.string(),
  lastYearFrom: z.string(),
  lastYearTo: z.string(),
  regions: z.array(z.object({ code: z.string(), name: z.string(), thisWeek: figures, lastYear: figures, acuteShare: shares })),
  chatsWithoutRegion: z.object({ thisWeek: count, lastYear: count }),
  national: z.object({ thisWeek: figures, lastYear: figures, acuteShare: shares }),
  notes: z.array(z.string()),
});
const weekQuery = z.object({ week: z.string().regex(/^\d{4}-W\d{2}$/, 'Een ISO-week als 2026-W47').optional() });

// Published cells: a rounded count, or null for a hidden one ("." on the page).
const cell = count.nullable();
const openDataView = z.object({
  year: z.number().int(),
  threshold: z.number().int(),
  roundingBase: z.number().int(),
  contacts: z.object({
    rows: z.array(z.object({ code: z.string(), name: z.string(), adviezen: cell, meldingen: cell, totaal: cell })),
    nederland: z.object({ adviezen: cell, meldingen: cell, totaal: cell }),
  }),
  violence: z.object({
    types: z.array(z.string()),
    rows: z.array(z.object({ code: z.string(), name: z.string(), counts: z.array(cell), totaal: cell })),
    nederland: z.object({ counts: z.array(cell), totaal: cell }),
  }),
});

/** Complete years only: a running year published day by day would give small numbers away by difference. */
export function openDataYears(today: Date): number[] {
  const last = today.getUTCFullYear() - 1;
  // From 2015, the year Veilig Thuis started (Wmo 2015), newest first.
  return Array.from({ length: last - 2015 + 1 }, (_, i) => last - i);
}

/** Open data is read by anyone, so one computation per year serves everyone for a while. */
const OPEN_DATA_CACHE_MS = 10 * 60 * 1000;

/**
 * The figures that leave Veilig Thuis (ADR 0012): the weekly national update (exact in the
 * console for analysts, team leads and admins; disclosure-controlled in the PDF for the
 * ministry), the semi-annual CBS tables (CSV, disclosure-controlled) and the public open data
 * (disclosure-controlled, no session). Aggregates over all regions, so they run as owner, like
 * the annual report; staff reads are audited in the same transaction.
 */
export async function publicationRoutes(fastify: FastifyInstance, opts: { db: Db; config: Config }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const settings = disclosureSettings(opts.config.disclosure.threshold, opts.config.disclosure.roundingBase);

  const weekOf = (text: string | undefined) => {
    if (!text) return lastCompleteWeek(new Date());
    const w = parseIsoWeek(text);
    if (!w) throw new ReportError(400, 'unknown_week', `Deze week bestaat niet: ${text}`);
    return w;
  };
  const loadWeekly = (req: Parameters<typeof auditFieldsFor>[0], week: string | undefined, format: string) =>
    transaction(opts.db, async (trx) => {
      const u = await weeklyUpdate(trx, weekOf(week));
      await appendAudit(trx, auditFieldsFor(req, req.actor, { action: 'report.weekly', recordType: 'weekly_update', recordId: u.week, regionCode: null, reason: format }));
      return u;
    });

  app.get('/api/reports/weekly', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'Weekly national update: per region meldingen, adviezen, chats and acute share against the same ISO week last year, with notable changes',
      description: 'Exact counts for staff with reports:read; the PDF for the ministry is disclosure-controlled. Default: the last complete week.',
      tags: ['reports'],
      querystring: weekQuery,
      response: { 200: weeklyView },
    },
  }, async (req) => loadWeekly(req, req.query.week, 'json'));

  app.get('/api/reports/weekly.pdf', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'The weekly national update as a one-page PDF for the ministry (disclosure-controlled)',
      tags: ['reports'],
      querystring: weekQuery,
      response: { 200: z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ description: 'application/pdf', type: 'string', format: 'binary' }) },
    },
  }, async (req, reply) => {
    const u = await loadWeekly(req, req.query.week, 'pdf');
    const pdf = await weeklyUpdatePdf(u, settings);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="weekupdate-${u.week}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  app.get('/api/reports/cbs', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'The tables of the semi-annual CBS delivery (Beleidsinformatie Veilig Thuis)',
      tags: ['reports'],
      response: { 200: z.object({ tables: z.array(z.object({ id: z.string(), title: z.string() })), threshold: count, roundingBase: count }) },
    },
  }, async () => ({ tables: CBS_TABLES.map((t) => ({ id: t.id, title: t.title })), threshold: settings.threshold, roundingBase: settings.roundingBase }));

  app.get('/api/reports/cbs.csv', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'One table of the semi-annual CBS delivery per region as CSV, laid out like StatLine, disclosure-controlled',
      tags: ['reports'],
      querystring: z.object({
        table: z.enum(CBS_TABLES.map((t) => t.id) as [string, ...string[]]),
        period: z.string().regex(/^\d{4}-H[12]$/, 'Een halfjaar als 2026-H1'),
      }),
      response: { 200: z.string().meta({ description: 'text/csv' }) },
    },
  }, async (req, reply) => {
    const period = parseHalfYear(req.query.period)!;
    const csv = await transaction(opts.db, async (trx) => {
      const t = (await cbsTable(trx, req.query.table, period, settings))!;
      await appendAudit(trx, auditFieldsFor(req, req.actor, { action: 'report.cbs', recordType: 'cbs_table', recordId: `${req.query.table}/${req.query.period}`, regionCode: null, reason: 'csv' }));
      return cbsCsv(t);
    });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="cbs-${req.query.table}-${req.query.period}.csv"`)
      .header('cache-control', 'no-store')
      .send(`\uFEFF${csv}`); // the byte-order mark makes spreadsheet programs read UTF-8
  });

  const cache = new Map<number, { at: number; data: OpenDataYear }>();
  app.get('/api/public/open-data', {
    config: { access: 'public', rateLimit: { max: 300, timeWindow: '1 hour' } },
    schema: {
      summary: 'Open data: adviezen and meldingen per Veilig Thuis region and year, disclosure-controlled (rounded, small cells hidden as null)',
      tags: ['public'],
      querystring: z.object({ year: z.coerce.number().int().optional() }),
      response: { 200: openDataView.extend({ years: z.array(z.number().int()) }) },
    },
  }, async (req) => {
    const years = openDataYears(new Date());
    const year = req.query.year ?? years[0]!;
    if (!years.includes(year)) throw new ReportError(404, 'unknown_year', `Geen open data voor ${year}`);
    const hit = cache.get(year);
    if (hit && Date.now() - hit.at < OPEN_DATA_CACHE_MS) return { ...hit.data, years };
    const data = await transaction(opts.db, (trx) => openDataYear(trx, year, settings));
    cache.set(year, { at: Date.now(), data });
    return { ...data, years };
  });
}
