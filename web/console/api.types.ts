// The code lists are the server's own (exchange-v1, CBS categories): one definition for both sides.
import { CHANNELS, CONTACT_KINDS, FLAGS, REPORTER_GROUPS, REPORTER_TYPES, VIOLENCE_TYPES } from '../../src/domain/contacts/vocabulary.ts';

export { CHANNELS, CONTACT_KINDS, FLAGS, REPORTER_GROUPS, REPORTER_TYPES, VIOLENCE_TYPES };

// Shapes of the Signaal JSON API as the console uses them.

export type SessionStage = 'password_change' | 'totp_setup' | 'totp_verify' | 'active';
export type Role = 'intake' | 'casemanager' | 'teamleider' | 'analyst' | 'admin' | 'partner' | 'opvang' | 'professional' | 'aandachtsfunctionaris';
/** Roles an admin can give from the console (meldcode organisation accounts are made elsewhere). */
export const ROLES: readonly Role[] = ['intake', 'casemanager', 'teamleider', 'analyst', 'admin', 'partner', 'opvang'];

export interface Organisation {
  id: string;
  name: string;
  /** For a partner organisation: its kind (school, politie, ...). */
  partnerType?: string | null;
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
  /** Name and phone or e-mail of the reporter, for feedback (never shown outside Veilig Thuis unless shareable). */
  reporterName?: string | null;
  reporterContact?: string | null;
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
  reporterName?: string | null;
  reporterContact?: string | null;
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
  /** A partner account: the partner organisation it works for. */
  organisationId?: string;
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
export const CASE_STATES = ['registered', 'assigned', 'assessed', 'decided', 'investigation', 'conditions', 'handover', 'monitoring', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const DEADLINE_STATES = ['done-on-time', 'done-late', 'overdue', 'due-today', 'at-risk', 'open'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
export const CASE_DECISIONS = ['onderzoek', 'verzoek-onderzoek-rvdk', 'voorwaarden-en-vervolg', 'overdracht', 'afsluiten'] as const;
export type CaseDecision = (typeof CASE_DECISIONS)[number];
export const CLOSE_REASONS = ['veiligheid-hersteld', 'overgedragen', 'geen-zorgen', 'verhuisd-buiten-regio', 'samengevoegd', 'anders'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const CASE_ACTIONS = ['assign', 'assess', 'approve', 'reject', 'start-investigation', 'conclude-investigation', 'set-conditions', 'hand-over', 'close'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
/** Timeline steps: the actions, plus registration, tasks, checks, the partner's answers and signals. */
export type CaseStep = CaseAction | 'register' | string;
export const INVESTIGATION_DECISIONS = ['verzoek-onderzoek-rvdk', 'voorwaarden-en-vervolg', 'overdracht', 'afsluiten'] as const;
export type InvestigationDecision = (typeof INVESTIGATION_DECISIONS)[number];
export const INVESTIGATION_OUTCOMES = ['bevestigd', 'niet-bevestigd', 'weerlegd'] as const;
export type InvestigationOutcome = (typeof INVESTIGATION_OUTCOMES)[number];
export const CHECKIN_OUTCOMES = ['veilig', 'zorgen', 'onveilig', 'geen-contact'] as const;
export type CheckinOutcome = (typeof CHECKIN_OUTCOMES)[number];
export const CONDITION_KINDS = ['voorwaarde', 'afspraak'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];
export const CONDITION_CHECKS = ['nagekomen', 'deels-nagekomen', 'niet-nagekomen'] as const;
export type ConditionCheck = (typeof CONDITION_CHECKS)[number];
export const PARTNER_TYPES = ['lokaal-team', 'gi', 'rvdk', 'vrouwenopvang', 'politie', 'om', 'reclassering', 'csg', 'school', 'ggd', 'mda', 'kinderopvang', 'gemeente', 'overig'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];
export const DUE_KINDS = ['beoordeling', 'onderzoek', 'taak', 'controle', 'monitoring'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

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
  nextDue: { kind: DueKind; due: string; deadline: DeadlineState } | null;
  monitoringSignal: boolean;
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

export type CaseTaskKind = 'informeren' | 'terugkoppeling-beoordeling' | 'onderzoek-starten' | 'terugkoppeling-onderzoek';

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
  investigation: {
    startedAt: string;
    due: string;
    deadline: DeadlineState;
    concludedAt: string | null;
    summary: string | null;
    outcomes: { violenceType: ViolenceType; outcome: InvestigationOutcome }[];
  } | null;
  conditions: {
    id: string;
    kind: ConditionKind;
    description: string;
    due: string | null;
    checkOn: string;
    deadline: DeadlineState;
    checkResult: ConditionCheck | null;
    checkedAt: string | null;
    checkNote: string | null;
  }[];
  handovers: CaseHandover[];
  checkins: { id: string; due: string; deadline: DeadlineState; doneAt: string | null; doneBy: string | null; outcome: CheckinOutcome | null; note: string | null }[];
  monitoringSignalAt: string | null;
}

/** What a handover carries to the partner (a snapshot). */
export interface HandoverContent {
  message: string;
  municipalityName: string | null;
  violenceType: ViolenceType | null;
  persons: { role: string; name: string; birthDate: string | null; street: string | null; postcode: string | null; place: string | null }[];
  reporter: { type: string; name: string | null; contact: string | null } | null;
}

export type HandoverStatus = 'verstuurd' | 'geaccepteerd' | 'afgewezen';

export interface CaseHandover {
  id: string;
  organisation: { id: string; name: string; partnerType: PartnerType | null };
  sentAt: string;
  sentBy: string | null;
  status: HandoverStatus;
  respondedAt: string | null;
  respondedBy: string | null;
  declineReason: string | null;
  feedback: string | null;
  feedbackAt: string | null;
  content: HandoverContent;
}

/** A handover as the partner sees it (GET /api/handovers). */
export interface PartnerHandoverSummary {
  id: string;
  sentAt: string;
  from: string;
  status: HandoverStatus;
  municipalityName: string | null;
  violenceType: ViolenceType | null;
}

export interface PartnerHandover extends PartnerHandoverSummary {
  respondedAt: string | null;
  declineReason: string | null;
  feedback: string | null;
  feedbackAt: string | null;
  content: HandoverContent;
}

export interface PartnerOrganisation {
  id: string;
  name: string;
  partnerType: PartnerType;
  phone: string | null;
  email: string | null;
  active: boolean;
  accounts: number;
}

export type PartnerOrganisationInput = Omit<PartnerOrganisation, 'id' | 'accounts'>;

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

export interface NormMonth {
  month: string;
  due: number;
  onTime: number;
  share: number | null;
}

export interface CaseNorms {
  year: number;
  target: number;
  months: NormMonth[];
  investigations: { target: number; months: NormMonth[] };
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

// Protective measures (tijdelijk huisverbod, Aware).
export interface DueState {
  due: string;
  deadline: DeadlineState;
}

export interface RestrainingOrder {
  id: string;
  contactId: string;
  barredName: string;
  barredBirthDate: string;
  decidedAt: string;
  riskInstrument: 'rihg' | 'anders';
  endsAt: string;
  maxEndsAt: string;
  state: 'lopend' | 'verlengd' | 'beeindigd';
  extendedAt: string | null;
  endedAt: string | null;
  endReason: OrderEndReason | null;
  adviceStart: DueState & { doneAt: string | null };
  adviceEnd: DueState & { doneAt: string | null };
  extensionDecision: DueState | null;
}

export const ORDER_END_REASONS = ['afgelopen', 'ingetrokken-door-burgemeester', 'opgeheven-door-rechter'] as const;
export type OrderEndReason = (typeof ORDER_END_REASONS)[number];
export const AWARE_MEMBERS = ['politie', 'veilig-thuis', 'vrouwenopvang', 'reclassering'] as const;
export type AwareMember = (typeof AWARE_MEMBERS)[number];

export interface AwareCase {
  id: string;
  contactId: string;
  requestedAt: string;
  state: 'aangevraagd' | 'afgewezen' | 'toegekend' | 'uitgereikt' | 'ingeleverd';
  committeeMembers: AwareMember[];
  decidedAt: string | null;
  decisionNote: string | null;
  issuedAt: string | null;
  returnedAt: string | null;
  nextReview: DueState | null;
  reviews: { at: string; by: string | null; continueDevice: boolean; note: string | null }[];
}

export interface MeasuresOverview {
  restrainingOrders: RestrainingOrder[];
  aware: AwareCase[];
  counts: { restrainingOrders: number; extended: number; awareRequested: number; awareGranted: number; awareIssued: number };
}

export type PlaceKind = 'regulier' | 'crisis';
export interface ShelterPlaces {
  places: number;
  occupied: number;
  held: number;
  free: number;
}
export interface Shelter {
  organisationId: string;
  name: string;
  region: { code: string; name: string };
  phone: string | null;
  regulier: ShelterPlaces;
  crisis: ShelterPlaces;
  updatedAt: string;
}
export interface ShelterHold {
  id: string;
  organisationId: string;
  shelterName: string;
  kind: PlaceKind;
  heldAt: string;
  heldUntil: string;
  heldBy: string | null;
}

export interface HwcSignal {
  id: string;
  school: { id: string; name: string };
  childName: string;
  childBirthDate: string;
  childGroup: string | null;
  sentAt: string;
  dueAt: string;
  deadline: DeadlineState;
  acknowledgedAt: string | null;
  incidentOn: string | null;
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

export interface MdaPlan {
  id: string;
  directorName: string;
  directorOrganisation: { id: string; name: string };
  participants: { id: string; name: string; partnerType: string | null }[];
  summary: string;
  createdAt: string;
  goals: { id: string; kind: 'doel' | 'afspraak'; description: string; due: string; deadline: DeadlineState; owner: string | null; doneAt: string | null }[];
  meetings: { id: string; heldOn: string; minutes: string; by: string | null }[];
}

/** GET /api/stats/dashboard (src/server/stats/stats.dashboard.ts). */
export type StatsGrain = 'week' | 'month' | 'half-year' | 'year';
export interface StatsTable {
  id: string;
  chart: { type: 'line' | 'bar'; category: string; series: string[] };
  columns: { key: string; kind: 'label' | 'count' | 'percent' | 'minutes' }[];
  rows: (string | number | null)[][];
}
export interface StatsDashboard {
  region: { code: string; name: string } | null;
  grain: StatsGrain;
  from: string;
  to: string;
  earlier: { from: string; to: string };
  tables: StatsTable[];
}
