import type { TFunction } from 'i18next';

/** Reads a list of sentences from the resources (i18next returns arrays with returnObjects). */
export function textList(t: TFunction, key: string): string[] {
  const value: unknown = t(key, { returnObjects: true });
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
