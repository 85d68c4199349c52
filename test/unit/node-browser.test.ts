import { describe, expect, it } from 'vitest';
import { decodeJwtParts } from '../../src/auth/jwtText';
import { formatNumber } from '../../src/format';
import { headerValues, requestText, responseText } from '../../src/sim/http';
import { run, requestsOf } from './support/run';
import { findScenario } from '../../src/scenarios';
import { runScenarioMode } from '../../src/scenarios/run';

// The browser node, driven through the real engine: what lands in the cookie jar and in
// localStorage, what the next request carries, and what happens when no answer comes back.

const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0]!;
};

describe('browser: session cookies', () => {
  it("stores the login's Set-Cookie with HttpOnly, Secure and SameSite, and sends it back", async () => {
    const d = await run({ mode: 'session' }, [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'request', clientId: 'alice' }],
    ], 3_000);
    const s = d.state;
    const login = only(requestsOf(s, 'alice', 'login'));
    const setCookie = only(headerValues(responseText(login.httpResponse!), 'Set-Cookie'));
    expect(setCookie).toMatch(/^__Host-sid=[A-Za-z0-9_-]{22}; Path=\/; Secure; HttpOnly; SameSite=Lax$/);

    const cookie = only(s.clients.alice!.jar.cookies);
    expect(cookie).toMatchObject({ name: '__Host-sid', httpOnly: true, secure: true, sameSite: 'Lax', path: '/', hostOnly: true, domain: 'app.example', expiresAtMs: null });
    // The id in the jar is the one the store holds.
    expect(Object.keys(s.store.sessions)).toEqual([cookie.value]);

    const api = only(requestsOf(s, 'alice', 'api'));
    expect(headerValues(requestText(api.httpRequest), 'Cookie')).toEqual([`__Host-sid=${cookie.value}`]);
    expect(headerValues(requestText(api.httpRequest), 'Authorization')).toEqual([]);
    expect(api.credential).toBe('session');
    expect(api.credentialBytes).toBe(new TextEncoder().encode(`Cookie: __Host-sid=${cookie.value}\r\n`).length);
    expect(api).toMatchObject({ reason: 'ok', status: 200 });
    // The log's size is the whole request's, said as such (read as the cookie's, it disagreed with the
    // inspector's), and said early: a phone's line of what just happened cut it off at the end.
    const sends = s.log.entries.find((e) => e.requestId === api.id && e.kind === 'request')!;
    expect(sends.text).toBe(`alice sends a ${formatNumber(new TextEncoder().encode(requestText(api.httpRequest)).length)}-byte GET /api/profile carrying their session cookie.`);
  });

  it('a request before login carries nothing and is answered 401 no_credentials', async () => {
    const d = await run({ mode: 'session' }, [[0, { type: 'request', clientId: 'alice' }]], 2_000);
    const api = only(requestsOf(d.state, 'alice'));
    expect(headerValues(requestText(api.httpRequest), 'Cookie')).toEqual([]);
    expect(api).toMatchObject({ credential: 'none', credentialBytes: 0, reason: 'no_credentials', status: 401 });
  });

  it('a refusal names the server that made it; an accepted answer does not', async () => {
    const d = await run({ mode: 'session', servers: 1 }, [
      [0, { type: 'request', clientId: 'alice' }],
      [1_000, { type: 'login', clientId: 'alice' }],
      [2_000, { type: 'request', clientId: 'alice' }],
    ], 4_000);
    const lines = d.state.log.entries.filter((e) => e.kind === 'response').map((e) => e.text);
    expect(lines.filter((l) => /^alice gets 401 no_credentials from server-1 for GET \/api\/profile after \d+ ms\.$/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^alice gets 200 OK for GET \/api\/profile after \d+ ms\.$/.test(l))).toHaveLength(1);
  });

  it('once a role changed under a credential, an answer says the role it was served as: stale in the JWT world, current in the session world', async () => {
    const lines = async (mode: 'session' | 'jwt') => {
      const d = await run({ mode, servers: 1 }, [
        [0, { type: 'login', clientId: 'alice' }],
        [1_000, { type: 'request', clientId: 'alice' }],
        [2_000, { type: 'changeRole', userId: 'alice', role: 'admin' }],
        [3_000, { type: 'request', clientId: 'alice' }],
      ], 5_000);
      return d.state.log.entries.filter((e) => e.kind === 'response' && e.timeMs > 1_000).map((e) => e.text.replace(/\d+ ms/, 'N ms'));
    };
    // Before any change the role goes unsaid (every other lesson's lines stay as they were).
    expect(await lines('session')).toEqual(['alice gets 200 OK for GET /api/profile after N ms.', 'alice gets 200 OK as admin for GET /api/profile after N ms.']);
    expect(await lines('jwt')).toEqual(['alice gets 200 OK for GET /api/profile after N ms.', 'alice gets 200 OK as user for GET /api/profile after N ms.']);
  });

  it("logout's Max-Age=0 cookie empties the jar, so the next request has no credentials", async () => {
    const d = await run({ mode: 'session' }, [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'logout', clientId: 'alice' }],
      [2_000, { type: 'request', clientId: 'alice' }],
    ], 4_000);
    const s = d.state;
    const logout = only(requestsOf(s, 'alice', 'logout'));
    expect(logout.reason).toBe('ok');
    expect(headerValues(responseText(logout.httpResponse!), 'Set-Cookie')[0]).toMatch(/^__Host-sid=; .*Max-Age=0/);
    expect(s.clients.alice!.jar.cookies).toEqual([]);
    const api = only(requestsOf(s, 'alice', 'api'));
    expect(headerValues(requestText(api.httpRequest), 'Cookie')).toEqual([]);
    expect(api.reason).toBe('no_credentials');
  });
});

describe('browser: JWT delivery', () => {
  it('header delivery keeps the token in storage and sends it as Authorization: Bearer', async () => {
    const d = await run({ mode: 'jwt', delivery: 'header' }, [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'request', clientId: 'alice' }],
    ], 3_000);
    const s = d.state;
    const token = s.clients.alice!.storage.accessToken;
    expect(token).not.toBeNull();
    const parts = decodeJwtParts(token!);
    expect(parts.ok).toBe(true);
    if (parts.ok) expect(parts.payload).toMatchObject({ sub: 'alice', role: 'user', iss: 'https://app.example', aud: 'app.example/api' });
    // Nothing in the jar: header delivery uses no cookie at all.
    expect(s.clients.alice!.jar.cookies).toEqual([]);
    const login = only(requestsOf(s, 'alice', 'login'));
    expect(JSON.parse(responseText(login.httpResponse!).split('\r\n\r\n')[1]!)).toMatchObject({ access_token: token, token_type: 'Bearer', expires_in: 60 });

    const api = only(requestsOf(s, 'alice', 'api'));
    expect(headerValues(requestText(api.httpRequest), 'Authorization')).toEqual([`Bearer ${token}`]);
    expect(headerValues(requestText(api.httpRequest), 'Cookie')).toEqual([]);
    expect(api.credential).toBe('jwt');
    expect(api.credentialBytes).toBe(new TextEncoder().encode(`Authorization: Bearer ${token}\r\n`).length);
    expect(api.reason).toBe('ok');
  });

  it('cookie delivery keeps the JWT in an HttpOnly cookie that expires with the token, out of reach of scripts', async () => {
    const d = await run({ mode: 'jwt', delivery: 'cookie', tokenTtlMs: 20_000 }, [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'request', clientId: 'alice' }],
    ], 3_000);
    const s = d.state;
    expect(s.clients.alice!.storage).toEqual({ accessToken: null, refreshToken: null });
    const cookie = only(s.clients.alice!.jar.cookies);
    expect(cookie).toMatchObject({ name: '__Host-jwt', httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect(cookie.expiresAtMs! - cookie.creationMs).toBe(20_000);
    const api = only(requestsOf(s, 'alice', 'api'));
    expect(headerValues(requestText(api.httpRequest), 'Cookie')).toEqual([`__Host-jwt=${cookie.value}`]);
    expect(headerValues(requestText(api.httpRequest), 'Authorization')).toEqual([]);
    expect(api).toMatchObject({ credential: 'jwt', reason: 'ok' });
  });

  // Forty 100-character profile claims make a JWT of about 6 kB, over the 4096-byte cookie limit.
  const bigClaims = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`claim${i}`, 'x'.repeat(100)]));

  it('a JWT cookie over 4096 bytes is silently dropped: the login "succeeds" but the next request has no credentials', async () => {
    const d = await run({ mode: 'jwt', delivery: 'cookie' }, [
      [0, { type: 'setExtraClaims', userId: 'alice', claims: bigClaims }],
      [10, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'request', clientId: 'alice' }],
    ], 3_000);
    const s = d.state;
    const login = only(requestsOf(s, 'alice', 'login'));
    expect(login).toMatchObject({ reason: 'ok', status: 200 });
    const sent = only(headerValues(responseText(login.httpResponse!), 'Set-Cookie'));
    expect(sent.length).toBeGreaterThan(4096);

    expect(s.metrics.cookiesDropped).toBe(1);
    const dropLine = only(s.log.entries.filter((e) => e.kind === 'cookie'));
    expect(dropLine).toMatchObject({ requestId: login.id, nodeId: 'alice', ok: false });
    expect(dropLine.text).toMatch(/dropped cookie __Host-jwt: name \+ value is \d+ bytes, over the 4096-byte limit/);
    expect(s.clients.alice!.jar.cookies).toEqual([]);

    const api = only(requestsOf(s, 'alice', 'api'));
    expect(headerValues(requestText(api.httpRequest), 'Cookie')).toEqual([]);
    expect(api).toMatchObject({ credential: 'none', reason: 'no_credentials', status: 401 });
  });

  it('the same oversized token works with header delivery, at the price of a huge request', async () => {
    const d = await run({ mode: 'jwt', delivery: 'header' }, [
      [0, { type: 'setExtraClaims', userId: 'alice', claims: bigClaims }],
      [10, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'request', clientId: 'alice' }],
    ], 3_000);
    const s = d.state;
    expect(s.metrics.cookiesDropped).toBe(0);
    const api = only(requestsOf(s, 'alice', 'api'));
    expect(api.reason).toBe('ok');
    expect(api.credentialBytes).toBeGreaterThan(4096);
    expect(s.metrics.apiCredentialBytes).toBe(api.credentialBytes);
  });
});

describe('browser: timeouts', () => {
  it('a request whose server dies mid-flight times out exactly once, at requestTimeoutMs', async () => {
    // The store is slowed so the request is still waiting for its lookup when server-1 crashes.
    const d = await run({ mode: 'session', servers: 1, requestTimeoutMs: 3_000 }, [
      [0, { type: 'login', clientId: 'alice' }],
      [500, { type: 'storeSlow', factor: 1_000 }],
      [1_000, { type: 'request', clientId: 'alice' }],
      [1_100, { type: 'killServer', serverId: 'server-1' }],
      [2_000, { type: 'restartServer', serverId: 'server-1' }],
    ], 20_000);
    const s = d.state;
    const api = only(requestsOf(s, 'alice', 'api'));
    expect(api).toMatchObject({ reason: 'timeout', status: 0, stage: 'done', finishedAtMs: 4_000 });
    expect(s.metrics).toMatchObject({ total: 2, accepted: 1, timedOut: 1, rejected: 0 });
    expect(s.metrics.byReason).toEqual({ ok: 1, timeout: 1 });
    // The store's late reply reached a dead server and was lost; nothing answered the browser.
    expect(s.log.entries.some((e) => e.requestId === api.id && /server-1 is down: the store-reply .* is lost/.test(e.text))).toBe(true);
    const timeoutLines = s.log.entries.filter((e) => e.kind === 'timeout');
    expect(timeoutLines.map((e) => [e.requestId, e.reason, e.timeMs])).toEqual([[api.id, 'timeout', 4_000]]);
    expect(s.log.entries.some((e) => e.kind === 'response' && e.requestId === api.id)).toBe(false);
    expect(s.requests.size).toBe(0);
    // A timeout has no latency sample: only the login's.
    expect(s.metrics.latencies.count).toBe(1);
  });

  it('an answer that arrives after the timeout is dropped, not counted a second time', async () => {
    // 0.2 ms x 30 000 = 6 s per store operation: the answer comes back after the 5 s timeout.
    const d = await run({ mode: 'session', servers: 1 }, [
      [0, { type: 'login', clientId: 'alice' }],
      [500, { type: 'storeSlow', factor: 30_000 }],
      [1_000, { type: 'request', clientId: 'alice' }],
    ], 30_000);
    const s = d.state;
    const api = only(requestsOf(s, 'alice', 'api'));
    expect(api.reason).toBe('timeout');
    expect(api.finishedAtMs).toBe(6_000);
    // The store did serve the lookup (login write + this read), but the browser had given up.
    expect(s.store.ops).toBe(2);
    expect(s.log.entries.some((e) => e.kind === 'response' && e.requestId === api.id)).toBe(false);
    expect(s.metrics).toMatchObject({ total: 2, accepted: 1, timedOut: 1 });
    expect(s.metrics.byReason).toEqual({ ok: 1, timeout: 1 });
  });
});

describe('what a request is logged as carrying', () => {
  it('a login its password, a refresh its refresh token (it said "POST /refresh carrying no credential"), an API call its access credential', async () => {
    const { driver } = await runScenarioMode(findScenario('refresh-tokens')!, 'jwt');
    const sends = driver.state.log.entries.map((e) => e.text).filter((t) => / sends /.test(t));
    const refresh = sends.filter((t) => / sends a [\d,]+-byte POST \/refresh /.test(t));
    expect(refresh.length).toBeGreaterThan(2);
    for (const line of refresh) expect(line).toContain('carrying their refresh token.');
    const login = sends.filter((t) => / sends a [\d,]+-byte POST \/login /.test(t));
    for (const line of login) expect(line).toContain('carrying a username and password.');
    expect(sends.some((t) => t.includes('GET /api/profile carrying their JWT.'))).toBe(true);
  });

  // Screenshot audit: over "guessed sid" and "badge: an altered JWT" on the stage, the caption's line said "carrying their session cookie".
  it('a forged credential as what it is: a guessed session cookie, an altered JWT, an unsigned JWT', async () => {
    const profileSends = async (mode: 'session' | 'jwt') => {
      const { driver } = await runScenarioMode(findScenario('tampering')!, mode);
      return driver.state.log.entries.filter((e) => / sends a [\d,]+-byte GET \/api\/profile /.test(e.text)).map((e) => [e.timeMs, /carrying (.*)\.$/.exec(e.text)![1]!] as const);
    };
    const carried = (sends: (readonly [number, string])[], fromMs: number, toMs: number) => new Set(sends.filter(([t]) => t >= fromMs && t < toMs).map(([, c]) => c));
    const session = await profileSends('session');
    expect(carried(session, 0, 2_000)).toEqual(new Set(['their session cookie']));
    expect(carried(session, 2_000, 5_000)).toEqual(new Set(['a guessed session cookie']));
    const jwt = await profileSends('jwt');
    expect(carried(jwt, 0, 2_000)).toEqual(new Set(['their JWT']));
    expect(carried(jwt, 2_000, 5_000)).toEqual(new Set(['an altered JWT']));
    expect(carried(jwt, 6_000, 9_000)).toEqual(new Set(['an unsigned JWT']));
  });
});
