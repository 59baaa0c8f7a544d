import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { TaskKind } from '../domain/cases/tasks.ts';
import type { CaseState, CheckinOutcome, InvestigationOutcome, PartnerType } from '../domain/cases/workflow.ts';

/** Kysely table types. Keep in step with migrations/. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a database default: optional on insert. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A column added later with no value for existing rows: optional on insert, nullable. */
type Later<T> = ColumnType<T | null, T | null | undefined, T | null>;
type LaterTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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
  kind: 'veilig-thuis' | 'partner' | 'beheer' | 'meldcode';
  region_code: string;
  demo: Generated<boolean>;
  created_at: DefaultTimestamp;
  /** Set exactly for partner organisations (the region's directory). */
  partner_type: Later<PartnerType>;
  phone: Later<string>;
  email: Later<string>;
  active: Generated<boolean>;
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
  /** Shown in the session list and named when ending one; the primary key (token hash) never leaves the server. */
  public_id: Generated<string>;
  user_agent: string | null;
  ip_prefix: string | null;
  auth_method: ColumnType<'password' | 'oidc', 'password' | 'oidc' | undefined, 'password' | 'oidc'>;
}

export interface CaseRestrictionTable {
  contact_id: string;
  region_code: string;
  restricted_by: string;
  restricted_at: DefaultTimestamp;
}

export interface CaseRestrictionMemberTable {
  contact_id: string;
  region_code: string;
  user_id: string;
}

export interface CaseAccessGrantTable {
  id: Generated<string>;
  contact_id: string;
  region_code: string;
  user_id: string;
  reason: string;
  granted_at: DefaultTimestamp;
  expires_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
}

export interface OidcLoginTable {
  state_hash: string;
  browser_hash: string;
  code_verifier: string;
  nonce: string;
  expires_at: Timestamp;
}

export interface PasswordResetTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_by: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
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
  /** Which of the 16 chains the entry links into (migration 0021); prev_hash is of that chain. */
  chain: Generated<number>;
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
  converted_from: Later<string>;
  converted_to: Later<string>;
  /**
   * Outcome of a melding's safety assessment as counted (CBS 84852), kept by triggers from its
   * handling and events (migration 0023); null counts as 'niet'. Never written by the application
   * except by the importer, which sets it with the row.
   */
  assessment: Later<'acuut' | 'structureel' | 'geen' | 'onbekend' | 'niet'>;
  /** The household file held an earlier melding (migration 0024), kept by triggers. */
  repeat_household: Generated<boolean>;
  /** The melding flagged a case of its household in monitoring (migration 0024); never cleared. */
  during_monitoring: Generated<boolean>;
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
  /** Personal data erased (migration 0018): by the retention job, or by a decision. */
  erased_at: LaterTimestamp;
  erased_reason: Later<'retentie' | 'besluit'>;
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
  /** Encrypted at rest (migration 0018); matched through bsn_index, never compared in SQL. */
  bsn: string | null;
  /** Keyed blind index of the BSN, filled by the data layer (field-encryption.plugin.ts). */
  bsn_index: ColumnType<string | null, never, never>;
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
  state: CaseState;
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
  investigation_started_at: LaterTimestamp;
  investigation_due: LaterTimestamp;
  investigation_concluded_at: LaterTimestamp;
  investigation_summary: Later<string>;
  state_before_handover: Later<CaseState>;
  monitoring_signal_at: LaterTimestamp;
  monitoring_signal_contact: Later<string>;
}

export interface CaseInvestigationOutcomeTable {
  contact_id: string;
  region_code: string;
  violence_type: string;
  outcome: InvestigationOutcome;
}

export interface CaseConditionTable {
  id: Generated<string>;
  contact_id: string;
  region_code: string;
  kind: 'voorwaarde' | 'afspraak';
  description: string;
  due: string | null;
  check_on: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  check_result: 'nagekomen' | 'deels-nagekomen' | 'niet-nagekomen' | null;
  checked_at: Timestamp | null;
  checked_by: string | null;
  check_note: string | null;
}

/** What a handover carries to the partner: a snapshot, so later edits of the file do not leak. */
export interface HandoverContent {
  message: string;
  municipalityName: string | null;
  violenceType: string | null;
  persons: { role: string; name: string; birthDate: string | null; street: string | null; postcode: string | null; place: string | null }[];
  /** Only when the reporter agreed to be named (Uitvoeringsbesluit Wmo 2015 art. 4.1.8). */
  reporter: { type: string; name: string | null; contact: string | null } | null;
}

export interface CaseHandoverTable {
  id: Generated<string>;
  contact_id: string;
  region_code: string;
  organisation_id: string;
  content: ColumnType<HandoverContent, string, string>;
  sent_at: DefaultTimestamp;
  sent_by: string;
  status: Generated<'verstuurd' | 'geaccepteerd' | 'afgewezen'>;
  responded_at: Timestamp | null;
  responded_by: string | null;
  decline_reason: string | null;
  feedback: string | null;
  feedback_at: Timestamp | null;
}

export interface CaseCheckinTable {
  id: Generated<string>;
  contact_id: string;
  region_code: string;
  handover_id: string;
  due: Timestamp;
  done_at: Timestamp | null;
  done_by: string | null;
  outcome: CheckinOutcome | null;
  note: string | null;
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
  kind: TaskKind;
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

export interface RestrainingOrderTable {
  id: Generated<string>;
  contact_id: string;
  region_code: string;
  barred_name: string;
  barred_birth_date: string;
  decided_at: Timestamp;
  municipality_code: string | null;
  risk_instrument: 'rihg' | 'anders';
  ends_at: Timestamp;
  extended_at: LaterTimestamp;
  advice_start_at: LaterTimestamp;
  advice_end_at: LaterTimestamp;
  ended_at: LaterTimestamp;
  end_reason: Later<'afgelopen' | 'ingetrokken-door-burgemeester' | 'opgeheven-door-rechter'>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface AwareCaseTable {
  id: Generated<string>;
  contact_id: string;
  region_code: string;
  requested_at: Timestamp;
  state: Generated<'aangevraagd' | 'afgewezen' | 'toegekend' | 'uitgereikt' | 'ingeleverd'>;
  committee_members: ColumnType<string[], string[] | undefined, string[]>;
  decided_at: LaterTimestamp;
  decision_note: Later<string>;
  issued_at: LaterTimestamp;
  next_review_due: LaterTimestamp;
  returned_at: LaterTimestamp;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface AwareReviewTable {
  id: Generated<number>;
  aware_id: string;
  region_code: string;
  at: DefaultTimestamp;
  by_user: string | null;
  continue_device: boolean;
  note: string | null;
}

export interface ShelterCapacityTable {
  organisation_id: string;
  region_code: string;
  regular_places: number;
  regular_occupied: number;
  crisis_places: number;
  crisis_occupied: number;
  updated_at: DefaultTimestamp;
  updated_by: string | null;
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

export interface ShelterCapacityLogTable {
  id: Generated<number>;
  organisation_id: string;
  region_code: string;
  at: DefaultTimestamp;
  regular_places: number;
  regular_occupied: number;
  crisis_places: number;
  crisis_occupied: number;
}

export interface ShelterHoldTable {
  id: Generated<string>;
  organisation_id: string;
  kind: 'regulier' | 'crisis';
  held_by: string;
  held_by_region: string;
  held_at: DefaultTimestamp;
  held_until: Timestamp;
  ended_at: LaterTimestamp;
  outcome: Later<'aangekomen' | 'vrijgegeven'>;
}

export interface ShelterRequestTable {
  id: Generated<number>;
  region_code: string;
  kind: 'regulier' | 'crisis';
  at: DefaultTimestamp;
  found: boolean;
  by_user: string | null;
}

export interface HwcSignalTable {
  id: Generated<string>;
  school_id: string;
  region_code: string;
  child_name: string;
  child_birth_date: string;
  child_group: string | null;
  incident_on: string;
  due_at: Timestamp;
  sent_by: string;
  sent_by_organisation: string;
  sent_at: DefaultTimestamp;
  acknowledged_at: LaterTimestamp;
  acknowledged_by: Later<string>;
}

export interface MeldcodeDossierTable {
  id: Generated<string>;
  organisation_id: string;
  created_by: string;
  title: string;
  sector: string;
  step: number;
  outcome: 'melding' | 'hulp-met-monitoring' | 'afgesloten' | null;
  content: ColumnType<unknown, string, string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface RetentionRunTable {
  id: Generated<string>;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  trigger: 'schedule' | 'console' | 'cli';
  started_by: string | null;
  files_erased: Generated<number>;
  advice_erased: Generated<number>;
  transcripts_deleted: Generated<number>;
  status: Generated<'running' | 'done' | 'failed' | 'skipped'>;
}

export interface DataSubjectRequestTable {
  id: Generated<string>;
  contact_id: string;
  person_id: string;
  region_code: string;
  kind: 'inzage' | 'correctie' | 'verwijdering';
  received_on: string;
  due_on: string;
  note: string | null;
  registered_by: string;
  registered_at: DefaultTimestamp;
  status: Generated<'open' | 'afgehandeld' | 'toegewezen' | 'afgewezen'>;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

export interface MeldcodeUsageTable {
  month: ColumnType<Date, string, string>;
  region_code: string;
  sector: string;
  event: string;
  count: number;
}

export interface CodewordUseTable {
  id: Generated<string>;
  used_on: ColumnType<Date, string, string>;
  region_code: string;
  path: 'alleen' | 'begeleid' | 'acuut';
  contact_id: string | null;
}

/** Figures counters (migration 0016, ADR 0011): written by triggers only, read through stats.repository.ts. */
export interface StatsCountTable {
  measure: string;
  dimension: string;
  grain: 'week' | 'month' | 'year';
  /** 'YYYY-MM-DD': Monday of the ISO week, the first of the month or of the year (Amsterdam). */
  period: string;
  /** A region code, 'landelijk' (chats without region) or 'NL' (all regions together). */
  region_code: string;
  value: string;
  /** One of up to 16 rows of the same key (migration 0020): a figure is the sum over stripes. */
  stripe: Generated<number>;
  n: number;
  seconds: number;
}

export interface EmergencyChildcareCountTable {
  id: Generated<string>;
  organisation_id: string;
  municipality_code: string;
  region_code: string;
  week: string;
  children: number;
  registered_by: string;
  registered_at: DefaultTimestamp;
}

export interface MdaPlanTable {
  id: Generated<string>;
  contact_id: string;
  region_code: string;
  director_name: string;
  director_organisation_id: string;
  participant_ids: string[];
  summary: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface MdaGoalTable {
  id: Generated<string>;
  plan_id: string;
  region_code: string;
  kind: 'doel' | 'afspraak';
  description: string;
  due: string;
  owner_organisation_id: string | null;
  done_at: LaterTimestamp;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface MdaMeetingTable {
  id: Generated<string>;
  plan_id: string;
  region_code: string;
  held_on: string;
  minutes: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface DB {
  region: RegionTable;
  municipality_classification: MunicipalityClassificationTable;
  organisation: OrganisationTable;
  staff_user: StaffUserTable;
  staff_session: StaffSessionTable;
  case_restriction: CaseRestrictionTable;
  case_restriction_member: CaseRestrictionMemberTable;
  case_access_grant: CaseAccessGrantTable;
  password_reset: PasswordResetTable;
  oidc_login: OidcLoginTable;
  audit_log: AuditLogTable;
  contact: ContactTable;
  contact_event: ContactEventTable;
  case_handling: CaseHandlingTable;
  case_step: CaseStepTable;
  api_key: ApiKeyTable;
  intake_idempotency: IntakeIdempotencyTable;
  case_task: CaseTaskTable;
  case_investigation_outcome: CaseInvestigationOutcomeTable;
  case_condition: CaseConditionTable;
  case_handover: CaseHandoverTable;
  case_checkin: CaseCheckinTable;
  restraining_order: RestrainingOrderTable;
  aware_case: AwareCaseTable;
  aware_review: AwareReviewTable;
  shelter_capacity: ShelterCapacityTable;
  shelter_capacity_log: ShelterCapacityLogTable;
  shelter_hold: ShelterHoldTable;
  shelter_request: ShelterRequestTable;
  hwc_signal: HwcSignalTable;
  emergency_childcare_count: EmergencyChildcareCountTable;
  mda_plan: MdaPlanTable;
  mda_goal: MdaGoalTable;
  mda_meeting: MdaMeetingTable;
  household: HouseholdTable;
  person: PersonTable;
  meldcode_dossier: MeldcodeDossierTable;
  meldcode_usage: MeldcodeUsageTable;
  retention_run: RetentionRunTable;
  data_subject_request: DataSubjectRequestTable;
  codeword_use: CodewordUseTable;
  stats_count: StatsCountTable;
  chat_session: ChatSessionTable;
  chat_message: ChatMessageTable;
  chat_worker: ChatWorkerTable;
  chat_opening_hours: ChatOpeningHoursTable;
  chat_opening_exception: ChatOpeningExceptionTable;
  public_page: PublicPageTable;
}

export type StaffUser = Selectable<StaffUserTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
