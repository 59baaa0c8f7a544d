import { Button } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { quickExit } from './quick-exit.ts';

/**
 * Fixed, high-contrast quick exit button. Visible text "Snel weg"; the hidden rest makes the
 * accessible name "Snel weg – verlaat deze website direct" (visible text first, WCAG 2.5.3).
 */
export function QuickExitButton() {
  const { t } = useTranslation();
  return (
    <Button type="button" appearance="primary-action-button" className="signaal-quick-exit" onClick={quickExit}>
      {t('quickExit.button')}
      <span className="signaal-visually-hidden">{t('quickExit.buttonHidden')}</span>
    </Button>
  );
}
