import { useRef, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { QUESTIONS, weigh, type Answers } from '../../../src/domain/meldcode/afwegingskader.ts';
import { QUESTION_TEXT, SECTOR_CONTENT, STEP_CONTENT, type Sector, type Text } from '../../../src/domain/meldcode/sectors.ts';
import { EMPTY, track, type Dossier, type StepNo } from './meldcode-dossier.ts';
import { newKey, postJson, Radios, SafetyBox } from './meldcode-shared.tsx';

// The meldcode tool's five steps, the advice and melding forms, the outcome and the PDF: a chunk
// of its own, loaded when the professional starts (or reloads a dossier in progress), so the
// tool's start page is a small first load. The dossier itself stays with the start page
// (meldcode-tool.page.tsx), which passes it in.

const VIOLENCE = ['kindermishandeling', 'partnergeweld', 'ouderenmishandeling', 'geweld-tegen-ouders', 'huiselijk-geweld-overig', 'onbekend'] as const;

/** The "meldcodeSteps" namespace, fetched with this chunk (public.i18n.ts). */
function useStepsTranslation() {
  return useTranslation('meldcodeSteps');
}

/** The dossier as the server's PDF route wants it. */
function pdfBody(d: Dossier) {
  return { sector: d.sector, route: d.route, step: d.step === 0 ? 1 : d.step, signals: d.signals, notes: d.notes, answers: d.answers, closeReason: d.closeReason, monitoring: d.monitoring, adviceReference: d.adviceReference, meldingReference: d.meldingReference };
}

function PdfButton({ dossier }: { dossier: Dossier }) {
  const { t } = useStepsTranslation();
  const [failed, setFailed] = useState(false);
  async function download(): Promise<void> {
    setFailed(false);
    try {
      const res = await fetch('/api/public/meldcode/dossier.pdf', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pdfBody(dossier)), credentials: 'omit' });
      if (!res.ok) throw new Error(String(res.status));
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = 'meldcode-dossier.pdf';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setFailed(true);
    }
  }
  return (
    <div className="signaal-pdf">
      <button type="button" className="utrecht-button utrecht-button--secondary-action" aria-describedby="pdf-hint" onClick={() => void download()}>{t('pdf')}</button>
      <p className="utrecht-form-field-description" id="pdf-hint">{t('pdfHint')}</p>
      {failed && <p className="utrecht-form-field-error-message signaal-error" role="alert">{t('pdfFailed')}</p>}
    </div>
  );
}

function TextArea({ id, label, hint, value, onChange, error, rows = 4 }: { id: string; label: string; hint?: string; value: string; onChange: (v: string) => void; error?: string | undefined; rows?: number }) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`utrecht-form-field signaal-field${error ? ' signaal-field--invalid' : ''}`}>
      <label className="utrecht-form-label" htmlFor={id}>{label}</label>
      {hint && <p className="utrecht-form-field-description" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="utrecht-form-field-error-message signaal-error" id={`${id}-error`}>{error}</p>}
      <textarea className="utrecht-textarea" id={id} rows={rows} maxLength={4000} value={value} aria-describedby={described} aria-invalid={error ? true : undefined} onChange={(e) => onChange(e.currentTarget.value)} />
    </div>
  );
}

function Input({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string | undefined }) {
  return (
    <div className={`utrecht-form-field signaal-field${error ? ' signaal-field--invalid' : ''}`}>
      <label className="utrecht-form-label" htmlFor={id}>{label}</label>
      {error && <p className="utrecht-form-field-error-message signaal-error" id={`${id}-error`}>{error}</p>}
      <input className="utrecht-textbox" id={id} type="text" autoComplete="off" maxLength={200} value={value} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined} onChange={(e) => onChange(e.currentTarget.value)} />
    </div>
  );
}

/** Sends an advies or melding to Veilig Thuis, once per key (retries reuse it). */
function useSend() {
  const keys = useRef<Record<string, string>>({});
  const sending = useRef(false);
  const [state, setState] = useState<'idle' | 'sending' | 'failed'>('idle');
  async function send(kind: 'advies' | 'melding', body: Record<string, unknown>): Promise<string | null> {
    if (sending.current) return null;
    sending.current = true;
    setState('sending');
    keys.current[kind] ??= newKey();
    try {
      const res = await postJson<{ reference: string }>('/api/public/meldcode/contacts', { kind, ...body }, keys.current[kind]);
      if (res.status === 201 && res.body) {
        setState('idle');
        return res.body.reference;
      }
      setState('failed');
      return null;
    } catch {
      setState('failed');
      return null;
    } finally {
      sending.current = false;
    }
  }
  return { state, send };
}

function AdviceRequest({ dossier, onSent }: { dossier: Dossier; onSent: (reference: string) => void }) {
  const { t } = useStepsTranslation();
  const [question, setQuestion] = useState('');
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const { state, send } = useSend();
  if (dossier.adviceReference) {
    return (
      <section className="signaal-callout" aria-labelledby="advice-title">
        <h2 className="utrecht-heading-2" id="advice-title">{t('advice.title')}</h2>
        <p className="utrecht-paragraph">{t('advice.sent')}</p>
        <p className="utrecht-paragraph signaal-reference" data-testid="advice-reference">{dossier.adviceReference}</p>
      </section>
    );
  }
  async function submit(): Promise<void> {
    if (!question.trim()) return setError(t('required'));
    setError(undefined);
    const withDetails = consent && (name.trim() || contact.trim());
    const reference = await send('advies', { sector: dossier.sector, municipalityCode: dossier.municipalityCode || null, story: question.trim(), reporterName: withDetails ? name.trim() || null : null, reporterContact: withDetails ? contact.trim() || null : null, consent: Boolean(withDetails) });
    if (reference) onSent(reference);
  }
  return (
    <section className="signaal-callout signaal-form" aria-labelledby="advice-title">
      <h2 className="utrecht-heading-2" id="advice-title">{t('advice.title')}</h2>
      <p className="utrecht-paragraph">{t('advice.text')}</p>
      <TextArea id="advice-question" label={t('advice.question')} value={question} onChange={setQuestion} error={error} />
      <p className="utrecht-paragraph">{t('advice.own')}</p>
      <div className="signaal-option">
        <input type="checkbox" className="utrecht-checkbox" id="advice-consent" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />
        <label htmlFor="advice-consent">{t('advice.consent')}</label>
      </div>
      {consent && (
        <>
          <Input id="advice-name" label={t('melding.name')} value={name} onChange={setName} />
          <Input id="advice-contact" label={t('melding.contact')} value={contact} onChange={setContact} />
        </>
      )}
      {state === 'failed' && <p className="utrecht-form-field-error-message signaal-error" role="alert">{t('sendFailed')}</p>}
      <button type="button" className="utrecht-button utrecht-button--primary-action" aria-disabled={state === 'sending' ? true : undefined} onClick={() => void submit()}>{t(state === 'sending' ? 'sending' : 'advice.send')}</button>
    </section>
  );
}

function MeldingForm({ dossier, onSent }: { dossier: Dossier; onSent: (reference: string) => void }) {
  const { t } = useStepsTranslation();
  const [v, setV] = useState({ name: '', contact: '', violence: '', story: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { state, send } = useSend();
  async function submit(): Promise<void> {
    const e: Record<string, string> = {};
    if (!v.name.trim()) e.name = t('required');
    if (!v.contact.trim()) e.contact = t('required');
    if (!v.violence) e.violence = t('required');
    if (!v.story.trim()) e.story = t('required');
    setErrors(e);
    if (Object.keys(e).length) return;
    const reference = await send('melding', { sector: dossier.sector, municipalityCode: dossier.municipalityCode || null, violenceType: v.violence, story: v.story.trim(), reporterName: v.name.trim(), reporterContact: v.contact.trim() });
    if (reference) onSent(reference);
  }
  return (
    <section className="signaal-form" aria-labelledby="melding-title">
      <h2 className="utrecht-heading-2" id="melding-title">{t('melding.title')}</h2>
      <p className="utrecht-paragraph">{t('melding.text')}</p>
      <Input id="melding-name" label={t('melding.name')} value={v.name} onChange={(name) => setV({ ...v, name })} error={errors.name} />
      <Input id="melding-contact" label={t('melding.contact')} value={v.contact} onChange={(contact) => setV({ ...v, contact })} error={errors.contact} />
      <Radios name="melding-violence" legend={t('melding.violence')} options={VIOLENCE.map((o) => ({ value: o, label: t(`violenceTypes.${o}`) }))} value={v.violence} onChange={(violence) => setV({ ...v, violence })} />
      {errors.violence && <p className="utrecht-form-field-error-message signaal-error">{t('melding.violence')}: {errors.violence}</p>}
      <TextArea id="melding-story" label={t('melding.story')} value={v.story} onChange={(story) => setV({ ...v, story })} error={errors.story} rows={6} />
      {state === 'failed' && <p className="utrecht-form-field-error-message signaal-error" role="alert">{t('sendFailed')}</p>}
      <button type="button" className="utrecht-button utrecht-button--primary-action" aria-disabled={state === 'sending' ? true : undefined} onClick={() => void submit()}>{t(state === 'sending' ? 'sending' : 'melding.send')}</button>
    </section>
  );
}

export function MeldcodeSteps({ dossier: d, setDossier: setD, goTo }: { dossier: Dossier; setDossier: Dispatch<SetStateAction<Dossier>>; goTo: (step: StepNo) => void }) {
  const { t, i18n } = useStepsTranslation();
  const lang: 'nl' | 'en' = i18n.language === 'en' ? 'en' : 'nl';
  const tx = (x: Text) => x[lang];
  const [finalError, setFinalError] = useState(false);
  const update = (patch: Partial<Dossier>) => setD((x) => ({ ...x, ...patch }));

  if (d.outcome) {
    return (
      <>
        <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{t('done.title')}</h1>
        <SafetyBox />
        <p className="utrecht-paragraph" data-testid="outcome">{t(`done.${d.outcome}`)}</p>
        {d.meldingReference && <p className="utrecht-paragraph signaal-reference" data-testid="melding-reference">{d.meldingReference}</p>}
        <p className="utrecht-paragraph">{t('done.keep')}</p>
        <PdfButton dossier={d} />
        <p className="utrecht-paragraph"><button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => setD(EMPTY)}>{t('done.again')}</button></p>
      </>
    );
  }

  const sector = SECTOR_CONTENT[d.sector as Sector];
  // Never 0 here: the start page shows step 0.
  const step: StepNo = d.step === 0 ? 1 : d.step;
  const verdict = weigh(d.answers);
  const key = String(step) as keyof Dossier['notes'];
  const notes = <TextArea id={`notes-${step}`} label={t('notes')} hint={t('notesHint')} value={d.notes[key]} onChange={(v) => update({ notes: { ...d.notes, [key]: v } })} />;
  const nav = (extra?: ReactNode) => (
    <div className="signaal-step-nav">
      {step > 1 && <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => goTo((step - 1) as StepNo)}>{t('previous')}</button>}
      {extra ?? (step < 5 && <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={() => goTo((step + 1) as StepNo)}>{t('next')}</button>)}
    </div>
  );

  function finish(outcome: 'afgesloten' | 'hulp-met-monitoring'): void {
    const text = outcome === 'afgesloten' ? d.closeReason : d.monitoring;
    if (!text.trim()) return setFinalError(true);
    setFinalError(false);
    track(d.sector, `uitkomst-${outcome}`, d.municipalityCode);
    update({ outcome });
  }

  return (
    <>
      <p className="utrecht-paragraph signaal-step-count">{tx(sector.label)} · {t('stepOf', { step })}</p>
      <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{tx(STEP_CONTENT[step].title)}</h1>
      <SafetyBox />
      <p className="utrecht-paragraph">{tx(STEP_CONTENT[step].note)}</p>
      {(step === 1 || step === 5) && sector.notes.map((n) => <p className="utrecht-paragraph signaal-callout" key={n.nl}>{tx(n)}</p>)}

      {step === 1 && (
        <fieldset className="utrecht-form-fieldset signaal-field">
          <legend className="utrecht-form-label">{t('signals')}</legend>
          {sector.signals.map((s) => (
            <div className="signaal-option" key={s.code}>
              <input type="checkbox" className="utrecht-checkbox" id={`signal-${s.code}`} checked={d.signals.includes(s.code)}
                onChange={(e) => update({ signals: e.currentTarget.checked ? [...d.signals, s.code] : d.signals.filter((x) => x !== s.code) })} />
              <label htmlFor={`signal-${s.code}`}>{tx(s.label)}</label>
            </div>
          ))}
        </fieldset>
      )}
      {step === 2 && <AdviceRequest dossier={d} onSent={(ref) => update({ adviceReference: ref })} />}

      {step === 4 && (
        <section aria-labelledby="weigh-title">
          <h2 className="utrecht-heading-2" id="weigh-title">{t('weigh.title')}</h2>
          {QUESTIONS.map((q) => {
            // Show a question once the ones before it lead to it.
            const before: Answers = {};
            for (const p of QUESTIONS) if (p < q) before[`q${p}`] = d.answers[`q${p}`];
            const reach = weigh(before);
            if (reach.kind !== 'question' || reach.question !== q) return null;
            const value = d.answers[`q${q}`];
            return (
              <Radios key={q} name={`q${q}`} legend={`${q}. ${tx(QUESTION_TEXT[q])}`} options={[{ value: 'ja', label: t('weigh.yes') }, { value: 'nee', label: t('weigh.no') }]}
                value={value === undefined ? '' : value ? 'ja' : 'nee'}
                onChange={(v) => {
                  const answers: Answers = { ...d.answers, [`q${q}`]: v === 'ja' };
                  // A changed answer drops the answers after it: they belonged to another branch.
                  for (const p of QUESTIONS) if (p > q) delete answers[`q${p}`];
                  update({ answers });
                }} />
            );
          })}
          {verdict.kind === 'question' && verdict.helpUnderway && <p className="utrecht-paragraph signaal-callout">{t('weigh.helpUnderway')}</p>}
        </section>
      )}

      {step === 5 && (
        <section aria-labelledby="decision-title">
          <h2 className="utrecht-heading-2" id="decision-title">{t('decision')}</h2>
          <p className="utrecht-paragraph" data-testid="verdict">
            {verdict.kind === 'question' ? t('verdict.open') : verdict.kind === 'close' ? t('verdict.close') : verdict.kind === 'melding' ? t(`verdict.${verdict.reason}`) : t('verdict.help')}
          </p>
          {verdict.kind === 'melding' && <MeldingForm dossier={d} onSent={(ref) => update({ meldingReference: ref, outcome: 'melding' })} />}
          {verdict.kind === 'close' && (
            <div className="signaal-form">
              <TextArea id="close-reason" label={t('closeReason')} value={d.closeReason} onChange={(v) => update({ closeReason: v })} error={finalError ? t('required') : undefined} />
              <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={() => finish('afgesloten')}>{t('closeSubmit')}</button>
            </div>
          )}
          {verdict.kind === 'help-with-monitoring' && (
            <div className="signaal-form">
              <TextArea id="monitoring" label={t('monitoring')} value={d.monitoring} onChange={(v) => update({ monitoring: v })} error={finalError ? t('required') : undefined} />
              <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={() => finish('hulp-met-monitoring')}>{t('monitoringSubmit')}</button>
            </div>
          )}
        </section>
      )}

      {notes}
      {nav(step === 4 ? (verdict.kind !== 'question' ? <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={() => goTo(5)}>{t('weigh.toDecision')}</button> : <span />) : undefined)}
      <PdfButton dossier={d} />
    </>
  );
}
