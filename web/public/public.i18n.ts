import type { LazyTexts } from '../shared/i18n.setup.ts';
import { languageFromSearch } from '../shared/language.ts';

// The public site's texts outside the first load (100 KB budget): each page brings its own
// namespace, one chunk per language. The shell, the home page and "Veilig browsen" stay in
// public.texts.ts, in the bundle, so the quick exit button never waits on a download.
export const PUBLIC_LAZY_TEXTS = {
  forms: { nl: () => import('./forms.texts.nl.ts'), en: () => import('./forms.texts.en.ts') },
  chat: { nl: () => import('./chat.texts.nl.ts'), en: () => import('./chat.texts.en.ts') },
  meldcode: { nl: () => import('./meldcode/meldcode.texts.nl.ts'), en: () => import('./meldcode/meldcode.texts.en.ts') },
  meldcodeSteps: { nl: () => import('./meldcode/meldcode-steps.texts.nl.ts'), en: () => import('./meldcode/meldcode-steps.texts.en.ts') },
  codeword: { nl: () => import('./meldcode/codeword.texts.nl.ts'), en: () => import('./meldcode/codeword.texts.en.ts') },
} satisfies LazyTexts;

export type LazyNamespace = keyof typeof PUBLIC_LAZY_TEXTS;

/**
 * Starts fetching a page's texts in the language of the URL, alongside its code chunk rather
 * than after it (the i18next backend asks for the same module later and gets it from the
 * browser's module map, without a second request).
 */
export function preloadTexts(namespace: LazyNamespace): Promise<unknown> {
  return PUBLIC_LAZY_TEXTS[namespace][languageFromSearch(window.location.search)]();
}

/** A page's chunk and its texts, fetched side by side instead of one after the other. */
export function withTexts<T>(chunk: Promise<T>, namespace: LazyNamespace): Promise<T> {
  return Promise.all([chunk, preloadTexts(namespace)]).then(([module]) => module);
}
