import { sql, type Kysely } from 'kysely';

/**
 * Protective measures registered on a melding: the tijdelijk huisverbod (10 days, extendable to 28,
 * with Veilig Thuis' advice at start and before the end) and Aware (indication committee, device,
 * reviews). Region-scoped like the case they belong to; each one counts as an exchange-v1 event.
 *
 * Shelter places: shelters (partner organisations of type vrouwenopvang) publish their places;
 * staff of a shelter (role opvang) update their own; the chain sees free places of every region
 * (no person data: counts and holds only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE TABLE restraining_order (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL REFERENCES contact(id),
  region_code text NOT NULL REFERENCES region(code),
  -- The person barred, as named in the mayor's decision (an adult: checked by the server).
  barred_name text NOT NULL CHECK (length(barred_name) BETWEEN 1 AND 200),
  barred_birth_date date NOT NULL,
  decided_at timestamptz NOT NULL,
  municipality_code text,
  risk_instrument text NOT NULL CHECK (risk_instrument IN ('rihg', 'anders')),
  ends_at timestamptz NOT NULL,
  extended_at timestamptz,
  advice_start_at timestamptz,
  advice_end_at timestamptz,
  ended_at timestamptz,
  end_reason text CHECK (end_reason IN ('afgelopen', 'ingetrokken-door-burgemeester', 'opgeheven-door-rechter')),
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > decided_at AND ends_at <= decided_at + interval '28 days')
);
CREATE INDEX restraining_order_contact ON restraining_order (contact_id);
CREATE INDEX restraining_order_region ON restraining_order (region_code, decided_at);

CREATE TABLE aware_case (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL REFERENCES contact(id),
  region_code text NOT NULL REFERENCES region(code),
  requested_at timestamptz NOT NULL,
  state text NOT NULL DEFAULT 'aangevraagd' CHECK (state IN ('aangevraagd', 'afgewezen', 'toegekend', 'uitgereikt', 'ingeleverd')),
  committee_members text[] NOT NULL DEFAULT '{}',
  decided_at timestamptz,
  decision_note text CHECK (length(decision_note) <= 2000),
  issued_at timestamptz,
  next_review_due timestamptz,
  returned_at timestamptz,
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX aware_case_contact ON aware_case (contact_id);
CREATE INDEX aware_case_region ON aware_case (region_code, requested_at);

CREATE TABLE aware_review (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  aware_id uuid NOT NULL REFERENCES aware_case(id),
  region_code text NOT NULL REFERENCES region(code),
  at timestamptz NOT NULL DEFAULT now(),
  by_user uuid REFERENCES staff_user(id),
  continue_device boolean NOT NULL,
  note text CHECK (length(note) <= 2000)
);

-- Shelter staff (role opvang) join the roles; the list also holds the meldcode roles of 0010.
ALTER TABLE staff_user DROP CONSTRAINT staff_user_role_check;
ALTER TABLE staff_user ADD CONSTRAINT staff_user_role_check
  CHECK (role IN ('intake', 'casemanager', 'teamleider', 'analyst', 'admin', 'partner', 'professional', 'aandachtsfunctionaris', 'opvang'));

CREATE TABLE shelter_capacity (
  organisation_id uuid PRIMARY KEY REFERENCES organisation(id),
  region_code text NOT NULL REFERENCES region(code),
  regular_places integer NOT NULL CHECK (regular_places >= 0),
  regular_occupied integer NOT NULL CHECK (regular_occupied >= 0 AND regular_occupied <= regular_places),
  crisis_places integer NOT NULL CHECK (crisis_places >= 0),
  crisis_occupied integer NOT NULL CHECK (crisis_occupied >= 0 AND crisis_occupied <= crisis_places),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES staff_user(id)
);

-- Occupancy over time, for the figures: one row per update.
CREATE TABLE shelter_capacity_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  region_code text NOT NULL REFERENCES region(code),
  at timestamptz NOT NULL DEFAULT now(),
  regular_places integer NOT NULL,
  regular_occupied integer NOT NULL,
  crisis_places integer NOT NULL,
  crisis_occupied integer NOT NULL
);

CREATE TABLE shelter_hold (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  kind text NOT NULL CHECK (kind IN ('regulier', 'crisis')),
  -- Who holds it, from which region: no name of the victim is kept here.
  held_by uuid NOT NULL REFERENCES staff_user(id),
  held_by_region text NOT NULL REFERENCES region(code),
  held_at timestamptz NOT NULL DEFAULT now(),
  held_until timestamptz NOT NULL,
  ended_at timestamptz,
  outcome text CHECK (outcome IN ('aangekomen', 'vrijgegeven'))
);
CREATE INDEX shelter_hold_open ON shelter_hold (organisation_id, kind) WHERE ended_at IS NULL;

-- Each search for a place and whether one was found (held) or not: requests without a place.
CREATE TABLE shelter_request (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code text NOT NULL REFERENCES region(code),
  kind text NOT NULL CHECK (kind IN ('regulier', 'crisis')),
  at timestamptz NOT NULL DEFAULT now(),
  found boolean NOT NULL,
  by_user uuid REFERENCES staff_user(id)
);
CREATE INDEX shelter_request_region ON shelter_request (region_code, at);

GRANT SELECT, INSERT, UPDATE ON shelter_capacity, shelter_hold TO signaal_app;
GRANT SELECT, INSERT ON shelter_capacity_log, shelter_request TO signaal_app;
ALTER TABLE shelter_capacity ENABLE ROW LEVEL SECURITY;
ALTER TABLE shelter_capacity_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE shelter_hold ENABLE ROW LEVEL SECURITY;
ALTER TABLE shelter_request ENABLE ROW LEVEL SECURITY;
-- Free places are not personal data and must be seen across regions.
CREATE POLICY shelter_capacity_read ON shelter_capacity FOR SELECT TO signaal_app USING (signaal_has_permission('shelter:read') OR signaal_has_permission('reports:read'));
-- A shelter's own staff, and only they, publish its numbers.
CREATE POLICY shelter_capacity_insert ON shelter_capacity FOR INSERT TO signaal_app
  WITH CHECK (signaal_has_permission('shelter:update') AND organisation_id = signaal_organisation());
CREATE POLICY shelter_capacity_update ON shelter_capacity FOR UPDATE TO signaal_app
  USING (signaal_has_permission('shelter:update') AND organisation_id = signaal_organisation())
  WITH CHECK (organisation_id = signaal_organisation());
CREATE POLICY shelter_capacity_log_read ON shelter_capacity_log FOR SELECT TO signaal_app USING (signaal_has_permission('shelter:read') OR signaal_has_permission('reports:read'));
CREATE POLICY shelter_capacity_log_insert ON shelter_capacity_log FOR INSERT TO signaal_app
  WITH CHECK (signaal_has_permission('shelter:update') AND organisation_id = signaal_organisation());
CREATE POLICY shelter_hold_read ON shelter_hold FOR SELECT TO signaal_app USING (signaal_has_permission('shelter:read'));
CREATE POLICY shelter_hold_insert ON shelter_hold FOR INSERT TO signaal_app
  WITH CHECK (signaal_has_permission('shelter:hold') AND held_by_region = signaal_region() AND held_by::text = current_setting('signaal.user_id', true));
-- The holding region releases or marks arrival; the shelter marks arrival.
CREATE POLICY shelter_hold_update ON shelter_hold FOR UPDATE TO signaal_app
  USING ((signaal_has_permission('shelter:hold') AND held_by_region = signaal_region())
         OR (signaal_has_permission('shelter:update') AND organisation_id = signaal_organisation()));
CREATE POLICY shelter_request_read ON shelter_request FOR SELECT TO signaal_app USING (signaal_has_permission('reports:read') OR signaal_has_permission('shelter:hold'));
CREATE POLICY shelter_request_insert ON shelter_request FOR INSERT TO signaal_app
  WITH CHECK (signaal_has_permission('shelter:hold') AND region_code = signaal_region());

GRANT SELECT, INSERT, UPDATE ON restraining_order, aware_case TO signaal_app;
GRANT SELECT, INSERT ON aware_review TO signaal_app;
ALTER TABLE restraining_order ENABLE ROW LEVEL SECURITY;
ALTER TABLE aware_case ENABLE ROW LEVEL SECURITY;
ALTER TABLE aware_review ENABLE ROW LEVEL SECURITY;

CREATE POLICY restraining_order_read ON restraining_order FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
CREATE POLICY restraining_order_insert ON restraining_order FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('cases:handle'));
CREATE POLICY restraining_order_update ON restraining_order FOR UPDATE TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:handle'))
  WITH CHECK (region_code = signaal_region());

CREATE POLICY aware_case_read ON aware_case FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
CREATE POLICY aware_case_insert ON aware_case FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('cases:handle'));
CREATE POLICY aware_case_update ON aware_case FOR UPDATE TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:handle'))
  WITH CHECK (region_code = signaal_region());

CREATE POLICY aware_review_read ON aware_review FOR SELECT TO signaal_app
  USING (region_code = signaal_region() AND signaal_has_permission('cases:read'));
CREATE POLICY aware_review_insert ON aware_review FOR INSERT TO signaal_app
  WITH CHECK (region_code = signaal_region() AND signaal_has_permission('cases:handle'));
`,
    )
    .execute(db);
}
