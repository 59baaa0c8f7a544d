import '@utrecht/design-tokens/dist/index.css';
import '@utrecht/component-library-css';
import '../shared/base.css';
import './console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../shared/i18n.setup.ts';
import { languageFromSearch } from '../shared/language.ts';
import { ConsoleApp } from './console.app.tsx';
import { consoleResources } from './console.texts.ts';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');

const i18n = createI18n(consoleResources, languageFromSearch(window.location.search));
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ConsoleApp />
    </I18nextProvider>
  </StrictMode>,
);
