// What the page offers once it is settled (src/settled.ts fetches this then): the web manifest that
// makes the app installable, and the offline service worker (src/offlineWorker.ts says why they wait).
import { MANIFEST_HREF, workers } from './offlineWorker';

/** Links the manifest, and registers the worker at the next idle moment. */
export function offerOfflineSupport(): void {
  document.head.append(Object.assign(document.createElement('link'), { rel: 'manifest', href: MANIFEST_HREF }));
  const container = workers();
  if (!container) return;
  // Relative to the page: the worker and its scope are the app's own folder, wherever it is hosted.
  const register = () =>
    void container.register('./sw.js', { scope: './' }).catch((error: unknown) => {
      console.info('Offline support is unavailable:', error instanceof Error ? error.message : error);
    });
  if (window.requestIdleCallback) window.requestIdleCallback(register, { timeout: 2000 });
  else setTimeout(register, 0);
}
