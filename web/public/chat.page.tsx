import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatClient, ChatSnapshot, ChatView } from './chat.client.ts';
import { hrefFor, INFO_PAGES, ROUTES } from './public.router.ts';
import { onQuickExit } from './quick-exit.ts';
import { SiteLink } from './site-link.component.tsx';
import { textList } from './text-list.ts';
import './chat.css';

// The visitor's chat, a lazy chunk: it is not part of the public site's first load. Plain
// elements with Utrecht CSS classes, like the forms, for the same size budget.

type Opening = { open: boolean; nextOpening: string | null };
type Phase = { kind: 'loading' } | { kind: 'form'; opening: Opening } | { kind: 'chat'; client: ChatClient } | { kind: 'wiped' };

/** The "chat" namespace (fetched in the language shown, see public.i18n.ts); shared texts such as 112 come from the default one. */
function useTexts() {
  const { t, i18n } = useTranslation('chat');
  return { t, lang: i18n.language };
}

function formatWhen(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { timeZone: 'Europe/Amsterdam', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

function StartForm({ opening, onStarted }: { opening: Opening; onStarted: (client: ChatClient) => void }) {
  const { t, lang } = useTexts();
  const [nickname, setNickname] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [municipalities, setMunicipalities] = useState<{ code: string; name: string }[]>([]);
  const closed = !opening.open;

  useEffect(() => {
    const abort = new AbortController();
    fetch('/api/public/municipalities', { signal: abort.signal, credentials: 'omit' })
      .then((r) => (r.ok ? (r.json() as Promise<{ code: string; name: string }[]>) : []))
      .then(setMunicipalities)
      .catch(() => undefined);
    return () => abort.abort();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (!nickname.trim()) return setError('chat.nicknameMissing');
    if (closed && !body.trim()) return setError('chat.leaveMissing');
    setError(null);
    setBusy(true);
    try {
      const payload = closed ? { nickname: nickname.trim(), municipalityCode: municipality || null, body: body.trim() } : { nickname: nickname.trim(), municipalityCode: municipality || null };
      // The chat client is a chunk of its own, not part of the page's first load: fetched here,
      // alongside the request that opens the chat.
      const client = import('./chat.client.ts');
      client.catch(() => undefined); // a failure is handled where it is awaited
      const res = await fetch(closed ? '/api/public/chat/message' : '/api/public/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), credentials: 'omit' });
      if (res.status === 201) {
        const { token, ...view } = (await res.json()) as ChatView & { token: string };
        const { ChatClient } = await client;
        onStarted(new ChatClient(token, view));
        return;
      }
      setError(res.status === 429 ? 'chat.tooMany' : 'chat.failed');
    } catch {
      setError('chat.failed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {closed && (
        <section className="signaal-callout" aria-labelledby="closed-title" data-testid="chat-closed">
          <h2 className="utrecht-heading-2" id="closed-title">{t('chat.closedTitle')}</h2>
          <p className="utrecht-paragraph">{opening.nextOpening ? t('chat.closedNext', { when: formatWhen(opening.nextOpening, lang) }) : t('chat.closedNoNext')}</p>
          <p className="utrecht-paragraph">{t('chat.closedPhone')}</p>
        </section>
      )}
      <section aria-labelledby="what-title">
        <h2 className="utrecht-heading-2" id="what-title">{t('chat.whatHappensTitle')}</h2>
        <ul className="utrecht-unordered-list">{textList(t, 'chat.whatHappens').map((line) => <li key={line}>{line}</li>)}</ul>
      </section>
      {closed && <h2 className="utrecht-heading-2">{t('chat.leaveTitle')}</h2>}
      {closed && <p className="utrecht-paragraph">{t('chat.leaveIntro')}</p>}
      <form noValidate autoComplete="off" onSubmit={(e) => void submit(e)} className="signaal-form">
        {error && <div className="utrecht-alert utrecht-alert--error" role="alert"><p className="utrecht-paragraph">{t(error)}</p></div>}
        <div className="utrecht-form-field signaal-field">
          <label className="utrecht-form-label" htmlFor="chat-nickname">{t('chat.nickname')}</label>
          <p className="utrecht-form-field-description" id="chat-nickname-hint">{t('chat.nicknameHint')}</p>
          <input className="utrecht-textbox" id="chat-nickname" type="text" maxLength={40} value={nickname} aria-describedby="chat-nickname-hint" onChange={(e) => setNickname(e.currentTarget.value)} />
        </div>
        <div className="utrecht-form-field signaal-field">
          <label className="utrecht-form-label" htmlFor="chat-municipality">{t('chat.municipality')}</label>
          <p className="utrecht-form-field-description" id="chat-municipality-hint">{t('chat.municipalityHint')}</p>
          <select className="utrecht-select" id="chat-municipality" value={municipality} aria-describedby="chat-municipality-hint" onChange={(e) => setMunicipality(e.currentTarget.value)}>
            <option value="">{t('chat.municipalityUnknown')}</option>
            {municipalities.map((m) => <option key={m.code} value={m.code}>{m.name}</option>)}
          </select>
        </div>
        {closed && (
          <div className="utrecht-form-field signaal-field">
            <label className="utrecht-form-label" htmlFor="chat-leave">{t('chat.leaveBody')}</label>
            <textarea className="utrecht-textarea" id="chat-leave" rows={5} maxLength={4000} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
          </div>
        )}
        <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy ? true : undefined}>
          {busy ? t('chat.starting') : t(closed ? 'chat.leaveSend' : 'chat.start')}
        </button>
      </form>
    </>
  );
}

function Conversation({ client, onEnded }: { client: ChatClient; onEnded: () => void }) {
  const { t } = useTexts();
  const snap: ChatSnapshot = useSyncExternalStore(client.subscribe, client.snapshot);
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void client.run();
  }, [client]);

  function send(): void {
    const body = draft.trim();
    if (!body || snap.status === 'ended') return;
    client.send(body);
    setDraft('');
    input.current?.focus();
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  }
  async function end(): Promise<void> {
    await client.end();
    onEnded();
  }

  let status: string;
  if (snap.status === 'waiting') {
    status = snap.leftMessage ? t('chat.leftMessage') : `${t('chat.waiting', { position: snap.position ?? 1 })} ${snap.estimateMinutes ? t('chat.estimate', { minutes: snap.estimateMinutes }) : t('chat.estimateUnknown')}`;
  } else if (snap.status === 'active') {
    status = t('chat.active');
  } else {
    status = snap.endedBy === 'worker' ? t('chat.endedByWorker') : t('chat.endedByVisitor');
  }

  return (
    <div className="signaal-chat">
      <p className="utrecht-paragraph signaal-chat__status" role="status" data-testid="chat-status">{status}</p>
      {!snap.connected && <p className="utrecht-paragraph signaal-chat__offline" role="status">{t('chat.reconnecting')}</p>}
      <ol className="signaal-chat__log" role="log" aria-live="polite" aria-label={t('chat.messages')} tabIndex={0}>
        {snap.messages.map((m) => (
          <li key={m.seq} className={`signaal-chat__msg signaal-chat__msg--${m.sender}`}>
            <span className="signaal-chat__who">{t(m.sender === 'visitor' ? 'chat.you' : m.sender === 'worker' ? 'chat.worker' : 'chat.system')}: </span>
            <span className="signaal-chat__body">{m.body}</span>
          </li>
        ))}
        {snap.pending.map((p) => (
          <li key={p.clientId} className="signaal-chat__msg signaal-chat__msg--visitor signaal-chat__msg--pending">
            <span className="signaal-chat__who">{t('chat.you')}: </span>
            <span className="signaal-chat__body">{p.body}</span> <span className="signaal-chat__sending">({t('chat.sending')})</span>
          </li>
        ))}
      </ol>
      <p className="utrecht-paragraph signaal-chat__typing" aria-live="polite">{snap.workerTyping ? t('chat.typing') : ''}</p>
      {snap.status !== 'ended' && (
        <form className="signaal-chat__composer" autoComplete="off" onSubmit={(e) => { e.preventDefault(); send(); }}>
          <label className="utrecht-form-label" htmlFor="chat-input">{t('chat.message')}</label>
          <p className="utrecht-form-field-description" id="chat-input-hint">{t('chat.messageHint')}</p>
          <textarea ref={input} className="utrecht-textarea" id="chat-input" rows={3} maxLength={4000} value={draft} aria-describedby="chat-input-hint"
            onChange={(e) => { setDraft(e.currentTarget.value); client.typing(); }} onKeyDown={onKeyDown} />
          <div className="signaal-chat__actions">
            <button type="submit" className="utrecht-button utrecht-button--primary-action">{t('chat.send')}</button>
            <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => void end()}>{t('chat.end')}</button>
          </div>
        </form>
      )}
      {snap.status === 'ended' && (
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => void end()}>{t('chat.end')}</button>
      )}
    </div>
  );
}

export function ChatPage() {
  const { t, lang } = useTexts();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const current = useRef<ChatClient | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    fetch('/api/public/chat/opening', { signal: abort.signal, credentials: 'omit' })
      .then((r) => (r.ok ? (r.json() as Promise<Opening>) : { open: true, nextOpening: null }))
      .then((opening) => setPhase((p) => (p.kind === 'loading' ? { kind: 'form', opening } : p)))
      .catch(() => undefined);
    return () => abort.abort();
  }, []);

  // Quick exit, and leaving this page, end the chat and forget it.
  useEffect(() => {
    const off = onQuickExit(() => void current.current?.end());
    return () => {
      off();
      void current.current?.end();
      current.current = null;
    };
  }, []);

  const started = (client: ChatClient): void => {
    current.current = client;
    setPhase({ kind: 'chat', client });
  };
  const ended = (): void => {
    current.current = null;
    setPhase({ kind: 'wiped' });
    requestAnimationFrame(() => document.getElementById('page-title')?.focus());
  };

  return (
    <>
      <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{t('chat.title')}</h1>
      <section className="signaal-callout signaal-callout--danger" aria-label={t('chat.danger')}>
        <p className="utrecht-paragraph"><strong>{t('chat.danger')}</strong> <a className="utrecht-link signaal-call-link" href="tel:112">{t('home.dangerCall')}</a></p>
      </section>
      {phase.kind === 'form' && textList(t, 'chat.intro').map((line) => <p className="utrecht-paragraph" key={line}>{line}</p>)}
      {phase.kind === 'form' && (
        <nav aria-label={t('home.infoTitle')}>
          <ul className="utrecht-unordered-list">
            {INFO_PAGES.map((slug) => <li key={slug}><SiteLink href={hrefFor(`/${slug}`, lang)}>{t(`home.info.${slug}`)}</SiteLink></li>)}
          </ul>
        </nav>
      )}
      {phase.kind === 'form' && <StartForm opening={phase.opening} onStarted={started} />}
      {phase.kind === 'chat' && <Conversation client={phase.client} onEnded={ended} />}
      {phase.kind === 'wiped' && (
        <>
          <p className="utrecht-paragraph" role="status" data-testid="chat-wiped">{t('chat.wiped')}</p>
          <p className="utrecht-paragraph"><SiteLink href={hrefFor(ROUTES.chat, lang)}>{t('chat.again')}</SiteLink></p>
        </>
      )}
    </>
  );
}
