import { Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from './console.context.ts';
import { PageTitle } from './page-title.component.tsx';

const TASKS: readonly [permission: string, key: string][] = [
  ['contacts:read', 'home.contactsRead'],
  ['contacts:create', 'home.contactsCreate'],
  ['cases:read', 'home.casesRead'],
  ['users:manage', 'home.usersManage'],
  ['audit:read', 'home.auditRead'],
  ['regions:read', 'home.regionsRead'],
  ['reports:read', 'home.reportsRead'],
  ['regions:manage', 'home.regionsManage'],
  ['handovers:respond', 'home.handoversRespond'],
  ['partners:manage', 'home.partnersManage'],
];

export function HomeView() {
  const { t } = useTranslation();
  const session = useSession();
  const can = useCan();
  const tasks = TASKS.filter(([permission]) => can(permission));
  const title = t('home.title', { name: session.user.displayName });
  return (
    <>
      <PageTitle documentTitle={t('shell.home')}>{title}</PageTitle>
      {tasks.length > 0 ? (
        <>
          <Paragraph>{t('home.intro')}</Paragraph>
          <UnorderedList>
            {tasks.map(([permission, key]) => (
              <UnorderedListItem key={permission}>{t(key)}</UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : (
        <Paragraph>{t('home.nothing')}</Paragraph>
      )}
    </>
  );
}
