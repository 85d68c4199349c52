// The page says when its first screen works (a lesson loaded and playable, or its failure shown, or
// the lab drawn), so what can wait does: offline support (src/offlineSupport.ts, a chunk of its
// own) comes only then. The attribute says so to tests.

/** Set on <html>. */
export const SETTLED_ATTRIBUTE = 'data-settled';

export function announceSettled(): void {
  const html = document.documentElement;
  if (html.hasAttribute(SETTLED_ATTRIBUTE)) return;
  html.setAttribute(SETTLED_ATTRIBUTE, '');
  // The built app only: the dev server has no worker to register. A chunk that cannot come (the
  // network gone) offers nothing, and the page goes on as it is.
  if (import.meta.env.PROD) import('./offlineSupport').then((m) => m.offerOfflineSupport(), () => {});
}
