import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from './page-title.component.tsx';
import { TotpCodeForm } from './totp-code.form.tsx';

export function TotpVerifyView() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle documentTitle={t('totp.verifyTitle')}>{t('totp.verifyTitle')}</PageTitle>
      <Paragraph>{t('totp.verifyIntro')}</Paragraph>
      <TotpCodeForm />
    </>
  );
}
