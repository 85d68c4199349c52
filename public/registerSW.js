// Registers the service worker that keeps the simulator working offline (Workbox, generated at
// build time by vite-plugin-pwa, which injects this file as <script src="./registerSW.js" defer>;
// it is an external file because the Content-Security-Policy allows no inline script).
//
// A new version's worker activates at once (skipWaiting + clientsClaim) and drops the old version's
// files from its cache. A page that an older worker served would then fail to load its remaining
// lazy chunks (other lessons, the inspector), so when control passes from an older worker to a
// newer one, the page reloads once, on the new version. The first install (no worker before)
// reloads nothing.
(() => {
  let container;
  try {
    // Undefined outside secure contexts; reading it throws in a sandboxed (opaque-origin) iframe.
    container = navigator.serviceWorker;
  } catch {
    return;
  }
  if (!container) return;
  const servedByWorker = Boolean(container.controller);
  let reloading = false;
  container.addEventListener('controllerchange', () => {
    if (!servedByWorker || reloading) return;
    reloading = true;
    window.location.reload();
  });
  const register = () => {
    // Relative to the page: the worker and its scope are the app's own folder, wherever it is hosted.
    container.register('./sw.js', { scope: './' }).catch((error) => {
      console.info('Offline support is unavailable:', error instanceof Error ? error.message : error);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
})();
