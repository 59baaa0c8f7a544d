import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { hrefFor, ROUTES } from './public.router.ts';
import { SiteLink } from './site-link.component.tsx';

export type PlaceholderTopic = 'chat' | 'meldcode' | 'notFound';

/** Stand-in for pages that come later (chat, meldcode) and for unknown paths. */
export function PlaceholderPage({ topic }: { topic: PlaceholderTopic }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Heading level={1} id="page-title" tabIndex={-1}>
        {t(`placeholder.${topic}`)}
      </Heading>
      <Paragraph>{t('placeholder.text')}</Paragraph>
      <Paragraph>
        <SiteLink href={hrefFor(ROUTES.home, i18n.language)}>{t('safeBrowsing.back')}</SiteLink>
      </Paragraph>
    </>
  );
}
