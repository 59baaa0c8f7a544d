import { sql, type Kysely } from 'kysely';

/**
 * An advies can be turned into a melding while keeping its history: the melding is a new contact
 * (its own receipt time and assessment deadline) linked both ways to the advies it came from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE contact ADD COLUMN converted_from uuid REFERENCES contact(id);
ALTER TABLE contact ADD COLUMN converted_to uuid REFERENCES contact(id);
CREATE UNIQUE INDEX contact_converted_from ON contact (converted_from) WHERE converted_from IS NOT NULL;

-- The request role may set only the two links, nothing else of a contact.
GRANT UPDATE (converted_from, converted_to) ON contact TO signaal_app;
CREATE POLICY contact_convert ON contact FOR UPDATE TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('contacts:create'))
  WITH CHECK (region_code = signaal_region());
`,
    )
    .execute(db);
}
