import { Heading, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { hrefFor, ROUTES } from './public.router.ts';
import { SiteLink } from './site-link.component.tsx';
import { textList } from './text-list.ts';

export function SafeBrowsingPage() {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Heading level={1} id="page-title" tabIndex={-1}>
        {t('safeBrowsing.title')}
      </Heading>
      <Paragraph appearance="lead">{t('safeBrowsing.intro')}</Paragraph>

      <section aria-labelledby="cannot-title">
        <Heading level={2} id="cannot-title">
          {t('safeBrowsing.cannotTitle')}
        </Heading>
        <Paragraph>{t('safeBrowsing.cannotIntro')}</Paragraph>
        <UnorderedList>
          {textList(t, 'safeBrowsing.cannot').map((line) => (
            <UnorderedListItem key={line}>{line}</UnorderedListItem>
          ))}
        </UnorderedList>
      </section>

      <section aria-labelledby="how-title">
        <Heading level={2} id="how-title">
          {t('safeBrowsing.howTitle')}
        </Heading>
        <UnorderedList>
          {textList(t, 'safeBrowsing.how').map((line) => (
            <UnorderedListItem key={line}>{line}</UnorderedListItem>
          ))}
        </UnorderedList>
        <Paragraph>{t('safeBrowsing.storage')}</Paragraph>
      </section>

      <Paragraph>
        <SiteLink href={hrefFor(ROUTES.home, i18n.language)}>{t('safeBrowsing.back')}</SiteLink>
      </Paragraph>
    </>
  );
}
