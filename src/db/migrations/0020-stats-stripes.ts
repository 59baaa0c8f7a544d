import { sql, type Kysely } from 'kysely';
import { counterFunctions } from './0016-stats-aggregates.ts';

/**
 * Striped figures counters (ADR 0011, "Hot rows"). Every melding adds to the same few counter rows
 * (this week's, month's and year's totals of its region and of 'NL'), and an upsert keeps those
 * rows locked until its transaction commits. On PostgreSQL that made every registration wait for
 * the one before it: measured with `npm run bench`, 8 concurrent intake requests spent nearly all
 * their time in Lock/transactionid on these rows (about 80 meldingen/s on an idle 2-core machine,
 * CPU mostly idle).
 *
 * Now each key has up to 16 rows ("stripes"); a transaction adds to the stripe of its database
 * connection (backend pid modulo 16), so concurrent writers on different connections do not meet.
 * Readers already sum over rows (statsMany groups by key), so figures are unchanged. The rebuild
 * writes stripe 0. On the embedded database there is one connection, so one stripe is used.
 * Deadlock freedom is kept: within a statement the stripe is fixed and keys are still upserted in
 * sorted order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE stats_count ADD COLUMN stripe smallint NOT NULL DEFAULT 0 CHECK (stripe BETWEEN 0 AND 15);
ALTER TABLE stats_count DROP CONSTRAINT stats_count_pkey;
ALTER TABLE stats_count ADD PRIMARY KEY (measure, dimension, grain, period, region_code, value, stripe);

CREATE FUNCTION signaal_stats_stripe() RETURNS smallint
  LANGUAGE sql STABLE AS $f$ SELECT (pg_backend_pid() % 16)::smallint $f$;

${counterFunctions({ stripe: 'signaal_stats_stripe()' })}
`,
    )
    .execute(db);
}
