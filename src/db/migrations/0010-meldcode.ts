import { sql, type Kysely } from 'kysely';

/**
 * Meldcode for professionals (ADR 0007).
 *
 * - Organisation accounts: organisation kind 'meldcode' (a school, childcare centre, pharmacy, GP
 *   practice) and the roles 'professional' and 'aandachtsfunctionaris'.
 * - meldcode_dossier: a professional's dossier, kept for organisations with an account only
 *   (without one, the dossier lives in the browser tab). Scoped by row-level security on the
 *   organisation (signaal.organisation_id, set per request in db/scope.ts): a professional sees
 *   their own dossiers, the aandachtsfunctionaris all of the organisation's, nobody else any.
 *   Veilig Thuis staff have no policy here at all: what reaches Veilig Thuis is only what the
 *   professional sends as an advies or melding.
 * - meldcode_usage and codeword_use: counts only, no person data (month or date, region, sector,
 *   step or path), so the figures the national evaluation lacked exist.
 */
// The policies read signaal.organisation_id inline rather than through a helper function: the case
// follow-up migration (0009) defines signaal_organisation() returning uuid, and this migration must
// run the same with or without it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check;
ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN ('veilig-thuis', 'partner', 'beheer', 'meldcode'));
-- 'opvang' (shelter staff) comes with migration 0012 on main, which repeats this full list; it is
-- named here too so that the two give the same constraint in whichever order they run.
ALTER TABLE staff_user DROP CONSTRAINT staff_user_role_check;
ALTER TABLE staff_user ADD CONSTRAINT staff_user_role_check
  CHECK (role IN ('intake', 'casemanager', 'teamleider', 'analyst', 'admin', 'partner', 'professional', 'aandachtsfunctionaris', 'opvang'));

CREATE TABLE meldcode_dossier (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  created_by uuid NOT NULL REFERENCES staff_user(id),
  -- The professional's own label (a pseudonym such as "leerling groep 6"), not an identity.
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  sector text NOT NULL,
  step integer NOT NULL CHECK (step BETWEEN 1 AND 5),
  outcome text CHECK (outcome IN ('melding', 'hulp-met-monitoring', 'afgesloten')),
  -- Signals, notes per step, answers of the afwegingskader (validated by the route's schema).
  content jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meldcode_dossier_organisation ON meldcode_dossier (organisation_id, updated_at);

GRANT SELECT, INSERT, UPDATE ON meldcode_dossier TO signaal_app;
ALTER TABLE meldcode_dossier ENABLE ROW LEVEL SECURITY;
-- Own organisation only; within it, own dossiers, or all of them for the aandachtsfunctionaris.
CREATE POLICY meldcode_dossier_read ON meldcode_dossier FOR SELECT TO signaal_app
  USING (organisation_id::text = nullif(current_setting('signaal.organisation_id', true), '')
         AND (signaal_has_permission('meldcode:supervise')
              OR (signaal_has_permission('meldcode:dossiers') AND created_by::text = current_setting('signaal.user_id', true))));
CREATE POLICY meldcode_dossier_insert ON meldcode_dossier FOR INSERT TO signaal_app
  WITH CHECK (organisation_id::text = nullif(current_setting('signaal.organisation_id', true), '')
              AND signaal_has_permission('meldcode:dossiers')
              AND created_by::text = current_setting('signaal.user_id', true));
CREATE POLICY meldcode_dossier_update ON meldcode_dossier FOR UPDATE TO signaal_app
  USING (organisation_id::text = nullif(current_setting('signaal.organisation_id', true), '')
         AND (signaal_has_permission('meldcode:supervise')
              OR (signaal_has_permission('meldcode:dossiers') AND created_by::text = current_setting('signaal.user_id', true))))
  WITH CHECK (organisation_id::text = nullif(current_setting('signaal.organisation_id', true), ''));

-- Counts of the meldcode tool: one row per month, region ('onbekend' when not given), sector, event.
CREATE TABLE meldcode_usage (
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  region_code text NOT NULL,
  sector text NOT NULL,
  event text NOT NULL,
  count integer NOT NULL DEFAULT 0 CHECK (count >= 0),
  PRIMARY KEY (month, region_code, sector, event)
);

-- One row per use of the pharmacy codeword: the date, the region, the path. Nothing else.
CREATE TABLE codeword_use (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  used_on date NOT NULL,
  region_code text NOT NULL,
  path text NOT NULL CHECK (path IN ('alleen', 'begeleid', 'acuut')),
  contact_id uuid REFERENCES contact(id)
);
CREATE INDEX codeword_use_used_on ON codeword_use (used_on);

-- Counts hold no person: anyone with reports:read may read them (national figures).
GRANT SELECT ON meldcode_usage, codeword_use TO signaal_app;
ALTER TABLE meldcode_usage ENABLE ROW LEVEL SECURITY;
CREATE POLICY meldcode_usage_read ON meldcode_usage FOR SELECT TO signaal_app USING (signaal_has_permission('reports:read'));
ALTER TABLE codeword_use ENABLE ROW LEVEL SECURITY;
CREATE POLICY codeword_use_read ON codeword_use FOR SELECT TO signaal_app USING (signaal_has_permission('reports:read'));
`,
    )
    .execute(db);
}
