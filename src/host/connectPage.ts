// Everything that talks to the page around the app: loaded only when there is one (a frame, or a
// window an LMS opened), so a plain visit does not download it.
import type { AppStore } from '../store/createAppStore';
import { connectHost } from './hostApi';
import { connectScorm, findScormApi } from './scorm';

export function connectPage(store: AppStore, root: Element): void {
  if (window.parent !== window) connectHost(store, { self: window, parent: window.parent, content: root });
  const lms = findScormApi(window);
  if (lms) window.addEventListener('pagehide', connectScorm(store, lms));
}
