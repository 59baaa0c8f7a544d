import { sql, type Kysely } from 'kysely';
import { addToCounters, counterFunctions, statementTriggers } from './0016-stats-aggregates.ts';

/**
 * Repeat reports (CBS table 85361) from the counters instead of a scan of the records, and a
 * melding "during monitoring" that stays counted after the signal is dealt with (ADR 0011).
 *
 * - `contact.repeat_household`: the melding's household file (through its people) holds an earlier
 *   melding. Household links are made after intake, when a worker confirms a match, and can change,
 *   so statement triggers on person (a person joins, leaves or moves) and on contact (a melding's
 *   date or kind changes) recompute the meldingen of the households concerned.
 * - `contact.during_monitoring`: set when a case of its household in monitoring is flagged with this
 *   melding (signaal_flag_monitoring(), migration 0009, names it in case_handling.monitoring_signal_contact;
 *   a trigger there copies the fact), and never cleared. Before, table 85361 counted the flag on the
 *   monitored case (case_handling.monitoring_signal_contact), which the casemanager's next check-in
 *   clears: a melding dropped out of the published count once its signal was dealt with.
 *   Flags cleared before this migration cannot be recovered (the timeline step names no melding).
 *
 * The counters count both as dimensions of melding with the single value 'ja' (a row only when
 * true: most meldingen add nothing to them); the CBS table needs only those counts.
 */
const functions = `
ALTER TABLE contact ADD COLUMN repeat_household boolean NOT NULL DEFAULT false;
ALTER TABLE contact ADD COLUMN during_monitoring boolean NOT NULL DEFAULT false;

CREATE FUNCTION signaal_repeat_of(p_contact uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
    SELECT EXISTS (
      SELECT 1 FROM contact c
        JOIN person p ON p.contact_id = c.id AND p.household_id IS NOT NULL
        JOIN person p2 ON p2.household_id = p.household_id AND p2.contact_id <> c.id
        JOIN contact c2 ON c2.id = p2.contact_id AND c2.kind = 'melding' AND c2.received_at < c.received_at
       WHERE c.id = p_contact)
  $f$;
REVOKE ALL ON FUNCTION signaal_repeat_of(uuid) FROM PUBLIC;

-- Recomputes the meldingen of the given households and contacts; writes only what changed.
CREATE FUNCTION signaal_repeat_refresh(p_households uuid[], p_contacts uuid[]) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
    UPDATE contact c SET repeat_household = v.r
      FROM (SELECT x.id, signaal_repeat_of(x.id) AS r
              FROM (SELECT p.contact_id AS id FROM person p WHERE p.household_id = ANY (p_households)
                    UNION SELECT unnest(p_contacts)) x) v
     WHERE c.id = v.id AND c.kind = 'melding' AND c.repeat_household IS DISTINCT FROM v.r
  $f$;
REVOKE ALL ON FUNCTION signaal_repeat_refresh(uuid[], uuid[]) FROM PUBLIC;

CREATE FUNCTION signaal_repeat_person() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  v_households uuid[];
  v_contacts uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    v_households := ARRAY(SELECT DISTINCT household_id FROM new_rows WHERE household_id IS NOT NULL);
    v_contacts := ARRAY(SELECT DISTINCT contact_id FROM new_rows WHERE household_id IS NOT NULL);
  ELSIF TG_OP = 'DELETE' THEN
    v_households := ARRAY(SELECT DISTINCT household_id FROM old_rows WHERE household_id IS NOT NULL);
    v_contacts := ARRAY(SELECT DISTINCT contact_id FROM old_rows WHERE household_id IS NOT NULL);
  ELSE
    v_households := ARRAY(
      SELECT n.household_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.household_id, n.contact_id) IS DISTINCT FROM (o.household_id, o.contact_id) AND n.household_id IS NOT NULL
      UNION SELECT o.household_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.household_id, n.contact_id) IS DISTINCT FROM (o.household_id, o.contact_id) AND o.household_id IS NOT NULL);
    v_contacts := ARRAY(
      SELECT n.contact_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.household_id, n.contact_id) IS DISTINCT FROM (o.household_id, o.contact_id)
      UNION SELECT o.contact_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.household_id, n.contact_id) IS DISTINCT FROM (o.household_id, o.contact_id));
  END IF;
  IF cardinality(v_households) > 0 OR cardinality(v_contacts) > 0 THEN
    PERFORM signaal_repeat_refresh(v_households, v_contacts);
  END IF;
  RETURN NULL;
END $f$;

-- A melding's date or kind changed: the meldingen of its households may be repeats or not now.
-- Only those columns: the refresh's own writes to contact end here.
CREATE FUNCTION signaal_repeat_contact() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  v_households uuid[] := ARRAY(
    SELECT DISTINCT p.household_id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN person p ON p.contact_id = n.id
     WHERE (n.kind, n.received_at) IS DISTINCT FROM (o.kind, o.received_at) AND p.household_id IS NOT NULL);
BEGIN
  -- Only when there is something to do: an UPDATE of no rows still fires statement triggers, so
  -- the refresh's own (empty) writes would otherwise call this again without end.
  IF cardinality(v_households) > 0 THEN
    PERFORM signaal_repeat_refresh(v_households, ARRAY[]::uuid[]);
  END IF;
  RETURN NULL;
END $f$;

${statementTriggers('person', 'signaal_repeat_person', 'repeat')}
CREATE TRIGGER contact_repeat_update AFTER UPDATE ON contact REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION signaal_repeat_contact();

-- A case's monitoring signal names the new melding of its household (signaal_flag_monitoring,
-- migration 0009); that melding keeps the fact when the signal is dealt with and cleared.
CREATE FUNCTION signaal_during_monitoring() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  v_contacts uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    v_contacts := ARRAY(SELECT DISTINCT monitoring_signal_contact FROM new_rows WHERE monitoring_signal_contact IS NOT NULL);
  ELSE
    v_contacts := ARRAY(
      SELECT DISTINCT n.monitoring_signal_contact FROM new_rows n JOIN old_rows o ON o.contact_id = n.contact_id
       WHERE n.monitoring_signal_contact IS NOT NULL AND n.monitoring_signal_contact IS DISTINCT FROM o.monitoring_signal_contact);
  END IF;
  -- Most updates of a handling are other steps: nothing to write then.
  IF cardinality(v_contacts) > 0 THEN
    UPDATE contact SET during_monitoring = true WHERE id = ANY (v_contacts) AND kind = 'melding' AND NOT during_monitoring;
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER case_handling_monitoring_insert AFTER INSERT ON case_handling REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION signaal_during_monitoring();
CREATE TRIGGER case_handling_monitoring_update AFTER UPDATE ON case_handling REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION signaal_during_monitoring();
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
${functions}

-- What the records say now, before the counters know the columns (the counter trigger would only
-- add and subtract the same keys for every row).
ALTER TABLE contact DISABLE TRIGGER contact_stats_update;
ALTER TABLE contact DISABLE TRIGGER contact_repeat_update;
UPDATE contact c SET repeat_household = true
  FROM (SELECT DISTINCT p.contact_id AS id
          FROM person p
          JOIN contact c1 ON c1.id = p.contact_id
          JOIN person p2 ON p2.household_id = p.household_id AND p2.contact_id <> p.contact_id
          JOIN contact c2 ON c2.id = p2.contact_id AND c2.kind = 'melding' AND c2.received_at < c1.received_at
         WHERE p.household_id IS NOT NULL) r
 WHERE c.id = r.id AND c.kind = 'melding';
UPDATE contact c SET during_monitoring = true
 WHERE c.kind = 'melding' AND EXISTS (SELECT 1 FROM case_handling h WHERE h.monitoring_signal_contact = c.id);
ALTER TABLE contact ENABLE TRIGGER contact_repeat_update;
ALTER TABLE contact ENABLE TRIGGER contact_stats_update;

${counterFunctions({ stripe: 'signaal_stats_stripe()', staged: true, assessment: true, repeats: true })}

${addToCounters(`SELECT c.kind AS measure, d.dimension, c.received_at AS at, c.region_code, 'ja' AS value, 1 AS sign, 0::bigint AS seconds
  FROM contact c
 CROSS JOIN LATERAL (SELECT 'repeat' WHERE c.repeat_household UNION ALL SELECT 'duringMonitoring' WHERE c.during_monitoring) d(dimension)
 WHERE c.kind = 'melding'`)};
`,
    )
    .execute(db);
}
