import { byteLength } from './jwtText';
// A pure cookie jar after RFC 6265bis §5.6 (parsing Set-Cookie) and §5.7 (storage) and
// §5.8 (the Cookie header). Time is always the caller's virtual clock (nowMs), never the
// wall clock, so a replayed simulation keeps exactly the same cookies. Everything is plain
// JSON, and no function mutates its inputs.
//
// Simplifications, on purpose: there is no public-suffix list, no per-domain cookie count
// limit, and SameSite only filters what is sent (RequestContext.site), not what is stored.

export type SameSite = 'Strict' | 'Lax' | 'None';

export interface Cookie {
  name: string;
  value: string;
  domain: string; // the host it is bound to (host-only cookies: the request host)
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  expiresAtMs: number | null; // null = session cookie
  creationMs: number;
  sizeBytes: number; // UTF-8 bytes of name + value (what the 4096 limit counts)
}

export interface CookieJar {
  cookies: Cookie[];
}

export const COOKIE_NAME_VALUE_LIMIT_BYTES = 4096;
/** §5.6: an attribute value longer than this is ignored, not fatal. */
export const COOKIE_ATTRIBUTE_VALUE_LIMIT_BYTES = 1024;
/** §5.6.1/§5.6.2: browsers cap any expiry at 400 days from now. */
export const COOKIE_MAX_AGE_CAP_SEC = 400 * 24 * 60 * 60;

/**
 * Where a request comes from, for SameSite (optional; omitted means same-site):
 * 'same-site', a top-level GET navigation from another site ('cross-site-navigation'),
 * or any other cross-site request such as a fetch or a form POST ('cross-site').
 */
export type RequestSite = 'same-site' | 'cross-site-navigation' | 'cross-site';

export interface RequestContext {
  host: string;
  path: string;
  secure: boolean;
  nowMs: number;
  site?: RequestSite;
}

export type SetCookieRejection = 'malformed' | 'too_large' | 'prefix_violation' | 'secure_required' | 'domain_mismatch';

export type SetCookieOutcome =
  | { kind: 'stored'; cookie: Cookie }
  | { kind: 'deleted'; name: string } // Max-Age<=0 or Expires in the past removed a cookie (or nothing)
  /** `name`: the cookie's (empty when none could be read); `bytes`: its name + value, when it was too large. */
  | { kind: 'rejected'; reason: SetCookieRejection; message: string; name: string; bytes: number | null };

// ---------------------------------------------------------------------------------------
// Small helpers


/** §5.6 step 1-2: control characters other than HTAB make the whole line invalid. */
function hasControlChar(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  return /[\x00-\x08\x0a-\x1f\x7f]/.test(text);
}

/** Whitespace as RFC 6265bis trims it: space and horizontal tab only. */
function trimWs(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}

type Rejected = Extract<SetCookieOutcome, { kind: 'rejected' }>;

function reject(reason: SetCookieRejection, name: string, why: string, bytes: number | null = null): Rejected {
  return { kind: 'rejected', reason, message: `The browser silently dropped cookie ${name || '(unnamed)'}: ${why}.`, name, bytes };
}

/** The path part of a request target, without query or fragment. */
function pathOnly(target: string): string {
  // A loop, not a regex search: every request's cookies ask this.
  for (let i = 0; i < target.length; i++) {
    const unit = target.charCodeAt(i);
    if (unit === 0x3f /* ? */ || unit === 0x23 /* # */) return target.slice(0, i);
  }
  return target;
}

function canonicalHost(host: string): string {
  const lower = host.toLowerCase();
  // One trailing dot goes (a fully qualified name); no regex: every request asks this.
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

// ---------------------------------------------------------------------------------------
// §5.1.3 domain matching and §5.1.4 paths

/** True when `host` is `domain` or a subdomain of it (never for IP addresses). */
export function domainMatch(host: string, domain: string): boolean {
  const h = canonicalHost(host);
  const d = canonicalHost(domain);
  if (h === d) return true;
  return !isIpAddress(h) && h.endsWith(`.${d}`);
}

/** The directory of the request path: what a cookie without a usable Path is scoped to. */
export function defaultPath(requestPath: string): string {
  const p = pathOnly(requestPath);
  if (!p.startsWith('/')) return '/';
  const lastSlash = p.lastIndexOf('/');
  return lastSlash === 0 ? '/' : p.slice(0, lastSlash);
}

/** /api matches /api and /api/x but not /apix: a prefix counts only at a '/' boundary. */
export function pathMatch(requestPath: string, cookiePath: string): boolean {
  const p = pathOnly(requestPath) || '/';
  if (p === cookiePath) return true;
  if (!p.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || p[cookiePath.length] === '/';
}

// ---------------------------------------------------------------------------------------
// §5.1.1 cookie dates: one tolerant tokenizer covers IMF-fixdate, RFC 850 and asctime.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
// eslint-disable-next-line no-control-regex -- the RFC's delimiter set includes HTAB
const DATE_DELIMITERS = /[\x09\x20-\x2f\x3b-\x40\x5b-\x60\x7b-\x7e]+/;

interface DateParts {
  time?: [number, number, number];
  day?: number;
  month?: number;
  year?: number;
}

/** Fill the first still-missing field this token can be, in the RFC's order. */
function readDateToken(parts: DateParts, token: string): void {
  const time = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D|$)/.exec(token);
  if (!parts.time && time) {
    parts.time = [Number(time[1]), Number(time[2]), Number(time[3])];
    return;
  }
  const day = /^(\d{1,2})(?:\D|$)/.exec(token);
  if (parts.day === undefined && day) {
    parts.day = Number(day[1]);
    return;
  }
  const month = MONTHS.indexOf(token.slice(0, 3).toLowerCase());
  if (parts.month === undefined && month !== -1) {
    parts.month = month;
    return;
  }
  const year = /^(\d{2,4})(?:\D|$)/.exec(token);
  if (parts.year === undefined && year) parts.year = Number(year[1]);
}

/** Two-digit years: 70-99 are 1900s, 00-69 are 2000s. */
function fullYear(year: number): number {
  if (year >= 70 && year <= 99) return year + 1900;
  if (year >= 0 && year <= 69) return year + 2000;
  return year;
}

/** Epoch milliseconds of a cookie date, or null when it cannot be read (then it is ignored). */
export function parseCookieDate(text: string): number | null {
  const parts: DateParts = {};
  for (const token of text.split(DATE_DELIMITERS)) if (token) readDateToken(parts, token);
  const { time, day, month, year } = parts;
  if (!time || day === undefined || month === undefined || year === undefined) return null;
  const y = fullYear(year);
  const [h, m, s] = time;
  if (day < 1 || day > 31 || y < 1601 || h > 23 || m > 59 || s > 59) return null;
  const ms = Date.UTC(y, month, day, h, m, s);
  // Date.UTC rolls 31 Feb over into March; the RFC says such a date does not exist.
  return new Date(ms).getUTCDate() === day ? ms : null;
}

/** IMF-fixdate, e.g. "Mon, 05 Jan 2026 09:00:00 GMT" (the format toUTCString is specified to give). */
export function formatImfFixdate(ms: number): string {
  return new Date(ms).toUTCString();
}

// ---------------------------------------------------------------------------------------
// §5.6 parsing the Set-Cookie line into name, value and attributes

interface ParsedAttributes {
  expiresAtMs: number | null; // from Expires
  maxAgeSec: number | null; // from Max-Age; wins over Expires
  domain: string | null;
  path: string | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
}

function parseSameSite(value: string): SameSite {
  const v = value.toLowerCase();
  if (v === 'strict') return 'Strict';
  if (v === 'none') return 'None';
  return 'Lax'; // 'lax', unknown and missing all mean Lax, as browsers default
}

/** Max-Age is an optional '-' and digits; anything else is ignored. */
function parseMaxAge(value: string): number | null {
  if (!/^-?\d+$/.test(value)) return null;
  return Number(value);
}

/** Apply one "name=value" attribute; later attributes of the same name win. */
function readAttribute(attrs: ParsedAttributes, raw: string): ParsedAttributes {
  const eq = raw.indexOf('=');
  const name = trimWs(eq === -1 ? raw : raw.slice(0, eq)).toLowerCase();
  const value = eq === -1 ? '' : trimWs(raw.slice(eq + 1));
  if (byteLength(value) > COOKIE_ATTRIBUTE_VALUE_LIMIT_BYTES) return attrs;
  switch (name) {
    case 'expires':
      return { ...attrs, expiresAtMs: parseCookieDate(value) ?? attrs.expiresAtMs };
    case 'max-age':
      return { ...attrs, maxAgeSec: parseMaxAge(value) ?? attrs.maxAgeSec };
    case 'domain':
      // An empty Domain is ignored; a leading dot is legacy syntax and means nothing.
      return value ? { ...attrs, domain: value.replace(/^\./, '').toLowerCase() } : attrs;
    case 'path':
      return { ...attrs, path: value.startsWith('/') ? value : null };
    case 'secure':
      return { ...attrs, secure: true };
    case 'httponly':
      return { ...attrs, httpOnly: true };
    case 'samesite':
      return { ...attrs, sameSite: parseSameSite(value) };
    default:
      return attrs; // unknown attributes are ignored
  }
}

function parseAttributes(unparsed: string[]): ParsedAttributes {
  const initial: ParsedAttributes = {
    expiresAtMs: null,
    maxAgeSec: null,
    domain: null,
    path: null,
    secure: false,
    httpOnly: false,
    sameSite: 'Lax',
  };
  return unparsed.reduce(readAttribute, initial);
}

/** Max-Age beats Expires; both are capped at 400 days; Max-Age<=0 means "already expired". */
function expiryFrom(attrs: ParsedAttributes, nowMs: number): number | null {
  const capMs = nowMs + COOKIE_MAX_AGE_CAP_SEC * 1000;
  if (attrs.maxAgeSec !== null) {
    return attrs.maxAgeSec <= 0 ? nowMs : Math.min(nowMs + attrs.maxAgeSec * 1000, capMs);
  }
  return attrs.expiresAtMs === null ? null : Math.min(attrs.expiresAtMs, capMs);
}

// ---------------------------------------------------------------------------------------
// §5.7 storage checks, in the RFC's order

/** The Secure, SameSite=None and prefix rules; null when the cookie may be stored. */
function securityProblem(c: Cookie, hadDomainAttr: boolean, hadPathAttr: boolean, ctx: RequestContext): Rejected | null {
  if (c.secure && !ctx.secure) {
    return reject('secure_required', c.name, 'it is marked Secure but arrived over plain http, and only https pages may set Secure cookies');
  }
  if (c.sameSite === 'None' && !c.secure) {
    return reject('secure_required', c.name, 'SameSite=None is only allowed together with Secure');
  }
  const lower = c.name.toLowerCase();
  if (lower.startsWith('__secure-') && !c.secure) {
    return reject('prefix_violation', c.name, 'names starting with __Secure- must carry the Secure attribute and come from an https page');
  }
  // 6265bis §4.1.3.2: the Path attribute must be present and "/" (a default path of "/" is not enough).
  if (lower.startsWith('__host-') && (!c.secure || hadDomainAttr || !hadPathAttr || c.path !== '/')) {
    return reject('prefix_violation', c.name, 'names starting with __Host- must be Secure, have Path=/ and no Domain attribute');
  }
  return null;
}

type Parsed = { kind: 'ok'; cookie: Cookie } | Rejected;

/** §5.6 + §5.7 up to (not including) the jar: the cookie, already-expired or not. */
function parseCookie(header: string, ctx: RequestContext): Parsed {
  if (hasControlChar(header)) return reject('malformed', '', 'the Set-Cookie header contains control characters');
  const [pair = '', ...unparsed] = header.split(';');
  // §5.6 steps 2-5: without "=", the whole pair is the value of a cookie with an empty name.
  const eq = pair.indexOf('=');
  const name = eq === -1 ? '' : trimWs(pair.slice(0, eq));
  const value = trimWs(eq === -1 ? pair : pair.slice(eq + 1));
  if (!name && !value) return reject('malformed', '', 'the cookie has neither a name nor a value');

  const sizeBytes = byteLength(name) + byteLength(value);
  if (sizeBytes > COOKIE_NAME_VALUE_LIMIT_BYTES) {
    return reject('too_large', name, `name + value is ${sizeBytes} bytes, over the ${COOKIE_NAME_VALUE_LIMIT_BYTES}-byte limit`, sizeBytes);
  }

  const attrs = parseAttributes(unparsed);
  const host = canonicalHost(ctx.host);
  if (attrs.domain !== null && !domainMatch(host, attrs.domain)) {
    return reject('domain_mismatch', name, `a page on ${host} may not set a cookie for Domain=${attrs.domain}`);
  }

  const cookie: Cookie = {
    name,
    value,
    domain: attrs.domain ?? host,
    hostOnly: attrs.domain === null,
    path: attrs.path ?? defaultPath(ctx.path),
    secure: attrs.secure,
    httpOnly: attrs.httpOnly,
    sameSite: attrs.sameSite,
    expiresAtMs: expiryFrom(attrs, ctx.nowMs),
    creationMs: ctx.nowMs,
    sizeBytes,
  };
  return securityProblem(cookie, attrs.domain !== null, attrs.path !== null, ctx) ?? { kind: 'ok', cookie };
}

/** Parse one Set-Cookie value and run every check that does not need the jar. */
export function parseSetCookie(header: string, ctx: RequestContext): SetCookieOutcome {
  const parsed = parseCookie(header, ctx);
  if (parsed.kind === 'rejected') return parsed;
  const { cookie } = parsed;
  return isExpired(cookie, ctx.nowMs) ? { kind: 'deleted', name: cookie.name } : { kind: 'stored', cookie };
}

/** The cookie a new one replaces: same name, domain, host-only flag and path, as §5.7 says. */
function sameSlot(a: Cookie, b: Cookie): boolean {
  return a.name === b.name && a.domain === b.domain && a.hostOnly === b.hostOnly && a.path === b.path;
}

/**
 * §5.7 "leave secure cookies alone": plain http may not overwrite or shadow a live Secure
 * cookie of the same name whose domain and path overlap.
 */
function shadowsSecureCookie(jar: CookieJar, c: Cookie, ctx: RequestContext): boolean {
  if (c.secure || ctx.secure) return false;
  return jar.cookies.some(
    (old) =>
      old.secure &&
      old.name === c.name &&
      !isExpired(old, ctx.nowMs) &&
      (domainMatch(old.domain, c.domain) || domainMatch(c.domain, old.domain)) &&
      pathMatch(c.path, old.path),
  );
}

/** Parse a Set-Cookie value and return the jar after storing, replacing or deleting it. */
export function applySetCookie(
  jar: CookieJar,
  header: string,
  ctx: RequestContext,
): { jar: CookieJar; outcome: SetCookieOutcome } {
  const parsed = parseCookie(header, ctx);
  if (parsed.kind === 'rejected') return { jar, outcome: parsed };
  const incoming = parsed.cookie;
  if (shadowsSecureCookie(jar, incoming, ctx)) {
    const why = 'plain http may not overwrite a Secure cookie of the same name';
    return { jar, outcome: reject('secure_required', incoming.name, why) };
  }
  const others = jar.cookies.filter((c) => !sameSlot(c, incoming));
  if (isExpired(incoming, ctx.nowMs)) return { jar: { cookies: others }, outcome: { kind: 'deleted', name: incoming.name } };
  // A replacement keeps the old creation time, so it keeps its place in the Cookie header.
  const old = jar.cookies.find((c) => sameSlot(c, incoming) && !isExpired(c, ctx.nowMs));
  const cookie = old ? { ...incoming, creationMs: old.creationMs } : incoming;
  return { jar: { cookies: [...others, cookie] }, outcome: { kind: 'stored', cookie } };
}

// ---------------------------------------------------------------------------------------
// §5.8 which cookies a request carries

function isExpired(c: Cookie, nowMs: number): boolean {
  return c.expiresAtMs !== null && c.expiresAtMs <= nowMs;
}

/** Strict: same-site only. Lax: also top-level cross-site navigations. None: always. */
function sameSiteAllows(c: Cookie, site: RequestSite): boolean {
  if (site === 'same-site' || c.sameSite === 'None') return true;
  return c.sameSite === 'Lax' && site === 'cross-site-navigation';
}

function sendable(c: Cookie, ctx: RequestContext, host: string): boolean {
  const hostOk = c.hostOnly ? host === c.domain : domainMatch(host, c.domain);
  return (
    hostOk &&
    pathMatch(ctx.path, c.path) &&
    (!c.secure || ctx.secure) &&
    !isExpired(c, ctx.nowMs) &&
    sameSiteAllows(c, ctx.site ?? 'same-site')
  );
}

/** Cookies to send, longest path first, then oldest first (ties keep jar order). */
export function cookiesFor(jar: CookieJar, ctx: RequestContext): Cookie[] {
  const host = canonicalHost(ctx.host);
  return jar.cookies
    .filter((c) => sendable(c, ctx, host))
    .sort((a, b) => b.path.length - a.path.length || a.creationMs - b.creationMs);
}

/** A cookie as a Cookie header writes it (§5.8.3: an empty name is sent as its value alone). */
const pairText = (c: Cookie): string => (c.name === '' ? c.value : `${c.name}=${c.value}`);

/**
 * The text of each one-cookie jar's header, by cookie (a cookie is never edited: a new one replaces
 * it). The same string every request, so what reads it (byte counts, the server's lookups) can
 * remember it by the string; made anew per request, it was counted and parsed anew each time.
 */
const soleCookieHeaders = new WeakMap<Cookie, string>();

/** The Cookie request header value ("a=1; b=2"), or null when nothing is sent. */
export function cookieHeaderValue(jar: CookieJar, ctx: RequestContext): string | null {
  const cookies = jar.cookies;
  if (cookies.length === 0) return null;
  // A jar of one cookie (a browser's usual jar) needs no list and no sort: every request asks this.
  if (cookies.length === 1) {
    const c = cookies[0]!;
    if (!sendable(c, ctx, canonicalHost(ctx.host))) return null;
    let header = soleCookieHeaders.get(c);
    if (header === undefined) soleCookieHeaders.set(c, (header = pairText(c)));
    return header;
  }
  const sent = cookiesFor(jar, ctx);
  if (sent.length === 0) return null;
  let header = '';
  for (const c of sent) header += `${header ? '; ' : ''}${pairText(c)}`;
  return header;
}

/** The jar without cookies whose expiry is at or before nowMs. */
export function purgeExpired(jar: CookieJar, nowMs: number): CookieJar {
  return { cookies: jar.cookies.filter((c) => !isExpired(c, nowMs)) };
}

// ---------------------------------------------------------------------------------------
// Building Set-Cookie headers (for the simulated servers)

export interface SetCookieSpec {
  name: string;
  value: string;
  domain?: string;
  path?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: SameSite;
  maxAgeSec?: number;
  expiresAtMs?: number;
}

/** A Set-Cookie value; Expires is printed from virtual ms as an IMF-fixdate. */
export function serializeSetCookie(c: SetCookieSpec): string {
  const parts = [`${c.name}=${c.value}`];
  if (c.expiresAtMs !== undefined) parts.push(`Expires=${formatImfFixdate(c.expiresAtMs)}`);
  if (c.maxAgeSec !== undefined) parts.push(`Max-Age=${Math.trunc(c.maxAgeSec)}`);
  if (c.domain !== undefined) parts.push(`Domain=${c.domain}`);
  if (c.path !== undefined) parts.push(`Path=${c.path}`);
  if (c.secure) parts.push('Secure');
  if (c.httpOnly) parts.push('HttpOnly');
  if (c.sameSite !== undefined) parts.push(`SameSite=${c.sameSite}`);
  return parts.join('; ');
}
