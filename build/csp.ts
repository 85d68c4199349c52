import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

// The built app's Content-Security-Policy, delivered as <meta http-equiv> because static hosts
// (GitHub Pages) cannot set headers. Build only: the dev server needs inline scripts (React refresh).
//
// Everything the app loads comes from its own folder: the entry module, lazy chunks, CSS, sw.js,
// the web manifest and icons; the one inline script (src/firstScreenFit.js, which must run before
// the first paint) is allowed by its hash. React and framer-motion set styles through
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

/** The CSP source for an inline script: its text's SHA-256, as the browser hashes it. */
export const scriptHash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The texts of the inline scripts in `html` (a <script> without src). */
export const inlineScripts = (html: string): string[] => [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]!).filter((text) => text.trim() !== '');

/** The policy with each of these inline scripts allowed by its hash, and nothing else inline. */
export function policyFor(scripts: readonly string[], policy: string = CSP): string {
  if (scripts.length === 0) return policy;
  return policy.replace("script-src 'self'", () => `script-src 'self' ${scripts.map(scriptHash).join(' ')}`);
}

/**
 * Puts the policy right after <meta charset>, before any script, stylesheet or manifest link. Runs
 * after the plugins that write index.html (listed last among them), so it sees the inline fit script.
 */
export function cspMeta(policy: string = CSP): Plugin {
  return {
    name: 'app:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(inlineScripts(html), policy)}" />`;
        const charset = /<meta charset=[^>]*>/i;
        if (!charset.test(html)) throw new Error('csp: index.html has no <meta charset> to put the policy after');
        return html.replace(charset, (m) => `${m}\n    ${meta}`);
      },
    },
  };
}
