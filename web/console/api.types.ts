// The code lists are the server's own (exchange-v1, CBS categories): one definition for both sides.
import { CHANNELS, CONTACT_KINDS, FLAGS, REPORTER_GROUPS, REPORTER_TYPES, VIOLENCE_TYPES } from '../../src/domain/contacts/vocabulary.ts';

export { CHANNELS, CONTACT_KINDS, FLAGS, REPORTER_GROUPS, REPORTER_TYPES, VIOLENCE_TYPES };

// Shapes of the Signaal JSON API as the console uses them.

export type SessionStage = 'password_change' | 'totp_setup' | 'totp_verify' | 'active';
export type Role = 'intake' | 'casemanager' | 'teamleider' | 'analyst' | 'admin' | 'partner' | 'professional' | 'aandachtsfunctionaris';
export const ROLES: readonly Role[] = ['intake', 'casemanager', 'teamleider', 'analyst', 'admin', 'partner'];

export interface Organisation {
  id: string;
  name: string;
}

export interface RegionRef {
  code: string;
  name: string;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisation: Organisation;
  region: RegionRef;
}

export interface Session {
  stage: SessionStage;
  csrfToken: string;
  demo: boolean;
  permissions: string[];
  user: SessionUser;
}

export interface DemoAccount {
  email: string;
  role: Role;
  regionName?: string;
  password: string;
}

export interface PublicConfig {
  demo: boolean;
  demoAccounts?: DemoAccount[];
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export type ContactKind = (typeof CONTACT_KINDS)[number];
export type Channel = (typeof CHANNELS)[number];
export type ReporterType = (typeof REPORTER_TYPES)[number];
export type ReporterGroup = (typeof REPORTER_GROUPS)[number];
export type ViolenceType = (typeof VIOLENCE_TYPES)[number];

export interface NewContact {
  kind: ContactKind;
  receivedAt: string;
  municipalityCode: string | null;
  channel: Channel;
  reporterType: ReporterType;
  reporterGroup: ReporterGroup;
  violenceType?: ViolenceType;
  summary: string;
  /** Acute: the safety assessment is due at once (melding only). */
  acute: boolean;
  flags: Flag[];
  /** The reporter agreed to be named as the source to the family or a partner. */
  reporterShareable: boolean;
  /** People involved (melding only). */
  persons?: NewPerson[];
}

export type Flag = (typeof FLAGS)[number];
export const PERSON_ROLES = ['slachtoffer', 'pleger', 'kind', 'overig'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export interface NewPerson {
  role: PersonRole;
  name: string;
  birthDate: string | null;
  street: string | null;
  postcode: string | null;
  place: string | null;
  bsn: string | null;
}

export interface Person extends NewPerson {
  id: string;
}

export interface Contact extends Omit<NewContact, 'persons'> {
  id: string;
  /** The advies this melding was made from; the melding this advies became. */
  convertedFrom: string | null;
  convertedTo: string | null;
  regionCode: string;
  municipalityName: string | null;
  violenceType?: ViolenceType;
  createdAt: string;
  createdBy: { displayName: string };
  /** On the detail only. */
  persons?: Person[];
  householdId?: string | null;
}

export type MatchStrength = 'certain' | 'strong' | 'possible';
export type MatchReason = 'bsn' | 'name-birth-date' | 'address-surname';

export interface HouseholdMatches {
  contactId: string;
  householdId: string | null;
  candidates: {
    householdId: string;
    strength: MatchStrength;
    score: number;
    reasons: { reason: MatchReason; personName: string; knownName: string }[];
    meldingen: number;
    lastReceivedAt: string | null;
  }[];
}

export interface HouseholdFile {
  id: string;
  regionCode: string;
  createdAt: string;
  summary: { meldingen: number; firstReceivedAt: string | null; lastReceivedAt: string | null; distinctReporters: number; repeat: boolean };
  meldingen: { id: string; receivedAt: string; violenceType: ViolenceType | null; reporterType: ReporterType; reporterGroup: ReporterGroup; acute: boolean }[];
  persons: { id: string; contactId: string; role: PersonRole; name: string; birthDate: string | null; address: string | null }[];
}

export type HouseholdLookupQuery = { bsn: string } | { name: string; birthDate: string };

export interface HouseholdLookupResult {
  items: { regionCode: string; regionName: string; knownSince: string; contact: string }[];
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  region: RegionRef;
  organisation: Organisation;
  totpEnabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  regionCode: string;
}

export interface CreatedUser {
  user: UserSummary;
  oneTimePassword: string;
}

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

export interface AuditEntry {
  seq: number;
  at: string;
  requestId: string;
  actor: { email: string; role: string; organisation: string | Organisation } | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  outcome: AuditOutcome;
  reason: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  nextBefore: number | null;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
}

export interface Municipality {
  code: string;
  name: string;
}

export interface Region {
  code: string;
  name: string;
  municipalities: Municipality[];
}

export interface RegionsForYear {
  year: number;
  classificationYear: number;
  regions: Region[];
}

export interface ApiErrorBody {
  code: string;
  message: string;
  requestId?: string;
  details?: unknown;
}

// Handling of a melding (werkvoorraad, safety assessment, four eyes).
export const CASE_STATES = ['registered', 'assigned', 'assessed', 'decided', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const DEADLINE_STATES = ['done-on-time', 'done-late', 'overdue', 'due-today', 'at-risk', 'open'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
export const CASE_DECISIONS = ['onderzoek', 'verzoek-onderzoek-rvdk', 'voorwaarden-en-vervolg', 'overdracht', 'afsluiten'] as const;
export type CaseDecision = (typeof CASE_DECISIONS)[number];
export const CLOSE_REASONS = ['veiligheid-hersteld', 'overgedragen', 'geen-zorgen', 'verhuisd-buiten-regio', 'samengevoegd', 'anders'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const CASE_STEPS = ['register', 'assign', 'assess', 'approve', 'reject', 'close'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];
export type CaseAction = Exclude<CaseStep, 'register'>;

export interface CaseSummary {
  id: string;
  receivedAt: string;
  acute: boolean;
  municipalityName: string | null;
  violenceType: ViolenceType | null;
  state: CaseState;
  assignedTo: { id: string; displayName: string } | null;
  assessmentDue: string;
  deadline: DeadlineState;
  decision: CaseDecision | null;
}

export interface CaseCounts {
  overdue: number;
  dueToday: number;
  atRisk: number;
  open: number;
  unassigned: number;
}

export interface CaseList {
  items: CaseSummary[];
  counts: CaseCounts;
}

export interface CaseTimelineEntry {
  step: CaseStep;
  at: string;
  by: string | null;
  /** Decision, close reason or 'acute': a code to translate here. */
  code: string | null;
  /** The colleague the step concerns (assignment). */
  subject: string | null;
  /** Free text typed by a user. */
  note: string | null;
}

export type CaseTaskKind = 'informeren' | 'terugkoppeling-beoordeling' | 'onderzoek-starten';

export interface CaseTask {
  id: string;
  kind: CaseTaskKind;
  due: string;
  deadline: DeadlineState;
  extensions: number;
  outcome: 'gedaan' | 'overgeslagen' | null;
  reason: string | null;
  doneAt: string | null;
}

export interface CaseDetail extends CaseSummary {
  acuteUnsafety: boolean | null;
  structuralUnsafety: boolean | null;
  assessmentSummary: string | null;
  closeReason: CloseReason | null;
  allowedSteps: CaseAction[];
  timeline: CaseTimelineEntry[];
  tasks: CaseTask[];
}

export interface CaseAssignee {
  id: string;
  displayName: string;
  role: Role;
}

export interface CaseAssessment {
  acuteUnsafety: boolean;
  structuralUnsafety: boolean;
  decision: CaseDecision;
  summary: string;
}

export interface CaseNorms {
  year: number;
  target: number;
  months: { month: string; due: number; onTime: number; share: number | null }[];
}

/** GET /api/reports/annual: annual-report-v1 (../shared/contracts/annual-report-v1.md). */
export interface AnnualReport {
  format: 'signaal.annual-report/v1';
  region: { code: string; name: string };
  year: number;
  municipalities: { code: string | null; name: string; meldingen: number; adviezen: number; totaal: number }[];
  totaal: { meldingen: number; adviezen: number; totaal: number };
  adviezen: { totaal: number; beroepsmatig: number; particulier: number; onbekend: number };
  meldingen: {
    totaal: number;
    beroepsmatig: number;
    particulier: number;
    onbekend: number;
    geweldsvorm: Record<'kindermishandeling' | 'partnergeweld' | 'ouderenmishandeling' | 'geweld-tegen-ouders' | 'huiselijk-geweld-overig' | 'onbekend', { aantal: number; procent: number }>;
  };
  onderzoeken: number;
  veiligheidsvoorwaarden: number;
  overdrachten: number;
  monitoring: number;
  huisverboden: number;
  aware: number;
}

export interface ApiKeySummary {
  id: string;
  organisationId: string;
  organisationName: string;
  name: string;
  prefix: string;
  scope: 'contacts:submit';
  channel: Channel;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface ApiKeyList {
  items: ApiKeySummary[];
  organisations: { id: string; name: string }[];
}

/** The full key is in this answer only: Signaal keeps its hash. */
export interface CreatedApiKey {
  id: string;
  prefix: string;
  key: string;
}

// Meldcode dossiers of an organisation account (src/server/meldcode/meldcode.schema.ts).
export type { Sector as MeldcodeSector } from '../../src/domain/meldcode/sectors.ts';
import type { Sector as MeldcodeSector } from '../../src/domain/meldcode/sectors.ts';
export interface MeldcodeDossierContent {
  sector: MeldcodeSector;
  route: 'thuis' | 'medewerker' | 'tussen-kinderen' | null;
  step: number;
  signals: string[];
  notes: Record<'1' | '2' | '3' | '4' | '5', string>;
  answers: Partial<Record<'q1' | 'q2' | 'q3' | 'q4' | 'q5', boolean>>;
  closeReason: string;
  monitoring: string;
  adviceReference: string | null;
  meldingReference: string | null;
}
export interface MeldcodeDossier {
  id: string;
  title: string;
  sector: MeldcodeSector;
  step: number;
  outcome: 'melding' | 'hulp-met-monitoring' | 'afgesloten' | null;
  createdBy: { id: string; name: string | null };
  own: boolean;
  stalled: boolean;
  createdAt: string;
  updatedAt: string;
  content: MeldcodeDossierContent;
}

export interface MeldcodeFigures {
  usage: { month: string; regionCode: string; sector: string; event: string; count: number }[];
  codeword: { month: string; regionCode: string; path: string; count: number }[];
}
