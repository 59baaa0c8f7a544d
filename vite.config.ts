import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * The Utrecht React library sets `Component.displayName = '...'` at the top level of its single
 * index.mjs. Rollup must treat those assignments as side effects, so it keeps all ~100 components
 * in every bundle (+40 KB gzip on the public site, over its budget). displayName only serves
 * React DevTools, so we drop those lines and let tree-shaking work.
 */
function utrechtTreeShaking(): Plugin {
  return {
    name: 'signaal:utrecht-tree-shaking',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]@utrecht[\\/]component-library-react[\\/]dist[\\/]index\.mjs$/.test(id)) return null;
      return { code: code.replace(/^[A-Za-z_$][\w$]*\.displayName = '[^']*';$/gm, ''), map: null };
    },
  };
}

const webRoot = fileURLToPath(new URL('./web/', import.meta.url));
// React 19 has useSyncExternalStore built in; react-i18next still imports the React 17 shim,
// whose fallback implementation would otherwise be bundled for nothing (~0.6 KB gzip).
const syncExternalStoreShim = fileURLToPath(new URL('./web/shared/use-sync-external-store-shim.ts', import.meta.url));

const ENTRIES = {
  public: fileURLToPath(new URL('./web/public/index.html', import.meta.url)),
  console: fileURLToPath(new URL('./web/console/index.html', import.meta.url)),
} as const;
type Entry = keyof typeof ENTRIES;

/**
 * scripts/build-web.mjs builds each entry in its own pass (SIGNAAL_WEB_ENTRY=public, then console).
 * In one shared pass Rollup would put the Utrecht library (a single module) in a chunk shared by
 * both pages, so every console component would count against the public site's 100 KB budget.
 * Without the variable (plain `vite build`, `vite` dev server) both entries are built together.
 */
const only = process.env.SIGNAAL_WEB_ENTRY as Entry | undefined;
const input = only && only in ENTRIES ? { [only]: ENTRIES[only] } : ENTRIES;

// Two bundles from one build: the public site (must stay small) and the staff console.
// The server serves dist/web/public/index.html for the site, dist/web/console/index.html for
// /console and dist/web/assets/* for both.
export default defineConfig({
  root: webRoot,
  base: '/',
  // web/public is the public *site*, not Vite's static-files folder: do not copy it into dist.
  publicDir: false,
  plugins: [react(), utrechtTreeShaking()],
  resolve: {
    alias: [{ find: /^use-sync-external-store\/shim(\/index\.js)?$/, replacement: syncExternalStoreShim }],
  },
  // Keep the build free of anything the strict CSP would block: no inline scripts or styles.
  build: {
    outDir: fileURLToPath(new URL('./dist/web/', import.meta.url)),
    // The console pass must not wipe what the public pass just wrote.
    emptyOutDir: only !== 'console',
    assetsDir: 'assets',
    target: 'es2020',
    // Terser for the public site: about 2 KB gzip smaller than esbuild on its first load (React
    // DOM is most of it), which every page's 100 KB budget needs. The console has no budget and
    // keeps esbuild's much faster minification.
    minify: only === 'console' ? 'esbuild' : 'terser',
    terserOptions: { ecma: 2020, compress: { passes: 2 } },
    sourcemap: false,
    // Images (none yet) must not become data: URIs in CSS by surprise; img-src allows data: but keep files.
    assetsInlineLimit: 0,
    // Which chunks each page pulls in: web/public/bundle-size.test.ts adds up every public route's
    // first load from it. One file per pass (the console pass must not overwrite the public one);
    // it lands in dist/web/.vite/, which the server does not serve.
    manifest: `.vite/manifest.${only ?? 'web'}.json`,
    // The modulepreload polyfill only speeds up browsers without native modulepreload (Safari < 17);
    // without it they still load every module, just a little later. Not worth 0.5 KB gzip of budget.
    modulePreload: { polyfill: false },
    rollupOptions: {
      // Further help for tree-shaking the Utrecht library: a few helpers it calls at module level
      // are pure, and its React packages have no module side effects (their CSS is imported apart).
      treeshake: {
        manualPureFunctions: ['forwardRef', 'createContext', 'enumGuard'],
        moduleSideEffects: (id) => !/[\\/]@utrecht[\\/][^\\/]+-react[\\/].*\.m?js$/.test(id),
      },
      input,
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
