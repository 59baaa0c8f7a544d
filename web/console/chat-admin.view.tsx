import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { chatApi, type ChatApi, type ChatFigures, type OpeningHours, type PublicPage } from './chat-desk.api.ts';
import { useSession } from './console.context.ts';
import { errorText } from './error-text.ts';
import { PageTitle } from './page-title.component.tsx';
import './chat-desk.css';

function useChatApi(): ChatApi {
  const session = useSession();
  const ref = useRef(session.csrfToken);
  ref.current = session.csrfToken;
  return useMemo(() => chatApi(() => ref.current), []);
}

type Day = { open: boolean; opens: string; closes: string };
const closedDay: Day = { open: false, opens: '09:00', closes: '17:00' };

/** Admin: the chat's weekly hours (national or own region) and dated exceptions. */
export function ChatHoursView() {
  const { t } = useTranslation();
  const api = useChatApi();
  const session = useSession();
  const own = session.user.region.code;
  const [scope, setScope] = useState('NL');
  const [data, setData] = useState<OpeningHours | null>(null);
  const [days, setDays] = useState<Day[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [ex, setEx] = useState({ dateFrom: '', dateTo: '', workingDaysOnly: false, closed: false, opens: '09:00', closes: '22:00', note: '' });
  const [exMessage, setExMessage] = useState<string | null>(null);
  const dayNames = t('chatDesk.hours.days', { returnObjects: true }) as string[];

  const load = useCallback(() => {
    void api.openingHours().then(setData).catch((err: unknown) => setMessage(errorText(t, err)));
  }, [api, t]);
  useEffect(load, [load]);
  useEffect(() => {
    if (!data) return;
    setDays([1, 2, 3, 4, 5, 6, 7].map((wd) => {
      const w = data.weekly.find((x) => x.scope === scope && x.weekday === wd);
      return w ? { open: true, opens: w.opens, closes: w.closes === '23:59' ? '24:00' : w.closes } : closedDay;
    }));
  }, [data, scope]);

  async function saveWeekly(e: FormEvent): Promise<void> {
    e.preventDefault();
    const open = days.map((d, i) => ({ ...d, weekday: i + 1 })).filter((d) => d.open);
    if (open.some((d) => !d.opens || !d.closes || d.closes <= d.opens)) return setMessage(t('chatDesk.hours.invalidTimes'));
    try {
      await api.setWeekly(scope, open.map((d) => ({ weekday: d.weekday, opens: d.opens, closes: d.closes })));
      setMessage(t('chatDesk.hours.saved'));
      load();
    } catch (err) {
      setMessage(errorText(t, err));
    }
  }
  async function addException(e: FormEvent): Promise<void> {
    e.preventDefault();
    try {
      await api.addException({ scope, dateFrom: ex.dateFrom, dateTo: ex.dateTo || ex.dateFrom, workingDaysOnly: ex.workingDaysOnly, opens: ex.closed ? null : ex.opens, closes: ex.closed ? null : ex.closes, note: ex.note });
      setExMessage(t('chatDesk.hours.saved'));
      load();
    } catch (err) {
      setExMessage(errorText(t, err));
    }
  }
  const setDay = (i: number, patch: Partial<Day>) => setDays((old) => old.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  const exceptions = data?.exceptions.filter((x) => x.scope === scope) ?? [];

  return (
    <>
      <PageTitle documentTitle={t('chatDesk.hours.title')}>{t('chatDesk.hours.title')}</PageTitle>
      <div className="signaal-chatdesk__row">
        <label className="utrecht-form-label" htmlFor="hours-scope">{t('chatDesk.hours.scope')}</label>
        <select className="utrecht-select" id="hours-scope" value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
          <option value="NL">{t('chatDesk.hours.national')}</option>
          <option value={own}>{t('chatDesk.hours.ownRegion', { code: own })}</option>
        </select>
      </div>
      <form onSubmit={(e) => void saveWeekly(e)}>
        <h2 className="utrecht-heading-2">{t('chatDesk.hours.weeklyTitle')}</h2>
        <p className="utrecht-paragraph">{t('chatDesk.hours.weeklyIntro')}</p>
        <table className="utrecht-table">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">{t('chatDesk.hours.day')}</th>
              <th className="utrecht-table__header-cell" scope="col">{t('chatDesk.hours.open')}</th>
              <th className="utrecht-table__header-cell" scope="col">{t('chatDesk.hours.opens')}</th>
              <th className="utrecht-table__header-cell" scope="col">{t('chatDesk.hours.closes')}</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {days.map((d, i) => (
              <tr className="utrecht-table__row" key={dayNames[i]}>
                <th className="utrecht-table__header-cell" scope="row">{dayNames[i]}</th>
                <td className="utrecht-table__cell"><input type="checkbox" className="utrecht-checkbox" aria-label={`${t('chatDesk.hours.open')} ${dayNames[i]}`} checked={d.open} onChange={(e) => setDay(i, { open: e.currentTarget.checked })} /></td>
                <td className="utrecht-table__cell"><input type="time" className="utrecht-textbox" aria-label={`${t('chatDesk.hours.opens')} ${dayNames[i]}`} value={d.opens} disabled={!d.open} onChange={(e) => setDay(i, { opens: e.currentTarget.value })} /></td>
                <td className="utrecht-table__cell"><input type="text" className="utrecht-textbox" inputMode="numeric" pattern="[0-2][0-9]:[0-5][0-9]" aria-label={`${t('chatDesk.hours.closes')} ${dayNames[i]}`} value={d.closes} disabled={!d.open} onChange={(e) => setDay(i, { closes: e.currentTarget.value })} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" className="utrecht-button utrecht-button--primary-action">{t('chatDesk.hours.saveWeekly')}</button>
        <p className="utrecht-paragraph" role="status">{message ?? ''}</p>
      </form>

      <h2 className="utrecht-heading-2">{t('chatDesk.hours.exceptionsTitle')}</h2>
      <p className="utrecht-paragraph">{t('chatDesk.hours.exceptionsIntro')}</p>
      {exceptions.length === 0 ? (
        <p className="utrecht-paragraph">{t('chatDesk.hours.none')}</p>
      ) : (
        <ul className="utrecht-unordered-list">
          {exceptions.map((x) => (
            <li key={x.id}>
              {x.dateFrom} – {x.dateTo}: {x.opens ? `${x.opens}–${x.closes}` : t('chatDesk.hours.closed')}
              {x.workingDaysOnly ? ` (${t('chatDesk.hours.workingDaysOnly').toLowerCase()})` : ''} {x.note}{' '}
              <button type="button" className="utrecht-button utrecht-button--subtle" aria-label={t('chatDesk.hours.removeLabel', { from: x.dateFrom, to: x.dateTo })}
                onClick={() => void api.removeException(x.id).then(load).catch((err: unknown) => setExMessage(errorText(t, err)))}>
                {t('chatDesk.hours.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void addException(e)}>
        <div className="signaal-chatdesk__row">
          <label className="utrecht-form-label" htmlFor="ex-from">{t('chatDesk.hours.from')}</label>
          <input className="utrecht-textbox" type="date" id="ex-from" required value={ex.dateFrom} onChange={(e) => setEx({ ...ex, dateFrom: e.currentTarget.value })} />
          <label className="utrecht-form-label" htmlFor="ex-to">{t('chatDesk.hours.to')}</label>
          <input className="utrecht-textbox" type="date" id="ex-to" value={ex.dateTo} onChange={(e) => setEx({ ...ex, dateTo: e.currentTarget.value })} />
        </div>
        <div className="signaal-chatdesk__row">
          <input type="checkbox" className="utrecht-checkbox" id="ex-working" checked={ex.workingDaysOnly} onChange={(e) => setEx({ ...ex, workingDaysOnly: e.currentTarget.checked })} />
          <label htmlFor="ex-working">{t('chatDesk.hours.workingDaysOnly')}</label>
          <input type="checkbox" className="utrecht-checkbox" id="ex-closed" checked={ex.closed} onChange={(e) => setEx({ ...ex, closed: e.currentTarget.checked })} />
          <label htmlFor="ex-closed">{t('chatDesk.hours.closed')}</label>
        </div>
        {!ex.closed && (
          <div className="signaal-chatdesk__row">
            <label className="utrecht-form-label" htmlFor="ex-opens">{t('chatDesk.hours.opens')}</label>
            <input className="utrecht-textbox" type="time" id="ex-opens" value={ex.opens} onChange={(e) => setEx({ ...ex, opens: e.currentTarget.value })} />
            <label className="utrecht-form-label" htmlFor="ex-closes">{t('chatDesk.hours.closes')}</label>
            <input className="utrecht-textbox" type="time" id="ex-closes" value={ex.closes} onChange={(e) => setEx({ ...ex, closes: e.currentTarget.value })} />
          </div>
        )}
        <div className="signaal-chatdesk__row">
          <label className="utrecht-form-label" htmlFor="ex-note">{t('chatDesk.hours.note')}</label>
          <input className="utrecht-textbox" type="text" id="ex-note" maxLength={200} value={ex.note} onChange={(e) => setEx({ ...ex, note: e.currentTarget.value })} />
        </div>
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">{t('chatDesk.hours.add')}</button>
        <p className="utrecht-paragraph" role="status">{exMessage ?? ''}</p>
      </form>
    </>
  );
}

/** A date in Amsterdam (figures count by the Dutch calendar day, not the UTC one). */
const amsterdamDay = (at: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(at);

const minutes = (s: number | null): string => (s === null ? '—' : String(Math.round(s / 6) / 10));

/** Figures of the chat for analysts, team leads and admins: aggregates only. */
export function ChatFiguresView() {
  const { t } = useTranslation();
  const api = useChatApi();
  const today = amsterdamDay(new Date());
  const [q, setQ] = useState({ from: amsterdamDay(new Date(Date.now() - 27 * 86_400_000)), to: today, per: 'week' as 'day' | 'week', region: '' });
  const [figures, setFigures] = useState<ChatFigures | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  async function show(e?: FormEvent): Promise<void> {
    e?.preventDefault();
    try {
      setFigures(await api.figures(q));
      setProblem(null);
    } catch (err) {
      setProblem(errorText(t, err));
    }
  }
  useEffect(() => {
    void show();
    // Only on opening the view; afterwards the form decides.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const label = (code: string, kind: 'visitorGroup' | 'outcome' | 'topic') => (code === 'geen' ? t('chatDesk.figures.geen') : t(`chatDesk.enums.${kind}.${code}`));
  const cols = ['chats', 'served', 'abandoned', 'leftMessages', 'waitMean', 'waitMedian', 'durationMean', 'durationMedian'] as const;
  const cells = (m: ChatFigures['total']) => [m.chats, m.served, m.abandoned, m.leftMessages, minutes(m.waitMeanSeconds), minutes(m.waitMedianSeconds), minutes(m.durationMeanSeconds), minutes(m.durationMedianSeconds)];
  return (
    <>
      <PageTitle documentTitle={t('chatDesk.figures.title')}>{t('chatDesk.figures.title')}</PageTitle>
      <form className="signaal-chatdesk__row" onSubmit={(e) => void show(e)}>
        <label className="utrecht-form-label" htmlFor="fig-from">{t('chatDesk.figures.from')}</label>
        <input className="utrecht-textbox" type="date" id="fig-from" value={q.from} onChange={(e) => setQ({ ...q, from: e.currentTarget.value })} />
        <label className="utrecht-form-label" htmlFor="fig-to">{t('chatDesk.figures.to')}</label>
        <input className="utrecht-textbox" type="date" id="fig-to" value={q.to} onChange={(e) => setQ({ ...q, to: e.currentTarget.value })} />
        <label className="utrecht-form-label" htmlFor="fig-per">{t('chatDesk.figures.per')}</label>
        <select className="utrecht-select" id="fig-per" value={q.per} onChange={(e) => setQ({ ...q, per: e.currentTarget.value === 'day' ? 'day' : 'week' })}>
          <option value="day">{t('chatDesk.figures.perDay')}</option>
          <option value="week">{t('chatDesk.figures.perWeek')}</option>
        </select>
        <label className="utrecht-form-label" htmlFor="fig-region">{t('chatDesk.figures.region')}</label>
        <input className="utrecht-textbox" type="text" id="fig-region" maxLength={20} value={q.region} onChange={(e) => setQ({ ...q, region: e.currentTarget.value.toUpperCase() })} />
        <button type="submit" className="utrecht-button utrecht-button--primary-action">{t('chatDesk.figures.show')}</button>
      </form>
      {problem && <p className="utrecht-paragraph signaal-error" role="alert">{problem}</p>}
      {figures && figures.rows.length === 0 && <p className="utrecht-paragraph">{t('chatDesk.figures.none')}</p>}
      {figures && figures.rows.length > 0 && (
        <>
          <table className="utrecht-table">
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">{t('chatDesk.figures.period')}</th>
                <th className="utrecht-table__header-cell" scope="col">{t('chatDesk.figures.regionCol')}</th>
                {cols.map((c) => <th className="utrecht-table__header-cell" scope="col" key={c}>{t(`chatDesk.figures.${c}`)}</th>)}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {figures.rows.map((r) => (
                <tr className="utrecht-table__row" key={`${r.period}-${r.region}`}>
                  <th className="utrecht-table__header-cell" scope="row">{r.period}</th>
                  <td className="utrecht-table__cell">{r.region === 'landelijk' ? t('chatDesk.figures.landelijk') : r.region}</td>
                  {cells(r).map((v, i) => <td className="utrecht-table__cell" key={cols[i]}>{v}</td>)}
                </tr>
              ))}
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="row">{t('chatDesk.figures.total')}</th>
                <td className="utrecht-table__cell" />
                {cells(figures.total).map((v, i) => <td className="utrecht-table__cell" key={cols[i]}>{v}</td>)}
              </tr>
            </tbody>
          </table>
          {([['byGroup', figures.byVisitorGroup, 'visitorGroup'], ['byOutcome', figures.byOutcome, 'outcome'], ['byTopic', figures.byTopic, 'topic']] as const).map(([key, list, kind]) => (
            <section key={key}>
              <h2 className="utrecht-heading-2">{t(`chatDesk.figures.${key}`)}</h2>
              <ul className="utrecht-unordered-list">{list.map((x) => <li key={x.code}>{label(x.code, kind)}: {x.chats}</li>)}</ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}

function PageEditor({ api, page }: { api: ChatApi; page: PublicPage }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(page.title);
  const [body, setBody] = useState(page.body);
  const [message, setMessage] = useState<string | null>(null);
  const id = `${page.slug}-${page.lang}`;
  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    try {
      await api.savePage(page.slug, page.lang, { title, body });
      setMessage(t('chatDesk.pages.saved'));
    } catch (err) {
      setMessage(errorText(t, err));
    }
  }
  return (
    <form className="signaal-chatdesk__panel" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-h`}>
      <h2 className="utrecht-heading-2" id={`${id}-h`}>{page.title} ({t(`chatDesk.pages.lang.${page.lang}`)})</h2>
      <label className="utrecht-form-label" htmlFor={`${id}-title`}>{t('chatDesk.pages.pageTitle')}</label>
      <input className="utrecht-textbox" id={`${id}-title`} type="text" maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      <label className="utrecht-form-label" htmlFor={`${id}-body`}>{t('chatDesk.pages.body')}</label>
      <textarea className="utrecht-textarea" id={`${id}-body`} rows={12} maxLength={20000} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
      <button type="submit" className="utrecht-button utrecht-button--primary-action">{t('chatDesk.pages.save')}</button>
      <p className="utrecht-paragraph" role="status">{message ?? ''}</p>
    </form>
  );
}

/** Admin: the texts of the public information pages. */
export function PagesView() {
  const { t } = useTranslation();
  const api = useChatApi();
  const [pages, setPages] = useState<PublicPage[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void api.pages().then(setPages).catch((err: unknown) => setProblem(errorText(t, err)));
  }, [api, t]);
  return (
    <>
      <PageTitle documentTitle={t('chatDesk.pages.title')}>{t('chatDesk.pages.title')}</PageTitle>
      <p className="utrecht-paragraph">{t('chatDesk.pages.intro')}</p>
      {problem && <p className="utrecht-paragraph signaal-error" role="alert">{problem}</p>}
      <div className="signaal-chatdesk__panels">{pages?.map((p) => <PageEditor key={`${p.slug}-${p.lang}`} api={api} page={p} />)}</div>
    </>
  );
}
