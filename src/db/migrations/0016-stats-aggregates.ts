import { sql, type Kysely } from 'kysely';

/**
 * Figures kept as counters (ADR 0011): `stats_count` holds, per measure, dimension, grain (ISO week,
 * calendar month or year, Europe/Amsterdam), period, region (and 'NL' for all regions together)
 * and dimension value, a count `n` and a sum of seconds (chat waiting and duration). Dashboards and reports read these rows instead of
 * scanning records, so they stay fast at national scale and analysts never touch a record.
 *
 * Triggers keep the counters in step in the same transaction as the change, whatever path wrote
 * it (routes, exchange import, SECURITY DEFINER functions, a cascaded region change):
 * - contact, contact_event, case_handling: statement-level with transition tables, so a bulk
 *   import does one grouped upsert per statement, and keys are upserted in sorted order (the same
 *   lock order in every transaction, which keeps deadlocks between writers away);
 * - chat_session and codeword_use: row-level, and for chat_session only when a counted column
 *   changes (the visitor's tab updates visitor_seen_at every few seconds).
 * Every trigger subtracts what the old rows contributed and adds what the new rows contribute;
 * net-zero keys are skipped. `signaal_stats_rebuild()` recomputes everything from a scan (after a
 * bulk load with triggers off, or to repair).
 *
 * Measures and dimensions (values are the records' codes; 'onbekend' or 'geen' when empty):
 * - advies, melding (at received_at): total, channel, reporterType, reporterGroup, violenceType,
 *   municipality, acute ('ja'/'nee'), flag (one count per flag of the contact); since migration
 *   0023 melding also assessment (the outcome of its safety assessment, contact.assessment)
 * - each event type of contact_event (at its `at`): total; onderzoek also outcome; overdracht
 *   also partner (the partner type)
 * - beoordeling (at assessed_at) and onderzoek-besluit (at investigation_concluded_at): total,
 *   timeliness ('op-tijd' / 'te-laat' against assessment_due / investigation_due)
 * - chat (at created_at; region 'landelijk' for chats without a region): total, result
 *   ('bediend', 'afgehaakt', 'bericht', 'wachtend'), visitorGroup, outcome, topic
 * - chat-wachttijd (accepted chats, not left messages) and chat-duur (accepted and ended chats),
 *   at created_at: total and bucket, with `seconds` the summed seconds (rounded per chat)
 * - codeword (at used_on): total, path
 *
 * The foreign key from contact_event to its contact's (id, region_code) now cascades an update,
 * so a contact can move to another region and its events (and their counters) move with it.
 */

/**
 * How the counter functions are written: `stripe` (an SQL expression, migration 0020) writes each
 * counter to that stripe of its key; `staged` (migration 0022) groups in two steps. Without either,
 * as this migration first created them (one row per key, one grouping).
 */
export interface CounterStyle {
  stripe?: string;
  staged?: boolean;
  /** Count meldingen by the outcome of their safety assessment too (migration 0023). */
  assessment?: boolean;
  /** Count repeat meldingen and meldingen during monitoring too, value 'ja' only (migration 0024). */
  repeats?: boolean;
}

/** One grouped upsert of the signed contributions of `source` (columns measure..seconds, sign). */
const upsert = (contributions: string, style: CounterStyle = {}) => (style.staged ? stagedUpsert(contributions, style.stripe ?? '0') : `
INSERT INTO stats_count AS s (measure, dimension, grain, period, region_code, value, ${style.stripe ? 'stripe, ' : ''}n, seconds)
SELECT x.measure, x.dimension, g.grain, signaal_stats_period(g.grain, x.at), r.region_code, x.value,
       ${style.stripe ? `${style.stripe}, ` : ''}sum(x.sign), sum(x.sign * x.seconds)
  FROM (${contributions}) x
 CROSS JOIN (VALUES ('week'), ('month'), ('year')) AS g(grain)
 CROSS JOIN LATERAL (VALUES (x.region_code), ('NL')) AS r(region_code)
 GROUP BY 1, 2, 3, 4, 5, 6
HAVING sum(x.sign) <> 0 OR sum(x.sign * x.seconds) <> 0
 ORDER BY 1, 2, 3, 4, 5, 6
ON CONFLICT (measure, dimension, grain, period, region_code, value${style.stripe ? ', stripe' : ''})
  DO UPDATE SET n = s.n + excluded.n, seconds = s.seconds + excluded.seconds`);

/**
 * The same counters, grouped in two steps (migration 0022). First per Amsterdam calendar day:
 * one time-zone conversion per contribution and far fewer rows. Then each day group is spread over
 * its week, month and year and over its region and 'NL', and grouped again. The single grouping
 * converted the time zone and sorted six rows per contribution (42 per contact): measured on
 * PostgreSQL 15, 3.5 s for a statement of 20,000 contacts, 0.7 s this way, same counters.
 * date_trunc of the local day is the period signaal_stats_period() gives for the instant.
 * Keys are still upserted in one fixed order (byte order, which all writers share: the lock order
 * that keeps writers from deadlocking).
 */
const stagedUpsert = (contributions: string, stripe: string) => `
INSERT INTO stats_count AS s (measure, dimension, grain, period, region_code, value, stripe, n, seconds)
SELECT y.measure, y.dimension, g.grain, date_trunc(g.grain, y.day)::date AS period, r.region_code, y.value,
       ${stripe}, sum(y.n)::bigint, sum(y.seconds)::bigint
  FROM (SELECT x.measure, x.dimension, x.region_code, x.value,
               (x.at AT TIME ZONE 'Europe/Amsterdam')::date::timestamp AS day,
               sum(x.sign) AS n, sum(x.sign * x.seconds) AS seconds
          FROM (${contributions}) x
         GROUP BY 1, 2, 3, 4, 5) y
 CROSS JOIN (VALUES ('week'), ('month'), ('year')) AS g(grain)
 CROSS JOIN LATERAL (VALUES (y.region_code), ('NL')) AS r(region_code)
 GROUP BY 1, 2, 3, 4, 5, 6
HAVING sum(y.n) <> 0 OR sum(y.seconds) <> 0
 ORDER BY y.measure COLLATE "C", y.dimension COLLATE "C", g.grain COLLATE "C", 4, r.region_code COLLATE "C", y.value COLLATE "C"
ON CONFLICT (measure, dimension, grain, period, region_code, value, stripe)
  DO UPDATE SET n = s.n + excluded.n, seconds = s.seconds + excluded.seconds`;

// Each contributions(src) reads a relation `src` with the table's columns and an integer `sign`.
const contactContributions = (src: string, style: CounterStyle = {}) => `
SELECT c.kind AS measure, d.dimension, c.received_at AS at, c.region_code, d.value, c.sign, 0::bigint AS seconds
  FROM ${src} c
 CROSS JOIN LATERAL (
   SELECT 'total', '' UNION ALL
   SELECT 'channel', c.channel UNION ALL
   SELECT 'reporterType', c.reporter_type UNION ALL
   SELECT 'reporterGroup', c.reporter_group UNION ALL
   SELECT 'violenceType', coalesce(c.violence_type, 'onbekend') UNION ALL
   SELECT 'municipality', coalesce(c.municipality_code, 'onbekend') UNION ALL
   SELECT 'acute', CASE WHEN c.acute THEN 'ja' ELSE 'nee' END UNION ALL${
     style.assessment ? `
   SELECT 'assessment', coalesce(c.assessment, 'niet') WHERE c.kind = 'melding' UNION ALL` : ''}${
     style.repeats ? `
   SELECT 'repeat', 'ja' WHERE c.kind = 'melding' AND c.repeat_household UNION ALL
   SELECT 'duringMonitoring', 'ja' WHERE c.kind = 'melding' AND c.during_monitoring UNION ALL` : ''}
   SELECT 'flag', f FROM unnest(c.flags) AS f
 ) AS d(dimension, value)`;

const eventContributions = (src: string) => `
SELECT e.type AS measure, d.dimension, e.at, e.region_code, d.value, e.sign, 0::bigint AS seconds
  FROM ${src} e
 CROSS JOIN LATERAL (
   SELECT 'total', '' UNION ALL
   SELECT 'outcome', coalesce(e.outcome, 'onbekend') WHERE e.type = 'onderzoek' UNION ALL
   SELECT 'partner', coalesce(e.partner, 'onbekend') WHERE e.type = 'overdracht'
 ) AS d(dimension, value)`;

const handlingContributions = (src: string) => `
SELECT 'beoordeling' AS measure, d.dimension, h.assessed_at AS at, h.region_code, d.value, h.sign, 0::bigint AS seconds
  FROM ${src} h
 CROSS JOIN LATERAL (
   SELECT 'total', '' UNION ALL
   SELECT 'timeliness', CASE WHEN h.assessed_at <= h.assessment_due THEN 'op-tijd' ELSE 'te-laat' END
 ) AS d(dimension, value)
 WHERE h.assessed_at IS NOT NULL
UNION ALL
SELECT 'onderzoek-besluit', d.dimension, h.investigation_concluded_at, h.region_code, d.value, h.sign, 0::bigint
  FROM ${src} h
 CROSS JOIN LATERAL (
   SELECT 'total', '' UNION ALL
   SELECT 'timeliness', CASE WHEN h.investigation_due IS NULL THEN 'onbekend'
                             WHEN h.investigation_concluded_at <= h.investigation_due THEN 'op-tijd' ELSE 'te-laat' END
 ) AS d(dimension, value)
 WHERE h.investigation_concluded_at IS NOT NULL`;

const waitBucket = `CASE WHEN w < 60 THEN '0-1' WHEN w < 300 THEN '1-5' WHEN w < 900 THEN '5-15' WHEN w < 1800 THEN '15-30' ELSE '30+' END`;
const durationBucket = `CASE WHEN w < 600 THEN '0-10' WHEN w < 1200 THEN '10-20' WHEN w < 2400 THEN '20-40' WHEN w < 3600 THEN '40-60' ELSE '60+' END`;
const chatContributions = (src: string) => `
SELECT 'chat' AS measure, d.dimension, c.created_at AS at, coalesce(c.region_code, 'landelijk') AS region_code, d.value, c.sign, 0::bigint AS seconds
  FROM ${src} c
 CROSS JOIN LATERAL (
   SELECT 'total', '' UNION ALL
   SELECT 'result', CASE WHEN c.left_message THEN 'bericht' WHEN c.accepted_at IS NOT NULL THEN 'bediend'
                         WHEN c.status = 'ended' THEN 'afgehaakt' ELSE 'wachtend' END UNION ALL
   SELECT 'visitorGroup', coalesce(c.visitor_group, 'geen') UNION ALL
   SELECT 'outcome', coalesce(c.outcome, 'geen') UNION ALL
   SELECT 'topic', t FROM unnest(c.topics) AS t
 ) AS d(dimension, value)
UNION ALL
SELECT 'chat-wachttijd', d.dimension, c.created_at, coalesce(c.region_code, 'landelijk'), d.value, c.sign, w
  FROM ${src} c
 CROSS JOIN LATERAL (SELECT round(extract(epoch FROM c.accepted_at - c.created_at))::bigint AS w) AS sec
 CROSS JOIN LATERAL (SELECT 'total', '' UNION ALL SELECT 'bucket', ${waitBucket}) AS d(dimension, value)
 WHERE c.accepted_at IS NOT NULL AND NOT c.left_message
UNION ALL
SELECT 'chat-duur', d.dimension, c.created_at, coalesce(c.region_code, 'landelijk'), d.value, c.sign, w
  FROM ${src} c
 CROSS JOIN LATERAL (SELECT round(extract(epoch FROM c.ended_at - c.accepted_at))::bigint AS w) AS sec
 CROSS JOIN LATERAL (SELECT 'total', '' UNION ALL SELECT 'bucket', ${durationBucket}) AS d(dimension, value)
 WHERE c.accepted_at IS NOT NULL AND c.ended_at IS NOT NULL`;

const codewordContributions = (src: string) => `
SELECT 'codeword' AS measure, d.dimension, (u.used_on::timestamp AT TIME ZONE 'Europe/Amsterdam') AS at, u.region_code, d.value, u.sign, 0::bigint AS seconds
  FROM ${src} u
 CROSS JOIN LATERAL (SELECT 'total', '' UNION ALL SELECT 'path', u.path) AS d(dimension, value)`;

/** A statement-level trigger function over transition tables new_rows / old_rows. */
const statementTrigger = (name: string, contributions: (src: string, style?: CounterStyle) => string, style: CounterStyle = {}) => `
CREATE ${style.stripe ? 'OR REPLACE ' : ''}FUNCTION ${name}() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${upsert(contributions('(SELECT n.*, 1 AS sign FROM new_rows n)', style), style)};
  ELSIF TG_OP = 'DELETE' THEN
    ${upsert(contributions('(SELECT o.*, -1 AS sign FROM old_rows o)', style), style)};
  ELSE
    ${upsert(contributions('(SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 FROM old_rows o)', style), style)};
  END IF;
  RETURN NULL;
END $f$;`;

/** A row-level trigger function over NEW / OLD (OLD is null on insert, NEW on delete). */
const rowTrigger = (name: string, contributions: (src: string, style?: CounterStyle) => string, style: CounterStyle = {}) => `
CREATE ${style.stripe ? 'OR REPLACE ' : ''}FUNCTION ${name}() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  ${upsert(contributions(`(SELECT (NEW).*, 1 AS sign WHERE TG_OP <> 'DELETE' UNION ALL SELECT (OLD).*, -1 WHERE TG_OP <> 'INSERT')`), style)};
  RETURN NULL;
END $f$;`;

/** signaal_stats_rebuild(): every counter recomputed from the records (into `stripe`, when given). */
const rebuildFunction = (style: CounterStyle = {}) => `
CREATE ${style.stripe ? 'OR REPLACE ' : ''}FUNCTION signaal_stats_rebuild() RETURNS bigint
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $f$
DECLARE
  v_rows bigint;
BEGIN
  LOCK TABLE stats_count IN EXCLUSIVE MODE;
  DELETE FROM stats_count;
  ${upsert(contactContributions('(SELECT t.*, 1 AS sign FROM contact t)', style), style)};
  ${upsert(eventContributions('(SELECT t.*, 1 AS sign FROM contact_event t)'), style)};
  ${upsert(handlingContributions('(SELECT t.*, 1 AS sign FROM case_handling t)'), style)};
  ${upsert(chatContributions('(SELECT t.*, 1 AS sign FROM chat_session t)'), style)};
  ${upsert(codewordContributions('(SELECT t.*, 1 AS sign FROM codeword_use t)'), style)};
  SELECT count(*) INTO v_rows FROM stats_count;
  RETURN v_rows;
END $f$;
REVOKE ALL ON FUNCTION signaal_stats_rebuild() FROM PUBLIC;`;

/**
 * The counter functions again in `style`, and the rebuild writing stripe 0 (migrations 0020 and
 * 0022). Only the functions: the triggers that call them stay as they are.
 */
export const counterFunctions = (style: CounterStyle & { stripe: string }): string => `
${statementTrigger('signaal_stats_contact', contactContributions, style)}
${statementTrigger('signaal_stats_contact_event', eventContributions, style)}
${statementTrigger('signaal_stats_case_handling', handlingContributions, style)}
${rowTrigger('signaal_stats_chat_session', chatContributions, style)}
${rowTrigger('signaal_stats_codeword_use', codewordContributions, style)}

${rebuildFunction({ ...style, stripe: '0' })}`;

/**
 * The three statement-level AFTER triggers (insert, update, delete) of `table` that call `fn` with
 * the transition tables new_rows / old_rows, named `<table>_<purpose>_<event>` (also migrations 0023
 * and 0024).
 */
export const statementTriggers = (table: string, fn: string, purpose: string): string => `
CREATE TRIGGER ${table}_${purpose}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
CREATE TRIGGER ${table}_${purpose}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
CREATE TRIGGER ${table}_${purpose}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE TABLE stats_count (
  measure text NOT NULL,
  dimension text NOT NULL,
  grain text NOT NULL CHECK (grain IN ('week', 'month', 'year')),
  -- Monday of the ISO week, the first of the month or of the year, in Amsterdam time.
  period date NOT NULL,
  -- A region code, 'landelijk' for chats whose visitor named no municipality, or 'NL': the sum of
  -- all regions, kept as rows of its own so national figures read 1/25 of the rows.
  region_code text NOT NULL,
  -- '' for dimension 'total'.
  value text NOT NULL,
  n bigint NOT NULL DEFAULT 0,
  seconds bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (measure, dimension, grain, period, region_code, value)
);

CREATE FUNCTION signaal_stats_period(p_grain text, p_at timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE AS $f$
    SELECT date_trunc(p_grain, p_at AT TIME ZONE 'Europe/Amsterdam')::date
  $f$;

-- Counters hold no person: readable by whoever may read figures. Nobody but the triggers writes.
GRANT SELECT ON stats_count TO signaal_app;
ALTER TABLE stats_count ENABLE ROW LEVEL SECURITY;
CREATE POLICY stats_count_read ON stats_count FOR SELECT TO signaal_app USING (signaal_has_permission('reports:read'));

-- A contact may move to another region: its events follow (and so do their counters).
ALTER TABLE contact_event DROP CONSTRAINT contact_event_contact_id_region_code_fkey;
ALTER TABLE contact_event ADD CONSTRAINT contact_event_contact_id_region_code_fkey
  FOREIGN KEY (contact_id, region_code) REFERENCES contact (id, region_code) ON UPDATE CASCADE;

${statementTrigger('signaal_stats_contact', contactContributions)}
${statementTriggers('contact', 'signaal_stats_contact', 'stats')}
${statementTrigger('signaal_stats_contact_event', eventContributions)}
${statementTriggers('contact_event', 'signaal_stats_contact_event', 'stats')}
${statementTrigger('signaal_stats_case_handling', handlingContributions)}
${statementTriggers('case_handling', 'signaal_stats_case_handling', 'stats')}

${rowTrigger('signaal_stats_chat_session', chatContributions)}
CREATE TRIGGER chat_session_stats AFTER INSERT OR DELETE ON chat_session
  FOR EACH ROW EXECUTE FUNCTION signaal_stats_chat_session();
CREATE TRIGGER chat_session_stats_update
  AFTER UPDATE OF created_at, region_code, status, left_message, accepted_at, ended_at, visitor_group, outcome, topics ON chat_session
  FOR EACH ROW
  WHEN ((OLD.created_at, OLD.region_code, OLD.status, OLD.left_message, OLD.accepted_at, OLD.ended_at, OLD.visitor_group, OLD.outcome, OLD.topics)
        IS DISTINCT FROM (NEW.created_at, NEW.region_code, NEW.status, NEW.left_message, NEW.accepted_at, NEW.ended_at, NEW.visitor_group, NEW.outcome, NEW.topics))
  EXECUTE FUNCTION signaal_stats_chat_session();

${rowTrigger('signaal_stats_codeword_use', codewordContributions)}
CREATE TRIGGER codeword_use_stats AFTER INSERT OR UPDATE OR DELETE ON codeword_use
  FOR EACH ROW EXECUTE FUNCTION signaal_stats_codeword_use();

-- Recompute every counter from the records (owner only: after a bulk load, or to repair).
${rebuildFunction()}

SELECT signaal_stats_rebuild();
`,
    )
    .execute(db);
}

/** Adds `contributions` (columns measure..seconds, sign) to the counters, in stripe 0 (migration 0023). */
export const addToCounters = (contributions: string): string => stagedUpsert(contributions, '0');
