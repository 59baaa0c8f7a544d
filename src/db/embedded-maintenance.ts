import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * What autovacuum does on a PostgreSQL server, for the embedded database, which runs none: PGlite
 * is a single backend without background workers, so its tables are never analysed (the planner
 * works without statistics; reltuples stays -1) and dead rows are never vacuumed (measured: after
 * one 20,000-line import, 29,317 dead counter rows and no autovacuum or autoanalyze a minute later,
 * although `autovacuum` says on). Without statistics a plan can go quadratic as a table grows, as
 * the assessment trigger did (migration 0025); without VACUUM every counter update leaves bloat.
 *
 * Uses autovacuum's default thresholds (50 rows + 20% of the table dead for VACUUM, 50 + 10%
 * changed for ANALYZE), one table per statement, so requests get the one connection between
 * tables. Returns what it did, for the log.
 */
export async function maintainEmbedded(db: Db): Promise<string[]> {
  const { rows } = await sql<{ relname: string; live: number; dead: number; changed: number }>`
    select relname, n_live_tup::int as live, n_dead_tup::int as dead, n_mod_since_analyze::int as changed
      from pg_stat_user_tables where schemaname = 'public' order by relname`.execute(db);
  const done: string[] = [];
  for (const t of rows) {
    const table = sql.id(t.relname);
    if (t.dead > 50 + 0.2 * t.live) {
      await sql`vacuum (analyze) ${table}`.execute(db);
      done.push(`vacuum analyze ${t.relname}`);
    } else if (t.changed > 50 + 0.1 * t.live) {
      await sql`analyze ${table}`.execute(db);
      done.push(`analyze ${t.relname}`);
    }
  }
  return done;
}
