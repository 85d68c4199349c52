import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  applySetCookie,
  COOKIE_MAX_AGE_CAP_SEC,
  COOKIE_NAME_VALUE_LIMIT_BYTES,
  cookieHeaderValue,
  cookiesFor,
  defaultPath,
  domainMatch,
  formatImfFixdate,
  parseCookieDate,
  parseSetCookie,
  pathMatch,
  purgeExpired,
  serializeSetCookie,
  type CookieJar,
  type RequestContext,
  type SetCookieOutcome,
} from '../../src/auth/cookies';
import { runs } from '../support/propsSetup';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0); // the simulator's virtual epoch
const ctx: RequestContext = { host: 'app.example.com', path: '/', secure: true, nowMs: T0 };
const at = (ms: number, extra: Partial<RequestContext> = {}): RequestContext => ({ ...ctx, nowMs: ms, ...extra });
const empty: CookieJar = { cookies: [] };

/** Apply several Set-Cookie values in order, all at the same context. */
function jarOf(headers: string[], c: RequestContext = ctx, jar: CookieJar = empty): CookieJar {
  return headers.reduce((j, h) => applySetCookie(j, h, c).jar, jar);
}

function stored(outcome: SetCookieOutcome) {
  if (outcome.kind !== 'stored') throw new Error(`expected stored, got ${JSON.stringify(outcome)}`);
  return outcome.cookie;
}

function rejection(outcome: SetCookieOutcome) {
  if (outcome.kind !== 'rejected') throw new Error(`expected rejected, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('parsing the name=value pair', () => {
  it('splits on the first "=" so base64 padding and JWT-ish values survive', () => {
    const c = stored(parseSetCookie('tok=a=b==; Path=/', ctx));
    expect(c.name).toBe('tok');
    expect(c.value).toBe('a=b==');
  });

  it('trims spaces and tabs around name and value', () => {
    const c = stored(parseSetCookie(' \tsid \t=  abc \t; Path=/', ctx));
    expect([c.name, c.value]).toEqual(['sid', 'abc']);
  });

  it('allows an empty value', () => {
    expect(stored(parseSetCookie('flag=', ctx)).value).toBe('');
  });

  it('stores a pair without "=" (or with nothing before it) as a cookie with an empty name (6265bis §5.6)', () => {
    expect(stored(parseSetCookie('foo; Path=/', ctx))).toMatchObject({ name: '', value: 'foo' });
    expect(stored(parseSetCookie('=foo', ctx))).toMatchObject({ name: '', value: 'foo' });
    expect(stored(parseSetCookie('  =value', ctx))).toMatchObject({ name: '', value: 'value' });
    // Sent back as the value alone.
    const jar = applySetCookie({ cookies: [] }, 'foo; Path=/', ctx).jar;
    expect(cookieHeaderValue(jar, ctx)).toBe('foo');
  });

  it('rejects a cookie with neither name nor value, and control characters, as malformed', () => {
    expect(rejection(parseSetCookie('=', ctx)).reason).toBe('malformed');
    expect(rejection(parseSetCookie('a=b\x00c', ctx)).reason).toBe('malformed');
  });

  it('refuses __Host- without an explicit Path=/, even where the default path is /', () => {
    expect(rejection(parseSetCookie('__Host-a=1; Secure', ctx)).reason).toBe('prefix_violation');
    expect(stored(parseSetCookie('__Host-a=1; Secure; Path=/', ctx))).toMatchObject({ name: '__Host-a', path: '/' });
  });

  it('records the UTF-8 size of name + value', () => {
    expect(stored(parseSetCookie('n=€', ctx)).sizeBytes).toBe(1 + 3);
  });
});

describe('the 4096-byte limit', () => {
  it('silently drops a 5000-byte JWT cookie and says why in plain English', () => {
    const jwt = 'e'.repeat(5000);
    const { jar, outcome } = applySetCookie(empty, `__Host-jwt=${jwt}; Path=/; Secure; HttpOnly`, ctx);
    const r = rejection(outcome);
    expect(r.reason).toBe('too_large');
    expect(r.message).toBe('The browser silently dropped cookie __Host-jwt: name + value is 5010 bytes, over the 4096-byte limit.');
    expect(jar.cookies).toHaveLength(0);
    expect(cookieHeaderValue(jar, ctx)).toBeNull();
  });

  it('accepts exactly 4096 bytes and refuses 4097', () => {
    const fits = 'x'.repeat(COOKIE_NAME_VALUE_LIMIT_BYTES - 1);
    expect(parseSetCookie(`a=${fits}`, ctx).kind).toBe('stored');
    expect(rejection(parseSetCookie(`a=${fits}x`, ctx)).reason).toBe('too_large');
  });

  it('counts bytes, not characters: 2000 euro signs are 6000 bytes', () => {
    expect(rejection(parseSetCookie(`a=${'€'.repeat(2000)}`, ctx)).reason).toBe('too_large');
  });

  it('keeps the old cookie when its too-large replacement is dropped', () => {
    const jar = jarOf(['jwt=small; Path=/', `jwt=${'y'.repeat(5000)}; Path=/`]);
    expect(cookieHeaderValue(jar, ctx)).toBe('jwt=small');
  });
});

describe('attributes', () => {
  it('reads attribute names case-insensitively', () => {
    const c = stored(parseSetCookie('a=1; PATH=/x; SECURE; hTtPoNlY; samesite=strict; MAX-AGE=60', ctx));
    expect(c).toMatchObject({ path: '/x', secure: true, httpOnly: true, sameSite: 'Strict', expiresAtMs: T0 + 60_000 });
  });

  it('defaults SameSite to Lax when missing or unknown', () => {
    expect(stored(parseSetCookie('a=1', ctx)).sameSite).toBe('Lax');
    expect(stored(parseSetCookie('a=1; SameSite=Bogus', ctx)).sameSite).toBe('Lax');
    expect(stored(parseSetCookie('a=1; SameSite=LAX', ctx)).sameSite).toBe('Lax');
  });

  it('refuses SameSite=None without Secure', () => {
    const r = rejection(parseSetCookie('a=1; SameSite=None', ctx));
    expect(r.reason).toBe('secure_required');
    expect(r.message).toContain('SameSite=None');
    expect(stored(parseSetCookie('a=1; SameSite=None; Secure', ctx)).sameSite).toBe('None');
  });

  it('ignores unknown attributes and lets the last of a repeated attribute win', () => {
    const c = stored(parseSetCookie('a=1; Foo=bar; Path=/one; Path=/two', ctx));
    expect(c.path).toBe('/two');
  });

  it('ignores an attribute value over 1024 bytes', () => {
    const c = stored(parseSetCookie(`a=1; Path=/${'p'.repeat(1100)}`, at(T0, { path: '/dir/page' })));
    expect(c.path).toBe('/dir');
  });

  it('makes a cookie without Expires or Max-Age a session cookie', () => {
    expect(stored(parseSetCookie('a=1', ctx)).expiresAtMs).toBeNull();
  });
});

describe('Secure', () => {
  it('refuses a Secure cookie set by a plain-http page', () => {
    const r = rejection(parseSetCookie('a=1; Secure', at(T0, { secure: false })));
    expect(r.reason).toBe('secure_required');
    expect(r.message).toContain('http');
  });

  it('does not send a Secure cookie over plain http', () => {
    const jar = jarOf(['s=1; Secure', 'p=2']);
    expect(cookieHeaderValue(jar, ctx)).toBe('s=1; p=2');
    expect(cookieHeaderValue(jar, at(T0, { secure: false }))).toBe('p=2');
  });

  it('stops plain http from overwriting a Secure cookie of the same name', () => {
    const jar = jarOf(['sid=good; Path=/; Secure']);
    const { jar: after, outcome } = applySetCookie(jar, 'sid=evil; Path=/', at(T0, { secure: false }));
    expect(rejection(outcome).reason).toBe('secure_required');
    expect(after.cookies.map((c) => c.value)).toEqual(['good']);
  });
});

describe('cookie name prefixes', () => {
  it('stores a correct __Host- cookie', () => {
    const c = stored(parseSetCookie('__Host-sid=abc; Path=/; Secure; HttpOnly', ctx));
    expect(c).toMatchObject({ hostOnly: true, domain: 'app.example.com', path: '/' });
  });

  it('refuses __Host-sid with a Domain attribute', () => {
    const r = rejection(parseSetCookie('__Host-sid=abc; Path=/; Secure; Domain=app.example.com', ctx));
    expect(r.reason).toBe('prefix_violation');
    expect(r.message).toContain('__Host-');
  });

  it('refuses __Host- without Secure or with a Path other than /', () => {
    expect(rejection(parseSetCookie('__Host-sid=abc; Path=/', ctx)).reason).toBe('prefix_violation');
    expect(rejection(parseSetCookie('__Host-sid=abc; Secure; Path=/api', ctx)).reason).toBe('prefix_violation');
    // No Path: the default path of /app/page is /app, not /.
    expect(rejection(parseSetCookie('__Host-sid=abc; Secure', at(T0, { path: '/app/page' }))).reason).toBe('prefix_violation');
  });

  it('requires Secure for __Secure- and matches prefixes case-insensitively', () => {
    expect(rejection(parseSetCookie('__Secure-id=1', ctx)).reason).toBe('prefix_violation');
    expect(rejection(parseSetCookie('__SECURE-id=1', ctx)).reason).toBe('prefix_violation');
    expect(rejection(parseSetCookie('__host-id=1; Secure; Path=/api', ctx)).reason).toBe('prefix_violation');
    expect(parseSetCookie('__Secure-id=1; Secure; Domain=example.com', ctx).kind).toBe('stored');
  });

  it('refuses a prefixed Secure cookie from plain http as a Secure problem', () => {
    const r = rejection(parseSetCookie('__Host-sid=abc; Path=/; Secure', at(T0, { secure: false })));
    expect(r.reason).toBe('secure_required');
  });
});

describe('Domain', () => {
  it('binds a cookie without Domain to the exact request host (host-only)', () => {
    const jar = jarOf(['a=1']);
    expect(jar.cookies[0]).toMatchObject({ domain: 'app.example.com', hostOnly: true });
    expect(cookieHeaderValue(jar, at(T0, { host: 'api.app.example.com' }))).toBeNull();
    expect(cookieHeaderValue(jar, at(T0, { host: 'APP.example.com' }))).toBe('a=1');
  });

  it('shares a Domain cookie with subdomains and ignores a leading dot', () => {
    const jar = jarOf(['a=1; Domain=.Example.com']);
    expect(jar.cookies[0]).toMatchObject({ domain: 'example.com', hostOnly: false });
    expect(cookieHeaderValue(jar, at(T0, { host: 'other.example.com' }))).toBe('a=1');
    expect(cookieHeaderValue(jar, at(T0, { host: 'example.com' }))).toBe('a=1');
    expect(cookieHeaderValue(jar, at(T0, { host: 'badexample.com' }))).toBeNull();
  });

  it('refuses a Domain the request host is not inside', () => {
    const r = rejection(parseSetCookie('a=1; Domain=evil.com', ctx));
    expect(r.reason).toBe('domain_mismatch');
    expect(r.message).toContain('evil.com');
    expect(rejection(parseSetCookie('a=1; Domain=sub.app.example.com', ctx)).reason).toBe('domain_mismatch');
    expect(rejection(parseSetCookie('a=1; Domain=ample.com', at(T0, { host: 'example.com' }))).reason).toBe('domain_mismatch');
  });

  it('ignores an empty Domain attribute', () => {
    expect(stored(parseSetCookie('a=1; Domain=', ctx)).hostOnly).toBe(true);
  });

  it('never treats an IP address as a subdomain', () => {
    expect(domainMatch('10.0.0.1', '0.0.1')).toBe(false);
    expect(domainMatch('10.0.0.1', '10.0.0.1')).toBe(true);
    expect(domainMatch('a.b.c', 'b.c')).toBe(true);
  });
});

describe('Path', () => {
  it('computes the default path from the request path', () => {
    expect(defaultPath('/')).toBe('/');
    expect(defaultPath('/login')).toBe('/');
    expect(defaultPath('/api/login')).toBe('/api');
    expect(defaultPath('/api/v1/')).toBe('/api/v1');
    expect(defaultPath('/api/login?next=/x/y')).toBe('/api');
    expect(defaultPath('')).toBe('/');
  });

  it('uses the default path when Path is missing or does not start with /', () => {
    const c = at(T0, { path: '/api/login' });
    expect(stored(parseSetCookie('a=1', c)).path).toBe('/api');
    expect(stored(parseSetCookie('a=1; Path=api', c)).path).toBe('/api');
    expect(stored(parseSetCookie('a=1; Path=', c)).path).toBe('/api');
  });

  it('matches /api to /api and /api/x but not to /apix', () => {
    expect(pathMatch('/api', '/api')).toBe(true);
    expect(pathMatch('/api/users', '/api')).toBe(true);
    expect(pathMatch('/apix', '/api')).toBe(false);
    expect(pathMatch('/api/users', '/api/')).toBe(true);
    expect(pathMatch('/api', '/api/')).toBe(false);
    expect(pathMatch('/anything', '/')).toBe(true);
    expect(pathMatch('/api?x=1', '/api')).toBe(true);
  });

  it('sends a Path=/api cookie only under /api', () => {
    const jar = jarOf(['a=1; Path=/api']);
    expect(cookieHeaderValue(jar, at(T0, { path: '/api/me' }))).toBe('a=1');
    expect(cookieHeaderValue(jar, at(T0, { path: '/apix' }))).toBeNull();
    expect(cookieHeaderValue(jar, at(T0, { path: '/' }))).toBeNull();
  });
});

describe('expiry in virtual time', () => {
  it('sets Max-Age relative to the virtual now and stops sending at that instant', () => {
    const jar = jarOf(['jwt=t; Path=/; Max-Age=900']);
    expect(jar.cookies[0]?.expiresAtMs).toBe(T0 + 900_000);
    expect(cookieHeaderValue(jar, at(T0 + 899_999))).toBe('jwt=t');
    expect(cookieHeaderValue(jar, at(T0 + 900_000))).toBeNull();
  });

  it('deletes a cookie with Max-Age=0 (a logout)', () => {
    const jar = jarOf(['sid=abc; Path=/; Secure; HttpOnly']);
    const { jar: after, outcome } = applySetCookie(jar, 'sid=; Path=/; Secure; HttpOnly; Max-Age=0', ctx);
    expect(outcome).toEqual({ kind: 'deleted', name: 'sid' });
    expect(after.cookies).toHaveLength(0);
  });

  it('treats a negative Max-Age as expire-now and ignores a non-numeric one', () => {
    expect(parseSetCookie('a=1; Max-Age=-5', ctx).kind).toBe('deleted');
    expect(stored(parseSetCookie('a=1; Max-Age=soon', ctx)).expiresAtMs).toBeNull();
    expect(stored(parseSetCookie('a=1; Max-Age=1.5', ctx)).expiresAtMs).toBeNull();
  });

  it('deletes only the cookie in the same slot: another path survives', () => {
    const jar = jarOf(['a=root; Path=/', 'a=api; Path=/api']);
    const after = applySetCookie(jar, 'a=; Path=/api; Max-Age=0', ctx).jar;
    expect(after.cookies.map((c) => c.value)).toEqual(['root']);
  });

  it('reports "deleted" even when there was nothing to delete', () => {
    const { jar, outcome } = applySetCookie(empty, 'gone=; Max-Age=0', ctx);
    expect(outcome.kind).toBe('deleted');
    expect(jar.cookies).toHaveLength(0);
  });

  it('deletes with an Expires date in the past', () => {
    const jar = jarOf(['a=1']);
    const { jar: after, outcome } = applySetCookie(jar, 'a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', ctx);
    expect(outcome.kind).toBe('deleted');
    expect(after.cookies).toHaveLength(0);
  });

  it('lets Max-Age win over Expires whatever their order', () => {
    const future = formatImfFixdate(T0 + 3_600_000);
    expect(stored(parseSetCookie(`a=1; Max-Age=60; Expires=${future}`, ctx)).expiresAtMs).toBe(T0 + 60_000);
    expect(stored(parseSetCookie(`a=1; Expires=${future}; Max-Age=60`, ctx)).expiresAtMs).toBe(T0 + 60_000);
    expect(parseSetCookie(`a=1; Expires=${future}; Max-Age=0`, ctx).kind).toBe('deleted');
  });

  it('caps any lifetime at 400 days', () => {
    expect(stored(parseSetCookie('a=1; Max-Age=999999999', ctx)).expiresAtMs).toBe(T0 + COOKIE_MAX_AGE_CAP_SEC * 1000);
    expect(stored(parseSetCookie('a=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT', ctx)).expiresAtMs).toBe(T0 + COOKIE_MAX_AGE_CAP_SEC * 1000);
  });

  it('ignores an unparsable Expires (the cookie becomes a session cookie)', () => {
    expect(stored(parseSetCookie('a=1; Expires=tomorrow', ctx)).expiresAtMs).toBeNull();
  });

  it('purges expired cookies and keeps session and live ones', () => {
    const jar = jarOf(['short=1; Max-Age=10', 'long=2; Max-Age=100', 'session=3']);
    const purged = purgeExpired(jar, T0 + 10_000);
    expect(purged.cookies.map((c) => c.name)).toEqual(['long', 'session']);
    expect(jar.cookies).toHaveLength(3); // the input is untouched
  });
});

describe('cookie dates', () => {
  const expected = Date.UTC(1994, 10, 6, 8, 49, 37);

  it('reads IMF-fixdate, RFC 850 and asctime', () => {
    expect(parseCookieDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(expected);
    expect(parseCookieDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(expected);
    expect(parseCookieDate('Sun Nov  6 08:49:37 1994')).toBe(expected);
  });

  it('maps two-digit years 70-99 to the 1900s and 00-69 to the 2000s', () => {
    expect(parseCookieDate('Wed, 01-Jan-70 00:00:00 GMT')).toBe(Date.UTC(1970, 0, 1));
    expect(parseCookieDate('Thu, 01-Jan-30 00:00:00 GMT')).toBe(Date.UTC(2030, 0, 1));
  });

  it('fails on missing parts, impossible dates and out-of-range fields', () => {
    expect(parseCookieDate('tomorrow')).toBeNull();
    expect(parseCookieDate('06 Nov 1994')).toBeNull();
    expect(parseCookieDate('Mon, 31 Feb 2026 00:00:00 GMT')).toBeNull();
    expect(parseCookieDate('Mon, 05 Jan 2026 24:00:00 GMT')).toBeNull();
    expect(parseCookieDate('Mon, 05 Jan 1600 00:00:00 GMT')).toBeNull();
  });

  it('prints IMF-fixdate from virtual ms', () => {
    expect(formatImfFixdate(T0)).toBe('Mon, 05 Jan 2026 09:00:00 GMT');
    expect(parseCookieDate(formatImfFixdate(T0 + 1234_000))).toBe(T0 + 1234_000);
  });
});

describe('replacement', () => {
  it('replaces a cookie with the same name, domain and path but keeps its creation time', () => {
    const first = jarOf(['sid=old; Path=/']);
    const { jar, outcome } = applySetCookie(first, 'sid=new; Path=/; HttpOnly', at(T0 + 5000));
    expect(jar.cookies).toHaveLength(1);
    expect(jar.cookies[0]).toMatchObject({ value: 'new', httpOnly: true, creationMs: T0 });
    expect(stored(outcome).creationMs).toBe(T0);
  });

  it('keeps cookies with the same name but a different path side by side', () => {
    const jar = jarOf(['a=1; Path=/', 'a=2; Path=/api']);
    expect(jar.cookies).toHaveLength(2);
  });

  it('does not mutate the jar it was given', () => {
    const jar = jarOf(['a=1']);
    const snapshot = JSON.stringify(jar);
    applySetCookie(jar, 'a=2', at(T0 + 1));
    applySetCookie(jar, 'a=; Max-Age=0', ctx);
    expect(JSON.stringify(jar)).toBe(snapshot);
  });

  it('gives a fresh creation time when the old cookie had already expired', () => {
    const jar = jarOf(['a=1; Max-Age=1']);
    const after = applySetCookie(jar, 'a=2', at(T0 + 5000)).jar;
    expect(after.cookies).toHaveLength(1);
    expect(after.cookies[0]?.creationMs).toBe(T0 + 5000);
  });
});

describe('the Cookie header', () => {
  it('puts longer paths first, then older cookies first', () => {
    let jar = jarOf(['b=1; Path=/'], at(T0));
    jar = jarOf(['a=2; Path=/'], at(T0 + 1), jar);
    jar = jarOf(['c=3; Path=/api'], at(T0 + 2), jar);
    jar = jarOf(['d=4; Path=/api/v1'], at(T0 + 3), jar);
    expect(cookieHeaderValue(jar, at(T0 + 10, { path: '/api/v1/users' }))).toBe('d=4; c=3; b=1; a=2');
    expect(cookiesFor(jar, at(T0 + 10, { path: '/' })).map((c) => c.name)).toEqual(['b', 'a']);
  });

  it('keeps a replaced cookie in its original position', () => {
    let jar = jarOf(['first=1'], at(T0));
    jar = jarOf(['second=2'], at(T0 + 1), jar);
    jar = jarOf(['first=updated'], at(T0 + 2), jar);
    expect(cookieHeaderValue(jar, at(T0 + 3))).toBe('first=updated; second=2');
  });

  it('returns null when nothing is sent', () => {
    expect(cookieHeaderValue(empty, ctx)).toBeNull();
  });

  it('applies SameSite to cross-site requests', () => {
    const jar = jarOf(['s=1; SameSite=Strict', 'l=2; SameSite=Lax', 'n=3; SameSite=None; Secure']);
    expect(cookieHeaderValue(jar, ctx)).toBe('s=1; l=2; n=3');
    expect(cookieHeaderValue(jar, at(T0, { site: 'cross-site-navigation' }))).toBe('l=2; n=3');
    expect(cookieHeaderValue(jar, at(T0, { site: 'cross-site' }))).toBe('n=3');
  });
});

describe('serializeSetCookie', () => {
  it('prints the attributes a server asked for', () => {
    const header = serializeSetCookie({
      name: '__Host-sid',
      value: 'abc',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      maxAgeSec: 900,
      expiresAtMs: T0,
    });
    expect(header).toBe('__Host-sid=abc; Expires=Mon, 05 Jan 2026 09:00:00 GMT; Max-Age=900; Path=/; Secure; HttpOnly; SameSite=Lax');
    expect(serializeSetCookie({ name: 'a', value: 'b' })).toBe('a=b');
  });

  it('round-trips every attribute through the parser', () => {
    const header = serializeSetCookie({ name: 'r', value: 'v', path: '/auth', secure: true, httpOnly: true, sameSite: 'Strict', expiresAtMs: T0 + 60_000 });
    expect(stored(parseSetCookie(header, ctx))).toMatchObject({
      path: '/auth',
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
      expiresAtMs: T0 + 60_000,
    });
  });

  it('round-trips any printable name and value within the limit', () => {
    // Names are RFC token characters; values are printable (some non-ASCII) without ';' and without edge spaces.
    const tokenChars = [...'!#$%&\'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    const valueChars = [...' !"#$%&\'()*+,-./0123456789:<=>?@ABCXYZ[\\]^_`abcxyz{|}~éü€漢😀'];
    const name = fc.string({ unit: fc.constantFrom(...tokenChars), minLength: 1, maxLength: 40 });
    const value = fc
      .string({ unit: fc.constantFrom(...valueChars), maxLength: 1000 })
      .map((v) => v.trim());
    const lifetime = fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: undefined });
    fc.assert(
      fc.property(name, value, lifetime, (n, v, maxAgeSec) => {
        const header = serializeSetCookie({ name: n, value: v, path: '/', secure: true, httpOnly: true, sameSite: 'Lax', maxAgeSec });
        const { jar, outcome } = applySetCookie(empty, header, ctx);
        expect(outcome.kind).toBe('stored');
        expect(cookieHeaderValue(jar, ctx)).toBe(`${n}=${v}`);
        expect(cookiesFor(jar, ctx)[0]?.value).toBe(v);
      }),
    );
  });
});

describe('the Cookie header', () => {
  // A one-cookie jar takes a shorter way (no list, no sort): it must say what the list would.
  it('is, for any jar of one or two cookies and any request, the sendable cookies joined in order', () => {
    const setCookie = fc.constantFrom(
      'sid=1; Path=/; Secure; HttpOnly; SameSite=Lax',
      'sid=2; Path=/api',
      'p=3; Path=/api/deep; Secure',
      '=bare',
      'old=4; Max-Age=10',
      'gone=5; Max-Age=0',
      'd=6; Domain=example.com; SameSite=Strict',
      'n=7; SameSite=None; Secure',
    );
    const request = fc.record({
      host: fc.constantFrom('app.example.com', 'APP.example.com.', 'api.app.example.com', 'other.example.com'),
      path: fc.constantFrom('/', '/api', '/api/deep?x=1', '/apiary', '/login#top'),
      secure: fc.boolean(),
      nowMs: fc.constantFrom(T0, T0 + 5_000, T0 + 20_000),
      site: fc.constantFrom('same-site' as const, 'cross-site' as const, 'cross-site-navigation' as const, undefined),
    });
    fc.assert(
      fc.property(fc.array(setCookie, { minLength: 1, maxLength: 2 }), request, (headers, r) => {
        const jar = jarOf(headers);
        const c: RequestContext = { host: r.host, path: r.path, secure: r.secure, nowMs: r.nowMs, ...(r.site ? { site: r.site } : {}) };
        const sent = cookiesFor(jar, c).map((k) => (k.name === '' ? k.value : `${k.name}=${k.value}`));
        expect(cookieHeaderValue(jar, c)).toBe(sent.length ? sent.join('; ') : null);
      }),
      { numRuns: runs(1_000) },
    );
  });
});
