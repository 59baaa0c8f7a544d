import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { transaction } from '../../db/scope.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { auditFieldsFor } from '../plugins/access.plugin.ts';
import { runRetention } from './retention.service.ts';

const runView = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  trigger: z.enum(['schedule', 'console', 'cli']),
  startedBy: z.string().nullable(),
  filesErased: z.number().int(),
  adviceErased: z.number().int(),
  transcriptsDeleted: z.number().int(),
  status: z.enum(['running', 'done', 'failed', 'skipped']),
});
const settingsView = z.object({ fileYears: z.number().int(), adviceYears: z.number().int(), chatDays: z.number().int(), scheduled: z.boolean() });

/** The retention job for the administrator: settings, last runs (counts only), run now. */
export async function retentionRoutes(fastify: FastifyInstance, opts: { config: Config; db: Db }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const settings = { fileYears: opts.config.retention.fileYears, adviceYears: opts.config.retention.adviceYears, chatDays: opts.config.chat.retentionDays, scheduled: opts.config.retention.schedule };

  app.get('/api/retention', {
    config: { access: 'retention:manage' },
    schema: {
      summary: 'Retention settings and the last 20 runs of the retention job (counts only, never content)',
      tags: ['retention'],
      response: { 200: z.object({ settings: settingsView, runs: z.array(runView) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      await audit({ action: 'retention.read', recordType: 'retention_run' });
      const rows = await db
        .selectFrom('retention_run as r')
        .leftJoin('staff_user as u', 'u.id', 'r.started_by')
        .select(['r.id', 'r.started_at', 'r.finished_at', 'r.trigger', 'u.display_name', 'r.files_erased', 'r.advice_erased', 'r.transcripts_deleted', 'r.status'])
        .orderBy('r.started_at', 'desc')
        .limit(20)
        .execute();
      return {
        settings,
        runs: rows.map((r) => ({
          id: r.id,
          startedAt: new Date(r.started_at).toISOString(),
          finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
          trigger: r.trigger,
          startedBy: r.display_name,
          filesErased: r.files_erased,
          adviceErased: r.advice_erased,
          transcriptsDeleted: r.transcripts_deleted,
          status: r.status,
        })),
      };
    }),
  );

  app.post('/api/retention/run', {
    config: { access: 'retention:manage' },
    schema: {
      summary: 'Run the retention job now: erase what has expired, delete expired chat transcripts; answers the counts',
      description: 'Refused (409 retention_busy) while another process runs it. The run is recorded and audited with counts only.',
      tags: ['retention'],
      body: z.object({}).strict().optional(),
      response: {
        200: z.object({ runId: z.string(), filesErased: z.number().int(), adviceErased: z.number().int(), transcriptsDeleted: z.number().int() }),
        409: z.object({ code: z.literal('retention_busy'), message: z.string() }),
      },
    },
  }, async (req, reply) => {
    const actor = req.actor!;
    // The job acts as the system across regions (not in the admin's scope); who started it is recorded.
    const r = await runRetention(opts.db, { settings, chatRetentionDays: settings.chatDays, trigger: 'console', startedBy: actor.userId });
    if (r.status === 'skipped' || !r.runId) {
      await transaction(opts.db, (trx) => appendAudit(trx, auditFieldsFor(req, actor, { action: 'retention.run', outcome: 'failed', reason: 'busy' })));
      return reply.status(409).send({ code: 'retention_busy' as const, message: 'De bewaartermijn-taak loopt al. Probeer het over een minuut opnieuw.' });
    }
    return { runId: r.runId, filesErased: r.filesErased, adviceErased: r.adviceErased, transcriptsDeleted: r.transcriptsDeleted };
  });

  // The daily run: every process looks every 15 minutes whether today's run (from 02:00
  // Amsterdam time) has been done; the advisory lock and the "done today" check in runRetention
  // make exactly one of them do it.
  if (!opts.config.retention.schedule) return;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      if (amsterdamHour(new Date()) < 2) return;
      running = runRetention(opts.db, { settings, chatRetentionDays: settings.chatDays, trigger: 'schedule' }).catch((err: unknown) => app.log.error({ err }, 'retention run failed'));
    }, SCHEDULE_EVERY_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}

const SCHEDULE_EVERY_MS = 15 * 60_000;
const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' });
function amsterdamHour(d: Date): number {
  return Number(hourFormat.format(d));
}
