import { readFile } from 'node:fs/promises';
import { minify } from 'rolldown/utils';
import { createServer, type Plugin } from 'vite';

// Puts the first screen of `/` (src/firstScreen.tsx, rendered here at build time with the app's own
// components) into index.html's #root, marked data-first-screen: the page shows it once its HTML
// and stylesheet are in, before the app's code arrives and runs. src/main.tsx then draws the same
// screen over it (its first render replaces #root's children in one commit). src/firstScreenFit.js
// hides it before the first paint wherever the first screen would differ (a link's parameters, a
// frame, a remembered choice, no Web Crypto), and main.tsx then draws from an empty #root.

export const ROOT = '<div id="root"></div>';

/** index.html with `markup` inside its #root, marked for src/main.tsx and src/firstScreenFit.js. */
export function withFirstScreen(html: string, markup: string): string {
  if (!html.includes(ROOT)) throw new Error(`first screen: index.html has no ${ROOT} to fill`);
  return html.replace(ROOT, () => `<div id="root" data-first-screen>${markup}</div>`);
}

const NO_CSS = '\0first-screen:no-css';
const noCss: Plugin = {
  name: 'app:first-screen-no-css',
  enforce: 'pre',
  resolveId: (id) => (id.endsWith('.css') ? NO_CSS : null),
  load: (id) => (id === NO_CSS ? 'export {}' : null),
};

/**
 * The script that fits the first screen to the screen or hides it (src/firstScreenFit.js), minified,
 * inline and last in <head>: it runs once the stylesheet is in and before the first paint. An external
 * file cost the first paint a round trip of its own (Lighthouse: render-blocking, ~300 ms on its
 * simulated phone); build/csp.ts allows it by its hash.
 */
export async function fitScript(source = new URL('../src/firstScreenFit.js', import.meta.url)): Promise<string> {
  const { code, errors } = await minify('firstScreenFit.js', await readFile(source, 'utf8'), { compress: { target: 'es2022' }, mangle: true });
  if (errors.length) throw new Error(`first screen: ${errors.map((e) => e.message).join('; ')}`);
  return `<script>${code.trim()}</script>`;
}

/** The placeholder src/firstScreenFit.js holds for the link parser's built file. */
export const LINK_PARSER = '__LINK_PARSER__';

/**
 * The fit script with the link parser's file written in (the chunk of src/store/urlState.ts, which a
 * page with a link fetches at once); relative, as the build's base is.
 */
export function withLinkParser(script: string, bundle: Record<string, { type: string; moduleIds?: readonly string[]; fileName: string }>): string {
  // By the modules it holds: the lab and the host messages import it too, so it is no chunk's facade.
  const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.moduleIds?.some((id) => id.replace(/\\/g, '/').endsWith('/src/store/urlState.ts')));
  if (!chunk) throw new Error('first screen: no chunk of src/store/urlState.ts for the fit script to preload');
  if (!script.includes(LINK_PARSER)) throw new Error(`first screen: the fit script has no ${LINK_PARSER}`);
  return script.replace(LINK_PARSER, () => `./${chunk.fileName}`);
}

export function withFitScript(html: string, script: string): string {
  if (!html.includes('</head>')) throw new Error('first screen: index.html has no </head>');
  return html.replace('</head>', () => `${script}</head>`);
}

export function firstScreen(entry = './src/firstScreen.tsx'): Plugin[] {
  return [{
    name: 'app:first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        // Markup only: the stylesheets are the build's own. The server stays open while rendering,
        // as the render imports the lazy parts it waits for.
        const server = await createServer({ configFile: false, logLevel: 'error', plugins: [noCss], appType: 'custom', server: { middlewareMode: true, hmr: false, ws: false }, optimizeDeps: { noDiscovery: true, include: [] } });
        try {
          const module = (await server.ssrLoadModule(entry)) as { firstScreenHtml(): Promise<string> };
          return withFirstScreen(html, await module.firstScreenHtml());
        } finally {
          await server.close();
        }
      },
    },
  }, {
    name: 'app:first-screen-fit',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: async (html, ctx) => withFitScript(html, withLinkParser(await fitScript(), ctx.bundle ?? {})) },
  }];
}
