import i18next, { type i18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { applyDocumentLanguage, DEFAULT_LANGUAGE, isLanguage, type Language } from './language.ts';

/**
 * Creates an i18next instance with bundled resources (no fetching: the CSP and the public
 * site's size budget both want everything in the bundle) and keeps <html lang> in sync.
 */
export function createI18n(resources: Resource, lng: Language): i18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (next: string) => {
    applyDocumentLanguage(isLanguage(next) ? next : DEFAULT_LANGUAGE);
  });
  void instance.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['nl', 'en'],
    // Synchronous init: resources are local, and the first render must already be translated.
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  applyDocumentLanguage(lng);
  return instance;
}
