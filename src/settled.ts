// The page says when its first screen works (a lesson loaded and playable, or the lab drawn), so
// what can wait does: public/registerSW.js registers the offline service worker only then. On a
// first visit the worker's install fetches the whole build (~40 files) and, started at the window's
// load, it held React's hydration back: the app took input ~20% later on a 4x-throttled laptop.
// A plain script cannot import this: it reads the same event name and attribute (a test checks).

export const SETTLED_EVENT = 'authsim:settled';
/** Set on <html> too, for a listener that comes after the event. */
export const SETTLED_ATTRIBUTE = 'data-settled';

export function announceSettled(): void {
  const html = document.documentElement;
  if (html.hasAttribute(SETTLED_ATTRIBUTE)) return;
  html.setAttribute(SETTLED_ATTRIBUTE, '');
  document.dispatchEvent(new Event(SETTLED_EVENT));
}
