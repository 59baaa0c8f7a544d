import { Heading, Link, LinkList, LinkListLink, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { hrefFor, INFO_PAGES, navigate, ROUTES } from './public.router.ts';
import { SiteLink } from './site-link.component.tsx';
import { textList } from './text-list.ts';
import type { MouseEvent } from 'react';

export function HomePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const go = (path: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    navigate(hrefFor(path, lang));
  };
  return (
    <>
      <Heading level={1} id="page-title" tabIndex={-1}>
        {t('home.title')}
      </Heading>
      {textList(t, 'home.intro').map((line) => (
        <Paragraph key={line}>{line}</Paragraph>
      ))}

      <section className="signaal-callout signaal-callout--danger" aria-labelledby="danger-title">
        <Heading level={2} id="danger-title">
          {t('home.dangerTitle')}
        </Heading>
        <Paragraph>
          <Link href="tel:112" className="signaal-call-link">
            {t('home.dangerCall')}
          </Link>
        </Paragraph>
      </section>

      <section className="signaal-callout" aria-labelledby="phone-title">
        <Heading level={2} id="phone-title">
          {t('home.phoneTitle')}
        </Heading>
        <Paragraph>{t('home.phone')}</Paragraph>
        <Paragraph>
          <Link href="tel:08002000" className="signaal-call-link">
            {t('home.phoneCall')}
          </Link>
        </Paragraph>
      </section>

      <section aria-labelledby="help-title">
        <Heading level={2} id="help-title">
          {t('home.helpTitle')}
        </Heading>
        <LinkList>
          <LinkListLink href={hrefFor(ROUTES.chat, lang)} onClick={go(ROUTES.chat)}>
            {t('home.chat')}
          </LinkListLink>
          <LinkListLink href={hrefFor(ROUTES.advice, lang)} onClick={go(ROUTES.advice)}>
            {t('home.advice')}
          </LinkListLink>
          <LinkListLink href={hrefFor(ROUTES.meldcode, lang)} onClick={go(ROUTES.meldcode)}>
            {t('home.meldcode')}
          </LinkListLink>
        </LinkList>
      </section>

      <section aria-labelledby="info-title">
        <Heading level={2} id="info-title">
          {t('home.infoTitle')}
        </Heading>
        <LinkList>
          {INFO_PAGES.map((slug) => (
            <LinkListLink key={slug} href={hrefFor(`/${slug}`, lang)} onClick={go(`/${slug}`)}>
              {t(`home.info.${slug}`)}
            </LinkListLink>
          ))}
        </LinkList>
      </section>

      <section aria-labelledby="safety-title">
        <Heading level={2} id="safety-title">
          {t('home.safetyTitle')}
        </Heading>
        <Paragraph>{t('home.safety')}</Paragraph>
        <Paragraph>
          <SiteLink href={hrefFor(ROUTES.safeBrowsing, lang)}>{t('nav.safeBrowsing')}</SiteLink>
        </Paragraph>
      </section>
    </>
  );
}
