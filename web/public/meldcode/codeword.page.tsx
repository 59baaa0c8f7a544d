import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codewordAction, VEILIG_THUIS_PHONE, type CodewordPath } from '../../../src/domain/meldcode/codeword.ts';
import { MunicipalitySelect, newKey, postJson } from './meldcode-shared.tsx';

type State =
  | { at: 'start' }
  | { at: 'said' }
  | { at: 'path'; path: CodewordPath; status: 'sending' | 'failed' | 'done'; reference: string | null };

/**
 * The counter route for pharmacy staff, two taps deep: "the codeword was said", then alone /
 * accompanied / acute. Every use is recorded (date, region, path); nothing about the person.
 */
export function CodewordPage() {
  const { t } = useTranslation('codeword');
  const [municipality, setMunicipality] = useState('');
  const [state, setState] = useState<State>({ at: 'start' });
  const [safeMoment, setSafeMoment] = useState('');
  const key = useRef(newKey());
  const sending = useRef(false);

  useEffect(() => {
    document.getElementById('page-title')?.focus();
  }, [state.at]);

  async function record(path: CodewordPath): Promise<void> {
    if (sending.current) return;
    sending.current = true;
    setState({ at: 'path', path, status: 'sending', reference: null });
    try {
      const res = await postJson<{ reference: string | null }>('/api/public/codeword', { path, municipalityCode: municipality || null }, key.current);
      setState(res.status === 201 ? { at: 'path', path, status: 'done', reference: res.body?.reference ?? null } : { at: 'path', path, status: 'failed', reference: null });
    } catch {
      setState({ at: 'path', path, status: 'failed', reference: null });
    } finally {
      sending.current = false;
    }
  }

  function restart(): void {
    key.current = newKey();
    setSafeMoment('');
    setState({ at: 'start' });
  }

  if (state.at === 'start') {
    return (
      <>
        <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{t('codeword.title')}</h1>
        <p className="utrecht-paragraph">{t('codeword.intro')}</p>
        <MunicipalitySelect id="pharmacy-municipality" label={t('codeword.municipality')} hint={t('codeword.municipalityHint')} unknown={t('municipalityUnknown')} value={municipality} onChange={setMunicipality} />
        <button type="button" className="utrecht-button utrecht-button--primary-action signaal-big-button" onClick={() => setState({ at: 'said' })}>{t('codeword.said')}</button>
      </>
    );
  }

  if (state.at === 'said') {
    return (
      <>
        <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{t('codeword.question')}</h1>
        <div className="signaal-button-stack">
          {(['acuut', 'alleen', 'begeleid'] as const satisfies readonly CodewordPath[]).map((p) => (
            <button key={p} type="button" className={`utrecht-button signaal-big-button ${p === 'acuut' ? 'utrecht-button--primary-action signaal-danger-button' : 'utrecht-button--secondary-action'}`} onClick={() => void record(p)}>{t(`codeword.${p}`)}</button>
          ))}
        </div>
      </>
    );
  }

  const action = codewordAction(state.path);
  return (
    <>
      <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{t(`codeword.${state.path}`)}</h1>
      {action.call112 ? (
        <>
          <p className="utrecht-paragraph"><strong>{t('codeword.acuutDone')}</strong></p>
          <p className="utrecht-paragraph"><a className="utrecht-link signaal-call-link" href="tel:112">{t('codeword.call112')}</a></p>
        </>
      ) : (
        <>
          <ol className="utrecht-ordered-list">
            {(t(state.path === 'alleen' ? 'codeword.alleenDone' : 'codeword.begeleidDone', { returnObjects: true }) as string[]).map((line) => <li key={line}>{line}</li>)}
          </ol>
          {action.safeContactMoment && (
            <div className="utrecht-form-field signaal-field signaal-form">
              <label className="utrecht-form-label" htmlFor="safe-moment">{t('codeword.safeMoment')}</label>
              <input className="utrecht-textbox" id="safe-moment" type="text" autoComplete="off" maxLength={200} value={safeMoment} onChange={(e) => setSafeMoment(e.currentTarget.value)} />
            </div>
          )}
          <p className="utrecht-paragraph"><a className="utrecht-link signaal-call-link" href={`tel:${VEILIG_THUIS_PHONE.replace('-', '')}`}>{t('codeword.callVT')}</a></p>
        </>
      )}
      <div aria-live="polite">
        {state.status === 'sending' && <p className="utrecht-paragraph">{t('codeword.registering')}</p>}
        {state.status === 'done' && state.reference && (
          <>
            <p className="utrecht-paragraph">{t('codeword.reference')}</p>
            <p className="utrecht-paragraph signaal-reference" data-testid="reference">{state.reference}</p>
          </>
        )}
      </div>
      {state.status === 'failed' && (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{t('codeword.failed')}</p>
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => void record(state.path)}>{t('codeword.retry')}</button>
        </div>
      )}
      <p className="utrecht-paragraph">
        <button type="button" className="utrecht-button utrecht-button--subtle" onClick={restart}>{t('codeword.again')}</button>
      </p>
    </>
  );
}
