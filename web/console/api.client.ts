import type {
  AnnualReport,
  AuditPage,
  AuditVerification,
  ApiErrorBody,
  CaseAssessment,
  CaseAssignee,
  CaseDetail,
  CaseTask,
  ApiKeyList,
  Channel,
  CreatedApiKey,
  ViolenceType,
  CaseList,
  CaseNorms,
  CaseState,
  CloseReason,
  Contact,
  CreatedUser,
  HouseholdFile,
  HouseholdLookupQuery,
  HouseholdLookupResult,
  HouseholdMatches,
  NewContact,
  NewUser,
  PublicConfig,
  RegionsForYear,
  Session,
  TotpSetup,
  UserSummary,
  CheckinOutcome,
  ConditionCheck,
  ConditionKind,
  HandoverStatus,
  InvestigationDecision,
  InvestigationOutcome,
  PartnerHandover,
  PartnerHandoverSummary,
  PartnerOrganisation,
  PartnerOrganisationInput,
  PartnerType,
  AwareCase,
  AwareMember,
  MeasuresOverview,
  OrderEndReason,
  RestrainingOrder,
  PlaceKind,
  Shelter,
  ShelterHold,
  HwcSignal,
  MdaPlan,
  MeldcodeDossier,
  MeldcodeDossierContent,
  MeldcodeFigures,
  StatsDashboard,
} from './api.types.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

/** Codes after which the user must log in again. */
const SESSION_LOST = new Set(['session_expired', 'unauthenticated']);

export interface ApiClientOptions {
  /** Current CSRF token (from the session); sent on every non-GET request. */
  csrfToken: () => string | null;
  /** Called when the server says the session is gone, so the app can show the login view. */
  onSessionLost: (code: string) => void;
}

export function createApiClient({ csrfToken, onSessionLost }: ApiClientOptions) {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = csrfToken();
    if (method !== 'GET' && token) headers['x-csrf-token'] = token;
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network_error', 'Network error');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let data: unknown = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    if (!response.ok) {
      const err = isErrorBody(data)
        ? new ApiError(response.status, data.code, data.message, data.requestId, data.details)
        : new ApiError(response.status, `http_${response.status}`, response.statusText);
      // A failed login is also a 401, but with its own code: only lost sessions send users back.
      if (response.status === 401 && SESSION_LOST.has(err.code)) onSessionLost(err.code);
      throw err;
    }
    return data as T;
  }

  const get = <T>(path: string) => request<T>('GET', path);
  const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body);
  const put = <T>(path: string, body?: unknown) => request<T>('PUT', path, body);
  const caseUrl = (id: string, rest: string) => `/api/cases/${encodeURIComponent(id)}/${rest}`;

  return {
    publicConfig: () => get<PublicConfig>('/api/public/config'),
    session: () => get<Session>('/api/auth/session'),
    login: (email: string, password: string) => post<Session>('/api/auth/login', { email, password }),
    changePassword: (currentPassword: string, newPassword: string) =>
      post<Session>('/api/auth/password', { currentPassword, newPassword }),
    totpSetup: () => post<TotpSetup>('/api/auth/totp/setup'),
    totpVerify: (code: string) => post<Session>('/api/auth/totp/verify', { code }),
    logout: () => post<void>('/api/auth/logout'),
    contacts: () => get<{ items: Contact[] }>('/api/contacts'),
    contact: (id: string) => get<Contact>(`/api/contacts/${encodeURIComponent(id)}`),
    createContact: (contact: NewContact) => post<Contact>('/api/contacts', contact),
    householdMatches: (contactId: string) => get<HouseholdMatches>(`/api/contacts/${encodeURIComponent(contactId)}/household-matches`),
    joinHousehold: (contactId: string, choice: { householdId: string } | { new: true }) =>
      post<{ householdId: string; created: boolean }>(`/api/contacts/${encodeURIComponent(contactId)}/household`, choice),
    household: (id: string) => get<HouseholdFile>(`/api/households/${encodeURIComponent(id)}`),
    lookupHousehold: (query: HouseholdLookupQuery) => post<HouseholdLookupResult>('/api/households/lookup', query),
    users: () => get<{ items: UserSummary[] }>('/api/users'),
    createUser: (user: NewUser) => post<CreatedUser>('/api/users', user),
    audit: (filters: Record<string, string>) => {
      const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
      return get<AuditPage>(`/api/audit${query ? `?${query}` : ''}`);
    },
    verifyAudit: () => get<AuditVerification>('/api/audit/verify'),
    regions: (year: number) => get<RegionsForYear>(`/api/regions?year=${year}`),
    annualReport: (region: string, year: number) =>
      get<AnnualReport>(`/api/reports/annual?region=${encodeURIComponent(region)}&year=${year}`),
    assignMunicipality: (municipalityCode: string, regionCode: string, fromYear: number) =>
      post<unknown>('/api/regions/assignments', { municipalityCode, regionCode, fromYear }),
    cases: (mine: boolean) => get<CaseList>(`/api/cases?mine=${mine ? 'true' : 'false'}`),
    case: (id: string) => get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`),
    caseAssignees: () => get<{ items: CaseAssignee[] }>('/api/cases/assignees'),
    caseNorms: (year: number) => get<CaseNorms>(`/api/cases/norms?year=${year}`),
    assignCase: (id: string, userId: string) => post<{ state: CaseState }>(`/api/cases/${encodeURIComponent(id)}/assign`, { userId }),
    assessCase: (id: string, assessment: CaseAssessment) =>
      post<{ state: CaseState }>(`/api/cases/${encodeURIComponent(id)}/assessment`, assessment),
    approveCase: (id: string) => post<{ state: CaseState }>(`/api/cases/${encodeURIComponent(id)}/approve`, {}),
    /** complete takes an optional note; extend and skip need a reason. */
    caseTask: (id: string, taskId: string, action: 'complete' | 'extend' | 'skip', text: string) =>
      post<CaseTask>(`/api/cases/${encodeURIComponent(id)}/tasks/${encodeURIComponent(taskId)}/${action}`, action === 'complete' ? { note: text } : { reason: text }),
    convertAdvies: (id: string, body: { violenceType: ViolenceType; acute: boolean; note: string }) =>
      post<Contact>(`/api/contacts/${encodeURIComponent(id)}/convert`, body),
    apiKeys: () => get<ApiKeyList>('/api/api-keys'),
    createApiKey: (body: { organisationId: string; name: string; channel: Channel }) => post<CreatedApiKey>('/api/api-keys', body),
    revokeApiKey: (id: string) => post<{ id: string; revokedAt: string }>(`/api/api-keys/${encodeURIComponent(id)}/revoke`),
    statsDashboard: (q: { region: string; grain: string; from: string; to: string }) =>
      get<StatsDashboard>(`/api/stats/dashboard?${new URLSearchParams(q).toString()}`),
    meldcodeFigures: (from: string, to: string) => get<MeldcodeFigures>(`/api/meldcode/figures?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
    meldcodeDossiers: () => get<Omit<MeldcodeDossier, 'content'>[]>('/api/meldcode/dossiers'),
    meldcodeDossier: (id: string) => get<MeldcodeDossier>(`/api/meldcode/dossiers/${encodeURIComponent(id)}`),
    createMeldcodeDossier: (body: { title: string; content: MeldcodeDossierContent }) => post<MeldcodeDossier>('/api/meldcode/dossiers', body),
    updateMeldcodeDossier: (id: string, body: { title: string; content: MeldcodeDossierContent }) => request<MeldcodeDossier>('PUT', `/api/meldcode/dossiers/${encodeURIComponent(id)}`, body),
    rejectCase: (id: string, reason: string) => post<{ state: CaseState }>(`/api/cases/${encodeURIComponent(id)}/reject`, { reason }),
    startInvestigation: (id: string) => post<{ state: CaseState }>(caseUrl(id, 'investigation/start'), {}),
    concludeInvestigation: (id: string, body: { outcomes: { violenceType: ViolenceType; outcome: InvestigationOutcome }[]; decision: InvestigationDecision; summary: string }) =>
      post<{ state: CaseState }>(caseUrl(id, 'investigation/conclusion'), body),
    setConditions: (id: string, items: { kind: ConditionKind; description: string; due: string | null; checkOn: string }[]) =>
      post<{ state: CaseState }>(caseUrl(id, 'conditions'), { items }),
    checkCondition: (id: string, conditionId: string, result: ConditionCheck, note: string) =>
      post<unknown>(caseUrl(id, `conditions/${encodeURIComponent(conditionId)}/check`), { result, note }),
    handOver: (id: string, body: { organisationId: string; message: string; personIds: string[]; includeReporter: boolean }) =>
      post<{ state: CaseState }>(caseUrl(id, 'handover'), body),
    recordCheckin: (id: string, checkinId: string, outcome: CheckinOutcome, note: string) =>
      post<unknown>(caseUrl(id, `checkins/${encodeURIComponent(checkinId)}`), { outcome, note }),
    casePartners: () => get<{ items: { id: string; name: string; partnerType: PartnerType }[] }>('/api/cases/partners'),
    handovers: () => get<{ items: PartnerHandoverSummary[] }>('/api/handovers'),
    handover: (id: string) => get<PartnerHandover>(`/api/handovers/${encodeURIComponent(id)}`),
    acceptHandover: (id: string) => post<{ status: HandoverStatus }>(`/api/handovers/${encodeURIComponent(id)}/accept`, {}),
    declineHandover: (id: string, reason: string) => post<{ status: HandoverStatus }>(`/api/handovers/${encodeURIComponent(id)}/decline`, { reason }),
    handoverFeedback: (id: string, feedback: string) => post<unknown>(`/api/handovers/${encodeURIComponent(id)}/feedback`, { feedback }),
    partnerOrganisations: () => get<{ items: PartnerOrganisation[] }>('/api/partner-organisations'),
    createPartnerOrganisation: (body: PartnerOrganisationInput) => post<PartnerOrganisation>('/api/partner-organisations', body),
    updatePartnerOrganisation: (id: string, body: PartnerOrganisationInput) => put<PartnerOrganisation>(`/api/partner-organisations/${encodeURIComponent(id)}`, body),
    measures: (id: string) => get<{ restrainingOrders: RestrainingOrder[]; aware: AwareCase[] }>(caseUrl(id, 'measures')),
    measuresOverview: (year: number) => get<MeasuresOverview>(`/api/measures/overview?year=${year}`),
    createRestrainingOrder: (id: string, body: { barredName: string; barredBirthDate: string; decidedAt: string; riskInstrument: 'rihg' | 'anders' }) =>
      post<RestrainingOrder>(caseUrl(id, 'restraining-orders'), body),
    orderAdvice: (orderId: string, moment: 'start' | 'end') => post<RestrainingOrder>(`/api/restraining-orders/${encodeURIComponent(orderId)}/advice`, { moment }),
    extendOrder: (orderId: string, decidedAt: string, until: string) => post<RestrainingOrder>(`/api/restraining-orders/${encodeURIComponent(orderId)}/extension`, { decidedAt, until }),
    endOrder: (orderId: string, reason: OrderEndReason) => post<RestrainingOrder>(`/api/restraining-orders/${encodeURIComponent(orderId)}/end`, { reason }),
    createAware: (id: string, requestedAt: string) => post<AwareCase>(caseUrl(id, 'aware'), { requestedAt }),
    decideAware: (awareId: string, body: { granted: boolean; members: AwareMember[]; note: string }) => post<AwareCase>(`/api/aware/${encodeURIComponent(awareId)}/decision`, body),
    awareStep: (awareId: string, step: 'issue' | 'return') => post<AwareCase>(`/api/aware/${encodeURIComponent(awareId)}/${step}`, {}),
    reviewAware: (awareId: string, continueDevice: boolean, note: string) => post<AwareCase>(`/api/aware/${encodeURIComponent(awareId)}/review`, { continueDevice, note }),
    shelters: () => get<{ items: Shelter[] }>('/api/shelters'),
    shelterHolds: () => get<{ items: ShelterHold[] }>('/api/shelter-holds'),
    holdShelterPlace: (organisationId: string, kind: PlaceKind) => post<ShelterHold>(`/api/shelters/${encodeURIComponent(organisationId)}/holds`, { kind }),
    endShelterHold: (id: string, outcome: 'aangekomen' | 'vrijgegeven') => post<unknown>(`/api/shelter-holds/${encodeURIComponent(id)}/end`, { outcome }),
    noShelterPlace: (kind: PlaceKind) => post<unknown>('/api/shelters/no-place', { kind }),
    updateMyShelter: (body: { regularPlaces: number; regularOccupied: number; crisisPlaces: number; crisisOccupied: number }) => put<Shelter>('/api/shelters/mine', body),
    hwcSchools: () => get<{ items: { id: string; name: string; regionCode: string }[] }>('/api/hwc/schools'),
    hwcSignals: () => get<{ items: HwcSignal[] }>('/api/hwc/signals'),
    sendHwcSignal: (body: { schoolId: string; childName: string; childBirthDate: string; childGroup: string | null; incidentOn: string }) => post<HwcSignal>('/api/hwc/signals', body),
    acknowledgeHwcSignal: (id: string) => post<{ acknowledgedAt: string }>(`/api/hwc/signals/${encodeURIComponent(id)}/acknowledge`, {}),
    childcareMine: () => get<{ items: { week: string; municipalityCode: string; municipalityName: string | null; children: number; registeredAt: string }[] }>('/api/emergency-childcare/mine'),
    registerChildcare: (body: { municipalityCode: string; week: string; children: number }) =>
      request<{ week: string; municipalityCode: string; municipalityName: string | null; children: number; registeredAt: string }>('PUT', '/api/emergency-childcare', body),
    childcareWeekly: (from: string, to: string) =>
      get<{ items: { week: string; municipalityCode: string; municipalityName: string | null; regionCode: string; children: number; locations: number }[] }>(`/api/emergency-childcare/weekly?from=${from}&to=${to}`),
    mda: (id: string) => get<{ plan: MdaPlan | null }>(caseUrl(id, 'mda')),
    startMda: (id: string, body: { directorName: string; directorOrganisationId: string; participantIds: string[]; summary: string }) => post<{ plan: MdaPlan }>(caseUrl(id, 'mda'), body),
    addMdaGoal: (planId: string, body: { kind: 'doel' | 'afspraak'; description: string; due: string; ownerOrganisationId: string | null }) => post<{ plan: MdaPlan }>(`/api/mda/${encodeURIComponent(planId)}/goals`, body),
    mdaGoalDone: (planId: string, goalId: string) => post<{ plan: MdaPlan }>(`/api/mda/${encodeURIComponent(planId)}/goals/${encodeURIComponent(goalId)}/done`, {}),
    addMdaMeeting: (planId: string, body: { heldOn: string; minutes: string }) => post<{ plan: MdaPlan }>(`/api/mda/${encodeURIComponent(planId)}/meetings`, body),
    closeCase: (id: string, reason: CloseReason, note: string) =>
      post<{ state: CaseState }>(`/api/cases/${encodeURIComponent(id)}/close`, { reason, note }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
