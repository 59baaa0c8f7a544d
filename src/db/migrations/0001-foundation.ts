import { sql, type Kysely } from 'kysely';

/**
 * Foundation schema. Plain SQL (PostgreSQL 15 subset: it must run on PGlite's 18 and on a 15
 * server alike; no uuidv7(), no MERGE ... RETURNING).
 *
 * Access model (ADR 0003): the application connects as the schema owner, but every request that
 * touches records runs inside a transaction that switches to the role `signaal_app` and sets
 * `signaal.*` settings (user, role, region, permissions). Row-level security policies on the
 * record tables read those settings, so a handler that forgets a region filter still sees only
 * its own region. The owner (migrations, CLI, authentication) is not subject to the policies.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'signaal_app') THEN
    CREATE ROLE signaal_app NOLOGIN;
  END IF;
END $$;
-- The connecting user must be able to SET ROLE to it (a no-op for a superuser).
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'signaal_app', 'MEMBER') THEN
    EXECUTE format('GRANT signaal_app TO %I', current_user);
  END IF;
END $$;

-- Permission check used by policies: the request sets signaal.permissions to ',perm1,perm2,'.
CREATE FUNCTION signaal_has_permission(p text) RETURNS boolean
  LANGUAGE sql STABLE AS $f$
    SELECT position(',' || p || ',' IN coalesce(current_setting('signaal.permissions', true), '')) > 0
  $f$;

CREATE FUNCTION signaal_region() RETURNS text
  LANGUAGE sql STABLE AS $f$ SELECT nullif(current_setting('signaal.region', true), '') $f$;

-- Reference data ---------------------------------------------------------------------------
CREATE TABLE region (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
  name text NOT NULL
);

-- One row per municipality per classification year. A lookup for year Y uses the newest
-- classification year <= Y (or the oldest one for years before it): see regions.repository.ts.
CREATE TABLE municipality_classification (
  year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  municipality_code text NOT NULL CHECK (municipality_code ~ '^GM[0-9]{4}$'),
  municipality_name text NOT NULL,
  province text NOT NULL,
  region_code text NOT NULL REFERENCES region(code),
  PRIMARY KEY (year, municipality_code)
);
CREATE INDEX municipality_classification_region ON municipality_classification (year, region_code);

-- Organisations and staff ------------------------------------------------------------------
CREATE TABLE organisation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('veilig-thuis', 'partner', 'beheer')),
  region_code text NOT NULL REFERENCES region(code),
  demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name, region_code)
);

CREATE TABLE staff_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('intake', 'casemanager', 'teamleider', 'analyst', 'admin', 'partner')),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  region_code text NOT NULL REFERENCES region(code),
  password_hash text NOT NULL,
  password_must_change boolean NOT NULL DEFAULT true,
  totp_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  demo boolean NOT NULL DEFAULT false,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_user_email ON staff_user (lower(email));

CREATE TABLE staff_session (
  -- sha256 of the cookie token: a leaked table does not yield usable session cookies.
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES staff_user(id),
  stage text NOT NULL CHECK (stage IN ('password_change', 'totp_setup', 'totp_verify', 'active')),
  csrf_token text NOT NULL,
  pending_totp_secret text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX staff_session_user ON staff_session (user_id);

-- Audit trail ------------------------------------------------------------------------------
CREATE TABLE audit_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  request_id text,
  actor_id uuid,
  actor_email text,
  actor_role text,
  actor_organisation_id uuid,
  actor_region text,
  action text NOT NULL,
  record_type text,
  record_id text,
  region_code text,
  outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
  reason text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_record ON audit_log (record_type, record_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_at ON audit_log (at);

-- Append-only, also for the owner: the application has no path that changes history.
CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $f$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_immutable();

-- Serialises appends so each entry can carry the hash of the one before it. Runs as owner
-- (SECURITY DEFINER) because the caller's row-level security would hide other regions' rows,
-- and the chain is global. Statements in a volatile plpgsql function get a fresh snapshot under
-- READ COMMITTED, so the SELECT sees the entry committed by whoever held the lock before us.
CREATE FUNCTION audit_prev_hash() RETURNS text
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
  prev text;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit entries must be appended in a READ COMMITTED transaction';
  END IF;
  PERFORM pg_advisory_xact_lock(7245190);
  SELECT hash INTO prev FROM public.audit_log ORDER BY seq DESC LIMIT 1;
  RETURN coalesce(prev, 'genesis');
END $f$;

-- Contacts (advies / melding): the first record type holding personal data. -----------------
CREATE TABLE contact (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('advies', 'melding')),
  received_at timestamptz NOT NULL,
  region_code text NOT NULL REFERENCES region(code),
  municipality_code text CHECK (municipality_code ~ '^GM[0-9]{4}$'),
  channel text NOT NULL,
  reporter_type text NOT NULL,
  reporter_group text NOT NULL,
  violence_type text,
  summary text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT 'signaal',
  external_id text,
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'advies' OR violence_type IS NOT NULL),
  UNIQUE (source, external_id)
);
CREATE INDEX contact_region_received ON contact (region_code, received_at);

-- Privileges and policies for the request role ---------------------------------------------
GRANT USAGE ON SCHEMA public TO signaal_app;
GRANT SELECT ON region, municipality_classification, organisation TO signaal_app;
GRANT SELECT, INSERT, UPDATE ON staff_user TO signaal_app;
GRANT SELECT, INSERT ON audit_log TO signaal_app;
GRANT SELECT, INSERT ON contact TO signaal_app;
GRANT EXECUTE ON FUNCTION audit_prev_hash() TO signaal_app;

ALTER TABLE staff_user ENABLE ROW LEVEL SECURITY;
-- Staff see colleagues of their own region (names on records); only user managers change them.
CREATE POLICY staff_user_read ON staff_user FOR SELECT TO signaal_app
  USING (region_code = signaal_region() OR id::text = current_setting('signaal.user_id', true));
CREATE POLICY staff_user_insert ON staff_user FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('users:manage'));
CREATE POLICY staff_user_update ON staff_user FOR UPDATE TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('users:manage'));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT TO signaal_app
  USING (signaal_has_permission('audit:read')
         AND (region_code = signaal_region() OR actor_region = signaal_region()));
CREATE POLICY audit_log_append ON audit_log FOR INSERT TO signaal_app
  WITH CHECK (actor_id IS NULL OR actor_id::text = current_setting('signaal.user_id', true));

ALTER TABLE contact ENABLE ROW LEVEL SECURITY;
CREATE POLICY contact_read ON contact FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('contacts:read'));
CREATE POLICY contact_insert ON contact FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('contacts:create'));
`,
    )
    .execute(db);
}
