// Registers the service worker that keeps the simulator working offline (Workbox, generated at
// build time by vite-plugin-pwa, which injects this file as <script src="./registerSW.js" defer>;
// it is an external file because the Content-Security-Policy allows no inline script).
//
// Not at the window's load: the worker's install fetches the whole build, and on a first visit that
// held back the page's own start (React taking the first screen, the lesson loading). The app says
// when its first screen works (src/settled.ts: the 'authsim:settled' event and the data-settled
// attribute on <html>); the worker is registered at the next idle moment after that, or 10 s after
// the load if the app never says so (its lesson failed to load: offline support still comes).
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
  let asked = false;
  const register = () => {
    if (asked) return;
    asked = true;
    // Relative to the page: the worker and its scope are the app's own folder, wherever it is hosted.
    container.register('./sw.js', { scope: './' }).catch((error) => {
      console.info('Offline support is unavailable:', error instanceof Error ? error.message : error);
    });
  };
  const whenIdle = () => (window.requestIdleCallback ? window.requestIdleCallback(register, { timeout: 2000 }) : setTimeout(register, 0));
  if (document.documentElement.hasAttribute('data-settled')) whenIdle();
  else document.addEventListener('authsim:settled', whenIdle, { once: true });
  const fallback = () => setTimeout(register, 10_000);
  if (document.readyState === 'complete') fallback();
  else window.addEventListener('load', fallback, { once: true });
})();
