import { sql, type Kysely } from 'kysely';

/**
 * The assessment trigger on contact_event (migration 0023) looked up the meldingen of new
 * safety-assessment events with a join of the transition table and contact. Its plan depends on
 * table statistics, and the embedded database never gathers them (PGlite runs no autovacuum): on a
 * fresh embedded database the join became a nested loop over all contacts for every new event, so
 * the second batch of a first import (10,000 contacts, 15,000 events) took 9.6 s in this trigger
 * alone, instead of 0.8 s. A lookup by primary key of the distinct contact ids does not depend on
 * statistics: an index scan, or at worst one pass over contact with a hashed id list.
 * Same result; only the INSERT branch changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE OR REPLACE FUNCTION signaal_assessment_event() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  v_contacts uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new event can only turn 'niet' into 'onbekend': the meldingen already counted otherwise
    -- (an import sets 'onbekend' with the row) need no look.
    v_contacts := ARRAY(
      SELECT c.id FROM contact c
       WHERE c.id = ANY (ARRAY(SELECT DISTINCT contact_id FROM new_rows WHERE type = 'veiligheidsbeoordeling'))
         AND c.kind = 'melding' AND coalesce(c.assessment, 'niet') = 'niet');
  ELSIF TG_OP = 'DELETE' THEN
    v_contacts := ARRAY(SELECT DISTINCT contact_id FROM old_rows WHERE type = 'veiligheidsbeoordeling');
  ELSE
    v_contacts := ARRAY(
      SELECT contact_id FROM new_rows WHERE type = 'veiligheidsbeoordeling'
      UNION SELECT contact_id FROM old_rows WHERE type = 'veiligheidsbeoordeling');
  END IF;
  IF cardinality(v_contacts) > 0 THEN
    PERFORM signaal_assessment_refresh(v_contacts);
  END IF;
  RETURN NULL;
END $f$;
`,
    )
    .execute(db);
}
