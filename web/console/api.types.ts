// Shapes of the Signaal JSON API as the console uses them.

export type SessionStage = 'password_change' | 'totp_setup' | 'totp_verify' | 'active';
export type Role = 'intake' | 'casemanager' | 'teamleider' | 'analyst' | 'admin' | 'partner';
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

export const CONTACT_KINDS = ['advies', 'melding'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const CHANNELS = ['telefoon', 'chat', 'webformulier', 'email', 'politie', 'meldcode', 'apotheek', 'overig'] as const;
export type Channel = (typeof CHANNELS)[number];
export const REPORTER_TYPES = ['beroepsmatig', 'particulier', 'onbekend'] as const;
export type ReporterType = (typeof REPORTER_TYPES)[number];
export const REPORTER_GROUPS = [
  'preventieve-basisvoorzieningen',
  'huisarts',
  'gezondheidszorg-overig',
  'ggz',
  'kinderopvang',
  'onderwijs',
  'jeugdhulp',
  'politie',
  'justitie',
  'maatschappelijk-werk',
  'beroepsmatig-overig',
  'burger',
  'onbekend',
] as const;
export type ReporterGroup = (typeof REPORTER_GROUPS)[number];
export const VIOLENCE_TYPES = [
  'kindermishandeling',
  'partnergeweld',
  'ouderenmishandeling',
  'geweld-tegen-ouders',
  'huiselijk-geweld-overig',
  'onbekend',
] as const;
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
}

export interface Contact extends NewContact {
  id: string;
  regionCode: string;
  municipalityName: string | null;
  violenceType?: ViolenceType;
  createdAt: string;
  createdBy: { displayName: string };
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
