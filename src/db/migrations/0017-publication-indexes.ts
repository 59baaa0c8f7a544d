import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the published figures that the figures counters do not hold (ADR 0012): the CBS
 * tables on the safety-assessment outcome and on repeat reports look at each melding of a half
 * year, region by region.
 * - contact (region_code, kind, received_at) INCLUDE (id): an index-only scan finds a region's
 *   meldingen of a period without reading the table (measured on 3 million contacts: 26 s for the
 *   table, 4-5 s with this index, on a busy 2-core machine);
 * - the meldingen that arrived while another melding of the household was monitored
 *   (case_handling.monitoring_signal_contact) are rare, so a partial index holds only those rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE INDEX contact_region_kind_received ON contact (region_code, kind, received_at) INCLUDE (id);
CREATE INDEX case_handling_monitoring_signal ON case_handling (monitoring_signal_contact) WHERE monitoring_signal_contact IS NOT NULL;
`,
    )
    .execute(db);
}
