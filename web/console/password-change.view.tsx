import { useState, type FormEvent, type ChangeEvent } from 'react';
import { Button, Paragraph, Textbox } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.client.ts';
import { useConsole } from './console.context.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { PageTitle } from './page-title.component.tsx';

const MIN_LENGTH = 12;

export function PasswordChangeView() {
  const { t } = useTranslation();
  const { api, setSession } = useConsole();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ next?: string; repeat?: string; current?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const errors: { next?: string; repeat?: string } = {};
    if (next.length < MIN_LENGTH) errors.next = t('password.tooShort');
    else if (next !== repeat) errors.repeat = t('password.mismatch');
    setFieldErrors(errors);
    if (errors.next || errors.repeat) {
      setError(errors.next ?? errors.repeat ?? null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setSession(await api.changePassword(current, next));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_credentials') {
        setFieldErrors({ current: t('password.wrongCurrent') });
        setError(t('password.wrongCurrent'));
      } else if (err instanceof ApiError && err.code === 'weak_password') {
        setFieldErrors({ next: t('password.tooShort') });
        setError(t('password.tooShort'));
      } else if (err instanceof ApiError && err.code === 'password_reused') {
        setFieldErrors({ next: t('password.reused') });
        setError(t('password.reused'));
      } else if (err instanceof ApiError && err.status === 400) {
        setError(t('password.rejected', { message: err.message }));
      } else setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle documentTitle={t('password.title')}>{t('password.title')}</PageTitle>
      <Paragraph>{t('password.intro')}</Paragraph>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <Field label={t('password.current')} error={fieldErrors.current ?? null} required>
          {(c) => (
            <Textbox {...c} type="password" name="currentPassword" autoComplete="current-password" value={current} onChange={(e: ChangeEvent<HTMLInputElement>) => setCurrent(e.target.value)} />
          )}
        </Field>
        <Field label={t('password.new')} description={t('password.hint')} error={fieldErrors.next ?? null} required>
          {(c) => (
            <Textbox {...c} type="password" name="newPassword" autoComplete="new-password" minLength={MIN_LENGTH} value={next} onChange={(e: ChangeEvent<HTMLInputElement>) => setNext(e.target.value)} />
          )}
        </Field>
        <Field label={t('password.repeat')} error={fieldErrors.repeat ?? null} required>
          {(c) => (
            <Textbox {...c} type="password" name="repeatPassword" autoComplete="new-password" value={repeat} onChange={(e: ChangeEvent<HTMLInputElement>) => setRepeat(e.target.value)} />
          )}
        </Field>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('password.submit')}
        </Button>
      </form>
    </>
  );
}
