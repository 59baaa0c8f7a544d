import { sql, type Kysely } from 'kysely';

/**
 * Need-to-know inside a region (ADR 0014). A melding can be shielded ("afgeschermd dossier", e.g.
 * a staff member's relative): then only the assigned casemanager, the region's team leads and a
 * named set of staff see it. Others of the region may break the glass with a reason: a grant of
 * four hours, audited, listed for the team lead. Enforced here, by RESTRICTIVE policies on every
 * table that holds part of a case, so no handler can forget it.
 *
 * Also: a public id, device and address prefix per session (session list, remote sign-out) and
 * one-time password reset codes issued by an administrator.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE TABLE case_restriction (
  contact_id uuid PRIMARY KEY REFERENCES contact(id),
  region_code text NOT NULL REFERENCES region(code),
  restricted_by uuid NOT NULL REFERENCES staff_user(id),
  restricted_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE case_restriction_member (
  contact_id uuid NOT NULL REFERENCES case_restriction(contact_id) ON DELETE CASCADE,
  region_code text NOT NULL REFERENCES region(code),
  user_id uuid NOT NULL REFERENCES staff_user(id),
  PRIMARY KEY (contact_id, user_id)
);
-- Break-the-glass: who opened a shielded file, why, until when, and whether a team lead saw it.
CREATE TABLE case_access_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL REFERENCES contact(id),
  region_code text NOT NULL REFERENCES region(code),
  user_id uuid NOT NULL REFERENCES staff_user(id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 10 AND 2000),
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  reviewed_by uuid REFERENCES staff_user(id),
  reviewed_at timestamptz
);
CREATE INDEX case_access_grant_user ON case_access_grant (contact_id, user_id, expires_at);
CREATE INDEX case_access_grant_region ON case_access_grant (region_code, granted_at);

-- Whether the current user may see this melding: not shielded, or a team lead, the assigned
-- casemanager, a named member, or an unexpired break-the-glass grant. SECURITY DEFINER so that it
-- reads the restriction tables and case_handling without their own policies (no recursion); it
-- reads only the settings the server set for this transaction.
CREATE FUNCTION signaal_case_visible(p_contact uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
  SELECT NOT EXISTS (SELECT 1 FROM case_restriction r WHERE r.contact_id = p_contact)
    OR current_setting('signaal.role', true) = 'teamleider'
    OR EXISTS (SELECT 1 FROM case_restriction_member m
               WHERE m.contact_id = p_contact AND m.user_id::text = current_setting('signaal.user_id', true))
    OR EXISTS (SELECT 1 FROM case_handling h
               WHERE h.contact_id = p_contact AND h.assigned_to::text = current_setting('signaal.user_id', true))
    OR EXISTS (SELECT 1 FROM case_access_grant g
               WHERE g.contact_id = p_contact AND g.user_id::text = current_setting('signaal.user_id', true) AND g.expires_at > now())
$f$;
GRANT EXECUTE ON FUNCTION signaal_case_visible(uuid) TO signaal_app;

-- RESTRICTIVE: combined with AND with the region policies each table already has.
CREATE POLICY contact_need_to_know ON contact AS RESTRICTIVE FOR ALL TO signaal_app USING (signaal_case_visible(id));
CREATE POLICY contact_event_need_to_know ON contact_event AS RESTRICTIVE FOR ALL TO signaal_app USING (signaal_case_visible(contact_id));
CREATE POLICY person_need_to_know ON person AS RESTRICTIVE FOR ALL TO signaal_app USING (signaal_case_visible(contact_id));
CREATE POLICY case_handling_need_to_know ON case_handling AS RESTRICTIVE FOR ALL TO signaal_app USING (signaal_case_visible(contact_id));
CREATE POLICY case_step_need_to_know ON case_step AS RESTRICTIVE FOR ALL TO signaal_app USING (signaal_case_visible(contact_id));
CREATE POLICY case_task_need_to_know ON case_task AS RESTRICTIVE FOR ALL TO signaal_app USING (signaal_case_visible(contact_id));
CREATE POLICY case_investigation_outcome_need_to_know ON case_investigation_outcome AS RESTRICTIVE FOR ALL TO signaal_app USING (signaal_case_visible(contact_id));
CREATE POLICY case_condition_need_to_know ON case_condition AS RESTRICTIVE FOR ALL TO signaal_app USING (signaal_case_visible(contact_id));
-- A partner keeps seeing what was handed to its own organisation (its own policy narrows that).
CREATE POLICY case_handover_need_to_know ON case_handover AS RESTRICTIVE FOR ALL TO signaal_app
  USING (signaal_has_permission('handovers:respond') OR signaal_case_visible(contact_id));
CREATE POLICY case_checkin_need_to_know ON case_checkin AS RESTRICTIVE FOR ALL TO signaal_app USING (signaal_case_visible(contact_id));
CREATE POLICY restraining_order_need_to_know ON restraining_order AS RESTRICTIVE FOR ALL TO signaal_app USING (signaal_case_visible(contact_id));
CREATE POLICY aware_case_need_to_know ON aware_case AS RESTRICTIVE FOR ALL TO signaal_app USING (signaal_case_visible(contact_id));
CREATE POLICY mda_plan_need_to_know ON mda_plan AS RESTRICTIVE FOR ALL TO signaal_app USING (signaal_case_visible(contact_id));
-- Children of a plan or an Aware case follow their parent, which is itself shielded above.
CREATE POLICY aware_review_need_to_know ON aware_review AS RESTRICTIVE FOR ALL TO signaal_app
  USING (EXISTS (SELECT 1 FROM aware_case a WHERE a.id = aware_id));
CREATE POLICY mda_goal_need_to_know ON mda_goal AS RESTRICTIVE FOR ALL TO signaal_app
  USING (EXISTS (SELECT 1 FROM mda_plan p WHERE p.id = plan_id));
CREATE POLICY mda_meeting_need_to_know ON mda_meeting AS RESTRICTIVE FOR ALL TO signaal_app
  USING (EXISTS (SELECT 1 FROM mda_plan p WHERE p.id = plan_id));

-- The stub: everyone who handles cases in the region sees THAT a file is shielded and since
-- when (so a colleague on duty can break the glass in an emergency), nothing else.
GRANT SELECT ON case_restriction, case_restriction_member, case_access_grant TO signaal_app;
GRANT UPDATE (reviewed_by, reviewed_at) ON case_access_grant TO signaal_app;
ALTER TABLE case_restriction ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_restriction_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_access_grant ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_restriction_read ON case_restriction FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
CREATE POLICY case_restriction_member_read ON case_restriction_member FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:read') AND signaal_case_visible(contact_id));
-- Team leads see every grant of the region; everyone sees their own.
CREATE POLICY case_access_grant_read ON case_access_grant FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND (signaal_has_permission('cases:assign') OR user_id::text = current_setting('signaal.user_id', true)));
CREATE POLICY case_access_grant_review ON case_access_grant FOR UPDATE TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:assign'))
  WITH CHECK (region_code = signaal_region() AND reviewed_by::text = current_setting('signaal.user_id', true));

-- Shield a file or change who may see it. Only a team lead or the assigned casemanager, for a
-- file of the own region they can see; members must handle cases in the same region.
-- Answers 'ok', 'not_found' (outside scope: the caller answers 404), 'not_allowed' or 'bad_member'.
CREATE FUNCTION signaal_restrict_case(p_contact uuid, p_members uuid[]) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  v_user uuid := nullif(current_setting('signaal.user_id', true), '')::uuid;
  v_region text := signaal_region();
  h case_handling;
BEGIN
  SELECT * INTO h FROM case_handling WHERE contact_id = p_contact AND region_code = v_region;
  IF NOT FOUND OR v_user IS NULL OR NOT signaal_has_permission('cases:read') OR NOT signaal_case_visible(p_contact) THEN
    RETURN 'not_found';
  END IF;
  IF NOT signaal_has_permission('cases:handle')
     OR NOT (signaal_has_permission('cases:assign') OR h.assigned_to = v_user) THEN
    RETURN 'not_allowed';
  END IF;
  IF EXISTS (SELECT 1 FROM unnest(coalesce(p_members, '{}')) m
             WHERE NOT EXISTS (SELECT 1 FROM staff_user u WHERE u.id = m AND u.region_code = v_region
                               AND u.role IN ('casemanager', 'teamleider') AND u.disabled_at IS NULL)) THEN
    RETURN 'bad_member';
  END IF;
  INSERT INTO case_restriction (contact_id, region_code, restricted_by) VALUES (p_contact, v_region, v_user)
    ON CONFLICT (contact_id) DO NOTHING;
  DELETE FROM case_restriction_member WHERE contact_id = p_contact;
  INSERT INTO case_restriction_member (contact_id, region_code, user_id)
    SELECT DISTINCT p_contact, v_region, m FROM unnest(coalesce(p_members, '{}')) m;
  -- Whoever shields a file keeps seeing it.
  INSERT INTO case_restriction_member (contact_id, region_code, user_id) VALUES (p_contact, v_region, v_user)
    ON CONFLICT DO NOTHING;
  RETURN 'ok';
END $f$;

CREATE FUNCTION signaal_lift_restriction(p_contact uuid) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  v_user uuid := nullif(current_setting('signaal.user_id', true), '')::uuid;
  h case_handling;
BEGIN
  SELECT * INTO h FROM case_handling WHERE contact_id = p_contact AND region_code = signaal_region();
  IF NOT FOUND OR v_user IS NULL OR NOT signaal_has_permission('cases:read') OR NOT signaal_case_visible(p_contact)
     OR NOT EXISTS (SELECT 1 FROM case_restriction WHERE contact_id = p_contact) THEN
    RETURN 'not_found';
  END IF;
  IF NOT signaal_has_permission('cases:handle')
     OR NOT (signaal_has_permission('cases:assign') OR h.assigned_to = v_user) THEN
    RETURN 'not_allowed';
  END IF;
  DELETE FROM case_restriction_member WHERE contact_id = p_contact;
  DELETE FROM case_restriction WHERE contact_id = p_contact;
  RETURN 'ok';
END $f$;

-- Break the glass: a shielded file of the own region, for four hours, with a reason. The duration
-- is fixed here so no handler can hand out a longer one. Answers the grant, or nothing when the
-- file is not a shielded file of the caller's region (the caller answers 404).
CREATE FUNCTION signaal_break_glass(p_contact uuid, p_reason text) RETURNS SETOF case_access_grant
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  v_user uuid := nullif(current_setting('signaal.user_id', true), '')::uuid;
BEGIN
  IF v_user IS NULL OR NOT signaal_has_permission('cases:read')
     OR NOT EXISTS (SELECT 1 FROM case_restriction WHERE contact_id = p_contact AND region_code = signaal_region()) THEN
    RETURN;
  END IF;
  RETURN QUERY INSERT INTO case_access_grant (contact_id, region_code, user_id, reason, expires_at)
    VALUES (p_contact, signaal_region(), v_user, p_reason, now() + interval '4 hours') RETURNING *;
END $f$;

REVOKE ALL ON FUNCTION signaal_restrict_case(uuid, uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION signaal_lift_restriction(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION signaal_break_glass(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signaal_restrict_case(uuid, uuid[]) TO signaal_app;
GRANT EXECUTE ON FUNCTION signaal_lift_restriction(uuid) TO signaal_app;
GRANT EXECUTE ON FUNCTION signaal_break_glass(uuid, text) TO signaal_app;

-- Sessions: an id that can be shown and named in a request (the primary key is the token's
-- hash and stays server-side), the device and a coarse address for the session list.
ALTER TABLE staff_session ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE staff_session ADD COLUMN user_agent text CHECK (length(user_agent) <= 300);
ALTER TABLE staff_session ADD COLUMN ip_prefix text CHECK (length(ip_prefix) <= 50);
ALTER TABLE staff_session ADD COLUMN auth_method text NOT NULL DEFAULT 'password' CHECK (auth_method IN ('password', 'oidc'));
CREATE UNIQUE INDEX staff_session_public_id ON staff_session (public_id);

-- One-time reset codes an administrator hands over in person or by phone: only the hash is kept,
-- valid for an hour, used once.
CREATE TABLE password_reset (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES staff_user(id),
  code_hash text NOT NULL UNIQUE,
  created_by uuid NOT NULL REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_reset_user ON password_reset (user_id);

-- A sign-in with the organisation's identity provider in progress: the PKCE verifier and nonce
-- stay here, keyed by the state's hash and bound to the browser that started it (a cookie whose
-- hash is kept), for ten minutes, used once.
CREATE TABLE oidc_login (
  state_hash text PRIMARY KEY,
  browser_hash text NOT NULL,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  expires_at timestamptz NOT NULL
);

-- An administrator acts on accounts of the own region only. SECURITY DEFINER because sessions and
-- reset codes are authentication data that signaal_app cannot touch otherwise; each function does
-- one thing after checking permission and region, so the change commits with its audit entry.
CREATE FUNCTION signaal_end_user_sessions(p_user uuid) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE n integer;
BEGIN
  IF NOT signaal_has_permission('users:manage')
     OR NOT EXISTS (SELECT 1 FROM staff_user WHERE id = p_user AND region_code = signaal_region()) THEN
    RETURN -1;
  END IF;
  UPDATE staff_session SET ended_at = now() WHERE user_id = p_user AND ended_at IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $f$;

-- A new reset code (its hash) for an account of the own region, valid one hour; earlier unused
-- codes of that account stop working. Answers the expiry, or NULL outside scope.
CREATE FUNCTION signaal_issue_password_reset(p_user uuid, p_code_hash text) RETURNS timestamptz
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE v_expires timestamptz := now() + interval '1 hour';
BEGIN
  IF NOT signaal_has_permission('users:manage')
     OR NOT EXISTS (SELECT 1 FROM staff_user WHERE id = p_user AND region_code = signaal_region() AND disabled_at IS NULL) THEN
    RETURN NULL;
  END IF;
  UPDATE password_reset SET used_at = now() WHERE user_id = p_user AND used_at IS NULL;
  INSERT INTO password_reset (user_id, code_hash, created_by, expires_at)
    VALUES (p_user, p_code_hash, nullif(current_setting('signaal.user_id', true), '')::uuid, v_expires);
  RETURN v_expires;
END $f$;
REVOKE ALL ON FUNCTION signaal_end_user_sessions(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION signaal_issue_password_reset(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signaal_end_user_sessions(uuid) TO signaal_app;
GRANT EXECUTE ON FUNCTION signaal_issue_password_reset(uuid, text) TO signaal_app;
`,
    )
    .execute(db);
}
