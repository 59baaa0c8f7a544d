import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { transaction } from '../../db/scope.ts';
import { systemAuditEntry } from '../audit/audit-chain.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import type { ChatBus } from './chat.bus.ts';
import { VISITOR_GONE_MS } from './chat.service.ts';

export interface MaintenanceResult {
  abandoned: number;
  transcriptsDeleted: number;
}

/**
 * The chat's scheduled work, safe to run in every process at once (rows are claimed with
 * SKIP LOCKED, so two processes never handle the same chat):
 * - a chat whose visitor's tab has been silent for VISITOR_GONE_MS ends (abandoned when it was
 *   still waiting); a message left while closed waits for a worker instead;
 * - transcripts of chats that ended more than retentionDays ago are deleted, unless the chat was
 *   attached to an advies or melding (then the file's retention applies). The deletion is
 *   audited by chat id and region only: no nickname, no content.
 */
export async function runChatMaintenance(db: Db, bus: ChatBus, opts: { retentionDays: number; now?: Date }): Promise<MaintenanceResult> {
  const now = opts.now ?? new Date();
  const abandoned = await transaction(db, async (trx) => {
    const { rows } = await sql<{ id: string; region_code: string | null; status: string }>`
      select id, region_code, status from chat_session
       where status in ('waiting', 'active') and not left_message
         and visitor_seen_at < ${new Date(now.getTime() - VISITOR_GONE_MS)}
       for update skip locked`.execute(trx);
    for (const r of rows) {
      await trx.updateTable('chat_session').set({ status: 'ended', ended_at: now, ended_by: 'visitor' }).where('id', '=', r.id).execute();
      await appendAudit(trx, systemAuditEntry({ actorRole: 'system', action: 'chat.abandon', recordType: 'chat', recordId: r.id, regionCode: r.region_code, reason: r.status }));
      await bus.publish(trx, `s:${r.id}`);
    }
    if (rows.length > 0) await bus.publish(trx, 'queue');
    return rows.length;
  });

  const deleted = await deleteExpiredTranscripts(db, opts.retentionDays, now);
  return { abandoned, transcriptsDeleted: deleted };
}

/** Deletes the transcripts of chats that ended more than retentionDays ago (see above); also run by the retention job. */
export async function deleteExpiredTranscripts(db: Db, retentionDays: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60_000);
  const deleted = await transaction(db, async (trx) => {
    const { rows } = await sql<{ id: string; region_code: string | null }>`
      select id, region_code from chat_session
       where ended_at < ${cutoff} and transcript_deleted_at is null and contact_id is null
       order by ended_at limit 500
       for update skip locked`.execute(trx);
    for (const r of rows) {
      await trx.deleteFrom('chat_message').where('session_id', '=', r.id).execute();
      // The nickname is something the visitor typed: it goes with the transcript. Tags, outcome
      // and times stay for the figures.
      await trx.updateTable('chat_session').set({ transcript_deleted_at: now, nickname: '-', transfer_note: null }).where('id', '=', r.id).execute();
      await appendAudit(
        trx,
        systemAuditEntry({ actorRole: 'system', action: 'chat.transcript.delete', recordType: 'chat', recordId: r.id, regionCode: r.region_code, reason: `retention ${retentionDays} days` }),
      );
    }
    return rows.length;
  });
  return deleted;
}
