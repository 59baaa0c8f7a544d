import { useState, type FormEvent, type ChangeEvent } from 'react';
import { Button, Textbox } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.client.ts';
import { useConsole } from './console.context.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';

/** The 6-digit code form used both right after set-up and at every login. */
export function TotpCodeForm() {
  const { t } = useTranslation();
  const { api, setSession } = useConsole();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const clean = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(clean)) {
      setError(t('totp.format'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setSession(await api.totpVerify(clean));
    } catch (err) {
      setCode('');
      if (err instanceof ApiError && err.code === 'invalid_totp') setError(t('totp.invalid'));
      else setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
      <FormAlert message={error} />
      <Field label={t('totp.code')} error={error} required>
        {(c) => (
          <Textbox
            {...c}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            size={8}
            value={code}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setCode(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
        {t('totp.submit')}
      </Button>
    </form>
  );
}
