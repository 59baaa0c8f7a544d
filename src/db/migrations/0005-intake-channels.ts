import { sql, type Kysely } from 'kysely';

/**
 * Intake channels: the public web forms and partner systems (police) submitting contacts.
 *
 * - Reporter details of a contact, as given on a public form. Personal data in plain text for
 *   now: issue 9 will encrypt reporter_name and reporter_contact (and re-read this comment).
 * - A reference code per contact that a person can quote on the phone (not the uuid).
 * - API keys of partner organisations: only a sha256 hash of the secret is stored.
 * - Idempotency records: (scope, key) -> the contact created for it and a hash of the request
 *   body, written in the same transaction as the contact. The primary key makes concurrent
 *   duplicates (a double click, a retry racing the first try) wait for and then find the first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
-- Issue 9 encrypts reporter_name and reporter_contact; until then they are plain text.
ALTER TABLE contact ADD COLUMN reporter_name text CHECK (length(reporter_name) <= 200);
ALTER TABLE contact ADD COLUMN reporter_contact text CHECK (length(reporter_contact) <= 200);
-- Whether the person agreed that Veilig Thuis uses their own contact details (advies only needs it).
ALTER TABLE contact ADD COLUMN reporter_consent boolean;
ALTER TABLE contact ADD COLUMN reference text CHECK (reference ~ '^[A-HJ-NP-Z2-9]{8}$');
ALTER TABLE contact ADD CONSTRAINT contact_reference UNIQUE (reference);

CREATE TABLE api_key (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- The first 8 characters of the key, shown in lists so people can tell keys apart.
  prefix text NOT NULL,
  -- sha256 (hex) of the whole key; the key itself is shown once and never stored.
  secret_hash text NOT NULL UNIQUE,
  scope text NOT NULL CHECK (scope IN ('contacts:submit')),
  -- The channel a submission gets when it names none (politie for the police).
  channel text NOT NULL DEFAULT 'overig',
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_key_organisation ON api_key (organisation_id);

CREATE TABLE intake_idempotency (
  -- 'public' for the web forms, 'org:<organisation id>' for a partner organisation.
  scope text NOT NULL,
  key text NOT NULL CHECK (length(key) BETWEEN 8 AND 200),
  body_hash text NOT NULL,
  -- Claimed first, filled in the same transaction: never null once committed.
  contact_id uuid REFERENCES contact(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- Admins manage the keys of their own region's organisations (console, request role).
GRANT SELECT, INSERT, UPDATE ON api_key TO signaal_app;
ALTER TABLE api_key ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_key_read ON api_key FOR SELECT TO signaal_app
  USING (signaal_has_permission('apikeys:manage')
         AND EXISTS (SELECT 1 FROM organisation o WHERE o.id = organisation_id AND o.region_code = signaal_region()));
CREATE POLICY api_key_insert ON api_key FOR INSERT TO signaal_app
  WITH CHECK (signaal_has_permission('apikeys:manage')
         AND EXISTS (SELECT 1 FROM organisation o WHERE o.id = organisation_id AND o.region_code = signaal_region()));
CREATE POLICY api_key_update ON api_key FOR UPDATE TO signaal_app
  USING (signaal_has_permission('apikeys:manage')
         AND EXISTS (SELECT 1 FROM organisation o WHERE o.id = organisation_id AND o.region_code = signaal_region()));

-- Submissions (public form, partner key) have no staff actor and run as the owner in the intake
-- module; the request role gets no access to idempotency records at all.
ALTER TABLE intake_idempotency ENABLE ROW LEVEL SECURITY;
`,
    )
    .execute(db);
}
