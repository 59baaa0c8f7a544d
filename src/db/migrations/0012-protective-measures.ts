import { sql, type Kysely } from 'kysely';

/**
 * Protective measures registered on a melding: the tijdelijk huisverbod (10 days, extendable to 28,
 * with Veilig Thuis' advice at start and before the end) and Aware (indication committee, device,
 * reviews). Region-scoped like the case they belong to; each one counts as an exchange-v1 event.
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
