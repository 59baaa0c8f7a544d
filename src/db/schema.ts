import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Kysely table types. Keep in step with migrations/. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a database default: optional on insert. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface RegionTable {
  code: string;
  name: string;
}

export interface MunicipalityClassificationTable {
  year: number;
  municipality_code: string;
  municipality_name: string;
  province: string;
  region_code: string;
}

export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  kind: 'veilig-thuis' | 'partner' | 'beheer';
  region_code: string;
  demo: Generated<boolean>;
  created_at: DefaultTimestamp;
}

export interface StaffUserTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  role: string;
  organisation_id: string;
  region_code: string;
  password_hash: string;
  password_must_change: Generated<boolean>;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  demo: Generated<boolean>;
  disabled_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface StaffSessionTable {
  id: string;
  user_id: string;
  stage: 'password_change' | 'totp_setup' | 'totp_verify' | 'active';
  csrf_token: string;
  pending_totp_secret: string | null;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: Timestamp;
  request_id: string | null;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  actor_organisation_id: string | null;
  actor_region: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  region_code: string | null;
  outcome: 'allowed' | 'denied' | 'failed';
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface ContactTable {
  id: Generated<string>;
  kind: 'advies' | 'melding';
  received_at: Timestamp;
  region_code: string;
  municipality_code: string | null;
  channel: string;
  reporter_type: string;
  reporter_group: string;
  violence_type: string | null;
  summary: Generated<string>;
  source: Generated<string>;
  external_id: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  acute: Generated<boolean>;
  converted_from: Generated<string | null>;
  converted_to: Generated<string | null>;
  /** exchange-v1 `flags` (additional information); empty when none. */
  flags: ColumnType<string[], string[] | undefined, string[]>;
  /** Reporter's name as given on a public form (migration 0005). Issue 9 encrypts it. */
  reporter_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** Reporter's phone or e-mail as given on a public form. Issue 9 encrypts it. */
  reporter_contact: ColumnType<string | null, string | null | undefined, string | null>;
  /** Whether the reporter agreed that Veilig Thuis uses their contact details. */
  reporter_consent: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  /** Reference code a person can quote on the phone (8 characters, no look-alikes). */
  reference: ColumnType<string | null, string | null | undefined, string | null>;
  /** The reporter agreed to be named as the source to the family or a partner (migration 0006). */
  reporter_shareable: Generated<boolean>;
}

export interface HouseholdTable {
  id: Generated<string>;
  region_code: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

/** Someone involved in a melding; joins a household when a worker confirms a match. */
export interface PersonTable {
  id: Generated<string>;
  contact_id: string;
  household_id: string | null;
  region_code: string;
  role: 'slachtoffer' | 'pleger' | 'kind' | 'overig';
  name: string;
  /** yyyy-mm-dd (both engines parse `date` as a plain string: database.ts). */
  birth_date: string | null;
  street: string | null;
  /** "1234AB" */
  postcode: string | null;
  place: string | null;
  bsn: string | null;
  created_at: DefaultTimestamp;
}

export interface ContactEventTable {
  id: Generated<string>;
  contact_id: string;
  /** The receiving region of the contact (denormalised for row-level security and reports). */
  region_code: string;
  type: string;
  at: Timestamp;
  outcome: string | null;
  partner: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface CaseHandlingTable {
  contact_id: string;
  region_code: string;
  state: 'registered' | 'assigned' | 'assessed' | 'decided' | 'closed';
  assessment_due: Timestamp;
  assigned_to: string | null;
  assessed_by: string | null;
  assessed_at: Timestamp | null;
  acute_unsafety: boolean | null;
  structural_unsafety: boolean | null;
  decision: string | null;
  assessment_summary: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  closed_at: Timestamp | null;
  close_reason: string | null;
  updated_at: DefaultTimestamp;
}

export interface CaseStepTable {
  id: Generated<number>;
  contact_id: string;
  region_code: string;
  step: string;
  at: DefaultTimestamp;
  by_user: string | null;
  code: string | null;
  subject_user: string | null;
  note: string | null;
}

export interface CaseTaskTable {
  id: Generated<string>;
  contact_id: string;
  region_code: string;
  kind: 'informeren' | 'terugkoppeling-beoordeling' | 'onderzoek-starten';
  due: Timestamp;
  extensions: Generated<number>;
  done_at: Timestamp | null;
  done_by: string | null;
  outcome: 'gedaan' | 'overgeslagen' | null;
  reason: string | null;
  created_at: DefaultTimestamp;
}

export interface ApiKeyTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  /** The first 8 characters of the key (shown). */
  prefix: string;
  /** sha256 hex of the whole key. */
  secret_hash: string;
  scope: 'contacts:submit';
  channel: Generated<string>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface IntakeIdempotencyTable {
  scope: string;
  key: string;
  body_hash: string;
  contact_id: string | null;
  created_at: DefaultTimestamp;
}

export interface ChatSessionTable {
  id: Generated<string>;
  token_hash: string;
  nickname: string;
  municipality_code: string | null;
  region_code: string | null;
  status: 'waiting' | 'active' | 'ended';
  left_message: Generated<boolean>;
  worker_id: string | null;
  last_seq: Generated<number>;
  created_at: DefaultTimestamp;
  queued_at: DefaultTimestamp;
  accepted_at: Timestamp | null;
  ended_at: Timestamp | null;
  ended_by: 'visitor' | 'worker' | null;
  visitor_seen_at: DefaultTimestamp;
  visitor_typing_at: Timestamp | null;
  worker_typing_at: Timestamp | null;
  transfer_note: string | null;
  visitor_group: string | null;
  age_group: string | null;
  topics: Generated<string[]>;
  outcome: string | null;
  contact_id: string | null;
  transcript_deleted_at: Timestamp | null;
}

export interface ChatMessageTable {
  session_id: string;
  seq: number;
  sender: 'visitor' | 'worker' | 'system';
  client_id: string;
  body: string;
  sent_at: DefaultTimestamp;
}

export interface ChatWorkerTable {
  user_id: string;
  region_code: string;
  available: Generated<boolean>;
  capacity: Generated<number>;
  updated_at: DefaultTimestamp;
}

export interface ChatOpeningHoursTable {
  scope: string;
  weekday: number;
  opens: string;
  closes: string;
}

export interface ChatOpeningExceptionTable {
  id: Generated<string>;
  scope: string;
  date_from: string;
  date_to: string;
  working_days_only: Generated<boolean>;
  opens: string | null;
  closes: string | null;
  note: Generated<string>;
}

export interface PublicPageTable {
  slug: string;
  lang: 'nl' | 'en';
  title: string;
  body: string;
  updated_at: DefaultTimestamp;
  updated_by: string | null;
}

export interface DB {
  region: RegionTable;
  municipality_classification: MunicipalityClassificationTable;
  organisation: OrganisationTable;
  staff_user: StaffUserTable;
  staff_session: StaffSessionTable;
  audit_log: AuditLogTable;
  contact: ContactTable;
  contact_event: ContactEventTable;
  case_handling: CaseHandlingTable;
  case_step: CaseStepTable;
  api_key: ApiKeyTable;
  intake_idempotency: IntakeIdempotencyTable;
  case_task: CaseTaskTable;
  household: HouseholdTable;
  person: PersonTable;
  chat_session: ChatSessionTable;
  chat_message: ChatMessageTable;
  chat_worker: ChatWorkerTable;
  chat_opening_hours: ChatOpeningHoursTable;
  chat_opening_exception: ChatOpeningExceptionTable;
  public_page: PublicPageTable;
}

export type StaffUser = Selectable<StaffUserTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
