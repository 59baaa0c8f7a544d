import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QUESTIONS, weigh, type Answers } from '../../src/domain/meldcode/afwegingskader.ts';
import { QUESTION_TEXT, SECTOR_CONTENT, SECTORS, STEP_CONTENT, STEPS, type Sector } from '../../src/domain/meldcode/sectors.ts';
import type { MeldcodeDossier, MeldcodeDossierContent } from './api.types.ts';
import { ConsoleLink } from './console-link.component.tsx';
import { useCan, useConsole } from './console.context.ts';
import { navigate } from './console.router.ts';
import { errorText } from './error-text.ts';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

// Meldcode dossiers of an organisation with an account (school, childcare centre, pharmacy, GP
// practice). The server scopes them (row-level security): a professional sees their own, the
// aandachtsfunctionaris all of the organisation's. Stalled dossiers are flagged as a reminder.

const lang = (l: string): 'nl' | 'en' => (l === 'en' ? 'en' : 'nl');

function emptyContent(sector: Sector): MeldcodeDossierContent {
  return { sector, route: null, step: 1, signals: [], notes: { '1': '', '2': '', '3': '', '4': '', '5': '' }, answers: {}, closeReason: '', monitoring: '', adviceReference: null, meldingReference: null };
}

export function MeldcodeDossiersView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const l = lang(i18n.language);
  const list = useLoad(() => api.meldcodeDossiers(), []);
  const [title, setTitle] = useState('');
  const [sector, setSector] = useState<Sector | ''>('');
  const [error, setError] = useState<string | null>(null);

  async function create(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!title.trim() || !sector) return setError(t('meldcode.required'));
    setError(null);
    try {
      const d = await api.createMeldcodeDossier({ title: title.trim(), content: emptyContent(sector) });
      navigate(`/meldcode/${d.id}`);
    } catch (err) {
      setError(errorText(t, err));
    }
  }

  const stalled = (list.data ?? []).filter((d) => d.stalled);
  return (
    <>
      <PageTitle documentTitle={t('meldcode.title')}>{t('meldcode.title')}</PageTitle>
      <p className="utrecht-paragraph">{t(can('meldcode:supervise') ? 'meldcode.introSupervise' : 'meldcode.intro')}</p>
      {stalled.length > 0 && (
        <div className="utrecht-alert utrecht-alert--warning signaal-alert" role="status">
          <p className="utrecht-paragraph">{t('meldcode.stalledReminder', { count: stalled.length })}</p>
        </div>
      )}
      <FormAlert message={error ?? (list.error ? errorText(t, list.error) : null)} />
      <h2 className="utrecht-heading-2">{t('meldcode.newTitle')}</h2>
      <form className="signaal-form" noValidate onSubmit={(e) => void create(e)}>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="dossier-title">{t('meldcode.dossierTitle')}</label>
          <p className="utrecht-form-field-description" id="dossier-title-hint">{t('meldcode.dossierTitleHint')}</p>
          <input className="utrecht-textbox" id="dossier-title" aria-describedby="dossier-title-hint" maxLength={100} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="dossier-sector">{t('meldcode.sector')}</label>
          <select className="utrecht-select" id="dossier-sector" value={sector} onChange={(e) => setSector(e.currentTarget.value as Sector)}>
            <option value="">{t('meldcode.choose')}</option>
            {SECTORS.map((s) => <option key={s} value={s}>{SECTOR_CONTENT[s].label[l]}</option>)}
          </select>
        </div>
        <button type="submit" className="utrecht-button utrecht-button--primary-action">{t('meldcode.create')}</button>
      </form>
      <table className="utrecht-table">
        <caption className="utrecht-table__caption">{t('meldcode.caption')}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {['dossierTitle', 'sector', 'step', 'outcome', 'createdBy', 'updated'].map((k) => <th key={k} scope="col" className="utrecht-table__header-cell">{t(`meldcode.${k}`)}</th>)}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {(list.data ?? []).map((d) => (
            <tr key={d.id} className="utrecht-table__row">
              <td className="utrecht-table__cell"><ConsoleLink to={`/meldcode/${d.id}`}>{d.title}</ConsoleLink>{d.stalled ? ` (${t('meldcode.stalled')})` : ''}</td>
              <td className="utrecht-table__cell">{SECTOR_CONTENT[d.sector].label[l]}</td>
              <td className="utrecht-table__cell">{d.step}</td>
              <td className="utrecht-table__cell">{d.outcome ? t(`meldcode.outcomes.${d.outcome}`) : t('meldcode.open')}</td>
              <td className="utrecht-table__cell">{d.own ? t('meldcode.you') : d.createdBy.name ?? ''}</td>
              <td className="utrecht-table__cell">{formatDateTime(d.updatedAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function MeldcodeDossierView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const l = lang(i18n.language);
  const loaded = useLoad(() => api.meldcodeDossier(id), [id]);
  const [draft, setDraft] = useState<MeldcodeDossier | null>(null);
  const [message, setMessage] = useState<{ type: 'ok' | 'error'; text: string } | null>(null);
  const d = draft ?? loaded.data;
  if (!d) return <><PageTitle documentTitle={t('meldcode.title')}>{t('meldcode.title')}</PageTitle><FormAlert message={loaded.error ? errorText(t, loaded.error) : null} /></>;

  const c = d.content;
  const set = (patch: Partial<MeldcodeDossierContent>) => setDraft({ ...d, content: { ...c, ...patch } });
  const verdict = weigh(c.answers);
  const step = String(c.step) as keyof MeldcodeDossierContent['notes'];

  async function save(): Promise<void> {
    if (!d) return;
    try {
      setDraft(await api.updateMeldcodeDossier(d.id, { title: d.title, content: d.content }));
      setMessage({ type: 'ok', text: t('meldcode.saved') });
    } catch (err) {
      setMessage({ type: 'error', text: errorText(t, err) });
    }
  }

  return (
    <>
      <PageTitle documentTitle={d.title}>{d.title}</PageTitle>
      <p className="utrecht-paragraph">
        {SECTOR_CONTENT[c.sector].label[l]} · {d.own ? t('meldcode.you') : d.createdBy.name} · {d.outcome ? t(`meldcode.outcomes.${d.outcome}`) : t('meldcode.open')}
        {d.stalled ? ` · ${t('meldcode.stalled')}` : ''}
      </p>
      <p className="utrecht-paragraph"><ConsoleLink to="/meldcode">{t('meldcode.back')}</ConsoleLink></p>
      <div className="signaal-form">
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="dossier-step">{t('meldcode.step')}</label>
          <select className="utrecht-select" id="dossier-step" value={c.step} onChange={(e) => set({ step: Number(e.currentTarget.value) })}>
            {STEPS.map((s) => <option key={s} value={s}>{STEP_CONTENT[s].title[l]}</option>)}
          </select>
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="dossier-notes">{t('meldcode.notes')}</label>
          <textarea className="utrecht-textarea" id="dossier-notes" rows={5} maxLength={4000} value={c.notes[step]} onChange={(e) => set({ notes: { ...c.notes, [step]: e.currentTarget.value } })} />
        </div>
        {c.step >= 4 && QUESTIONS.map((q) => {
          const before: Answers = {};
          for (const p of QUESTIONS) if (p < q) before[`q${p}`] = c.answers[`q${p}`];
          const reach = weigh(before);
          if (reach.kind !== 'question' || reach.question !== q) return null;
          const v = c.answers[`q${q}`];
          return (
            <fieldset key={q} className="utrecht-form-fieldset">
              <legend className="utrecht-form-label">{q}. {QUESTION_TEXT[q][l]}</legend>
              {(['ja', 'nee'] as const).map((o) => (
                <div key={o}>
                  <input type="radio" className="utrecht-radio-button" id={`q${q}-${o}`} name={`q${q}`} checked={v === (o === 'ja')} onChange={() => {
                    const answers: Answers = { ...c.answers, [`q${q}`]: o === 'ja' };
                    for (const p of QUESTIONS) if (p > q) delete answers[`q${p}`];
                    set({ answers });
                  }} />
                  <label htmlFor={`q${q}-${o}`}> {t(`meldcode.${o}`)}</label>
                </div>
              ))}
            </fieldset>
          );
        })}
        {verdict.kind === 'close' && (
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="dossier-close">{t('meldcode.closeReason')}</label>
            <textarea className="utrecht-textarea" id="dossier-close" rows={3} value={c.closeReason} onChange={(e) => set({ closeReason: e.currentTarget.value })} />
          </div>
        )}
        {verdict.kind === 'help-with-monitoring' && (
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="dossier-monitoring">{t('meldcode.monitoring')}</label>
            <textarea className="utrecht-textarea" id="dossier-monitoring" rows={3} value={c.monitoring} onChange={(e) => set({ monitoring: e.currentTarget.value })} />
          </div>
        )}
        {verdict.kind === 'melding' && <p className="utrecht-paragraph">{t('meldcode.reportHint')}</p>}
        <FormAlert message={message?.text ?? null} type={message?.type ?? 'error'} />
        <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={() => void save()}>{t('meldcode.save')}</button>
      </div>
    </>
  );
}
