// WebCrypto (crypto.subtle) only exists in a secure context: HTTPS, or http://localhost. Served
// over plain http on a LAN, the JWT world (which signs and verifies real tokens) cannot run; the
// session world needs no crypto and still plays.
import { SCHEME_WORDS, type Mode } from '../sim/schemes/names';

/** Whether this page can sign and verify tokens (crypto.subtle is there). */
export function hasWebCrypto(scope: { crypto?: { subtle?: unknown } } = globalThis): boolean {
  return typeof scope.crypto?.subtle === 'object' && scope.crypto.subtle !== null;
}

/** Said once, at the top of the page, when the JWT world cannot run here. */
export const NO_WEBCRYPTO_NOTICE =
  'The JWT world is hidden because it signs real tokens with WebCrypto, which browsers allow only on a secure page: open this simulator over HTTPS or at http://localhost (from another computer, forward the port first: ssh -L 4173:localhost:4173 the-server).';

/** Said instead of a lesson that happens in the JWT world only. */
export const JWT_ONLY_NEEDS_WEBCRYPTO = 'This lesson happens in the JWT world only, which needs HTTPS or http://localhost here: pick another lesson to watch the session world.';

/** The worlds that can run here: without WebCrypto, the session world only. */
export function runnableModes(modes: readonly Mode[], webCrypto: boolean = hasWebCrypto()): Mode[] {
  return webCrypto ? [...modes] : modes.filter((m) => !SCHEME_WORDS[m].needsWebCrypto);
}
