// Language handling shared by the public site and the console.
// Nothing is stored on the device: the choice lives in memory and, on the public site, in `?lang=`.

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Reads `?lang=` from a query string; Dutch when absent or unknown. */
export function languageFromSearch(search: string): Language {
  const lang = new URLSearchParams(search).get('lang');
  return isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
}

/** Screen readers pick their pronunciation from <html lang>, so it must follow the UI language. */
export function applyDocumentLanguage(lang: Language): void {
  document.documentElement.lang = lang;
}
