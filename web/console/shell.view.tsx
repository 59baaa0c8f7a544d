import { lazy, Suspense, useState } from 'react';
import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { Contact } from './api.types.ts';
import { AnnualReportView } from './annual-report.view.tsx';
import { AuditView } from './audit.view.tsx';
import { CaseDetailView } from './case-detail.view.tsx';
import { CasesView } from './cases.view.tsx';
import { ChatFiguresView, ChatHoursView, PagesView } from './chat-admin.view.tsx';
import { ChatDeskView } from './chat-desk.view.tsx';
import { ContactFormView } from './contact-form.view.tsx';
import { ContactDetailView, ContactsView } from './contacts.view.tsx';
import { useCan, useSession } from './console.context.ts';
import { ConsoleLink } from './console-link.component.tsx';
import { navigate, usePath } from './console.router.ts';
import { HomeView } from './home.view.tsx';
import { HouseholdLookupView, HouseholdView } from './household.view.tsx';
import { PageTitle } from './page-title.component.tsx';
import { RegionsView } from './regions.view.tsx';
import { UsersView } from './users.view.tsx';
import { HandoverDetailView, HandoversView } from './handovers.view.tsx';
import { PartnerOrganisationsView } from './partner-organisations.view.tsx';
import { MeasuresView } from './measures.component.tsx';
import { SheltersView } from './shelters.view.tsx';
import { HwcView } from './hwc.view.tsx';
import { ChildcareMonitorView, ChildcareView } from './childcare.view.tsx';
import { ApiKeysView } from './api-keys.view.tsx';
import { MeldcodeDossierView, MeldcodeDossiersView } from './meldcode-dossiers.view.tsx';
import { MeldcodeFiguresView } from './meldcode-figures.view.tsx';

// The dashboards bring the chart library (Recharts): loaded only when someone opens them.
const StatsView = lazy(() => import('./stats.view.tsx').then((m) => ({ default: m.StatsView })));

/** Menu items, each shown only when the session grants its permission. */
const NAV: readonly { path: string; key: string; permission: string | null; partnerTypes?: readonly string[] }[] = [
  { path: '/', key: 'shell.home', permission: null },
  { path: '/chat', key: 'shell.chat', permission: 'chat:handle' },
  { path: '/chat-hours', key: 'shell.chatHours', permission: 'chat:manage' },
  { path: '/stats', key: 'shell.stats', permission: 'reports:read' },
  { path: '/chat-figures', key: 'shell.chatFigures', permission: 'reports:read' },
  { path: '/pages', key: 'shell.pages', permission: 'pages:manage' },
  { path: '/contacts', key: 'shell.contacts', permission: 'contacts:read' },
  { path: '/cases', key: 'shell.cases', permission: 'cases:read' },
  { path: '/measures', key: 'shell.measures', permission: 'cases:read' },
  { path: '/shelters', key: 'shell.shelters', permission: 'shelter:read' },
  // Handle with Care is for schools (receive) and police (send) only, whatever else the account is.
  { path: '/hwc', key: 'shell.hwc', permission: 'hwc:receive', partnerTypes: ['school', 'politie'] },
  { path: '/emergency-childcare', key: 'shell.childcare', permission: 'childcare:register', partnerTypes: ['school', 'kinderopvang', 'gemeente'] },
  { path: '/emergency-childcare-monitor', key: 'shell.childcareMonitor', permission: 'reports:read' },
  { path: '/households/lookup', key: 'shell.lookup', permission: 'households:lookup' },
  { path: '/handovers', key: 'shell.handovers', permission: 'handovers:respond' },
  { path: '/users', key: 'shell.users', permission: 'users:manage' },
  { path: '/partner-organisations', key: 'shell.partnerOrganisations', permission: 'partners:manage' },
  { path: '/api-keys', key: 'shell.apiKeys', permission: 'apikeys:manage' },
  { path: '/audit', key: 'shell.audit', permission: 'audit:read' },
  { path: '/regions', key: 'shell.regions', permission: 'regions:read' },
  { path: '/annual-report', key: 'shell.annualReport', permission: 'reports:read' },
  { path: '/meldcode', key: 'shell.meldcode', permission: 'meldcode:dossiers' },
  { path: '/meldcode-figures', key: 'shell.meldcodeFigures', permission: 'reports:read' },
];

export function ShellNav() {
  const { t } = useTranslation();
  const can = useCan();
  const session = useSession();
  const path = usePath();
  const section = `/${path.split('/')[1] ?? ''}`;
  return (
    <nav aria-label={t('shell.navLabel')} className="signaal-console-nav">
      <ul>
        {NAV.filter((item) => (item.permission === null || can(item.permission)) && (!item.partnerTypes || item.partnerTypes.includes(session.user.organisation.partnerType ?? ''))).map((item) => (
          <li key={item.path}>
            <ConsoleLink to={item.path} aria-current={section === item.path || path === item.path ? 'page' : undefined}>
              {t(item.key)}
            </ConsoleLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function NotAllowed() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle documentTitle={t('errors.notFoundPage')}>{t('errors.notFoundPage')}</PageTitle>
      <Paragraph>
        <ConsoleLink to="/">{t('shell.home')}</ConsoleLink>
      </Paragraph>
    </>
  );
}

/** The view for the current /console path; a view the role may not use is shown as not found. */
export function ShellContent() {
  const { t } = useTranslation();
  const can = useCan();
  const session = useSession();
  const path = usePath();
  const [notice, setNotice] = useState<{ path: string; text: string } | null>(null);

  const onCreated = (contact: Contact): void => {
    setNotice({ path: '/contacts', text: t('contacts.created', { kind: t(`enums.kind.${contact.kind}`) }) });
    navigate('/contacts');
  };
  const noticeFor = (p: string): string | null => (notice?.path === p ? notice.text : null);

  if (path === '/') return <HomeView />;
  if (path === '/chat' && can('chat:handle')) return <ChatDeskView />;
  if (path === '/chat-hours' && can('chat:manage')) return <ChatHoursView />;
  if (path === '/stats' && can('reports:read'))
    return (
      <Suspense fallback={<Paragraph role="status">{t('app.loading')}</Paragraph>}>
        <StatsView />
      </Suspense>
    );
  if (path === '/chat-figures' && can('reports:read')) return <ChatFiguresView />;
  if (path === '/pages' && can('pages:manage')) return <PagesView />;
  if (path === '/contacts' && can('contacts:read')) return <ContactsView notice={noticeFor('/contacts')} />;
  if (path === '/contacts/new' && can('contacts:create')) return <ContactFormView onCreated={onCreated} />;
  const detail = /^\/contacts\/([^/]+)$/.exec(path);
  if (detail?.[1] && can('contacts:read')) return <ContactDetailView id={decodeURIComponent(detail[1])} />;
  if (path === '/cases' && can('cases:read')) return <CasesView />;
  const caseDetail = /^\/cases\/([^/]+)$/.exec(path);
  if (caseDetail?.[1] && can('cases:read')) return <CaseDetailView id={decodeURIComponent(caseDetail[1])} />;
  if (path === '/households/lookup' && can('households:lookup')) return <HouseholdLookupView />;
  const household = /^\/households\/([^/]+)$/.exec(path);
  if (household?.[1] && can('households:read')) return <HouseholdView id={decodeURIComponent(household[1])} />;
  if (path === '/users' && can('users:manage')) return <UsersView />;
  if (path === '/partner-organisations' && can('partners:manage')) return <PartnerOrganisationsView />;
  if (path === '/handovers' && can('handovers:respond')) return <HandoversView />;
  if (path === '/measures' && can('cases:read')) return <MeasuresView />;
  if (path === '/shelters' && can('shelter:read')) return <SheltersView />;
  if (path === '/emergency-childcare' && can('childcare:register')) return <ChildcareView />;
  if (path === '/emergency-childcare-monitor' && can('reports:read')) return <ChildcareMonitorView />;
  if (path === '/hwc' && can('hwc:receive')) return <HwcView police={session.user.organisation.partnerType === 'politie'} />;
  const handover = /^\/handovers\/([^/]+)$/.exec(path);
  if (handover?.[1] && can('handovers:respond')) return <HandoverDetailView id={decodeURIComponent(handover[1])} />;
  if (path === '/api-keys' && can('apikeys:manage')) return <ApiKeysView />;
  if (path === '/audit' && can('audit:read')) return <AuditView />;
  if (path === '/regions' && can('regions:read')) return <RegionsView />;
  if (path === '/annual-report' && can('reports:read')) return <AnnualReportView />;
  if (path === '/meldcode' && can('meldcode:dossiers')) return <MeldcodeDossiersView />;
  if (path === '/meldcode-figures' && can('reports:read')) return <MeldcodeFiguresView />;
  const dossier = /^\/meldcode\/([^/]+)$/.exec(path);
  if (dossier?.[1] && can('meldcode:dossiers')) return <MeldcodeDossierView id={decodeURIComponent(dossier[1])} />;
  return <NotAllowed />;
}
