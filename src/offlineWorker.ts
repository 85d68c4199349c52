// The service worker that keeps the simulator working offline (Workbox, generated at build time by
// vite-plugin-pwa: vite.config.ts) and the web manifest that makes it installable. Both wait for the
// page to be settled (src/settled.ts): the worker's install fetches the whole build, which on a first
// visit held back the page's own start, and fetched before the first paint (a register script and the
// manifest, linked from index.html) they stood on the first screen's path on Lighthouse's simulated
// phone (LCP 1,539 -> 1,379 ms, against the smallest React app's 1,270).

/** The web manifest vite-plugin-pwa writes beside index.html (vite.config.ts keeps its link out of the page). */
export const MANIFEST_HREF = './manifest.webmanifest';

/** The page's worker container: undefined outside secure contexts; reading it throws in a sandboxed (opaque-origin) frame. */
export function workers(): ServiceWorkerContainer | undefined {
  try {
    return navigator.serviceWorker ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * A new version's worker activates at once (skipWaiting + clientsClaim) and drops the old version's
 * files from its cache, so a page an older worker served could not load its remaining lazy chunks
 * (other lessons, the inspector): when control passes from an older worker to a newer one, the page
 * reloads once, on the new version. The first install (no worker before) reloads nothing. Called
 * first thing: the browser checks for a new worker as the page loads.
 */
export function reloadOnNewVersion(): void {
  const container = workers();
  if (!container?.controller) return;
  let reloading = false;
  container.addEventListener('controllerchange', () => {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  });
}
