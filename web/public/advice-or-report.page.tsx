import { useTranslation } from 'react-i18next';
import { hrefFor, ROUTES } from './public.router.ts';
import { SiteLink } from './site-link.component.tsx';
import { textList } from './text-list.ts';

/** Explains advies and melding in plain words, and leads to the two forms. */
export function AdviceOrReportPage() {
  const { t, i18n } = useTranslation('forms');
  const lang = i18n.language;
  return (
    <>
      <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{t('forms.choice.title')}</h1>
      <section className="signaal-callout signaal-callout--danger" aria-label={t('forms.dangerLabel')}>
        <p className="utrecht-paragraph"><strong>{t('forms.danger')}</strong> <a className="utrecht-link signaal-call-link" href="tel:112">{t('home.dangerCall')}</a></p>
      </section>
      <section aria-labelledby="advice-title">
        <h2 className="utrecht-heading-2" id="advice-title">{t('forms.choice.adviceTitle')}</h2>
        {textList(t, 'forms.choice.advice').map((line) => <p className="utrecht-paragraph" key={line}>{line}</p>)}
        <p className="utrecht-paragraph"><SiteLink href={hrefFor(ROUTES.adviceForm, lang)}>{t('forms.advies.title')}</SiteLink></p>
      </section>
      <section aria-labelledby="report-title">
        <h2 className="utrecht-heading-2" id="report-title">{t('forms.choice.reportTitle')}</h2>
        {textList(t, 'forms.choice.report').map((line) => <p className="utrecht-paragraph" key={line}>{line}</p>)}
        <p className="utrecht-paragraph"><SiteLink href={hrefFor(ROUTES.reportForm, lang)}>{t('forms.melding.title')}</SiteLink></p>
      </section>
      <p className="utrecht-paragraph">{t('home.phone')}</p>
    </>
  );
}
