import { sql, type Kysely } from 'kysely';

/**
 * Follow-up events of contacts (exchange-v1: veiligheidsbeoordeling, onderzoek, ...) and the
 * additional-information flags of a contact. Events carry the receiving region of their contact
 * (denormalised) so that row-level security and the annual report need no join: the report
 * counts an event by its own date in its contact's region, also when the contact is older.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE contact ADD COLUMN flags text[] NOT NULL DEFAULT '{}';

-- Target of the composite foreign key below: an event's region can only be its contact's region.
ALTER TABLE contact ADD CONSTRAINT contact_id_region UNIQUE (id, region_code);

CREATE TABLE contact_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL,
  region_code text NOT NULL,
  type text NOT NULL CHECK (type IN ('veiligheidsbeoordeling', 'onderzoek', 'veiligheidsvoorwaarden',
    'overdracht', 'monitoring', 'huisverbod', 'aware', 'afsluiting')),
  at timestamptz NOT NULL,
  outcome text CHECK (type <> 'onderzoek' OR outcome IS NULL OR outcome IN ('bevestigd', 'niet-bevestigd', 'weerlegd')),
  partner text,
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (contact_id, region_code) REFERENCES contact (id, region_code)
);
-- The annual report counts events per region and period by type: an index-only scan.
CREATE INDEX contact_event_region_at ON contact_event (region_code, at, type);
CREATE INDEX contact_event_contact ON contact_event (contact_id);

GRANT SELECT, INSERT ON contact_event TO signaal_app;
ALTER TABLE contact_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY contact_event_read ON contact_event FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('contacts:read'));
CREATE POLICY contact_event_insert ON contact_event FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('contacts:create'));
`,
    )
    .execute(db);
}
