import i18next, { type BackendModule, type i18n, type InitOptions, type Resource, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { applyDocumentLanguage, DEFAULT_LANGUAGE, isLanguage, type Language } from './language.ts';

/**
 * Namespaces fetched on first use, per language: `() => import('./x.texts.nl.ts')`. Vite turns each
 * import into a chunk of its own, so a page downloads its texts in the one language shown.
 */
export type LazyTexts = Record<string, Record<Language, () => Promise<{ default: ResourceKey }>>>;

/** An i18next backend that reads lazy namespaces from their chunks (same origin: the CSP allows it). */
function chunkBackend(lazy: LazyTexts): BackendModule {
  return {
    type: 'backend',
    init: () => undefined,
    read(language, namespace, callback) {
      const load = isLanguage(language) ? lazy[namespace]?.[language] : undefined;
      if (!load) {
        callback(new Error(`no texts for ${namespace} (${language})`), false);
        return;
      }
      // `false` as data: no retry, a chunk that failed to load is reported at once.
      load().then((module) => callback(null, module.default), (error: unknown) => callback(error as Error, false));
    },
  };
}

/**
 * Creates an i18next instance with bundled resources and keeps <html lang> in sync.
 * Without `lazy` every text is in the bundle (the console). With `lazy` (the public site, which
 * has a size budget) those namespaces are fetched on first use, in the current language only;
 * a page that uses one suspends until it is there (react-i18next), and changeLanguage() switches
 * only once the new language's namespaces have arrived, so the page never shows a mix.
 */
export function createI18n(resources: Resource, lng: Language, lazy?: LazyTexts): i18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (next: string) => {
    applyDocumentLanguage(isLanguage(next) ? next : DEFAULT_LANGUAGE);
  });
  const options: InitOptions = {
    resources,
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['nl', 'en'],
    // Synchronous init: the bundled resources are local, and the first render must already be translated.
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  };
  if (lazy) {
    instance.use(chunkBackend(lazy));
    Object.assign(options, {
      // Bundled namespaces plus fetched ones.
      partialBundledLanguages: true,
      // No fallback language: with one, i18next would fetch the Dutch chunk of every lazy namespace
      // for English visitors too. Every language has every key (the English texts are typed after
      // the Dutch ones), so there is nothing to fall back to.
      fallbackLng: false,
      // Lazy namespaces hold one page's texts; shared texts (112, 0800-2000, the site name) stay
      // in the bundled default namespace and are found from any namespace.
      fallbackNS: 'translation',
    } satisfies InitOptions);
  }
  void instance.use(initReactI18next).init(options);
  applyDocumentLanguage(lng);
  return instance;
}
