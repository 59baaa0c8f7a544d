import { sql, type Kysely } from 'kysely';

/**
 * Emergency childcare (noodopvang) for children from vulnerable families: schools, childcare centres
 * and municipalities register how many children they take in per week; a weekly monitor per
 * municipality. Counts only: names stay with the municipality that keeps them, never in Signaal.
 * Childcare centres and municipalities join the partner directory for this.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE organisation DROP CONSTRAINT organisation_partner_type_check;
ALTER TABLE organisation ADD CONSTRAINT organisation_partner_type_check CHECK (partner_type IN
  ('lokaal-team', 'gi', 'rvdk', 'vrouwenopvang', 'politie', 'om', 'reclassering', 'csg', 'school', 'ggd', 'mda', 'kinderopvang', 'gemeente', 'overig'));

CREATE TABLE emergency_childcare_count (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  municipality_code text NOT NULL,
  region_code text NOT NULL REFERENCES region(code),
  -- The Monday of the ISO week the count is for.
  week date NOT NULL CHECK (extract(isodow from week) = 1),
  children integer NOT NULL CHECK (children BETWEEN 0 AND 10000),
  registered_by uuid NOT NULL REFERENCES staff_user(id),
  registered_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, municipality_code, week)
);
CREATE INDEX emergency_childcare_week ON emergency_childcare_count (week, municipality_code);

GRANT SELECT, INSERT, UPDATE (children, registered_by, registered_at) ON emergency_childcare_count TO signaal_app;
ALTER TABLE emergency_childcare_count ENABLE ROW LEVEL SECURITY;
-- A registering organisation sees and corrects its own counts; figures readers see all (counts only).
CREATE POLICY emergency_childcare_read ON emergency_childcare_count FOR SELECT TO signaal_app
  USING (signaal_has_permission('reports:read') OR (signaal_has_permission('childcare:register') AND organisation_id = signaal_organisation()));
CREATE POLICY emergency_childcare_insert ON emergency_childcare_count FOR INSERT TO signaal_app
  WITH CHECK (signaal_has_permission('childcare:register') AND organisation_id = signaal_organisation()
              AND (signaal_organisation_is('school') OR signaal_organisation_is('kinderopvang') OR signaal_organisation_is('gemeente')));
CREATE POLICY emergency_childcare_update ON emergency_childcare_count FOR UPDATE TO signaal_app
  USING (signaal_has_permission('childcare:register') AND organisation_id = signaal_organisation())
  WITH CHECK (organisation_id = signaal_organisation());
`,
    )
    .execute(db);
}
