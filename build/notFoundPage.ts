import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

// GitHub Pages answers an unknown path with the site's 404.html. Ours sends the visitor to the
// app's root (SITE_BASE, an absolute path known at build time), keeping ?query and #fragment, so
// a mistyped or stale deep link still opens the simulator with its scenario parameters.
// The one inline script is allowed by its sha256 in the page's own CSP; without JavaScript a
// <noscript> meta refresh and a plain link do the same (without the query string).

/** The redirect script: exact text, hashed for the CSP. */
export function redirectScript(base: string): string {
  // Already at the root (a misconfigured base that 404s itself): stay and show the link, no loop.
  const target = JSON.stringify(base).replace(/</g, '\\u003c');
  return `if(location.pathname!==${target})location.replace(${target}+location.search+location.hash);`;
}

export function notFoundHtml(base: string, title: string): string {
  const script = redirectScript(base);
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  const csp = [`default-src 'none'`, `script-src 'sha256-${hash}'`, `base-uri 'none'`, `form-action 'none'`].join('; ');
  const href = escapeHtml(base);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="${csp}" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="robots" content="noindex" />
    <title>Page not found · ${escapeHtml(title)}</title>
    <script>${script}</script>
    <noscript><meta http-equiv="refresh" content="0; url=${href}" /></noscript>
  </head>
  <body>
    <p>There is nothing at this address. <a href="${href}">Open ${escapeHtml(title)}</a>.</p>
  </body>
</html>
`;
}

/** Emits 404.html next to index.html (build only). `base` must be an absolute path ending in '/'. */
export function notFoundPage({ base, title }: { base: string; title: string }): Plugin {
  return {
    name: 'app:404-page',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '404.html', source: notFoundHtml(base, title) });
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
