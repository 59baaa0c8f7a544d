import { sql, type Kysely } from 'kysely';

/**
 * Issue 9, data protection (ADR 0013).
 * - Encryption at rest: the sensitive columns now hold AES-256-GCM ciphertext written by the data
 *   layer (db/field-encryption.plugin.ts). SQL has no key, so this migration cannot encrypt rows
 *   that exist already: the server encrypts them at startup and `signaal keys reencrypt` does it
 *   on demand. Length checks written for clear text are widened for the longer ciphertext (the
 *   routes' schemas keep the limits on what a person types).
 * - BSN equality lookups go through a keyed blind index (person.bsn_index); the national lookup
 *   function compares that index, never the number.
 * - Retention: a contact can be erased (personal data removed, the statistical skeleton kept for
 *   the figures and the exchange); every run of the retention job is recorded without content.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE person DROP CONSTRAINT IF EXISTS person_bsn_check;
ALTER TABLE person ADD COLUMN bsn_index text CHECK (bsn_index ~ '^[0-9a-f]{64}$');
DROP INDEX IF EXISTS person_bsn;
CREATE INDEX person_bsn_index ON person (bsn_index) WHERE bsn_index IS NOT NULL;

ALTER TABLE contact DROP CONSTRAINT IF EXISTS contact_reporter_name_check;
ALTER TABLE contact DROP CONSTRAINT IF EXISTS contact_reporter_contact_check;
ALTER TABLE contact ADD CONSTRAINT contact_reporter_name_stored CHECK (length(reporter_name) <= 2000);
ALTER TABLE contact ADD CONSTRAINT contact_reporter_contact_stored CHECK (length(reporter_contact) <= 2000);
ALTER TABLE chat_message DROP CONSTRAINT IF EXISTS chat_message_body_check;
ALTER TABLE chat_message ADD CONSTRAINT chat_message_body_stored CHECK (length(body) BETWEEN 1 AND 30000);
ALTER TABLE case_handling DROP CONSTRAINT IF EXISTS case_handling_investigation_summary_check;
ALTER TABLE case_handling ADD CONSTRAINT case_handling_investigation_summary_stored CHECK (length(investigation_summary) <= 30000);
ALTER TABLE case_condition DROP CONSTRAINT IF EXISTS case_condition_check_note_check;
ALTER TABLE case_condition ADD CONSTRAINT case_condition_check_note_stored CHECK (length(check_note) <= 20000);
ALTER TABLE case_checkin DROP CONSTRAINT IF EXISTS case_checkin_note_check;
ALTER TABLE case_checkin ADD CONSTRAINT case_checkin_note_stored CHECK (length(note) <= 20000);

-- Same function as in migration 0006, but p_bsn is now the blind index of the BSN.
CREATE OR REPLACE FUNCTION signaal_household_lookup(p_bsn text, p_name text, p_birth_date date)
  RETURNS TABLE (region_code text, known_since timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    SELECT p.region_code, min(c.received_at)
    FROM public.person p JOIN public.contact c ON c.id = p.contact_id AND c.region_code = p.region_code
    WHERE public.signaal_has_permission('households:lookup')
      AND c.kind = 'melding'
      AND CASE
            WHEN p_bsn IS NOT NULL THEN p.bsn_index = p_bsn
            WHEN p_name IS NOT NULL AND p_birth_date IS NOT NULL
              THEN p.birth_date = p_birth_date AND public.signaal_normalise_name(p.name) = public.signaal_normalise_name(p_name)
            ELSE false
          END
    GROUP BY p.region_code
    ORDER BY p.region_code
  $f$;

-- Retention: when a contact's personal data was erased, and why ('retentie' or 'besluit').
ALTER TABLE contact ADD COLUMN erased_at timestamptz;
ALTER TABLE contact ADD COLUMN erased_reason text CHECK (erased_reason IN ('retentie', 'besluit'));

-- One row per run of the retention job: counts only, never content or names.
CREATE TABLE retention_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'console', 'cli')),
  started_by uuid REFERENCES staff_user(id),
  files_erased integer NOT NULL DEFAULT 0,
  advice_erased integer NOT NULL DEFAULT 0,
  transcripts_deleted integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed', 'skipped'))
);
CREATE INDEX retention_run_started ON retention_run (started_at DESC);
GRANT SELECT ON retention_run TO signaal_app;
ALTER TABLE retention_run ENABLE ROW LEVEL SECURITY;
CREATE POLICY retention_run_read ON retention_run FOR SELECT TO signaal_app
  USING (signaal_has_permission('retention:manage'));

-- Requests of data subjects (AVG; Wmo 2015 art. 5.3.2 access, 5.3.5 deletion decided within 3
-- months): who asked what for which person of a file, the deadline, and the decision with reason.
CREATE TABLE data_subject_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL REFERENCES contact(id),
  person_id uuid NOT NULL REFERENCES person(id),
  region_code text NOT NULL REFERENCES region(code),
  kind text NOT NULL CHECK (kind IN ('inzage', 'correctie', 'verwijdering')),
  received_on date NOT NULL,
  due_on date NOT NULL,
  -- Free text: encrypted by the data layer, like the other notes.
  note text,
  registered_by uuid NOT NULL REFERENCES staff_user(id),
  registered_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'afgehandeld', 'toegewezen', 'afgewezen')),
  decision_reason text,
  decided_by uuid REFERENCES staff_user(id),
  decided_at timestamptz,
  -- Four eyes on deletion: whoever registered the request does not decide it.
  CHECK (kind <> 'verwijdering' OR decided_by IS NULL OR decided_by <> registered_by)
);
CREATE INDEX data_subject_request_contact ON data_subject_request (contact_id);
GRANT SELECT, INSERT, UPDATE ON data_subject_request TO signaal_app;
ALTER TABLE data_subject_request ENABLE ROW LEVEL SECURITY;
CREATE POLICY data_subject_request_read ON data_subject_request FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:handle'));
CREATE POLICY data_subject_request_insert ON data_subject_request FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('cases:handle'));
CREATE POLICY data_subject_request_update ON data_subject_request FOR UPDATE TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:handle'))
  WITH CHECK (region_code = signaal_region());
`,
    )
    .execute(db);
}
