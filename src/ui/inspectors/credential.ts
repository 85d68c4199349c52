// Reading credentials out of raw HTTP text for display: which line carries the credential,
// and the JWT (if any) a request carries or a response hands out. Text only, no checks.
import type { CredentialKind } from '../../sim/types';
import { bodyOf, headerValues, parseCookieHeader } from '../../sim/http';
import { JWT_COOKIE, SESSION_COOKIE } from '../../sim/cookieNames';
import type { LineMarker, MarkTone } from './HttpText';

const HEADER_END = '\r\n\r\n';

function headerLines(text: string): string[] {
  return (text.split(HEADER_END, 1)[0] ?? '').split('\r\n');
}

const isHeader = (line: string, name: string) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`);
const valueOf = (line: string) => line.slice(line.indexOf(':') + 1).trim();


/** The header that carries the credential: Authorization when present (a bearer token), else Cookie. */
export function credentialLineIndex(httpRequest: string): number {
  const lines = headerLines(httpRequest);
  const auth = lines.findIndex((l) => isHeader(l, 'Authorization'));
  return auth >= 0 ? auth : lines.findIndex((l) => isHeader(l, 'Cookie'));
}

const toneOf = (credential: CredentialKind): MarkTone => (credential === 'none' ? 'other' : credential);

/** Marks the request's credential line (only when the request counted credential bytes). */
export function requestMarker(httpRequest: string, credential: CredentialKind, credentialBytes: number): LineMarker | undefined {
  if (credentialBytes <= 0) return undefined;
  const at = credentialLineIndex(httpRequest);
  return (_line, i) => (i === at ? toneOf(credential) : null);
}

/** Marks Set-Cookie lines in a response: the session cookie in session colour, tokens in JWT colour. */
export const responseMarker: LineMarker = (line) => {
  if (!isHeader(line, 'Set-Cookie')) return null;
  return valueOf(line).startsWith(`${SESSION_COOKIE}=`) ? 'session' : 'jwt';
};

/** The JWT a request carries: a bearer token, else the JWT cookie. */
export function requestJwt(httpRequest: string): string | null {
  const auth = headerValues(httpRequest, 'Authorization')[0];
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const cookie = headerValues(httpRequest, 'Cookie')[0];
  return cookie ? (parseCookieHeader(cookie)[JWT_COOKIE] ?? null) : null;
}

/** The access token a response hands out: in the JSON body, or in a Set-Cookie. */
export function responseJwt(httpResponse: string): string | null {
  try {
    const parsed = JSON.parse(bodyOf(httpResponse)) as { access_token?: unknown };
    if (typeof parsed.access_token === 'string') return parsed.access_token;
  } catch {
    // not JSON: fall through to the cookies
  }
  for (const setCookie of headerValues(httpResponse, 'Set-Cookie')) {
    const value = parseCookieHeader(setCookie.split(';', 1)[0] ?? '')[JWT_COOKIE];
    if (value) return value;
  }
  return null;
}
