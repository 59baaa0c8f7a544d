import { ApiError } from './api.client.ts';

// The chat desk's calls. Separate from api.client.ts because they long-poll (with an abort
// signal) and pass query parameters; errors are the same ApiError.

export interface ChatMessage {
  seq: number;
  sender: 'visitor' | 'worker' | 'system';
  body: string;
  sentAt: string;
}

export interface ChatSummary {
  id: string;
  nickname: string;
  status: 'waiting' | 'active' | 'ended';
  regionCode: string | null;
  leftMessage: boolean;
  lastSeq: number;
  createdAt: string;
  acceptedAt: string | null;
  endedAt: string | null;
  endedBy: 'visitor' | 'worker' | null;
  transferNote: string | null;
  visitorGroup: string | null;
  ageGroup: string | null;
  topics: string[];
  outcome: string | null;
  contactId: string | null;
}

export interface ChatDetail extends ChatSummary {
  visitorTyping: boolean;
  messages: ChatMessage[];
}

export interface ChatOverview {
  available: boolean;
  capacity: number;
  waiting: number;
  waitingOwnRegion: number;
  chats: ChatSummary[];
  version: string;
}

export const VISITOR_GROUPS = ['slachtoffer', 'omstander', 'pleger', 'professional', 'kind-jongere', 'onbekend'] as const;
export const AGE_GROUPS = ['tot-12', '12-17', '18-24', '25-44', '45-64', '65-plus', 'onbekend'] as const;
export const TOPICS = ['partnergeweld', 'kindermishandeling', 'ouderenmishandeling', 'geweld-tegen-ouders', 'seksueel-geweld', 'eergerelateerd-geweld', 'stalking', 'spanningen-thuis', 'overig'] as const;
export const OUTCOMES = ['informatie-advies', 'doorverwezen', 'omgezet-advies', 'omgezet-melding', 'afgebroken'] as const;

export interface OpeningHours {
  weekly: { scope: string; weekday: number; opens: string; closes: string }[];
  exceptions: { id: string; scope: string; dateFrom: string; dateTo: string; workingDaysOnly: boolean; opens: string | null; closes: string | null; note: string }[];
}

interface Measures {
  chats: number;
  served: number;
  abandoned: number;
  leftMessages: number;
  waitMeanSeconds: number | null;
  waitMedianSeconds: number | null;
  durationMeanSeconds: number | null;
  durationMedianSeconds: number | null;
}

export interface ChatFigures {
  rows: (Measures & { period: string; region: string })[];
  total: Measures;
  byVisitorGroup: { code: string; chats: number }[];
  byOutcome: { code: string; chats: number }[];
  byTopic: { code: string; chats: number }[];
}

export interface PublicPage {
  slug: string;
  lang: 'nl' | 'en';
  title: string;
  body: string;
  updatedAt: string;
}

export function chatApi(csrf: () => string) {
  async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = csrf();
    let res: Response;
    try {
      res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body), signal: signal ?? null });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ApiError(0, 'network_error', 'Network error');
    }
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => null)) as { code?: string; message?: string; requestId?: string } | null;
    if (!res.ok) throw new ApiError(res.status, data?.code ?? `http_${res.status}`, data?.message ?? res.statusText, data?.requestId);
    return data as T;
  }
  const id = (chat: string) => `/api/chat/sessions/${encodeURIComponent(chat)}`;
  return {
    overview: (version: string, wait: number, signal?: AbortSignal) => call<ChatOverview>('GET', `/api/chat/overview?version=${encodeURIComponent(version)}&wait=${wait}`, undefined, signal),
    availability: (available: boolean, capacity: number) => call<{ available: boolean; capacity: number }>('PUT', '/api/chat/availability', { available, capacity }),
    next: () => call<ChatDetail>('POST', '/api/chat/next'),
    chat: (chat: string, q: { after: number; typing: boolean; status: string; wait: number }, signal?: AbortSignal) =>
      call<ChatDetail>('GET', `${id(chat)}?after=${q.after}&typing=${String(q.typing)}&status=${q.status}&wait=${q.wait}`, undefined, signal),
    send: (chat: string, clientId: string, body: string) => call<{ seq: number }>('POST', `${id(chat)}/messages`, { clientId, body }),
    typing: (chat: string) => call<void>('POST', `${id(chat)}/typing`),
    end: (chat: string) => call<ChatSummary>('POST', `${id(chat)}/end`),
    colleagues: () => call<{ userId: string; displayName: string }[]>('GET', '/api/chat/colleagues'),
    transfer: (chat: string, body: { toUserId?: string; toRegion?: string; note: string }) => call<ChatSummary>('POST', `${id(chat)}/transfer`, body),
    tags: (chat: string, body: { visitorGroup: string | null; ageGroup: string | null; topics: string[]; outcome: string | null }) => call<ChatSummary>('PUT', `${id(chat)}/tags`, body),
    toContact: (chat: string, body: { kind: 'advies' | 'melding'; reporterType: string; violenceType: string | null; summary: string; acute: boolean }) =>
      call<{ contactId: string; kind: string }>('POST', `${id(chat)}/contact`, body),
    openingHours: () => call<OpeningHours>('GET', '/api/chat/opening-hours'),
    setWeekly: (scope: string, days: { weekday: number; opens: string; closes: string }[]) => call<unknown>('PUT', `/api/chat/opening-hours/${encodeURIComponent(scope)}`, { days }),
    addException: (body: { scope: string; dateFrom: string; dateTo: string; workingDaysOnly: boolean; opens: string | null; closes: string | null; note: string }) =>
      call<unknown>('POST', '/api/chat/opening-hours/exceptions', body),
    removeException: (exceptionId: string) => call<void>('DELETE', `/api/chat/opening-hours/exceptions/${encodeURIComponent(exceptionId)}`),
    pages: () => call<PublicPage[]>('GET', '/api/pages'),
    savePage: (slug: string, lang: string, body: { title: string; body: string }) => call<PublicPage>('PUT', `/api/pages/${encodeURIComponent(slug)}/${encodeURIComponent(lang)}`, body),
    figures: (q: { from: string; to: string; per: 'day' | 'week'; region: string }) =>
      call<ChatFigures>('GET', `/api/chat/figures?from=${q.from}&to=${q.to}&per=${q.per}${q.region ? `&region=${encodeURIComponent(q.region)}` : ''}`),
  };
}

export type ChatApi = ReturnType<typeof chatApi>;
