import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { transaction } from '../../db/scope.ts';
import { amsterdamDate } from '../../domain/deadlines/amsterdam-time.ts';
import { isExpired, type RetentionSettings } from '../../domain/retention/retention.ts';
import { systemAuditEntry } from '../audit/audit-chain.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { deleteExpiredTranscripts } from '../chat/chat.jobs.ts';
import { eraseContact } from './erase.ts';

export interface RetentionRunResult {
  status: 'done' | 'skipped';
  runId: string | null;
  filesErased: number;
  adviceErased: number;
  transcriptsDeleted: number;
}

/** One lock for the whole cluster: several processes may try at once, one runs. */
const LOCK = sql`hashtext('signaal.retention')`;
/** Files handled per run: a backlog is worked off over the following days, in bounded transactions. */
const MAX_PER_RUN = 2000;

/**
 * The daily retention job (ADR 0013): erases the personal data of meldingen and adviezen whose
 * retention ended (domain/retention), deletes expired chat transcripts, and records the run with
 * counts only. The audit trail gets one entry per erased record (its id, no content) and one for
 * the run. Runs as the owner (no request role): it is the system acting, across regions.
 */
export async function runRetention(
  db: Db,
  opts: { settings: RetentionSettings; chatRetentionDays: number; trigger: 'schedule' | 'console' | 'cli'; startedBy?: string | null; now?: Date },
): Promise<RetentionRunResult> {
  const now = opts.now ?? new Date();
  const today = amsterdamDate(now);
  const result = await transaction(db, async (trx) => {
    const { rows: lock } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${LOCK}) as ok`.execute(trx);
    if (!lock[0]?.ok) return null;
    // The scheduler of every process asks once a day; the first one does the work.
    if (opts.trigger === 'schedule') {
      const done = await trx
        .selectFrom('retention_run')
        .select('id')
        .where('trigger', '=', 'schedule')
        .where('status', '=', 'done')
        .where(sql<boolean>`(started_at at time zone 'Europe/Amsterdam')::date = ${today}::date`)
        .executeTakeFirst();
      if (done) return null;
    }
    const run = await trx.insertInto('retention_run').values({ trigger: opts.trigger, started_by: opts.startedBy ?? null, started_at: now, finished_at: null }).returning('id').executeTakeFirstOrThrow();

    // Candidates by a generous date bound in SQL; the exact rule (youngest child, leap days) in the domain.
    const fileBound = new Date(now.getTime() - (opts.settings.fileYears - 1) * 365 * 86_400_000);
    const adviceBound = new Date(now.getTime() - (opts.settings.adviceYears - 1) * 365 * 86_400_000);
    const { rows } = await sql<{ id: string; kind: 'advies' | 'melding'; received_at: Date; closed_at: Date | null; converted_to: string | null; region_code: string; kids: string[] | null }>`
      select c.id, c.kind, c.received_at, h.closed_at, c.converted_to, c.region_code,
             (select array_agg(distinct k.birth_date::text) from person k
               where k.role = 'kind' and k.birth_date is not null
                 and (k.contact_id = c.id or k.household_id in (select p.household_id from person p where p.contact_id = c.id and p.household_id is not null))) as kids
        from contact c left join case_handling h on h.contact_id = c.id
       where c.erased_at is null
         and ((c.kind = 'advies' and c.converted_to is null and c.received_at < ${adviceBound})
           or (c.kind = 'melding' and h.closed_at < ${fileBound}))
       order by c.received_at
       limit ${MAX_PER_RUN}`.execute(trx);
    let files = 0;
    let advice = 0;
    for (const r of rows) {
      const facts = { kind: r.kind, receivedAt: new Date(r.received_at), closedAt: r.closed_at ? new Date(r.closed_at) : null, convertedTo: r.converted_to, childBirthDates: r.kids ?? [] };
      if (!isExpired(facts, opts.settings, today)) continue;
      await eraseContact(trx, r.id, 'retentie', now);
      await appendAudit(trx, systemAuditEntry({ actorRole: 'system', action: 'retention.erase', recordType: 'contact', recordId: r.id, regionCode: r.region_code, reason: r.kind }));
      if (r.kind === 'advies') advice++;
      else files++;
    }
    return { runId: run.id, files, advice };
  });
  if (!result) return { status: 'skipped', runId: null, filesErased: 0, adviceErased: 0, transcriptsDeleted: 0 };

  let transcripts: number;
  try {
    transcripts = await deleteExpiredTranscripts(db, opts.chatRetentionDays, now);
  } catch (err) {
    // The erasures are committed; the run shows that its second half failed.
    await db.updateTable('retention_run').set({ finished_at: new Date(), status: 'failed', files_erased: result.files, advice_erased: result.advice }).where('id', '=', result.runId).execute();
    throw err;
  }
  await transaction(db, async (trx) => {
    await trx
      .updateTable('retention_run')
      .set({ finished_at: new Date(), status: 'done', files_erased: result.files, advice_erased: result.advice, transcripts_deleted: transcripts })
      .where('id', '=', result.runId)
      .execute();
    await appendAudit(
      trx,
      systemAuditEntry({
        actorRole: opts.trigger === 'cli' ? 'cli' : 'system',
        actorId: opts.startedBy ?? null,
        action: 'retention.run',
        recordType: 'retention_run',
        recordId: result.runId,
        reason: `${opts.trigger}: ${result.files} dossiers, ${result.advice} adviezen, ${transcripts} chatgesprekken`,
      }),
    );
  });
  return { status: 'done', runId: result.runId, filesErased: result.files, adviceErased: result.advice, transcriptsDeleted: transcripts };
}
