import { sql, type Kysely } from 'kysely';
import { addToCounters, counterFunctions, statementTriggers } from './0016-stats-aggregates.ts';

/**
 * Meldingen counted by the outcome of their safety assessment (CBS table 84852), from the counters
 * instead of a scan of the records (ADR 0011). The outcome of a melding depends on two other
 * tables: its handling (acute or structural unsafety, or assessed without either) and, for a
 * melding handled elsewhere and imported, whether a veiligheidsbeoordeling event exists:
 *   acuut | structureel | geen (assessed here) | onbekend (assessed, outcome not recorded) | niet.
 *
 * `contact.assessment` holds that outcome, kept in step by statement triggers on case_handling and
 * contact_event in the same transaction; the contact's own counter triggers then move the count
 * when it changes, as for any other column. NULL means 'niet' (a new melding, or an advies, which
 * has no outcome). The figures test compares the counters with the outcome computed from the
 * records themselves, so a missed path shows. At national scale this turns a 5.9 s report into
 * a few index lookups (docs/PERFORMANCE.md).
 */
const outcome = `
CREATE FUNCTION signaal_assessment_of(p_contact uuid) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
    SELECT CASE
             WHEN h.acute_unsafety THEN 'acuut'
             WHEN h.structural_unsafety THEN 'structureel'
             WHEN h.assessed_at IS NOT NULL THEN 'geen'
             WHEN EXISTS (SELECT 1 FROM contact_event e WHERE e.contact_id = p_contact AND e.type = 'veiligheidsbeoordeling') THEN 'onbekend'
             ELSE 'niet' END
      FROM (SELECT 1) one LEFT JOIN case_handling h ON h.contact_id = p_contact
  $f$;
REVOKE ALL ON FUNCTION signaal_assessment_of(uuid) FROM PUBLIC;

-- Recomputes the outcome of the given contacts' meldingen; writes only what changed, so the
-- counter triggers of contact see only real moves.
CREATE FUNCTION signaal_assessment_refresh(p_contacts uuid[]) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
    UPDATE contact c SET assessment = v.outcome
      FROM (SELECT id, signaal_assessment_of(id) AS outcome FROM contact
             WHERE id = ANY (p_contacts) AND kind = 'melding') v
     WHERE c.id = v.id AND coalesce(c.assessment, 'niet') IS DISTINCT FROM v.outcome
  $f$;
REVOKE ALL ON FUNCTION signaal_assessment_refresh(uuid[]) FROM PUBLIC;

CREATE FUNCTION signaal_assessment_handling() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  v_contacts uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    v_contacts := ARRAY(SELECT contact_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    v_contacts := ARRAY(SELECT contact_id FROM old_rows);
  ELSE
    v_contacts := ARRAY(
      SELECT n.contact_id FROM new_rows n JOIN old_rows o ON o.contact_id = n.contact_id
       WHERE (n.acute_unsafety, n.structural_unsafety, n.assessed_at IS NULL)
             IS DISTINCT FROM (o.acute_unsafety, o.structural_unsafety, o.assessed_at IS NULL));
  END IF;
  -- Only when there is something to do: an UPDATE of no rows still fires the statement triggers
  -- of contact.
  IF cardinality(v_contacts) > 0 THEN
    PERFORM signaal_assessment_refresh(v_contacts);
  END IF;
  RETURN NULL;
END $f$;

CREATE FUNCTION signaal_assessment_event() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  v_contacts uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new event can only turn 'niet' into 'onbekend': the meldingen already counted otherwise
    -- (an import sets 'onbekend' with the row) need no look.
    v_contacts := ARRAY(
      SELECT DISTINCT n.contact_id FROM new_rows n JOIN contact c ON c.id = n.contact_id
       WHERE n.type = 'veiligheidsbeoordeling' AND c.kind = 'melding' AND coalesce(c.assessment, 'niet') = 'niet');
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
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE contact ADD COLUMN assessment text
  CHECK (assessment IN ('acuut', 'structureel', 'geen', 'onbekend', 'niet'));
${outcome}

-- The outcome of the meldingen there are, before the counters know the column: the counter
-- trigger would only add and subtract the same keys for every row.
ALTER TABLE contact DISABLE TRIGGER contact_stats_update;
UPDATE contact c SET assessment = signaal_assessment_of(c.id)
 WHERE c.kind = 'melding' AND signaal_assessment_of(c.id) <> 'niet';
ALTER TABLE contact ENABLE TRIGGER contact_stats_update;

${counterFunctions({ stripe: 'signaal_stats_stripe()', staged: true, assessment: true })}

-- The new dimension's counts for the meldingen there are.
${addToCounters(`SELECT c.kind AS measure, 'assessment' AS dimension, c.received_at AS at, c.region_code,
       coalesce(c.assessment, 'niet') AS value, 1 AS sign, 0::bigint AS seconds
  FROM contact c WHERE c.kind = 'melding'`)};

${statementTriggers('case_handling', 'signaal_assessment_handling', 'assessment')}
${statementTriggers('contact_event', 'signaal_assessment_event', 'assessment')}
`,
    )
    .execute(db);
}
