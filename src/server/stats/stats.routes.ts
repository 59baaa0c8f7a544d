import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import writeXlsxFile from 'write-excel-file/node';
import { z } from 'zod';
import { COLUMN_LABELS_NL, DASHBOARD_TABLES, dashboard, tableCsv, type DashboardQuery } from './stats.dashboard.ts';
import { STATS_GRAINS } from './stats.repository.ts';

const query = z
  .object({
    /** 'NL' for the whole country, or a region code. */
    region: z.string().regex(/^[A-Z0-9-]{2,20}$/).default('NL'),
    grain: z.enum(STATS_GRAINS).default('month'),
    from: z.iso.date(),
    to: z.iso.date(),
  })
  .refine((q) => q.to >= q.from, { message: 'to ligt op of na from', path: ['to'] });

const cell = z.union([z.string(), z.number(), z.null()]);
const tableView = z.object({
  id: z.enum(DASHBOARD_TABLES),
  chart: z.object({ type: z.enum(['line', 'bar']), category: z.string(), series: z.array(z.string()) }),
  columns: z.array(z.object({ key: z.string(), kind: z.enum(['label', 'count', 'percent', 'minutes']) })),
  rows: z.array(z.array(cell)),
});
const range = z.object({ from: z.string(), to: z.string() });
const dashboardView = z.object({
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  grain: z.enum(STATS_GRAINS),
  from: z.string(),
  to: z.string(),
  earlier: range,
  tables: z.array(tableView),
});

const toDashboardQuery = (q: z.infer<typeof query>): DashboardQuery => ({ region: q.region === 'NL' ? null : q.region, grain: q.grain, from: q.from, to: q.to });

/**
 * Figures dashboards (ADR 0011). They read counters (stats_count) and the person-free figures
 * tables only, inside the caller's scope: the request role with `reports:read` may read those and
 * nothing else of a record, so a dashboard cannot show a person even by mistake. Any region may be
 * asked for (municipalities and the ministry compare regions), as with the annual report.
 */
export async function statsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/stats/dashboard', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'Figures dashboards of a region or the country: every table (with its chart) for a grain and range, against a year earlier',
      description: 'Counters only, never a record. region=NL for the whole country.',
      tags: ['stats'],
      querystring: query,
      response: { 200: dashboardView },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const q = toDashboardQuery(req.query);
      const result = await dashboard(db, q);
      await audit({ action: 'stats.dashboard', recordType: 'stats', recordId: `${req.query.region}/${q.grain}/${q.from}/${q.to}`, regionCode: q.region, reason: 'json' });
      return result;
    }),
  );

  app.get('/api/stats/tables/:table', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'One dashboard table as a CSV or XLSX download',
      tags: ['stats'],
      params: z.object({ table: z.enum(DASHBOARD_TABLES) }),
      querystring: query.and(z.object({ format: z.enum(['csv', 'xlsx']).default('csv') })),
      response: { 200: z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ description: 'text/csv or XLSX', type: 'string', format: 'binary' }) },
    },
  }, async (req, reply) => {
    const q = toDashboardQuery(req.query);
    const format = req.query.format;
    const table = await req.scoped(async ({ db, audit }) => {
      const result = await dashboard(db, q);
      await audit({ action: 'stats.download', recordType: 'stats', recordId: `${req.params.table}/${req.query.region}/${q.grain}/${q.from}/${q.to}`, regionCode: q.region, reason: format });
      return result.tables.find((t) => t.id === req.params.table) ?? { id: req.params.table, chart: { type: 'bar' as const, category: '', series: [] }, columns: [], rows: [] };
    });
    const name = `cijfers-${req.params.table}-${req.query.region}-${q.grain}-${q.from}-${q.to}`;
    let body: Buffer;
    if (format === 'csv') {
      // A byte order mark so spreadsheet programs read the file as UTF-8.
      body = Buffer.from('\uFEFF' + tableCsv(table), 'utf8');
      reply.type('text/csv; charset=utf-8');
    } else {
      const header = table.columns.map((c) => ({ value: COLUMN_LABELS_NL[c.key] ?? c.key, fontWeight: 'bold' as const }));
      const rows = table.rows.map((r) => r.map((v) => (v === null ? null : typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String })));
      body = await writeXlsxFile([header, ...rows], { sheet: table.id }).toBuffer();
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    }
    return reply.header('content-disposition', `attachment; filename="${name}.${format}"`).header('cache-control', 'no-store').send(body);
  });
}
