import { lazy, Suspense, useEffect, useRef } from 'react';
import {
  Button,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../shared/language.ts';
import { AdviceOrReportPage } from './advice-or-report.page.tsx';
import { ContactFormPage } from './contact-form.page.tsx';
import { HomePage, INFO_PAGES } from './home.page.tsx';
import { PlaceholderPage } from './placeholder.page.tsx';
import { QuickExitButton } from './quick-exit-button.component.tsx';
import { hrefFor, navigate, ROUTES, useLocation } from './public.router.ts';
import { SafeBrowsingPage } from './safe-browsing.page.tsx';
import { SiteLink } from './site-link.component.tsx';

// The meldcode tool and the pharmacy route are a chunk of their own, loaded on first use.
const meldcodeChunk = () => import('./meldcode/meldcode.chunk.ts');
const MeldcodeTool = lazy(() => meldcodeChunk().then((m) => ({ default: m.MeldcodeToolPage })));
const CodewordPage = lazy(() => meldcodeChunk().then((m) => ({ default: m.CodewordPage })));

function Meldcode({ page }: { page: 'tool' | 'pharmacy' }) {
  const { t } = useTranslation();
  const Page = page === 'tool' ? MeldcodeTool : CodewordPage;
  return (
    <Suspense fallback={<p className="utrecht-paragraph">{t('loading')}</p>}>
      <Page />
    </Suspense>
  );
}

// The chat is a lazy chunk: most visits never open it, and the first load has a size budget.
const ChatPage = lazy(() => import('./chat.page.tsx').then((m) => ({ default: m.ChatPage })));
const InfoPage = lazy(() => import('./info.page.tsx').then((m) => ({ default: m.InfoPage })));
// Open data: a lazy chunk too; it shows only the disclosure-controlled figures the server sends.
const OpenDataPage = lazy(() => import('./open-data.page.tsx').then((m) => ({ default: m.OpenDataPage })));

function CurrentPage({ path }: { path: string }) {
  const info = INFO_PAGES.find((slug) => path === `/${slug}`);
  if (info) {
    return (
      <Suspense fallback={null}>
        <InfoPage slug={info} />
      </Suspense>
    );
  }
  switch (path) {
    case ROUTES.home:
      return <HomePage />;
    case ROUTES.safeBrowsing:
      return <SafeBrowsingPage />;
    case ROUTES.chat:
      return (
        <Suspense fallback={null}>
          <ChatPage />
        </Suspense>
      );
    case ROUTES.advice:
      return <AdviceOrReportPage />;
    case ROUTES.adviceForm:
      return <ContactFormPage kind="advies" />;
    case ROUTES.reportForm:
      return <ContactFormPage kind="melding" />;
    case ROUTES.meldcode:
      return <Meldcode page="tool" />;
    case ROUTES.meldcodePharmacy:
      return <Meldcode page="pharmacy" />;
    case ROUTES.openData:
      return (
        <Suspense fallback={null}>
          <OpenDataPage />
        </Suspense>
      );
    default:
      return <PlaceholderPage topic="notFound" />;
  }
}

export function PublicApp() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const urlLang = location.searchParams.get('lang');
  const lang: Language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const firstRender = useRef(true);

  // The URL is the only place the language lives, so follow it.
  useEffect(() => {
    const wanted: Language = urlLang === 'en' ? 'en' : 'nl';
    if (wanted !== i18n.language) void i18n.changeLanguage(wanted);
  }, [urlLang, i18n]);

  // After an in-site navigation, move focus to the new page's heading so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [path]);

  useEffect(() => {
    document.title = `${t(path === ROUTES.safeBrowsing ? 'safeBrowsing.title' : 'siteName')} – Veilig Thuis`;
  }, [path, t, lang]);

  const otherLang: Language = lang === 'nl' ? 'en' : 'nl';
  const switchLanguage = (): void => navigate(hrefFor(path, otherLang));

  return (
    <div className="signaal-page">
      <SkipLink href="#main">{t('skipLink')}</SkipLink>
      <PageHeader className="signaal-header">
        <div className="signaal-header__bar">
          <SiteLink href={hrefFor(ROUTES.home, lang)} className="signaal-brand">
            {t('siteName')}
          </SiteLink>
          <QuickExitButton />
        </div>
        <nav aria-label={t('nav.label')} className="signaal-nav">
          <SiteLink href={hrefFor(ROUTES.home, lang)}>{t('nav.home')}</SiteLink>
          <SiteLink href={hrefFor(ROUTES.safeBrowsing, lang)}>{t('nav.safeBrowsing')}</SiteLink>
          <Button
            type="button"
            appearance="subtle-button"
            lang={otherLang}
            aria-label={t('language.switchToLabel')}
            onClick={switchLanguage}
          >
            {t('language.switchTo')}
          </Button>
        </nav>
      </PageHeader>
      <main id="main" className="signaal-main">
        <PageContent>
          <div className="signaal-exit-note">
            <Paragraph appearance="small">
              {t('quickExit.note')}{' '}
              <SiteLink href={hrefFor(ROUTES.safeBrowsing, lang)}>{t('quickExit.noteLink')}</SiteLink>{' '}
              {t('quickExit.keys')}
            </Paragraph>
          </div>
          <CurrentPage path={path} />
        </PageContent>
      </main>
      <PageFooter className="signaal-footer">
        <Paragraph>{t('footer.text')}</Paragraph>
        <Paragraph>
          <SiteLink href={hrefFor(ROUTES.openData, lang)}>{t('footer.openData')}</SiteLink>
        </Paragraph>
      </PageFooter>
    </div>
  );
}
