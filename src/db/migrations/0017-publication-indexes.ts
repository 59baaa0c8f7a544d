import { sql, type Kysely } from 'kysely';

/**
 * An index for the published figures (ADR 0012): the CBS table on repeat reports counts meldingen
 * that arrived while another melding of the household was monitored
 * (case_handling.monitoring_signal_contact), which the figures counters do not hold. Such signals
 * are rare, so a partial index holds only those rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE INDEX case_handling_monitoring_signal ON case_handling (monitoring_signal_contact) WHERE monitoring_signal_contact IS NOT NULL;
`,
    )
    .execute(db);
}
