// Reading credentials out of raw HTTP text for display: which line carries the credential,
// and the JWT (if any) a request carries or a response hands out. Text only, no checks.
import type { CredentialKind } from '../../sim/types';
import { JWT_COOKIE, SESSION_COOKIE } from '../../sim/nodes/browser';
import type { LineMarker, MarkTone } from './HttpText';

const HEADER_END = '\r\n\r\n';

function headerLines(text: string): string[] {
  return (text.split(HEADER_END, 1)[0] ?? '').split('\r\n');
}

const isHeader = (line: string, name: string) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`);
const valueOf = (line: string) => line.slice(line.indexOf(':') + 1).trim();

function cookieValue(cookieList: string, name: string): string | null {
  for (const part of cookieList.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The header that carries the credential: Authorization when present (a bearer token), else Cookie. */
export function credentialLineIndex(httpRequest: string): number {
  const lines = headerLines(httpRequest);
  const auth = lines.findIndex((l) => isHeader(l, 'Authorization'));
  return auth >= 0 ? auth : lines.findIndex((l) => isHeader(l, 'Cookie'));
}

const toneOf = (credential: CredentialKind): MarkTone => (credential === 'session' ? 'session' : credential === 'jwt' ? 'jwt' : 'other');

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
  const lines = headerLines(httpRequest);
  const auth = lines.find((l) => isHeader(l, 'Authorization'));
  if (auth && valueOf(auth).startsWith('Bearer ')) return valueOf(auth).slice(7);
  const cookie = lines.find((l) => isHeader(l, 'Cookie'));
  return cookie ? cookieValue(valueOf(cookie), JWT_COOKIE) : null;
}

/** The access token a response hands out: in the JSON body, or in a Set-Cookie. */
export function responseJwt(httpResponse: string): string | null {
  const at = httpResponse.indexOf(HEADER_END);
  const body = at < 0 ? '' : httpResponse.slice(at + HEADER_END.length);
  try {
    const parsed = JSON.parse(body) as { access_token?: unknown };
    if (typeof parsed.access_token === 'string') return parsed.access_token;
  } catch {
    // not JSON: fall through to the cookies
  }
  for (const line of headerLines(httpResponse)) {
    if (!isHeader(line, 'Set-Cookie')) continue;
    const pair = valueOf(line).split(';', 1)[0] ?? '';
    const value = cookieValue(pair, JWT_COOKIE);
    if (value) return value;
  }
  return null;
}
