import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the published figures (ADR 0012), so they stay fast at national scale:
 * - the weekly update counts a week's chats by their start time;
 * - the CBS table on repeat reports counts meldingen that arrived while another melding of the
 *   household was monitored (case_handling.monitoring_signal_contact), which is rare: a partial
 *   index holds only those rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE INDEX chat_session_created ON chat_session (created_at);
CREATE INDEX case_handling_monitoring_signal ON case_handling (monitoring_signal_contact) WHERE monitoring_signal_contact IS NOT NULL;
`,
    )
    .execute(db);
}
