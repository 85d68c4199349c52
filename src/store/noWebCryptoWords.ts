// What the page says where WebCrypto is missing (secureContext.ts): fetched only on such a page,
// so no other page loads these sentences before its first paint.
/** Where the page is, as the notice needs it (window.location's fields). */
export interface PageAddress {
  protocol: string;
  hostname: string;
  port: string;
}

/**
 * Said once, at the top of the page, when the JWT world cannot run here. A page served over HTTPS
 * or from localhost that is still not a secure context is framed by a page that is not secure (a
 * course page over plain http): there, "open this simulator over HTTPS" was no help, the fix is the
 * host's. Served over plain http from another machine, the port to forward is this page's own.
 */
export function noWebCryptoNotice(page: PageAddress | undefined = globalThis.location, secureContext: boolean | undefined = globalThis.isSecureContext): string {
  const lead = 'The JWT world is hidden because it signs real tokens with WebCrypto, which browsers allow only on a secure page';
  const framedByInsecurePage = secureContext === false && !!page && (page.protocol === 'https:' || page.hostname === 'localhost' || page.hostname === '127.0.0.1' || page.hostname === '[::1]');
  if (framedByInsecurePage) return `${lead}, and this one is shown inside a page that is not (plain http): open that page over HTTPS, or open this simulator on its own.`;
  const port = page ? page.port || (page.protocol === 'http:' ? '80' : '') : '';
  // Port 80 is the root's to bind on the learner's machine: forward it to 8080.
  const local = port === '80' ? '8080' : port;
  const forward = port ? ` (from another computer, forward the port first: ssh -L ${local}:localhost:${port} the-server, then open http://localhost:${local})` : '';
  return `${lead}: open this simulator over HTTPS or at http://localhost${forward}.`;
}

/**
 * Said instead of a lesson that happens in the JWT world only. An embed has no lesson picker (its
 * course page chose the lesson): there, "pick another lesson" pointed at nothing.
 */
export function jwtOnlyNeedsWebCrypto(embed: boolean): string {
  const why = 'This lesson happens in the JWT world only, which cannot run on this page (the notice above says why)';
  return embed ? `${why}.` : `${why}: pick another lesson to watch the session world.`;
}
