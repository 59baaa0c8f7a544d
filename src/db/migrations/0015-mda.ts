import { sql, type Kysely } from 'kysely';

/**
 * MDA++ for a household with structural, severe violence: one plan, one director (casusregisseur),
 * participants from several organisations, goals and agreements with dates, meetings with minutes.
 * The plan hangs off the melding whose assessment found structural unsafety; region-scoped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE TABLE mda_plan (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL UNIQUE REFERENCES contact(id),
  region_code text NOT NULL REFERENCES region(code),
  director_name text NOT NULL CHECK (length(director_name) BETWEEN 1 AND 200),
  director_organisation_id uuid NOT NULL REFERENCES organisation(id),
  participant_ids uuid[] NOT NULL,
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE mda_goal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES mda_plan(id),
  region_code text NOT NULL REFERENCES region(code),
  kind text NOT NULL CHECK (kind IN ('doel', 'afspraak')),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  due date NOT NULL,
  owner_organisation_id uuid REFERENCES organisation(id),
  done_at timestamptz,
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mda_goal_plan ON mda_goal (plan_id);

CREATE TABLE mda_meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES mda_plan(id),
  region_code text NOT NULL REFERENCES region(code),
  held_on date NOT NULL,
  minutes text NOT NULL CHECK (length(minutes) BETWEEN 1 AND 8000),
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mda_meeting_plan ON mda_meeting (plan_id);

GRANT SELECT, INSERT ON mda_plan, mda_meeting TO signaal_app;
GRANT SELECT, INSERT, UPDATE (done_at) ON mda_goal TO signaal_app;
ALTER TABLE mda_plan ENABLE ROW LEVEL SECURITY;
ALTER TABLE mda_goal ENABLE ROW LEVEL SECURITY;
ALTER TABLE mda_meeting ENABLE ROW LEVEL SECURITY;
CREATE POLICY mda_plan_read ON mda_plan FOR SELECT TO signaal_app USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
CREATE POLICY mda_plan_insert ON mda_plan FOR INSERT TO signaal_app WITH CHECK (region_code = signaal_region() AND signaal_has_permission('cases:handle'));
CREATE POLICY mda_goal_read ON mda_goal FOR SELECT TO signaal_app USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
CREATE POLICY mda_goal_insert ON mda_goal FOR INSERT TO signaal_app WITH CHECK (region_code = signaal_region() AND signaal_has_permission('cases:handle'));
CREATE POLICY mda_goal_update ON mda_goal FOR UPDATE TO signaal_app USING (region_code = signaal_region() AND signaal_has_permission('cases:handle')) WITH CHECK (region_code = signaal_region());
CREATE POLICY mda_meeting_read ON mda_meeting FOR SELECT TO signaal_app USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
CREATE POLICY mda_meeting_insert ON mda_meeting FOR INSERT TO signaal_app WITH CHECK (region_code = signaal_region() AND signaal_has_permission('cases:handle'));
`,
    )
    .execute(db);
}
