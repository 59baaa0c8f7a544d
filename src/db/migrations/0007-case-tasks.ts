import { sql, type Kysely } from 'kysely';

/**
 * Tasks with a statutory or agreed deadline that hang off a melding: informing the people whose
 * data are recorded (4 weeks, extendable by 2 weeks, or skipped with a reason), feedback to the
 * reporter after the assessment, and the start of an investigation after the decision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE TABLE case_task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL REFERENCES contact(id),
  region_code text NOT NULL REFERENCES region(code),
  kind text NOT NULL CHECK (kind IN ('informeren', 'terugkoppeling-beoordeling', 'onderzoek-starten')),
  due timestamptz NOT NULL,
  extensions integer NOT NULL DEFAULT 0,
  done_at timestamptz,
  done_by uuid REFERENCES staff_user(id),
  outcome text CHECK (outcome IN ('gedaan', 'overgeslagen')),
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contact_id, kind)
);
CREATE INDEX case_task_open ON case_task (region_code, due) WHERE done_at IS NULL;

GRANT SELECT, INSERT, UPDATE ON case_task TO signaal_app;
ALTER TABLE case_task ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_task_read ON case_task FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
CREATE POLICY case_task_insert ON case_task FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND (signaal_has_permission('cases:handle') OR signaal_has_permission('contacts:create')));
CREATE POLICY case_task_update ON case_task FOR UPDATE TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:handle'))
  WITH CHECK (region_code = signaal_region());
`,
    )
    .execute(db);
}
