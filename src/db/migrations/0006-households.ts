import { sql, type Kysely } from 'kysely';

/**
 * The household file (radarfunctie) and the people involved in a melding.
 *
 * - `contact.reporter_shareable`: the reporter agreed to be named as the source to the family or
 *   a partner (Uitvoeringsbesluit Wmo 2015 art. 4.1.8); see domain/households/disclosure.ts.
 * - `household`: one file per household, in the region that keeps it.
 * - `person`: someone involved in a melding (an advies stores no household data). A person joins
 *   a household when a worker confirms a suggested match (never automatically); the household of
 *   a melding is that of its people. Region-scoped like `contact`; the composite foreign keys keep
 *   a person in the region of its contact and its household.
 * - `signaal_household_lookup`: the national lookup, the only path across regions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE contact ADD COLUMN reporter_shareable boolean NOT NULL DEFAULT false;

CREATE TABLE household (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL REFERENCES region(code),
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, region_code)
);

CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL,
  household_id uuid,
  region_code text NOT NULL,
  role text NOT NULL CHECK (role IN ('slachtoffer', 'pleger', 'kind', 'overig')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  birth_date date,
  street text CHECK (length(street) <= 200),
  postcode text CHECK (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
  place text CHECK (length(place) <= 100),
  bsn text CHECK (bsn ~ '^[0-9]{9}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (contact_id, region_code) REFERENCES contact (id, region_code),
  FOREIGN KEY (household_id, region_code) REFERENCES household (id, region_code)
);
CREATE INDEX person_contact ON person (contact_id);
CREATE INDEX person_household ON person (household_id) WHERE household_id IS NOT NULL;
CREATE INDEX person_bsn ON person (bsn) WHERE bsn IS NOT NULL;
CREATE INDEX person_birth_date ON person (birth_date);
CREATE INDEX person_postcode ON person (region_code, postcode);

-- Same as normaliseName() in domain/households/persons.ts (for the common accented letters).
CREATE FUNCTION signaal_normalise_name(n text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $f$
    SELECT btrim(regexp_replace(
      translate(lower(n), 'áàâäãåéèêëíìîïóòôöõúùûüýÿçñ', 'aaaaaaeeeeiiiiooooouuuuyycn'),
      '[^a-z0-9]+', ' ', 'g'))
  $f$;

GRANT SELECT, INSERT ON household TO signaal_app;
GRANT SELECT, INSERT, UPDATE ON person TO signaal_app;

ALTER TABLE household ENABLE ROW LEVEL SECURITY;
CREATE POLICY household_read ON household FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('households:read'));
CREATE POLICY household_insert ON household FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('households:link'));

ALTER TABLE person ENABLE ROW LEVEL SECURITY;
CREATE POLICY person_read ON person FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('contacts:read'));
CREATE POLICY person_insert ON person FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('contacts:create'));
-- The only change to a person is joining a household (after the worker confirmed the match).
CREATE POLICY person_update ON person FOR UPDATE TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('households:link'))
  WITH CHECK (region_code = signaal_region());

-- National lookup: is this person known to Veilig Thuis in any region, and since when?
-- Row-level security rightly hides other regions' people from the request role, so this runs as
-- the owner (SECURITY DEFINER). It is the one place where data crosses regions, and it returns
-- only a region code and the date of the first melding there: never a name, story or id. It
-- checks the caller's households:lookup permission itself, and takes exactly one kind of query:
-- a BSN, or a name with a date of birth.
CREATE FUNCTION signaal_household_lookup(p_bsn text, p_name text, p_birth_date date)
  RETURNS TABLE (region_code text, known_since timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    SELECT p.region_code, min(c.received_at)
    FROM public.person p JOIN public.contact c ON c.id = p.contact_id AND c.region_code = p.region_code
    WHERE public.signaal_has_permission('households:lookup')
      AND c.kind = 'melding'
      AND CASE
            WHEN p_bsn IS NOT NULL THEN p.bsn = p_bsn
            WHEN p_name IS NOT NULL AND p_birth_date IS NOT NULL
              THEN p.birth_date = p_birth_date AND public.signaal_normalise_name(p.name) = public.signaal_normalise_name(p_name)
            ELSE false
          END
    GROUP BY p.region_code
    ORDER BY p.region_code
  $f$;
REVOKE ALL ON FUNCTION signaal_household_lookup(text, text, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signaal_household_lookup(text, text, date) TO signaal_app;
`,
    )
    .execute(db);
}
