import { createContext, useContext } from 'react';
import type { ApiClient } from './api.client.ts';
import type { PublicConfig, Session } from './api.types.ts';

export interface ConsoleContextValue {
  api: ApiClient;
  config: PublicConfig;
  session: Session | null;
  /** Store the session the server returned after a login step. */
  setSession: (session: Session) => void;
  logout: () => Promise<void>;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside ConsoleContext');
  return value;
}

/** The session of a logged-in user; only used inside the active shell. */
export function useSession(): Session {
  const { session } = useConsole();
  if (!session) throw new Error('no session');
  return session;
}

export function useCan(): (permission: string) => boolean {
  const { session } = useConsole();
  return (permission) => session?.permissions.includes(permission) ?? false;
}
