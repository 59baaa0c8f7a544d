import { sql, type Kysely } from 'kysely';

/**
 * Handling of a melding: one row per melding with its workflow state, the safety assessment and
 * its deadline, and a timeline of every step (who, when, what). Region-scoped like `contact`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE contact ADD COLUMN acute boolean NOT NULL DEFAULT false;

CREATE TABLE case_handling (
  contact_id uuid PRIMARY KEY REFERENCES contact(id),
  region_code text NOT NULL REFERENCES region(code),
  state text NOT NULL CHECK (state IN ('registered', 'assigned', 'assessed', 'decided', 'closed')),
  assessment_due timestamptz NOT NULL,
  assigned_to uuid REFERENCES staff_user(id),
  assessed_by uuid REFERENCES staff_user(id),
  assessed_at timestamptz,
  acute_unsafety boolean,
  structural_unsafety boolean,
  decision text CHECK (decision IN ('onderzoek', 'verzoek-onderzoek-rvdk', 'voorwaarden-en-vervolg', 'overdracht', 'afsluiten')),
  assessment_summary text,
  decided_by uuid REFERENCES staff_user(id),
  decided_at timestamptz,
  closed_at timestamptz,
  close_reason text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_handling_open ON case_handling (region_code, state, assessment_due);

CREATE TABLE case_step (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contact_id uuid NOT NULL REFERENCES contact(id),
  region_code text NOT NULL REFERENCES region(code),
  step text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  by_user uuid REFERENCES staff_user(id),
  -- What the step decided, as a code the screen translates (decision, close reason, 'acute').
  code text,
  -- The colleague a step concerns (assignment).
  subject_user uuid REFERENCES staff_user(id),
  -- Free text typed by the user (rejection reason, closing note).
  note text
);
CREATE INDEX case_step_contact ON case_step (contact_id, at);

GRANT SELECT, INSERT, UPDATE ON case_handling TO signaal_app;
GRANT SELECT, INSERT ON case_step TO signaal_app;

ALTER TABLE case_handling ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_handling_read ON case_handling FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
-- Registering a melding (intake) opens its handling; handling steps need cases:handle.
CREATE POLICY case_handling_insert ON case_handling FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('contacts:create'));
CREATE POLICY case_handling_update ON case_handling FOR UPDATE TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:handle'))
  WITH CHECK (region_code = signaal_region());

ALTER TABLE case_step ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_step_read ON case_step FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
CREATE POLICY case_step_insert ON case_step FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND (signaal_has_permission('cases:handle') OR signaal_has_permission('contacts:create')));
`,
    )
    .execute(db);
}
