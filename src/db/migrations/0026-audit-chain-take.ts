import { sql, type Kysely } from 'kysely';

/**
 * A writer appends to the first free audit chain instead of waiting for its connection's own
 * (migration 0021 chose the chain by backend pid modulo 16, taking its lock until the commit).
 *
 * Why: two server processes with a pool of 10 each have 20 connections for 16 chains, so some
 * connections always share a chain and queue behind each other's commit (the WAL flush included).
 * Sampled during a 400-chat run: 9 of 81 active backends waited on a chain lock (Lock/advisory),
 * the second wait after the commit itself (docs/PERFORMANCE.md, session 5).
 *
 * audit_chain_take() tries the sixteen chains with pg_try_advisory_xact_lock, starting at the
 * connection's own, takes the first it gets and returns it with its newest hash, read after the
 * lock (as audit_chain_head does). Only when all sixteen are held does it wait, for its own chain.
 * What each chain guarantees is unchanged: its entries are appended one at a time under its lock,
 * each linking to the entry committed before it there. A transaction that appends twice may use
 * two chains; each stays whole. audit_chain_head() stays for writers of the previous release
 * during a rolling upgrade.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE FUNCTION audit_chain_take(OUT chain smallint, OUT prev text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
  own int := pg_backend_pid() % 16;
  c int;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit entries must be appended in a READ COMMITTED transaction';
  END IF;
  FOR i IN 0..15 LOOP
    c := (own + i) % 16;
    -- Re-entrant: a chain this transaction already holds is taken again at once.
    IF pg_try_advisory_xact_lock(7245190, c) THEN
      chain := c;
      SELECT a.hash INTO prev FROM public.audit_log a WHERE a.chain = c ORDER BY a.seq DESC LIMIT 1;
      prev := coalesce(prev, 'genesis');
      RETURN;
    END IF;
  END LOOP;
  -- All sixteen are held by other transactions: wait for the connection's own.
  chain := own;
  prev := public.audit_chain_head(own::smallint);
END $f$;
REVOKE ALL ON FUNCTION audit_chain_take() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_chain_take() TO signaal_app;
`,
    )
    .execute(db);
}
