import type { Plugin } from 'vite';

// Where the site is published, from the environment at build time (the Pages workflow sets both
// from actions/configure-pages). The app itself uses the relative base './' and does not need them:
// they only feed the 404 page (an absolute path back to the root) and the og:image URL (crawlers
// want an absolute one).

/** SITE_BASE: the app root's absolute path, '/' by default, always with leading and trailing '/'. */
export function siteBase(raw: string | undefined): string {
  const path = `/${(raw ?? '').trim()}/`.replace(/\/{2,}/g, '/');
  if (!/^\/[A-Za-z0-9._~%/-]*$/.test(path)) throw new Error(`SITE_BASE must be a URL path such as /repo/, got ${JSON.stringify(raw)}`);
  return path;
}

/** SITE_URL: the app root's absolute http(s) URL ending in '/', or undefined when not set. */
export function siteUrl(raw: string | undefined): string | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SITE_URL must be an http(s) URL, got ${JSON.stringify(raw)}`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}

/**
 * The social preview image (public/og-image.png, 1200x630) and, when SITE_URL is known, the
 * page's canonical URL: absolute from SITE_URL, else relative (fine for the app, ignored by most
 * crawlers). The other preview tags are static in index.html.
 */
export function socialImage({ url, image, alt }: { url: string | undefined; image: string; alt: string }): Plugin {
  const src = url ? new URL(image, url).href : `./${image}`;
  return {
    name: 'app:social-image',
    transformIndexHtml: {
      order: 'post',
      handler() {
        const meta = (property: string, content: string) => ({ tag: 'meta', attrs: { property, content }, injectTo: 'head' as const });
        return [
          ...(url ? [meta('og:url', url)] : []),
          meta('og:image', src),
          meta('og:image:type', 'image/png'),
          meta('og:image:width', '1200'),
          meta('og:image:height', '630'),
          meta('og:image:alt', alt),
        ];
      },
    },
  };
}
