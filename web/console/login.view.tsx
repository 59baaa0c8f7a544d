import { useState, type FormEvent, type ChangeEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.client.ts';
import { useConsole } from './console.context.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';

function lockedUntil(details: unknown): string | null {
  if (typeof details !== 'object' || details === null) return null;
  const value = (details as { lockedUntil?: unknown }).lockedUntil;
  return typeof value === 'string' ? value : null;
}

/** Sets a new password with a one-time code an administrator handed over; two-factor follows. */
function PasswordResetForm({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const { api, setSession } = useConsole();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSession(await api.passwordReset(code.trim(), password));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_reset_code') setError(t('passwordReset.invalid'));
      else if (err instanceof ApiError && err.status === 400 && err.message && err.code === 'weak_password') setError(err.message);
      else setError(errorText(t, err));
      setBusy(false);
    }
  };
  return (
    <>
      <PageTitle documentTitle={t('passwordReset.title')}>{t('passwordReset.title')}</PageTitle>
      <Paragraph>{t('passwordReset.intro')}</Paragraph>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <Field label={t('passwordReset.code')} required>
          {(c) => <Textbox {...c} name="code" autoComplete="one-time-code" spellCheck={false} value={code} onChange={(e: ChangeEvent<HTMLInputElement>) => setCode(e.target.value)} />}
        </Field>
        <Field label={t('passwordReset.newPassword')} description={t('passwordReset.newPasswordHint')} required>
          {(c) => <Textbox {...c} type="password" name="new-password" autoComplete="new-password" value={password} onChange={(e: ChangeEvent<HTMLInputElement>) => setPassword(e.target.value)} />}
        </Field>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {t('passwordReset.submit')}
          </Button>
          <Button type="button" appearance="subtle-button" onClick={onBack}>
            {t('passwordReset.back')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

export function LoginView({ notice }: { notice: string | null }) {
  const [resetting, setResetting] = useState(false);
  if (resetting) return <PasswordResetForm onBack={() => setResetting(false)} />;
  return <PasswordLogin notice={notice} onReset={() => setResetting(true)} />;
}

const SSO_ERRORS = ['failed', 'unknown', 'locked'] as const;

function PasswordLogin({ notice, onReset }: { notice: string | null; onReset: () => void }) {
  const { t, i18n } = useTranslation();
  const { api, config, setSession } = useConsole();
  // The server sends a failed sign-in at the provider back as /console?sso=<reason>.
  const sso = new URLSearchParams(window.location.search).get('sso');
  const ssoError = SSO_ERRORS.find((e) => e === sso) ?? null;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSession(await api.login(email.trim(), password));
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && err.code === 'invalid_credentials') setError(t('login.invalid'));
      else if (err instanceof ApiError && err.status === 423) {
        const until = lockedUntil(err.details);
        setError(until ? t('login.locked', { until: formatDateTime(until, i18n.language) }) : t('login.lockedNoTime'));
      } else if (err instanceof ApiError && err.status === 429) setError(t('login.tooMany'));
      else setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle documentTitle={t('login.title')}>{t('login.title')}</PageTitle>
      {notice ? <FormAlert type="info" message={notice} /> : null}
      <Paragraph>{t('login.intro')}</Paragraph>
      {config.oidc ? (
        <>
          <FormAlert message={ssoError ? t(`sso.${ssoError}`) : null} />
          {/* A plain link: the server redirects to the provider and back (no script involved). */}
          <Paragraph>
            <a className="utrecht-button utrecht-button--primary-action" href="/api/auth/oidc/start">
              {t('sso.button', { name: config.oidc.name })}
            </a>
          </Paragraph>
          <Paragraph>{t('sso.or')}</Paragraph>
        </>
      ) : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <Field label={t('login.email')} required>
          {(c) => (
            <Textbox
              {...c}
              type="email"
              name="email"
              autoComplete="username"
              value={email}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('login.password')} required>
          {(c) => (
            <Textbox
              {...c}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('login.submit')}
        </Button>
      </form>
      <Paragraph>
        <Button type="button" appearance="subtle-button" onClick={onReset}>
          {t('passwordReset.link')}
        </Button>
      </Paragraph>
      {config.demo && config.demoAccounts && config.demoAccounts.length > 0 ? (
        <section aria-labelledby="demo-accounts-title" className="signaal-section">
          <Heading level={2} id="demo-accounts-title">
            {t('login.demoTitle')}
          </Heading>
          <Paragraph>{t('login.demoIntro')}</Paragraph>
          <div className="signaal-table-scroll">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('login.demoEmail')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('login.demoRole')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('login.demoRegion')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('login.demoPassword')}</TableHeaderCell>
                  <TableHeaderCell scope="col">
                    <span className="signaal-visually-hidden">{t('login.demoUse')}</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {config.demoAccounts.map((account) => (
                  <TableRow key={account.email}>
                    <TableCell>{account.email}</TableCell>
                    <TableCell>{t(`roles.${account.role}`, { defaultValue: account.role })}</TableCell>
                    <TableCell>{account.regionName ?? t('common.none')}</TableCell>
                    <TableCell>
                      <code>{account.password}</code>
                    </TableCell>
                    <TableCell>
                      <Button
                        type="button"
                        appearance="secondary-action-button"
                        aria-label={t('login.demoUseLabel', { email: account.email })}
                        onClick={() => {
                          setEmail(account.email);
                          setPassword(account.password);
                        }}
                      >
                        {t('login.demoUse')}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </section>
      ) : null}
    </>
  );
}
