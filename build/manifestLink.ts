import type { Plugin } from 'vite';
import { MANIFEST_HREF } from '../src/offlineWorker.ts';

// vite-plugin-pwa links the web manifest from index.html's <head>, where the browser fetched it
// before the first paint, on the first screen's path. The app links it once its first screen works
// (src/offlineSupport.ts), so the link is taken out of the page here.

const LINK = /<link rel="manifest" href="([^"]*)"[^>]*>\s*/;

/** index.html without its manifest link; throws if there is none, or it names another file than the app will link. */
export function withoutManifestLink(html: string): string {
  const link = LINK.exec(html);
  if (!link) throw new Error('manifest link: index.html has no <link rel="manifest"> (did vite-plugin-pwa stop writing it?)');
  if (link[1] !== MANIFEST_HREF) throw new Error(`manifest link: index.html links ${link[1]}, the app links ${MANIFEST_HREF}`);
  return html.replace(link[0], '');
}

/** Listed after VitePWA, and like it a post plugin: its link is written by then. */
export function manifestLinkedByTheApp(): Plugin {
  return { name: 'app:manifest-linked-by-the-app', apply: 'build', enforce: 'post', transformIndexHtml: { order: 'post', handler: withoutManifestLink } };
}
