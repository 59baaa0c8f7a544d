import '@utrecht/design-tokens/dist/index.css';
import '@utrecht/component-library-css';
import '../shared/base.css';
import './public.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../shared/i18n.setup.ts';
import { languageFromSearch } from '../shared/language.ts';
import { PublicApp } from './public.app.tsx';
import { PUBLIC_LAZY_TEXTS } from './public.i18n.ts';
import { publicResources } from './public.texts.ts';
import { installQuickExitKeys, onQuickExit } from './quick-exit.ts';

// Keys first: quick exit must work even if rendering fails.
installQuickExitKeys();

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');

const i18n = createI18n(publicResources, languageFromSearch(window.location.search), PUBLIC_LAZY_TEXTS);
const root = createRoot(container);
root.render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <PublicApp />
    </I18nextProvider>
  </StrictMode>,
);

// Drop everything React holds (the page, the language) when leaving in a hurry.
onQuickExit(() => root.unmount());
