import type { Plugin } from 'vite';

// The built app's Content-Security-Policy, delivered as <meta http-equiv> because static hosts
// (GitHub Pages) cannot set headers. Build only: the dev server needs inline scripts (React refresh).
//
// Everything the app loads comes from its own folder: the entry module, lazy chunks, CSS,
// registerSW.js, sw.js, the web manifest and icons. React and framer-motion set styles through
// the CSSOM (element.style), which style-src does not govern; test/e2e/csp.spec.ts plays every
// lesson and asserts zero violations. default-src 'self' covers img/font/connect/worker/manifest/frame;
// base-uri, form-action and object-src do not fall back to it, so they are set explicitly.
// frame-ancestors, report-uri and sandbox are ignored in a meta policy: send them as headers.
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Puts the policy right after <meta charset>, before any script, stylesheet or manifest link. */
export function cspMeta(policy: string = CSP): Plugin {
  return {
    name: 'app:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
        const charset = /<meta charset=[^>]*>/i;
        if (!charset.test(html)) throw new Error('csp: index.html has no <meta charset> to put the policy after');
        return html.replace(charset, (m) => `${m}\n    ${meta}`);
      },
    },
  };
}
