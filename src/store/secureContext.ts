// WebCrypto (crypto.subtle) only exists in a secure context: HTTPS, or http://localhost. Served
// over plain http on a LAN, the JWT world (which signs and verifies real tokens) cannot run; the
// session world needs no crypto and still plays. What the page then says is in noWebCryptoWords.ts,
// fetched only where it is needed.
import { SCHEME_WORDS, type Mode } from '../sim/schemes/names';

/** Whether this page can sign and verify tokens (crypto.subtle is there). */
export function hasWebCrypto(scope: { crypto?: { subtle?: unknown } } = globalThis): boolean {
  return typeof scope.crypto?.subtle === 'object' && scope.crypto.subtle !== null;
}

/** The worlds that can run here: without WebCrypto, the session world only. */
export function runnableModes(modes: readonly Mode[], webCrypto: boolean = hasWebCrypto()): Mode[] {
  return webCrypto ? [...modes] : modes.filter((m) => !SCHEME_WORDS[m].needsWebCrypto);
}
