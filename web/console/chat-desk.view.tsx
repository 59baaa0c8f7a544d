import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.client.ts';
import { AGE_GROUPS, chatApi, OUTCOMES, TOPICS, VISITOR_GROUPS, type ChatApi, type ChatDetail, type ChatMessage, type ChatOverview, type ChatSummary } from './chat-desk.api.ts';
import { DeskSocket } from './chat-desk.socket.ts';
import { useCan, useConsole, useSession } from './console.context.ts';
import { ConsoleLink } from './console-link.component.tsx';
import { errorText } from './error-text.ts';
import { PageTitle } from './page-title.component.tsx';
import './chat-desk.css';

const VIOLENCE = ['kindermishandeling', 'partnergeweld', 'ouderenmishandeling', 'geweld-tegen-ouders', 'huiselijk-geweld-overig', 'onbekend'] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newClientId = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

function useChatApi(): ChatApi {
  const session = useSession();
  const ref = useRef(session.csrfToken);
  ref.current = session.csrfToken;
  return useMemo(() => chatApi(() => ref.current), []);
}

/** The desk's one socket for all its chats, from mount to unmount (chat-desk.socket.ts). */
function useDeskSocket(): DeskSocket | null {
  const [socket, setSocket] = useState<DeskSocket | null>(null);
  useEffect(() => {
    const s = new DeskSocket();
    setSocket(s);
    return () => s.close();
  }, []);
  return socket;
}

/** Follows the worker's desk by long poll until unmounted; reconnects after a network error. */
function useOverview(api: ChatApi): [ChatOverview | null, () => void] {
  const [overview, setOverview] = useState<ChatOverview | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    void (async () => {
      let version = '';
      while (!abort.signal.aborted) {
        try {
          const o = await api.overview(version, version ? 25 : 0, abort.signal);
          version = o.version;
          setOverview(o);
        } catch {
          if (abort.signal.aborted) return;
          await sleep(2000);
        }
      }
    })();
    return () => abort.abort();
  }, [api, tick]);
  return [overview, () => setTick((n) => n + 1)];
}

function Availability({ api, overview, onSaved }: { api: ChatApi; overview: ChatOverview; onSaved: () => void }) {
  const { t } = useTranslation();
  const [available, setAvailable] = useState(overview.available);
  const [capacity, setCapacity] = useState(overview.capacity);
  const [message, setMessage] = useState<string | null>(null);
  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    try {
      await api.availability(available, capacity);
      setMessage(t('chatDesk.saved'));
      onSaved();
    } catch (err) {
      setMessage(errorText(t, err));
    }
  }
  return (
    <form className="signaal-chatdesk__availability" onSubmit={(e) => void save(e)}>
      <h2 className="utrecht-heading-2">{t('chatDesk.availabilityTitle')}</h2>
      <div className="signaal-chatdesk__row">
        <input type="checkbox" className="utrecht-checkbox" id="chat-available" checked={available} onChange={(e) => setAvailable(e.currentTarget.checked)} />
        <label htmlFor="chat-available">{t('chatDesk.available')}</label>
      </div>
      <div className="signaal-chatdesk__row">
        <label className="utrecht-form-label" htmlFor="chat-capacity">{t('chatDesk.capacity')}</label>
        <select className="utrecht-select" id="chat-capacity" value={capacity} onChange={(e) => setCapacity(Number(e.currentTarget.value))}>
          {[1, 2, 3, 4, 5, 6].map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </div>
      <button type="submit" className="utrecht-button utrecht-button--secondary-action">{t('chatDesk.saveAvailability')}</button>
      <p className="utrecht-paragraph" role="status">{message ?? ''}</p>
    </form>
  );
}

function ChatPanel({ api, socket, summary, onChanged }: { api: ChatApi; socket: DeskSocket | null; summary: ChatSummary; onChanged: () => void }) {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [detail, setDetail] = useState<ChatDetail | null>(null);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const lastTyping = useRef(0);
  const status = detail?.status ?? summary.status;
  const nickname = summary.nickname;

  useEffect(() => {
    const abort = new AbortController();
    const show = (d: ChatDetail): void => {
      if (d.messages.length > 0) {
        setMessages((old) => {
          const bySeq = new Map(old.map((m) => [m.seq, m]));
          for (const m of d.messages) bySeq.set(m.seq, m);
          return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
        });
      }
      setDetail(d);
    };
    // Long polling: where the desk's socket does not open.
    const poll = (): void => void (async () => {
      let after = 0;
      let typing = false;
      let st = 'active';
      let first = true;
      while (!abort.signal.aborted) {
        try {
          const d = await api.chat(summary.id, { after, typing, status: st, wait: first ? 0 : 25 }, abort.signal);
          first = false;
          if (d.messages.length > 0) after = d.messages.at(-1)!.seq;
          typing = d.visitorTyping;
          st = d.status;
          show(d);
          if (d.status === 'ended') return;
        } catch (err) {
          if (abort.signal.aborted) return;
          // Transferred away or gone: stop following it.
          if (err instanceof ApiError && err.status === 404) return onChanged();
          await sleep(2000);
        }
      }
    })();
    // The desk's socket comes with the desk's first render; until then there is nothing to follow.
    if (!socket) return () => abort.abort();
    if (socket.failed) {
      poll();
      return () => abort.abort();
    }
    const stop = socket.watch(summary.id, 0, { onChat: show, onGone: onChanged, onFallback: poll });
    return () => {
      abort.abort();
      stop();
    };
  }, [api, socket, summary.id, onChanged]);

  async function send(): Promise<void> {
    const body = draft.trim();
    if (!body) return;
    setDraft('');
    const clientId = newClientId();
    // Resent with the same id until stored: a lost answer never doubles or drops a message.
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const seq = socket?.connected ? await socket.send(summary.id, clientId, body) : (await api.send(summary.id, clientId, body)).seq;
        setMessages((old) => (old.some((m) => m.seq === seq) ? old : [...old, { seq, sender: 'worker' as const, body, sentAt: new Date().toISOString() }].sort((a, b) => a.seq - b.seq)));
        setProblem(null);
        return;
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 'network_error') {
          setProblem(errorText(t, err));
          return;
        }
        await sleep(1000 * (attempt + 1));
      }
    }
    setDraft(body);
    setProblem(t('common.network'));
  }
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): void {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void send();
    }
  }
  function onType(value: string): void {
    setDraft(value);
    if (Date.now() - lastTyping.current > 3000) {
      lastTyping.current = Date.now();
      if (!socket?.typing(summary.id)) void api.typing(summary.id).catch(() => undefined);
    }
  }
  async function end(): Promise<void> {
    try {
      await api.end(summary.id);
      onChanged();
    } catch (err) {
      setProblem(errorText(t, err));
    }
  }

  const headingId = `chat-${summary.id}-title`;
  return (
    <section className="signaal-chatdesk__panel" aria-labelledby={headingId} data-testid="chat-panel">
      <h3 className="utrecht-heading-3" id={headingId}>
        {nickname} <span className="signaal-chatdesk__badge">{t(`chatDesk.status.${status}`)}</span> {summary.regionCode ?? ''}
      </h3>
      {summary.leftMessage && <p className="utrecht-paragraph">{t('chatDesk.leftMessage')}</p>}
      {summary.transferNote && <p className="utrecht-paragraph signaal-chatdesk__note">{t('chatDesk.transferNote', { note: summary.transferNote })}</p>}
      <ol className="signaal-chatdesk__log" role="log" aria-live="polite" aria-label={t('chatDesk.messages', { nickname })} tabIndex={0}>
        {messages.map((m) => (
          <li key={m.seq} className={`signaal-chatdesk__msg signaal-chatdesk__msg--${m.sender}`}>
            <span className="signaal-chatdesk__who">{m.sender === 'visitor' ? nickname : t(`chatDesk.${m.sender}`)}: </span>
            {m.body}
          </li>
        ))}
      </ol>
      <p className="utrecht-paragraph signaal-chatdesk__typing" aria-live="polite">{detail?.visitorTyping ? t('chatDesk.visitorTyping', { nickname }) : ''}</p>
      {status === 'ended' && <p className="utrecht-paragraph" role="status">{t(`chatDesk.endedBy.${detail?.endedBy ?? 'worker'}`)}</p>}
      {problem && <p className="utrecht-paragraph signaal-error" role="alert">{problem}</p>}
      {status === 'active' && (
        <form onSubmit={(e) => { e.preventDefault(); void send(); }}>
          <label className="utrecht-form-label" htmlFor={`msg-${summary.id}`}>{t('chatDesk.message', { nickname })}</label>
          <textarea className="utrecht-textarea" id={`msg-${summary.id}`} rows={3} maxLength={4000} value={draft} onChange={(e) => onType(e.currentTarget.value)} onKeyDown={onKeyDown} />
          <div className="signaal-chatdesk__row">
            <label className="utrecht-form-label" htmlFor={`canned-${summary.id}`}>{t('chatDesk.canned')}</label>
            <select className="utrecht-select" id={`canned-${summary.id}`} value="" onChange={(e) => { const v = e.currentTarget.value; if (v) setDraft((d) => (d ? `${d} ${v}` : v)); }}>
              <option value="">{t('chatDesk.cannedChoose')}</option>
              {(t('chatDesk.cannedReplies', { returnObjects: true }) as string[]).map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </div>
          <div className="signaal-chatdesk__actions">
            <button type="submit" className="utrecht-button utrecht-button--primary-action">{t('chatDesk.send')}</button>
            <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => void end()}>{t('chatDesk.end')}</button>
          </div>
        </form>
      )}
      {status === 'active' && <Transfer api={api} chatId={summary.id} onDone={onChanged} />}
      <Tags api={api} summary={detail ?? summary} />
      <Convert api={api} summary={detail ?? summary} />
    </section>
  );
}

function Transfer({ api, chatId, onDone }: { api: ChatApi; chatId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { api: consoleApi } = useConsole();
  const [mode, setMode] = useState<'colleague' | 'region'>('colleague');
  const [colleagues, setColleagues] = useState<{ userId: string; displayName: string }[]>([]);
  const [regions, setRegions] = useState<{ code: string; name: string }[]>([]);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(() => {
    void api.colleagues().then(setColleagues).catch(() => undefined);
    void consoleApi.regions(new Date().getFullYear()).then((r) => setRegions(r.regions.map((x) => ({ code: x.code, name: x.name })))).catch(() => undefined);
  }, [api, consoleApi]);
  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!target) return setProblem(t(mode === 'colleague' ? 'chatDesk.chooseColleague' : 'chatDesk.chooseRegion'));
    if (!note.trim()) return setProblem(t('chatDesk.noteRequired'));
    try {
      await api.transfer(chatId, mode === 'colleague' ? { toUserId: target, note: note.trim() } : { toRegion: target, note: note.trim() });
      onDone();
    } catch (err) {
      setProblem(err instanceof ApiError && err.status === 400 ? err.message : errorText(t, err));
    }
  }
  return (
    <details className="signaal-chatdesk__details" onToggle={(e) => { if (e.currentTarget.open) load(); }}>
      <summary>{t('chatDesk.transferTitle')}</summary>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-label">{t('chatDesk.transferTo')}</legend>
          {(['colleague', 'region'] as const).map((m) => (
            <div className="signaal-chatdesk__row" key={m}>
              <input type="radio" className="utrecht-radio-button" id={`tm-${chatId}-${m}`} name={`tm-${chatId}`} checked={mode === m} onChange={() => { setMode(m); setTarget(''); }} />
              <label htmlFor={`tm-${chatId}-${m}`}>{t(m === 'colleague' ? 'chatDesk.transferColleague' : 'chatDesk.transferRegion')}</label>
            </div>
          ))}
        </fieldset>
        <label className="utrecht-form-label" htmlFor={`tt-${chatId}`}>{t(mode === 'colleague' ? 'chatDesk.transferColleague' : 'chatDesk.transferRegion')}</label>
        <select className="utrecht-select" id={`tt-${chatId}`} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">{t(mode === 'colleague' ? 'chatDesk.chooseColleague' : 'chatDesk.chooseRegion')}</option>
          {mode === 'colleague'
            ? colleagues.map((c) => <option key={c.userId} value={c.userId}>{c.displayName}</option>)
            : regions.map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
        </select>
        {mode === 'colleague' && colleagues.length === 0 && <p className="utrecht-paragraph">{t('chatDesk.noColleagues')}</p>}
        <label className="utrecht-form-label" htmlFor={`tn-${chatId}`}>{t('chatDesk.transferNoteLabel')}</label>
        <textarea className="utrecht-textarea" id={`tn-${chatId}`} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {problem && <p className="utrecht-paragraph signaal-error" role="alert">{problem}</p>}
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">{t('chatDesk.transfer')}</button>
      </form>
    </details>
  );
}

function Tags({ api, summary }: { api: ChatApi; summary: ChatSummary }) {
  const { t } = useTranslation();
  const [visitorGroup, setVisitorGroup] = useState(summary.visitorGroup ?? '');
  const [ageGroup, setAgeGroup] = useState(summary.ageGroup ?? '');
  const [topics, setTopics] = useState<string[]>(summary.topics);
  const [outcome, setOutcome] = useState(summary.outcome ?? '');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (summary.outcome) setOutcome(summary.outcome);
  }, [summary.outcome]);
  const id = summary.id;
  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    try {
      await api.tags(id, { visitorGroup: visitorGroup || null, ageGroup: ageGroup || null, topics, outcome: outcome || null });
      setMessage(t('chatDesk.tagsSaved'));
    } catch (err) {
      setMessage(errorText(t, err));
    }
  }
  const select = (key: string, label: string, value: string, set: (v: string) => void, options: readonly string[], enumKey: string) => (
    <div className="signaal-chatdesk__row">
      <label className="utrecht-form-label" htmlFor={`${key}-${id}`}>{label}</label>
      <select className="utrecht-select" id={`${key}-${id}`} value={value} onChange={(e) => set(e.currentTarget.value)}>
        <option value="">{t('chatDesk.choose')}</option>
        {options.map((o) => <option key={o} value={o}>{t(`chatDesk.enums.${enumKey}.${o}`)}</option>)}
      </select>
    </div>
  );
  return (
    <details className="signaal-chatdesk__details">
      <summary>{t('chatDesk.tagsTitle')}</summary>
      <form onSubmit={(e) => void save(e)}>
        {select('vg', t('chatDesk.visitorGroup'), visitorGroup, setVisitorGroup, VISITOR_GROUPS, 'visitorGroup')}
        {select('ag', t('chatDesk.ageGroup'), ageGroup, setAgeGroup, AGE_GROUPS, 'ageGroup')}
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-label">{t('chatDesk.topics')}</legend>
          {TOPICS.map((topic) => (
            <div className="signaal-chatdesk__row" key={topic}>
              <input type="checkbox" className="utrecht-checkbox" id={`tp-${id}-${topic}`} checked={topics.includes(topic)}
                onChange={(e) => { const on = e.currentTarget.checked; setTopics((old) => (on ? [...old, topic] : old.filter((x) => x !== topic))); }} />
              <label htmlFor={`tp-${id}-${topic}`}>{t(`chatDesk.enums.topic.${topic}`)}</label>
            </div>
          ))}
        </fieldset>
        {select('oc', t('chatDesk.outcome'), outcome, setOutcome, OUTCOMES, 'outcome')}
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">{t('chatDesk.saveTags')}</button>
        <p className="utrecht-paragraph" role="status">{message ?? ''}</p>
      </form>
    </details>
  );
}

function Convert({ api, summary }: { api: ChatApi; summary: ChatSummary }) {
  const { t } = useTranslation();
  const can = useCan();
  const [kind, setKind] = useState<'advies' | 'melding'>('advies');
  const [violenceType, setViolenceType] = useState('');
  const [reporterType, setReporterType] = useState('particulier');
  const [text, setText] = useState('');
  const [acute, setAcute] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<{ contactId: string; kind: string } | null>(summary.contactId ? { contactId: summary.contactId, kind: '' } : null);
  if (!can('contacts:create')) return null;
  const id = summary.id;
  if (created) {
    return (
      <p className="utrecht-paragraph" role="status">
        {created.kind ? `${t('chatDesk.converted', { kind: t(`enums.kind.${created.kind}`) })} ` : ''}
        <ConsoleLink to={`/contacts/${encodeURIComponent(created.contactId)}`}>{t('chatDesk.openContact')}</ConsoleLink>
      </p>
    );
  }
  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (kind === 'melding' && !violenceType) return setProblem(t('chatDesk.violenceRequired'));
    try {
      setCreated(await api.toContact(id, { kind, reporterType, violenceType: violenceType || null, summary: text.trim(), acute }));
    } catch (err) {
      setProblem(err instanceof ApiError && (err.status === 409 || err.status === 400) ? err.message : errorText(t, err));
    }
  }
  return (
    <details className="signaal-chatdesk__details">
      <summary>{t('chatDesk.convertTitle')}</summary>
      <form onSubmit={(e) => void submit(e)}>
        <p className="utrecht-paragraph">{t('chatDesk.convertIntro')}</p>
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-label">{t('chatDesk.kind')}</legend>
          {(['advies', 'melding'] as const).map((k) => (
            <div className="signaal-chatdesk__row" key={k}>
              <input type="radio" className="utrecht-radio-button" id={`ck-${id}-${k}`} name={`ck-${id}`} checked={kind === k} onChange={() => setKind(k)} />
              <label htmlFor={`ck-${id}-${k}`}>{t(`enums.kind.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="signaal-chatdesk__row">
          <label className="utrecht-form-label" htmlFor={`cr-${id}`}>{t('chatDesk.reporterType')}</label>
          <select className="utrecht-select" id={`cr-${id}`} value={reporterType} onChange={(e) => setReporterType(e.currentTarget.value)}>
            {['particulier', 'beroepsmatig', 'onbekend'].map((r) => <option key={r} value={r}>{t(`enums.reporterType.${r}`)}</option>)}
          </select>
        </div>
        <div className="signaal-chatdesk__row">
          <label className="utrecht-form-label" htmlFor={`cv-${id}`}>{t('chatDesk.violenceType')}</label>
          <select className="utrecht-select" id={`cv-${id}`} value={violenceType} onChange={(e) => setViolenceType(e.currentTarget.value)}>
            <option value="">{t('chatDesk.choose')}</option>
            {VIOLENCE.map((v) => <option key={v} value={v}>{t(`enums.violenceType.${v}`)}</option>)}
          </select>
        </div>
        <label className="utrecht-form-label" htmlFor={`cs-${id}`}>{t('chatDesk.summary')}</label>
        <textarea className="utrecht-textarea" id={`cs-${id}`} rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <div className="signaal-chatdesk__row">
          <input type="checkbox" className="utrecht-checkbox" id={`ca-${id}`} checked={acute} onChange={(e) => setAcute(e.currentTarget.checked)} />
          <label htmlFor={`ca-${id}`}>{t('chatDesk.acute')}</label>
        </div>
        {problem && <p className="utrecht-paragraph signaal-error" role="alert">{problem}</p>}
        <button type="submit" className="utrecht-button utrecht-button--primary-action">{t('chatDesk.convert')}</button>
      </form>
    </details>
  );
}

/** The worker's chat desk: availability, the queue, and their chats side by side. */
export function ChatDeskView() {
  const { t } = useTranslation();
  const api = useChatApi();
  const socket = useDeskSocket();
  const [overview, refresh] = useOverview(api);
  const [notice, setNotice] = useState<string | null>(null);

  async function takeNext(): Promise<void> {
    try {
      await api.next();
      setNotice(null);
      refresh();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'queue_empty') setNotice(t('chatDesk.queueEmpty'));
      else if (err instanceof ApiError && err.code === 'not_available') setNotice(t('chatDesk.notAvailable'));
      else if (err instanceof ApiError && err.code === 'at_capacity') setNotice(t('chatDesk.atCapacity'));
      else setNotice(errorText(t, err));
    }
  }

  return (
    <>
      <PageTitle documentTitle={t('chatDesk.title')}>{t('chatDesk.title')}</PageTitle>
      {overview && <Availability api={api} overview={overview} onSaved={refresh} />}
      {overview && (
        <section aria-labelledby="chat-queue-title" className="signaal-chatdesk__queue">
          <h2 className="utrecht-heading-2" id="chat-queue-title">{t('chatDesk.chatsTitle')}</h2>
          <p className="utrecht-paragraph" role="status" data-testid="chat-queue">{t('chatDesk.queue', { waiting: overview.waiting, own: overview.waitingOwnRegion })}</p>
          <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={() => void takeNext()}>{t('chatDesk.takeNext')}</button>
          <p className="utrecht-paragraph" role="status">{notice ?? ''}</p>
        </section>
      )}
      {overview && overview.chats.length === 0 && <p className="utrecht-paragraph">{t('chatDesk.noChats')}</p>}
      <div className="signaal-chatdesk__panels">
        {overview?.chats.map((c) => <ChatPanel key={c.id} api={api} socket={socket} summary={c} onChanged={refresh} />)}
      </div>
    </>
  );
}
