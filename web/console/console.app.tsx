import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ApiError, createApiClient } from './api.client.ts';
import type { PublicConfig, Session } from './api.types.ts';
import { ConsoleContext, type ConsoleContextValue } from './console.context.ts';
import { LoginView } from './login.view.tsx';
import { PasswordChangeView } from './password-change.view.tsx';
import { ShellContent, ShellNav } from './shell.view.tsx';
import { TotpSetupView } from './totp-setup.view.tsx';
import { TotpVerifyView } from './totp-verify.view.tsx';

type Boot = { state: 'loading' } | { state: 'ready'; config: PublicConfig };

function DemoBanner() {
  const { t } = useTranslation();
  return (
    <Alert type="warning" className="signaal-demo-banner" role="note">
      <Paragraph>
        <strong>{t('demoBanner')}</strong>
      </Paragraph>
    </Alert>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'nl' : 'en';
  return (
    <Button
      type="button"
      appearance="subtle-button"
      lang={other}
      aria-label={t('language.switchToLabel')}
      onClick={() => void i18n.changeLanguage(other)}
    >
      {t('language.switchTo')}
    </Button>
  );
}

function UserBox({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const { t } = useTranslation();
  const { user } = session;
  return (
    <div className="signaal-userbox">
      <Paragraph className="signaal-userbox__who">
        <span className="signaal-visually-hidden">{t('shell.userLabel')} </span>
        <strong>{user.displayName}</strong>
        <span>
          {' · '}
          {t(`roles.${user.role}`, { defaultValue: user.role })}
          {' · '}
          {user.organisation.name}
          {' · '}
          {user.region.name}
        </span>
      </Paragraph>
      <Button type="button" appearance="secondary-action-button" onClick={onLogout}>
        {t('shell.logout')}
      </Button>
    </div>
  );
}

export function ConsoleApp() {
  const { t } = useTranslation();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [session, setSessionState] = useState<Session | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const sessionRef = useRef<Session | null>(null);

  const setSession = useCallback((next: Session | null) => {
    sessionRef.current = next;
    setSessionState(next);
  }, []);

  const api = useMemo(
    () =>
      createApiClient({
        csrfToken: () => sessionRef.current?.csrfToken ?? null,
        onSessionLost: () => {
          // Only a user who had a session sees "expired"; a first visit just gets the login form.
          if (sessionRef.current) setNotice('common.sessionExpired');
          setSession(null);
        },
      }),
    [setSession],
  );

  useEffect(() => {
    let cancelled = false;
    const configPromise = api.publicConfig().catch((): PublicConfig => ({ demo: false }));
    const sessionPromise = api.session().catch((err: unknown) => {
      if (err instanceof ApiError && err.code === 'session_expired') setNotice('common.sessionExpired');
      return null;
    });
    void Promise.all([configPromise, sessionPromise]).then(([config, current]) => {
      if (cancelled) return;
      setSession(current);
      setBoot({ state: 'ready', config });
    });
    return () => {
      cancelled = true;
    };
  }, [api, setSession]);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Logged out or not: the local session ends either way.
    }
    setSession(null);
    setNotice('common.loggedOut');
    window.history.replaceState(null, '', '/console');
  }, [api, setSession]);

  const context: ConsoleContextValue | null =
    boot.state === 'ready'
      ? {
          api,
          config: boot.config,
          session,
          setSession: (next) => {
            setNotice(null);
            setSession(next);
          },
          logout,
        }
      : null;

  const demo = Boolean(session?.demo ?? (boot.state === 'ready' && boot.config.demo));
  const active = session?.stage === 'active';

  let content;
  if (!context) content = <Paragraph role="status">{t('app.loading')}</Paragraph>;
  else if (!session) content = <LoginView notice={notice ? t(notice) : null} />;
  else if (session.stage === 'password_change') content = <PasswordChangeView />;
  else if (session.stage === 'totp_setup') content = <TotpSetupView />;
  else if (session.stage === 'totp_verify') content = <TotpVerifyView />;
  else content = <ShellContent />;

  const body = (
    <div className="signaal-page signaal-console">
      <SkipLink href="#main">{t('skipLink')}</SkipLink>
      <PageHeader className="signaal-console-header">
        <div className="signaal-console-header__bar">
          <Paragraph className="signaal-console-brand">{t('app.console')}</Paragraph>
          <div className="signaal-console-header__tools">
            <LanguageSwitch />
            {session && active ? <UserBox session={session} onLogout={() => void logout()} /> : null}
          </div>
        </div>
        {demo ? <DemoBanner /> : null}
        {context && active ? <ShellNav /> : null}
      </PageHeader>
      <main id="main" className="signaal-console-main">
        <PageContent>{content}</PageContent>
      </main>
      <PageFooter className="signaal-console-footer">
        <Paragraph appearance="small">Signaal · Veilig Thuis</Paragraph>
      </PageFooter>
    </div>
  );

  return context ? <ConsoleContext.Provider value={context}>{body}</ConsoleContext.Provider> : body;
}
