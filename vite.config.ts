/// <reference types="vitest/config" />
import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { cspMeta } from './build/csp.ts';
import { firstScreen } from './build/firstScreen.ts';
import { manifestLinkedByTheApp } from './build/manifestLink.ts';
import { notFoundPage } from './build/notFoundPage.ts';
import { siteBase, siteUrl, socialImage } from './build/site.ts';

const NAME = 'Sessions vs JWT';
const DESCRIPTION = 'Watch session cookies and JWTs travel through a simulated cluster: revocation, scaling and failure, side by side.';
const BACKGROUND = '#f6f7fb'; // --bg in src/ui/app.css

// Relative base so the static build works from any sub-path (GitHub Pages, a course site, an iframe).
// SITE_BASE (the root's absolute path) and SITE_URL (its absolute URL) only feed the 404 page, the
// service worker's navigation allowlist and the og:image URL; see build/site.ts.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'SITE_');
  const base = siteBase(env.SITE_BASE);
  const url = siteUrl(env.SITE_URL);
  return {
    base: './',
    plugins: [
      react(),
      firstScreen(),
      // After the plugins that write index.html's scripts: it allows the inline one by its hash.
      cspMeta(),
      notFoundPage({ base, title: NAME }),
      socialImage({ url, image: 'og-image.png', alt: 'The simulator playing a lesson: the session cluster and the JWT cluster side by side.' }),
      VitePWA({
        // The app registers the worker itself once its first screen works (src/offlineSupport.ts), and
        // links the manifest then (manifestLinkedByTheApp, below, takes the plugin's link out of the page).
        injectRegister: false,
        registerType: 'autoUpdate',
        includeManifestIcons: false,
        manifest: {
          id: './',
          name: NAME,
          short_name: 'Sessions/JWT',
          description: DESCRIPTION,
          lang: 'en',
          start_url: './',
          scope: './',
          display: 'standalone',
          background_color: BACKGROUND,
          theme_color: BACKGROUND,
          icons: [
            { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
            { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
            { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
            { src: 'maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          ],
        },
        workbox: {
          // The whole app, so that it runs offline after the first visit (the plugin adds
          // manifest.webmanifest itself; the icons are matched here, hence includeManifestIcons:
          // false below, so no entry is listed twice). Not precached: the 404 page (for the host)
          // and the social preview image (for crawlers); the app uses neither.
          globPatterns: ['**/*.{js,css,html,svg,png,ico}'],
          globIgnores: ['404.html', 'og-image.png'],
          navigateFallback: 'index.html',
          // Only the app's own pages get index.html: the root as published (SITE_BASE), or, when
          // that is not known (a course site, a SCORM package), any folder URL or index.html. A deeper
          // unknown path goes to the network (and the host's 404 page) instead of an index.html whose
          // relative asset URLs would point nowhere.
          navigateFallbackAllowlist: [base === '/' ? /^[^?]*\/(?:index\.html)?(?:\?.*)?$/ : new RegExp(`^${escapeRegExp(base)}(?:index\\.html)?(?:\\?.*)?$`)],
          // A new version takes over at once (src/offlineWorker.ts reloads a page that an older one served),
          // so nobody is kept on an old build; caches of older Workbox versions are removed.
          skipWaiting: true,
          clientsClaim: true,
          cleanupOutdatedCaches: true,
        },
      }),
      manifestLinkedByTheApp(),
    ],
    build: {
      target: 'es2022',
      // No modulepreload polyfill in the entry: browsers without <link rel="modulepreload"> still
      // load every chunk when it is imported, only without the head start.
      modulePreload: { polyfill: false },
      rolldownOptions: {
        output: {
          // Six hash characters (36 bits) still tell every build's chunks apart for caches; the first
          // load names ~30 chunks, and their hashes, which gzip cannot shrink, were ~100 B more at eight.
          chunkFileNames: 'assets/[name]-[hash:6].js',
          codeSplitting: {
            // The engine (src/sim, src/auth, jose) and what runs a lesson with it arrive as one chunk,
            // fetched while the first lesson's script loads: not ten small ones, each a request and
            // each compressed alone. The leaves the first screen reads (names, cookie names) stay out,
            // or the first load would preload the whole engine.
            groups: [
              { name: 'engine', test: (id: string) => ENGINE.test(id) && !FIRST_LOAD_LEAVES.test(id), includeDependenciesRecursively: false },
              { name: 'shell', test: SHELL_SHARED, includeDependenciesRecursively: false },
            ],
          },
        },
      },
    },
    // The load lab's sweeps run in a module worker (src/lab/sweepClient.ts): ES output keeps it a
    // module (and lets it split chunks, which IIFE output cannot). Its chunk lands in assets/, so the
    // precache's globPatterns (VitePWA, above) take it in and the lab runs offline too.
    worker: { format: 'es' },
    test: {
      // Property tests draw from one seed, fixed unless FC_SEED says otherwise, printed at the start (test/support/props.ts).
      globalSetup: ['test/support/propsGlobalSetup.ts'],
      setupFiles: ['test/support/propsSetup.ts'],
      projects: [
        // Engine and crypto: node, because jsdom's foreign-realm Uint8Array breaks jose.
        { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
        { extends: true, test: { name: 'ui', include: ['test/ui/**/*.test.tsx', 'test/ui/**/*.test.ts'], environment: 'happy-dom' } },
      ],
    },
  };
});

/** Modules of the engine chunk: the simulation, auth, jose, the reason codes, the lesson runner, the store's snapshots of a run and the words for its new log lines (the moment's news and the interventions panel share them: alone, a chunk of its own before Play). */
const ENGINE = /[\\/](?:src[\\/](?:sim|auth)[\\/]|src[\\/]reasons\.ts|src[\\/]scenarios[\\/](?:run|outcomes)\.ts|src[\\/]store[\\/](?:snapshot|news)\.ts|src[\\/]formatSpans\.ts|src[\\/]scenarios[\\/]scenario\.ts|node_modules[\\/]jose[\\/])/;
/** Engine leaves the first screen imports (src/ui and src/store read them before any lesson runs). */
const FIRST_LOAD_LEAVES = /[\\/]src[\\/]sim[\\/](?:schemes[\\/]names|cookieNames)\.ts$/;

/** First-load modules that lesson scripts or the engine import too (and Vite's preload helper): one chunk, not one each. */
const SHELL_SHARED = /[\\/]src[\\/](?:sim[\\/](?:schemes[\\/]names|cookieNames)|scenarios[\\/]catalog)\.ts$|^\0vite[\\/]preload-helper/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
