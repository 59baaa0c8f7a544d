import { sql, type Kysely } from 'kysely';

/**
 * The follow-up of a melding after the decision: investigation (start, outcome per type of
 * violence, decision within 10 weeks), safety conditions and agreements with their checks,
 * handover to a partner organisation of the region's directory (accepted or declined by the
 * partner), and monitoring check-ins for at least a year. Region-scoped like the rest of a case.
 *
 * Partner users (role partner) get no right on any Veilig Thuis table: they see only the handovers
 * addressed to their own organisation (`case_handover`, a snapshot of what was handed over), and
 * respond through two SECURITY DEFINER functions that check the organisation themselves and do
 * exactly one transition each.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE FUNCTION signaal_organisation() RETURNS uuid
  LANGUAGE sql STABLE AS $f$ SELECT nullif(current_setting('signaal.organisation_id', true), '')::uuid $f$;

-- The directory of partner organisations per region.
ALTER TABLE organisation ADD COLUMN partner_type text CHECK (partner_type IN
  ('lokaal-team', 'gi', 'rvdk', 'vrouwenopvang', 'politie', 'om', 'reclassering', 'csg', 'school', 'ggd', 'mda', 'overig'));
ALTER TABLE organisation ADD COLUMN phone text CHECK (length(phone) <= 50);
ALTER TABLE organisation ADD COLUMN email text CHECK (length(email) <= 200);
ALTER TABLE organisation ADD COLUMN active boolean NOT NULL DEFAULT true;
UPDATE organisation SET partner_type = 'lokaal-team' WHERE kind = 'partner';
ALTER TABLE organisation ADD CONSTRAINT organisation_partner_type CHECK ((kind = 'partner') = (partner_type IS NOT NULL));
GRANT INSERT, UPDATE (name, partner_type, phone, email, active) ON organisation TO signaal_app;
ALTER TABLE organisation ENABLE ROW LEVEL SECURITY;
-- Organisations are not personal data: every staff member sees the directory (names on records).
CREATE POLICY organisation_read ON organisation FOR SELECT TO signaal_app USING (true);
-- Only an administrator of the region adds or changes its partner organisations.
CREATE POLICY organisation_insert ON organisation FOR INSERT TO signaal_app
  WITH CHECK (kind = 'partner' AND region_code = signaal_region() AND signaal_has_permission('partners:manage'));
CREATE POLICY organisation_update ON organisation FOR UPDATE TO signaal_app
  USING (kind = 'partner' AND region_code = signaal_region() AND signaal_has_permission('partners:manage'))
  WITH CHECK (kind = 'partner' AND region_code = signaal_region());

ALTER TABLE case_handling DROP CONSTRAINT case_handling_state_check;
ALTER TABLE case_handling ADD CONSTRAINT case_handling_state_check CHECK (state IN
  ('registered', 'assigned', 'assessed', 'decided', 'investigation', 'conditions', 'handover', 'monitoring', 'closed'));
ALTER TABLE case_handling ADD COLUMN investigation_started_at timestamptz;
ALTER TABLE case_handling ADD COLUMN investigation_due timestamptz;
ALTER TABLE case_handling ADD COLUMN investigation_concluded_at timestamptz;
ALTER TABLE case_handling ADD COLUMN investigation_summary text CHECK (length(investigation_summary) <= 4000);
-- The state a handover was made from, to return to when the partner declines.
ALTER TABLE case_handling ADD COLUMN state_before_handover text;
-- Set when a new melding joins the household while this case is being monitored.
ALTER TABLE case_handling ADD COLUMN monitoring_signal_at timestamptz;
ALTER TABLE case_handling ADD COLUMN monitoring_signal_contact uuid REFERENCES contact(id);

ALTER TABLE case_task DROP CONSTRAINT case_task_kind_check;
ALTER TABLE case_task ADD CONSTRAINT case_task_kind_check CHECK (kind IN
  ('informeren', 'terugkoppeling-beoordeling', 'onderzoek-starten', 'terugkoppeling-onderzoek'));

CREATE TABLE case_investigation_outcome (
  contact_id uuid NOT NULL REFERENCES contact(id),
  region_code text NOT NULL REFERENCES region(code),
  violence_type text NOT NULL CHECK (violence_type IN
    ('kindermishandeling', 'partnergeweld', 'ouderenmishandeling', 'geweld-tegen-ouders', 'huiselijk-geweld-overig')),
  outcome text NOT NULL CHECK (outcome IN ('bevestigd', 'niet-bevestigd', 'weerlegd')),
  PRIMARY KEY (contact_id, violence_type)
);

CREATE TABLE case_condition (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL REFERENCES contact(id),
  region_code text NOT NULL REFERENCES region(code),
  kind text NOT NULL CHECK (kind IN ('voorwaarde', 'afspraak')),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  -- The date by which (or from which on) the condition or agreement holds, and when it is checked.
  due date,
  check_on date NOT NULL,
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  check_result text CHECK (check_result IN ('nagekomen', 'deels-nagekomen', 'niet-nagekomen')),
  checked_at timestamptz,
  checked_by uuid REFERENCES staff_user(id),
  check_note text CHECK (length(check_note) <= 2000)
);
CREATE INDEX case_condition_contact ON case_condition (contact_id);
CREATE INDEX case_condition_open ON case_condition (region_code, check_on) WHERE checked_at IS NULL;

CREATE TABLE case_handover (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL REFERENCES contact(id),
  region_code text NOT NULL REFERENCES region(code),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  -- A snapshot of exactly what was handed over (message, people, reporter only when shareable):
  -- the partner reads this and nothing else of the case.
  content jsonb NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  sent_by uuid NOT NULL REFERENCES staff_user(id),
  status text NOT NULL DEFAULT 'verstuurd' CHECK (status IN ('verstuurd', 'geaccepteerd', 'afgewezen')),
  responded_at timestamptz,
  responded_by uuid REFERENCES staff_user(id),
  decline_reason text CHECK (length(decline_reason) <= 2000),
  feedback text CHECK (length(feedback) <= 4000),
  feedback_at timestamptz
);
CREATE INDEX case_handover_contact ON case_handover (contact_id);
CREATE INDEX case_handover_organisation ON case_handover (organisation_id, sent_at);
-- At most one handover waits for an answer at a time.
CREATE UNIQUE INDEX case_handover_one_open ON case_handover (contact_id) WHERE status = 'verstuurd';

CREATE TABLE case_checkin (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL REFERENCES contact(id),
  region_code text NOT NULL REFERENCES region(code),
  handover_id uuid NOT NULL REFERENCES case_handover(id),
  due timestamptz NOT NULL,
  done_at timestamptz,
  done_by uuid REFERENCES staff_user(id),
  outcome text CHECK (outcome IN ('veilig', 'zorgen', 'onveilig', 'geen-contact')),
  note text CHECK (length(note) <= 2000)
);
CREATE INDEX case_checkin_contact ON case_checkin (contact_id, due);
CREATE INDEX case_checkin_open ON case_checkin (region_code, due) WHERE done_at IS NULL;

GRANT SELECT, INSERT ON case_investigation_outcome TO signaal_app;
GRANT SELECT, INSERT, UPDATE ON case_condition, case_handover, case_checkin TO signaal_app;

ALTER TABLE case_investigation_outcome ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_condition ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_handover ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_checkin ENABLE ROW LEVEL SECURITY;

CREATE POLICY case_investigation_outcome_read ON case_investigation_outcome FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
CREATE POLICY case_investigation_outcome_insert ON case_investigation_outcome FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('cases:handle'));

CREATE POLICY case_condition_read ON case_condition FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
CREATE POLICY case_condition_insert ON case_condition FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('cases:handle'));
CREATE POLICY case_condition_update ON case_condition FOR UPDATE TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:handle'))
  WITH CHECK (region_code = signaal_region());

CREATE POLICY case_handover_read ON case_handover FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
-- A partner sees the handovers addressed to its own organisation, and only those.
CREATE POLICY case_handover_partner_read ON case_handover FOR SELECT TO signaal_app
  USING (signaal_has_permission('handovers:respond') AND organisation_id = signaal_organisation());
CREATE POLICY case_handover_insert ON case_handover FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('cases:handle') AND sent_by::text = current_setting('signaal.user_id', true));

CREATE POLICY case_checkin_read ON case_checkin FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
CREATE POLICY case_checkin_update ON case_checkin FOR UPDATE TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:handle'))
  WITH CHECK (region_code = signaal_region());

-- The partner's answer to a handover. SECURITY DEFINER because the partner has no right on the
-- case itself; the function checks the caller's organisation and permission, and does only this:
-- mark the handover, move the case to monitoring (with the check-ins the server computed) or back
-- to where it was, and put the step on the case's timeline and its follow-up events.
CREATE FUNCTION signaal_handover_respond(p_handover uuid, p_accept boolean, p_reason text, p_checkins timestamptz[], p_partner_type text)
  RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  h case_handover;
  v_user uuid := nullif(current_setting('signaal.user_id', true), '')::uuid;
  v_now timestamptz := now();
  d timestamptz;
BEGIN
  IF NOT signaal_has_permission('handovers:respond') OR v_user IS NULL THEN
    RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
  END IF;
  SELECT * INTO h FROM case_handover WHERE id = p_handover AND organisation_id = signaal_organisation() FOR UPDATE;
  IF NOT FOUND THEN RETURN 'not_found'; END IF;
  IF h.status <> 'verstuurd' THEN RETURN 'already_answered'; END IF;
  UPDATE case_handover SET status = CASE WHEN p_accept THEN 'geaccepteerd' ELSE 'afgewezen' END,
    responded_at = v_now, responded_by = v_user, decline_reason = CASE WHEN p_accept THEN NULL ELSE p_reason END
  WHERE id = h.id;
  IF p_accept THEN
    UPDATE case_handling SET state = 'monitoring', updated_at = v_now WHERE contact_id = h.contact_id AND state = 'handover';
    FOREACH d IN ARRAY p_checkins LOOP
      INSERT INTO case_checkin (contact_id, region_code, handover_id, due) VALUES (h.contact_id, h.region_code, h.id, d);
    END LOOP;
    INSERT INTO contact_event (contact_id, region_code, type, at, outcome, partner, created_by)
      VALUES (h.contact_id, h.region_code, 'overdracht', v_now, NULL, p_partner_type, v_user),
             (h.contact_id, h.region_code, 'monitoring', v_now, NULL, NULL, v_user);
    INSERT INTO case_step (contact_id, region_code, step, by_user, code) VALUES (h.contact_id, h.region_code, 'handover-accepted', v_user, p_partner_type);
  ELSE
    UPDATE case_handling SET state = coalesce(state_before_handover, 'decided'), updated_at = v_now WHERE contact_id = h.contact_id AND state = 'handover';
    INSERT INTO case_step (contact_id, region_code, step, by_user, code, note) VALUES (h.contact_id, h.region_code, 'handover-declined', v_user, p_partner_type, p_reason);
  END IF;
  RETURN 'ok';
END $f$;

-- The partner's feedback on an accepted handover, once or updated later; also on the timeline.
CREATE FUNCTION signaal_handover_feedback(p_handover uuid, p_feedback text)
  RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  h case_handover;
  v_user uuid := nullif(current_setting('signaal.user_id', true), '')::uuid;
BEGIN
  IF NOT signaal_has_permission('handovers:respond') OR v_user IS NULL THEN
    RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
  END IF;
  SELECT * INTO h FROM case_handover WHERE id = p_handover AND organisation_id = signaal_organisation() FOR UPDATE;
  IF NOT FOUND THEN RETURN 'not_found'; END IF;
  IF h.status <> 'geaccepteerd' THEN RETURN 'not_accepted'; END IF;
  UPDATE case_handover SET feedback = p_feedback, feedback_at = now() WHERE id = h.id;
  INSERT INTO case_step (contact_id, region_code, step, by_user, note) VALUES (h.contact_id, h.region_code, 'partner-feedback', v_user, p_feedback);
  RETURN 'ok';
END $f$;

-- A new melding joined a household file: every case of that household in monitoring is flagged
-- and gets a step on its timeline, so its casemanager sees the new signal. SECURITY DEFINER because
-- the intake worker who links the melding may not read or change the handling of cases; the
-- function only sets the flag, within the caller's region, and returns how many cases it flagged.
CREATE FUNCTION signaal_flag_monitoring(p_household uuid, p_contact uuid)
  RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  v_user uuid := nullif(current_setting('signaal.user_id', true), '')::uuid;
  v_count integer;
BEGIN
  IF NOT signaal_has_permission('households:link') OR v_user IS NULL THEN
    RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
  END IF;
  WITH flagged AS (
    UPDATE case_handling h SET monitoring_signal_at = now(), monitoring_signal_contact = p_contact, updated_at = now()
    WHERE h.state = 'monitoring' AND h.region_code = signaal_region() AND h.contact_id <> p_contact
      AND EXISTS (SELECT 1 FROM person p WHERE p.contact_id = h.contact_id AND p.household_id = p_household)
    RETURNING h.contact_id, h.region_code
  ), steps AS (
    INSERT INTO case_step (contact_id, region_code, step, by_user, code)
    SELECT contact_id, region_code, 'new-melding-during-monitoring', v_user, NULL FROM flagged
    RETURNING 1
  )
  SELECT count(*) INTO v_count FROM steps;
  RETURN v_count;
END $f$;

REVOKE ALL ON FUNCTION signaal_flag_monitoring(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signaal_flag_monitoring(uuid, uuid) TO signaal_app;
REVOKE ALL ON FUNCTION signaal_handover_respond(uuid, boolean, text, timestamptz[], text) FROM PUBLIC;
REVOKE ALL ON FUNCTION signaal_handover_feedback(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signaal_handover_respond(uuid, boolean, text, timestamptz[], text) TO signaal_app;
GRANT EXECUTE ON FUNCTION signaal_handover_feedback(uuid, text) TO signaal_app;
`,
    )
    .execute(db);
}
