import { sql, type Kysely } from 'kysely';

/**
 * Sixteen audit chains instead of one (ADR 0004, "Throughput"). Each entry still carries the hash of
 * the entry before it, but "before it" now means: in the same chain. A writer appends to the chain
 * of its database connection (backend pid modulo 16), taking that chain's lock until its commit.
 *
 * Why: with one chain every audited write of every process queued for one lock, held through the
 * commit's WAL flush, so the whole service committed one audited change at a time. Measured with
 * `npm run bench` (intake, PostgreSQL, 8 concurrent): 620 of 900 samples of the active backends
 * waited on that lock; the rate was the inverse of one commit's duration (about 160 meldingen/s).
 *
 * What stays: any change, removal or reordering of an entry inside a chain breaks that chain, and
 * `signaal audit verify` walks all chains (in one pass over seq). What each chain cannot show, as
 * the single chain could not either, is the removal of its newest entries.
 *
 * The old function audit_prev_hash() now means chain 0 (and its lock), and chain defaults to 0:
 * a process of the previous release still running during a rolling upgrade appends to chain 0
 * correctly. Existing entries are chain 0.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE audit_log ADD COLUMN chain smallint NOT NULL DEFAULT 0 CHECK (chain BETWEEN 0 AND 15);
CREATE INDEX audit_log_chain_seq ON audit_log (chain, seq);

-- As audit_prev_hash() of migration 0001, per chain: SECURITY DEFINER because the chain spans all
-- regions and the caller's row-level security would hide other regions' entries.
CREATE FUNCTION audit_chain_head(p_chain smallint) RETURNS text
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
  prev text;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit entries must be appended in a READ COMMITTED transaction';
  END IF;
  IF p_chain IS NULL OR p_chain < 0 OR p_chain > 15 THEN
    RAISE EXCEPTION 'audit chain must be 0..15';
  END IF;
  PERFORM pg_advisory_xact_lock(7245190, p_chain);
  SELECT a.hash INTO prev FROM public.audit_log a WHERE a.chain = p_chain ORDER BY a.seq DESC LIMIT 1;
  RETURN coalesce(prev, 'genesis');
END $f$;
REVOKE ALL ON FUNCTION audit_chain_head(smallint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_chain_head(smallint) TO signaal_app;

CREATE OR REPLACE FUNCTION audit_prev_hash() RETURNS text
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    SELECT public.audit_chain_head(0::smallint)
  $f$;
`,
    )
    .execute(db);
}
