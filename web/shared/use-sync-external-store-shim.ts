// Stand-in for the `use-sync-external-store/shim` package (see the alias in vite.config.ts):
// React 19 ships useSyncExternalStore, so the shim's own fallback implementation is dead weight.
export { useSyncExternalStore } from 'react';
