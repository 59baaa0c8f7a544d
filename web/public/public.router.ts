import { useSyncExternalStore } from 'react';

// In-site navigation uses history.replaceState, not pushState: the whole visit stays one
// history entry, so after quick exit (which replaces that entry) Back cannot reopen any page
// of this site. The cost, a Back button that leaves the site, is worth it for this audience.

export const ROUTES = {
  home: '/',
  safeBrowsing: '/veilig-browsen',
  chat: '/chat',
  advice: '/advies-of-melden',
  adviceForm: '/advies-vragen',
  reportForm: '/melding-doen',
  meldcode: '/meldcode',
  meldcodePharmacy: '/masker-19',
  openData: '/cijfers',
} as const;

/** The information pages an admin edits (texts come from the server), each at `/${slug}`. */
export const INFO_PAGES = ['wat-doet-veilig-thuis', 'omstander', 'spanning-thuis', 'hulplijnen'] as const;

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export function useLocation(): URL {
  const current = useSyncExternalStore(subscribe, snapshot);
  return new URL(current, window.location.origin);
}

export function navigate(href: string): void {
  window.history.replaceState(null, '', href);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

/** Builds an in-site href that keeps the chosen language in the URL (nothing is stored on the device). */
export function hrefFor(path: string, lang: string): string {
  return lang === 'en' ? `${path}?lang=en` : path;
}
