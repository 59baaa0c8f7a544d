import { useEffect, useRef, useState, type ReactNode } from 'react';
import { QUESTIONS, weigh, type Answers, type Outcome } from '../../../src/domain/meldcode/afwegingskader.ts';
import { CHILDCARE_ROUTE_LABELS, CHILDCARE_ROUTE_NOTES, QUESTION_TEXT, SECTOR_CONTENT, SECTORS, STEP_CONTENT, type ChildcareRoute, type Sector, type Text } from '../../../src/domain/meldcode/sectors.ts';
import { onQuickExit } from '../quick-exit.ts';
import { hrefFor, ROUTES } from '../public.router.ts';
import { SiteLink } from '../site-link.component.tsx';
import { MunicipalitySelect, newKey, postJson, SafetyBox, useMeldcodeTranslation } from './meldcode-shared.tsx';

// The meldcode tool. The dossier lives in this tab only: React state, mirrored to sessionStorage
// so a reload does not lose work. Quick exit clears sessionStorage and unmounts the app; closing
// the tab drops it. Nothing reaches the server except what the professional sends (advice,
// melding), the PDF request (rendered and forgotten) and counts without content.

type StepNo = 1 | 2 | 3 | 4 | 5;
const STORAGE_KEY = 'signaal.meldcode';
const VIOLENCE = ['kindermishandeling', 'partnergeweld', 'ouderenmishandeling', 'geweld-tegen-ouders', 'huiselijk-geweld-overig', 'onbekend'] as const;

interface Dossier {
  sector: Sector | '';
  route: ChildcareRoute | null;
  municipalityCode: string;
  /** 0 is the start page. */
  step: 0 | StepNo;
  reached: number[];
  signals: string[];
  notes: Record<'1' | '2' | '3' | '4' | '5', string>;
  answers: Answers;
  closeReason: string;
  monitoring: string;
  adviceReference: string | null;
  meldingReference: string | null;
  outcome: Outcome | null;
}

const EMPTY: Dossier = { sector: '', route: null, municipalityCode: '', step: 0, reached: [], signals: [], notes: { '1': '', '2': '', '3': '', '4': '', '5': '' }, answers: {}, closeReason: '', monitoring: '', adviceReference: null, meldingReference: null, outcome: null };

function load(): Dossier {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<Dossier>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

function save(d: Dossier): void {
  try {
    if (d === EMPTY) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(d));
  } catch {
    // storage disabled or full: the dossier still lives in memory
  }
}

/** Counts a step without content; a lost count never bothers the professional. */
function track(sector: string, event: string, municipalityCode: string): void {
  void fetch('/api/public/meldcode/usage', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sector, event, municipalityCode: municipalityCode || null }),
    credentials: 'omit',
    keepalive: true,
  }).catch(() => undefined);
}

/** The dossier as the server's PDF route wants it. */
function pdfBody(d: Dossier) {
  return { sector: d.sector, route: d.route, step: d.step === 0 ? 1 : d.step, signals: d.signals, notes: d.notes, answers: d.answers, closeReason: d.closeReason, monitoring: d.monitoring, adviceReference: d.adviceReference, meldingReference: d.meldingReference };
}

function PdfButton({ dossier }: { dossier: Dossier }) {
  const { t } = useMeldcodeTranslation();
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

function Radios({ name, legend, options, value, onChange }: { name: string; legend: string; options: readonly { value: string; label: string }[]; value: string; onChange: (v: string) => void }) {
  return (
    <fieldset className="utrecht-form-fieldset signaal-field">
      <legend className="utrecht-form-label">{legend}</legend>
      {options.map((o) => (
        <div className="signaal-option" key={o.value}>
          <input type="radio" className="utrecht-radio-button" id={`${name}-${o.value}`} name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <label htmlFor={`${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
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
  const { t } = useMeldcodeTranslation();
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
  const { t } = useMeldcodeTranslation();
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

export function MeldcodeToolPage() {
  const { t, i18n } = useMeldcodeTranslation();
  const lang: 'nl' | 'en' = i18n.language === 'en' ? 'en' : 'nl';
  const tx = (x: Text) => x[lang];
  const [d, setD] = useState<Dossier>(load);
  const [startError, setStartError] = useState(false);
  const [finalError, setFinalError] = useState(false);

  useEffect(() => save(d), [d]);
  useEffect(() => onQuickExit(() => setD(EMPTY)), []);
  useEffect(() => {
    if (d.step !== 0) document.getElementById('page-title')?.focus();
  }, [d.step, d.outcome]);

  const update = (patch: Partial<Dossier>) => setD((x) => ({ ...x, ...patch }));

  function goTo(step: StepNo): void {
    // Each step is counted once per dossier: reaching it again (Back, Next) is not a new use.
    if (!d.reached.includes(step) && d.sector) track(d.sector, `stap-${step}`, d.municipalityCode);
    setD((x) => ({ ...x, step, reached: x.reached.includes(step) ? x.reached : [...x.reached, step] }));
  }

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

  if (d.step === 0) {
    const content = d.sector ? SECTOR_CONTENT[d.sector] : null;
    return (
      <>
        <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{t('title')}</h1>
        <SafetyBox />
        {(t('intro', { returnObjects: true }) as string[]).map((line) => <p className="utrecht-paragraph" key={line}>{line}</p>)}
        <p className="utrecht-paragraph"><SiteLink href={hrefFor(ROUTES.meldcodePharmacy, lang)}>{t('pharmacyLink')}</SiteLink></p>
        <div className="signaal-form">
          <Radios name="sector" legend={t('sector')} options={SECTORS.map((s) => ({ value: s, label: tx(SECTOR_CONTENT[s].label) }))} value={d.sector} onChange={(s) => update({ sector: s as Sector, route: null, signals: [] })} />
          {startError && <p className="utrecht-form-field-error-message signaal-error" role="alert">{t('chooseSector')}</p>}
          {content?.routes && (
            <Radios name="route" legend={t('route')} options={content.routes.map((r) => ({ value: r, label: tx(CHILDCARE_ROUTE_LABELS[r]) }))} value={d.route ?? ''} onChange={(r) => update({ route: r as ChildcareRoute })} />
          )}
          {d.route && <p className="utrecht-paragraph signaal-callout" data-testid="route-note">{tx(CHILDCARE_ROUTE_NOTES[d.route])}</p>}
          <MunicipalitySelect id="client-municipality" label={t('municipality')} hint={t('municipalityHint')} unknown={t('municipalityUnknown')} value={d.municipalityCode} onChange={(m) => update({ municipalityCode: m })} />
          <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={() => {
            if (!d.sector) return setStartError(true);
            setStartError(false);
            track(d.sector, 'gestart', d.municipalityCode);
            goTo(1);
          }}>{t('start')}</button>
        </div>
      </>
    );
  }

  const sector = SECTOR_CONTENT[d.sector as Sector];
  const step = d.step;
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
