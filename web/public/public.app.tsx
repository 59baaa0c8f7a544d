import { Component, lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
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
import { HomePage } from './home.page.tsx';
import { withTexts } from './public.i18n.ts';
import { PlaceholderPage } from './placeholder.page.tsx';
import { QuickExitButton } from './quick-exit-button.component.tsx';
import { hrefFor, INFO_PAGES, navigate, ROUTES, useLocation } from './public.router.ts';
import { SafeBrowsingPage } from './safe-browsing.page.tsx';
import { SiteLink } from './site-link.component.tsx';

// Only the home page and "Veilig browsen" (where quick exit points people) are in the first
// load; every other page is a chunk of its own, fetched when opened, so that no page's first
// load goes over the 100 KB budget (web/public/bundle-size.test.ts).

const AdviceOrReportPage = lazy(() => withTexts(import('./advice-or-report.page.tsx'), 'forms').then((m) => ({ default: m.AdviceOrReportPage })));
const ContactFormPage = lazy(() => withTexts(import('./contact-form.page.tsx'), 'forms').then((m) => ({ default: m.ContactFormPage })));
// The meldcode tool (its start page; the steps follow later) and the pharmacy counter route:
// two chunks, the code they share a third.
const MeldcodeTool = lazy(() => withTexts(import('./meldcode/meldcode-tool.page.tsx'), 'meldcode').then((m) => ({ default: m.MeldcodeToolPage })));
const CodewordPage = lazy(() => withTexts(import('./meldcode/codeword.page.tsx'), 'codeword').then((m) => ({ default: m.CodewordPage })));
const ChatPage = lazy(() => withTexts(import('./chat.page.tsx'), 'chat').then((m) => ({ default: m.ChatPage })));
const InfoPage = lazy(() => import('./info.page.tsx').then((m) => ({ default: m.InfoPage })));
// Open data shows only the disclosure-controlled figures the server sends.
const OpenDataPage = lazy(() => import('./open-data.page.tsx').then((m) => ({ default: m.OpenDataPage })));

function CurrentPage({ path }: { path: string }) {
  const info = INFO_PAGES.find((slug) => path === `/${slug}`);
  if (info) return <InfoPage slug={info} />;
  switch (path) {
    case ROUTES.home:
      return <HomePage />;
    case ROUTES.safeBrowsing:
      return <SafeBrowsingPage />;
    case ROUTES.chat:
      return <ChatPage />;
    case ROUTES.advice:
      return <AdviceOrReportPage />;
    case ROUTES.adviceForm:
      return <ContactFormPage kind="advies" />;
    case ROUTES.reportForm:
      return <ContactFormPage kind="melding" />;
    case ROUTES.meldcode:
      return <MeldcodeTool />;
    case ROUTES.meldcodePharmacy:
      return <CodewordPage />;
    case ROUTES.openData:
      return <OpenDataPage />;
    default:
      return <PlaceholderPage topic="notFound" />;
  }
}

/**
 * While a page chunk loads. Most loads take a moment only, and a message that flashes by is
 * worse than a short blank, so the message comes after half a second; the live region is there
 * from the start so screen readers announce it. The minimum height keeps the footer from
 * jumping up under the header and back.
 */
function PageLoading() {
  const { t } = useTranslation();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setSlow(true), 500);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <div className="signaal-page-loading" role="status">
      {slow && <Paragraph>{t('loading')}</Paragraph>}
    </div>
  );
}

function PageFailed() {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{t('pageFailed.title')}</h1>
      <Paragraph>{t('pageFailed.text')}</Paragraph>
    </>
  );
}

/**
 * A page chunk that cannot be fetched (connection lost) shows a message with the phone number
 * instead of taking down the whole site, header and quick exit button included.
 * Navigating to another page tries again.
 */
class PageErrorBoundary extends Component<{ path: string; children: ReactNode }, { path: string; failed: boolean }> {
  override state = { path: this.props.path, failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { path: string }, state: { path: string }): { path: string; failed: boolean } | null {
    return props.path === state.path ? null : { path: props.path, failed: false };
  }

  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}

/**
 * After an in-site navigation, moves focus to the new page's heading so screen readers announce
 * it. It sits inside the Suspense boundary, next to the page, so for a lazy page its effect runs
 * once the page has rendered, not while the chunk is still loading.
 */
function FocusTitleOnNavigation({ path }: { path: string }) {
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [path]);
  return null;
}

export function PublicApp() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const urlLang = location.searchParams.get('lang');
  const lang: Language = isLanguage(i18n.language) ? i18n.language : 'nl';
  // The language last asked for; see the effect below.
  const askedLang = useRef(i18n.language);

  // The URL is the only place the language lives, so follow it. Compared with the language last
  // asked for, not the one on screen: a switch may still be fetching its texts (i18n.language
  // changes only once they are there), and switching straight back must cancel it.
  useEffect(() => {
    const wanted: Language = urlLang === 'en' ? 'en' : 'nl';
    if (wanted !== askedLang.current) {
      askedLang.current = wanted;
      void i18n.changeLanguage(wanted);
    }
  }, [urlLang, i18n]);

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
          <Suspense fallback={<PageLoading />}>
            <PageErrorBoundary path={path}>
              <CurrentPage path={path} />
            </PageErrorBoundary>
            <FocusTitleOnNavigation path={path} />
          </Suspense>
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
