import { sql, type Kysely } from 'kysely';

/**
 * Handle with Care: the police tell a child's school, by the next school morning, that the child may
 * need extra care after a violent incident at home, and nothing more. Schools are partner
 * organisations of type school; their contact persons are partner accounts of that school. The
 * police (partner accounts of a police organisation) send; the school sees only its own signals.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE TABLE hwc_signal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id uuid NOT NULL REFERENCES organisation(id),
  region_code text NOT NULL REFERENCES region(code),
  -- Only what the school needs to know which child: no incident, no address, no other person.
  child_name text NOT NULL CHECK (length(child_name) BETWEEN 1 AND 200),
  child_birth_date date NOT NULL,
  child_group text CHECK (length(child_group) <= 50),
  -- When the police were at the home, and by when the school must have it (next school morning).
  incident_on date NOT NULL,
  due_at timestamptz NOT NULL,
  sent_by uuid NOT NULL REFERENCES staff_user(id),
  sent_by_organisation uuid NOT NULL REFERENCES organisation(id),
  sent_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES staff_user(id)
);
CREATE INDEX hwc_signal_school ON hwc_signal (school_id, sent_at);
CREATE INDEX hwc_signal_sender ON hwc_signal (sent_by_organisation, sent_at);

CREATE FUNCTION signaal_organisation_is(p_type text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
    SELECT EXISTS (SELECT 1 FROM organisation o WHERE o.id = signaal_organisation() AND o.partner_type = p_type AND o.active)
  $f$;
GRANT EXECUTE ON FUNCTION signaal_organisation_is(text) TO signaal_app;

GRANT SELECT, INSERT, UPDATE (acknowledged_at, acknowledged_by) ON hwc_signal TO signaal_app;
ALTER TABLE hwc_signal ENABLE ROW LEVEL SECURITY;
-- The school reads its own signals; the sending police organisation reads what it sent.
CREATE POLICY hwc_signal_read ON hwc_signal FOR SELECT TO signaal_app
  USING (signaal_has_permission('hwc:receive') AND (school_id = signaal_organisation() OR sent_by_organisation = signaal_organisation()));
CREATE POLICY hwc_signal_insert ON hwc_signal FOR INSERT TO signaal_app
  WITH CHECK (signaal_has_permission('hwc:send') AND signaal_organisation_is('politie')
              AND sent_by_organisation = signaal_organisation() AND sent_by::text = current_setting('signaal.user_id', true));
CREATE POLICY hwc_signal_ack ON hwc_signal FOR UPDATE TO signaal_app
  USING (signaal_has_permission('hwc:receive') AND school_id = signaal_organisation())
  WITH CHECK (school_id = signaal_organisation());
`,
    )
    .execute(db);
}
