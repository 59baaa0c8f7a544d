import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * useTranslation for the "meldcode" namespace. Its texts are fetched in the language shown
 * (public.i18n.ts); until they are there the page suspends and the site shows its loading state.
 */
export function useMeldcodeTranslation() {
  return useTranslation('meldcode');
}

/** The two sentences the tool shows at every step: 112 in acute danger, Veilig Thuis in doubt. */
export function SafetyBox() {
  const { t } = useMeldcodeTranslation();
  return (
    <section className="signaal-callout signaal-callout--danger" aria-label={t('safety.label')}>
      <p className="utrecht-paragraph"><strong>{t('safety.danger')}</strong> <a className="utrecht-link signaal-call-link" href="tel:112">112</a></p>
      <p className="utrecht-paragraph">{t('safety.doubt')} <a className="utrecht-link signaal-call-link" href="tel:08002000">0800-2000</a></p>
    </section>
  );
}

export function useMunicipalities(): { code: string; name: string }[] {
  const [list, setList] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    fetch('/api/public/municipalities', { signal: abort.signal, credentials: 'omit' })
      .then((r) => (r.ok ? (r.json() as Promise<{ code: string; name: string }[]>) : []))
      .then(setList)
      .catch(() => undefined); // optional: "weet ik niet" still works
    return () => abort.abort();
  }, []);
  return list;
}

export function MunicipalitySelect({ id, label, hint, unknown, value, onChange }: { id: string; label: string; hint: string; unknown: string; value: string; onChange: (v: string) => void }) {
  const list = useMunicipalities();
  return (
    <div className="utrecht-form-field signaal-field">
      <label className="utrecht-form-label" htmlFor={id}>{label}</label>
      <p className="utrecht-form-field-description" id={`${id}-hint`}>{hint}</p>
      <select className="utrecht-select" id={id} value={value} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{unknown}</option>
        {list.map((m) => <option key={m.code} value={m.code}>{m.name}</option>)}
      </select>
    </div>
  );
}

export function Radios({ name, legend, options, value, onChange }: { name: string; legend: string; options: readonly { value: string; label: string }[]; value: string; onChange: (v: string) => void }) {
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

/** One key per submission, reused on every retry, so the server registers it once. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function postJson<T>(url: string, body: unknown, key?: string): Promise<{ status: number; body: T | null }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
    credentials: 'omit',
  });
  const json = res.headers.get('content-type')?.includes('json') ? ((await res.json()) as T) : null;
  return { status: res.status, body: json };
}
