import { useEffect, useState } from 'react';
import { Image, OrderedList, OrderedListItem, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { TotpSetup } from './api.types.ts';
import { useConsole } from './console.context.ts';
import { errorText } from './error-text.ts';
import { FormAlert } from './form-alert.component.tsx';
import { groupSecret } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { TotpCodeForm } from './totp-code.form.tsx';

export function TotpSetupView() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .totpSetup()
      .then((result) => {
        if (!cancelled) setSetup(result);
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(errorText(t, err));
      });
    return () => {
      cancelled = true;
    };
    // Run once: every call makes a new secret.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <>
      <PageTitle documentTitle={t('totp.setupTitle')}>{t('totp.setupTitle')}</PageTitle>
      <Paragraph>{t('totp.setupIntro')}</Paragraph>
      <FormAlert message={error} />
      {setup ? (
        <OrderedList>
          <OrderedListItem>
            <Paragraph>{t('totp.step1')}</Paragraph>
            <Image src={setup.qrDataUrl} alt={t('totp.qrAlt')} width={200} height={200} className="signaal-qr" />
          </OrderedListItem>
          <OrderedListItem>
            <Paragraph>{t('totp.step2')}</Paragraph>
            <Paragraph>
              <span className="signaal-visually-hidden">{t('totp.secretLabel')}: </span>
              <code className="signaal-secret" data-testid="totp-secret">
                {groupSecret(setup.secret)}
              </code>
            </Paragraph>
          </OrderedListItem>
          <OrderedListItem>
            <Paragraph>{t('totp.step3')}</Paragraph>
            <TotpCodeForm />
          </OrderedListItem>
        </OrderedList>
      ) : error ? null : (
        <Paragraph role="status">{t('totp.loadingQr')}</Paragraph>
      )}
    </>
  );
}
