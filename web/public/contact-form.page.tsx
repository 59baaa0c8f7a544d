import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { textList } from './text-list.ts';

// The advice and report forms. Plain elements with Utrecht CSS classes (the CSS is loaded anyway)
// instead of the React components: the public first load has a 100 KB budget.
// Nothing is stored on the device: the form lives in React state only, autocomplete is off, and
// quick exit unmounts the app (main.tsx), which drops it.

type Kind = 'advies' | 'melding';
type Field = 'reporterName' | 'reporterContact' | 'consent' | 'reporterType' | 'municipalityCode' | 'violenceType' | 'story';
type Values = Record<Exclude<Field, 'consent'>, string> & { consent: boolean };
type Errors = Partial<Record<Field, string>>;
type Status = { state: 'idle' | 'sending' | 'network' | 'conflict' | 'server' | 'limited' } | { state: 'done'; reference: string };

const VIOLENCE = ['kindermishandeling', 'partnergeweld', 'ouderenmishandeling', 'geweld-tegen-ouders', 'huiselijk-geweld-overig', 'onbekend'] as const;
const MAX_STORY = 4000;
const PHONE = /^\+?[0-9][0-9 ()-]{7,19}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const EMPTY: Values = { reporterName: '', reporterContact: '', consent: false, reporterType: '', municipalityCode: '', violenceType: '', story: '' };

/** One key per form fill, reused on every retry, so the server registers the contact once. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function validate(kind: Kind, v: Values): Errors {
  const e: Errors = {};
  const contact = v.reporterContact.trim();
  const wantsContact = kind === 'melding' || v.consent;
  if (kind === 'melding' && !v.reporterName.trim()) e.reporterName = 'errors.name';
  if (wantsContact && !contact) e.reporterContact = 'errors.contact';
  else if (contact && !PHONE.test(contact) && !EMAIL.test(contact)) e.reporterContact = 'errors.contactFormat';
  if (kind === 'advies' && !v.consent && (v.reporterName.trim() || contact)) e.consent = 'errors.consent';
  if (kind === 'melding' && !v.reporterType) e.reporterType = 'errors.reporterType';
  if (kind === 'melding' && !v.violenceType) e.violenceType = 'errors.violenceType';
  if (!v.story.trim()) e.story = 'errors.story';
  else if (v.story.length > MAX_STORY) e.story = 'errors.storyLong';
  return e;
}

function body(kind: Kind, v: Values) {
  const withDetails = kind === 'melding' || v.consent;
  return {
    kind,
    municipalityCode: v.municipalityCode || null,
    reporterType: v.reporterType || null,
    violenceType: v.violenceType || null,
    story: v.story.trim(),
    reporterName: withDetails ? v.reporterName.trim() || null : null,
    reporterContact: withDetails ? v.reporterContact.trim() || null : null,
    consent: kind === 'advies' && v.consent,
  };
}

interface FieldProps {
  id: Field;
  label: string;
  hint?: string;
  error?: string | undefined;
  children: (describedBy: string | undefined) => ReactNode;
}

/** Label, hint and error, linked to the input with aria-describedby. */
function FormField({ id, label, hint, error, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`utrecht-form-field signaal-field${error ? ' signaal-field--invalid' : ''}`}>
      <label className="utrecht-form-label" htmlFor={id}>{label}</label>
      {hint && <p className="utrecht-form-field-description" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="utrecht-form-field-error-message signaal-error" id={`${id}-error`}>{error}</p>}
      {children(described)}
    </div>
  );
}

interface ChoiceProps {
  id: Field;
  legend: string;
  options: readonly string[];
  labels: (o: string) => string;
  value: string;
  error?: string | undefined;
  onChange: (v: string) => void;
}

function Choice({ id, legend, options, labels, value, error, onChange }: ChoiceProps) {
  return (
    <fieldset
      className={`utrecht-form-fieldset signaal-field${error ? ' signaal-field--invalid' : ''}`}
      id={id}
      tabIndex={-1}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="utrecht-form-label">{legend}</legend>
      {error && <p className="utrecht-form-field-error-message signaal-error" id={`${id}-error`}>{error}</p>}
      {options.map((o) => (
        <div className="signaal-option" key={o}>
          <input
            type="radio"
            className="utrecht-radio-button"
            id={`${id}-${o}`}
            name={id}
            value={o}
            checked={value === o}
            aria-invalid={error ? true : undefined}
            onChange={() => onChange(o)}
          />
          <label htmlFor={`${id}-${o}`}>{labels(o)}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function ContactFormPage({ kind }: { kind: Kind }) {
  const { t } = useTranslation('forms');
  const p = `forms.${kind}`;
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const [municipalities, setMunicipalities] = useState<{ code: string; name: string }[]>([]);
  const key = useRef(newKey());
  const sending = useRef(false);
  const summary = useRef<HTMLDivElement>(null);
  const problem = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    fetch('/api/public/municipalities', { signal: abort.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ code: string; name: string }[]>) : []))
      .then(setMunicipalities)
      .catch(() => undefined); // the list is optional: "weet ik niet" still works
    return () => abort.abort();
  }, []);

  useEffect(() => {
    if (status.state === 'done') document.getElementById('page-title')?.focus();
    else if (status.state !== 'idle' && status.state !== 'sending') problem.current?.focus();
  }, [status]);

  const set = <K extends keyof Values>(field: K, value: Values[K]) => setValues((v) => ({ ...v, [field]: value }));

  async function send(): Promise<void> {
    // A double click, or Enter while sending, sends once.
    if (sending.current) return;
    sending.current = true;
    setStatus({ state: 'sending' });
    try {
      const res = await fetch('/api/public/contacts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key.current },
        body: JSON.stringify(body(kind, values)),
        credentials: 'omit',
      });
      if (res.status === 201) {
        const { reference } = (await res.json()) as { reference: string };
        setValues(EMPTY);
        setStatus({ state: 'done', reference });
      } else {
        setStatus({ state: res.status === 422 ? 'conflict' : res.status === 429 ? 'limited' : 'server' });
      }
    } catch {
      // No answer: it may or may not have arrived. Retrying with the same key is safe.
      setStatus({ state: 'network' });
    } finally {
      sending.current = false;
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const found = validate(kind, values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setStatus({ state: 'idle' });
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    void send();
  }

  if (status.state === 'done') {
    return (
      <>
        <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{t(`${p}.doneTitle`)}</h1>
        <p className="utrecht-paragraph">{t('forms.referenceIntro')}</p>
        <p className="utrecht-paragraph signaal-reference" data-testid="reference">{status.reference}</p>
        {textList(t, `${p}.next`).map((line) => <p className="utrecht-paragraph" key={line}>{line}</p>)}
      </>
    );
  }

  const errorText = (f: Field) => (errors[f] ? t(`forms.${errors[f]}`) : undefined);
  const errorList = Object.keys(errors) as Field[];
  const detailsWanted = kind === 'melding' || values.consent;

  return (
    <>
      <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{t(`${p}.title`)}</h1>
      <section className="signaal-callout signaal-callout--danger" aria-label={t('forms.dangerLabel')}>
        <p className="utrecht-paragraph"><strong>{t('forms.danger')}</strong> <a className="utrecht-link signaal-call-link" href="tel:112">{t('home.dangerCall')}</a></p>
      </section>
      {textList(t, `${p}.intro`).map((line) => <p className="utrecht-paragraph" key={line}>{line}</p>)}

      {errorList.length > 0 && (
        <div className="utrecht-alert utrecht-alert--error signaal-summary" role="alert" tabIndex={-1} ref={summary} aria-labelledby="error-summary-title">
          <h2 className="utrecht-heading-2" id="error-summary-title">{t('forms.summaryTitle')}</h2>
          <ul className="utrecht-unordered-list">
            {errorList.map((f) => (
              <li key={f}><a className="utrecht-link" href={`#${f}`}>{errorText(f)}</a></li>
            ))}
          </ul>
        </div>
      )}

      <form noValidate autoComplete="off" onSubmit={onSubmit} className="signaal-form">
        {kind === 'advies' && (
          <div className="signaal-field signaal-option">
            <input type="checkbox" className="utrecht-checkbox" id="consent" checked={values.consent} aria-invalid={errors.consent ? true : undefined}
              aria-describedby={`consent-hint${errors.consent ? ' consent-error' : ''}`} onChange={(e) => set('consent', e.currentTarget.checked)} />
            <label htmlFor="consent">{t('forms.consent')}</label>
            <p className="utrecht-form-field-description" id="consent-hint">{t('forms.consentHint')}</p>
            {errors.consent && <p className="utrecht-form-field-error-message signaal-error" id="consent-error">{errorText('consent')}</p>}
          </div>
        )}
        {detailsWanted && (
          <>
            <FormField id="reporterName" label={t(kind === 'melding' ? 'forms.name' : 'forms.nameOptional')} error={errorText('reporterName')}>
              {(d) => <input className="utrecht-textbox" id="reporterName" type="text" maxLength={200} value={values.reporterName} aria-describedby={d} aria-invalid={errors.reporterName ? true : undefined} onChange={(e) => set('reporterName', e.currentTarget.value)} />}
            </FormField>
            <FormField id="reporterContact" label={t('forms.contact')} hint={t('forms.contactHint')} error={errorText('reporterContact')}>
              {(d) => <input className="utrecht-textbox" id="reporterContact" type="text" inputMode="email" maxLength={200} value={values.reporterContact} aria-describedby={d} aria-invalid={errors.reporterContact ? true : undefined} onChange={(e) => set('reporterContact', e.currentTarget.value)} />}
            </FormField>
          </>
        )}
        {kind === 'melding' && (
          <Choice id="reporterType" legend={t('forms.relation')} options={['beroepsmatig', 'particulier']} labels={(o) => t(`forms.relations.${o}`)}
            value={values.reporterType} error={errorText('reporterType')} onChange={(v) => set('reporterType', v)} />
        )}
        <FormField id="municipalityCode" label={t('forms.municipality')} hint={t('forms.municipalityHint')}>
          {(d) => (
            <select className="utrecht-select" id="municipalityCode" value={values.municipalityCode} aria-describedby={d} onChange={(e) => set('municipalityCode', e.currentTarget.value)}>
              <option value="">{t('forms.municipalityUnknown')}</option>
              {municipalities.map((m) => <option key={m.code} value={m.code}>{m.name}</option>)}
            </select>
          )}
        </FormField>
        {kind === 'melding' && (
          <Choice id="violenceType" legend={t('forms.violence')} options={VIOLENCE} labels={(o) => t(`forms.violenceTypes.${o}`)}
            value={values.violenceType} error={errorText('violenceType')} onChange={(v) => set('violenceType', v)} />
        )}
        <FormField id="story" label={t(`${p}.story`)} hint={t('forms.storyHint', { max: MAX_STORY, left: MAX_STORY - values.story.length })} error={errorText('story')}>
          {(d) => <textarea className="utrecht-textarea" id="story" rows={8} maxLength={MAX_STORY} value={values.story} aria-describedby={d} aria-invalid={errors.story ? true : undefined} onChange={(e) => set('story', e.currentTarget.value)} />}
        </FormField>

        {(status.state === 'network' || status.state === 'conflict' || status.state === 'server' || status.state === 'limited') && (
          <div className="utrecht-alert utrecht-alert--error" role="alert" tabIndex={-1} ref={problem}>
            <p className="utrecht-paragraph">{t(`forms.failed.${status.state}`)}</p>
            {status.state === 'network' && (
              <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => void send()}>{t('forms.retry')}</button>
            )}
          </div>
        )}
        <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={status.state === 'sending' ? true : undefined}>
          {t(status.state === 'sending' ? 'forms.sending' : `${p}.submit`)}
        </button>
      </form>
    </>
  );
}
