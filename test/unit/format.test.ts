// The one formatting module, and the words built on it: plurals, durations that never go
// negative, the key set's honest HS256 line, and one reading of what a browser holds.
import { describe, expect, it } from 'vitest';
import { clockTime, formatNumber, plural, unitsKept, word } from '../../src/format';
import { expiresIn, seconds, timeLeft } from '../../src/formatSpans';
import { findScenario } from '../../src/scenarios';
import { runScenarioMode, loadScenario } from '../../src/scenarios/run';
import { snapshot } from '../../src/store/snapshot';
import { holdingOf, nodeStatus } from '../../src/ui/stage/nodeStatus';
import { fitText, FONT, textWidth } from '../../src/ui/stage/layout';
import { lineForms } from '../../src/ui/stage/nodeLines';

describe('plural', () => {
  it('follows Intl.PluralRules: one for 1, other for 0 and 2', () => {
    expect(plural(1, 'server')).toBe('1 server');
    expect(plural(0, 'server')).toBe('0 servers');
    expect(plural(2, 'refresh family')).toBe('2 refresh families');
    expect(plural(1, 'refresh family')).toBe('1 refresh family');
    expect(plural(3, 'server crash')).toBe('3 server crashes');
    expect(plural(2, 'denylist entry')).toBe('2 denylist entries');
    expect(plural(2, 'key')).toBe('2 keys');
    expect(word(2, 'stays', 'stay')).toBe('stay');
  });
});

// Teacher review: paused in a caption's reading time (0.01 ms before the next caption, at 500 ms),
// the clock read 00:00.500 beside the caption of before it.
describe('the clock', () => {
  it('shows a moment not yet reached as not reached, and a float sum as the moment it stands for', () => {
    expect(clockTime(499.99)).toBe('00:00.499');
    expect(clockTime(500)).toBe('00:00.500');
    expect(clockTime(0.1 + 0.2, 1)).toBe('00:00.0');
    expect(clockTime(4.35 * 100)).toBe('00:00.435'); // 434.99999999999994
    expect(clockTime(59_999.96, 1)).toBe('00:59.9');
    expect(clockTime(61_234.5)).toBe('01:01.234');
  });
});

describe('durations', () => {
  it('never prints a negative time left', () => {
    expect(timeLeft(41_234)).toBe('41.2 s left');
    expect(timeLeft(-13_000)).toBe('expired 13.0 s ago');
    expect(timeLeft(-13_000, 0)).toBe('expired 13 s ago');
    expect(expiresIn(3_000)).toBe('expires in 3.0 s');
    expect(expiresIn(-3_000)).toBe('expired 3.0 s ago');
    expect(expiresIn(0)).toBe('expired 0.0 s ago');
    // A clock offset is signed on purpose.
    expect(seconds(-20_000)).toBe('-20.0 s');
  });

  it('clock-skew: a token accepted within the tolerance after its exp is logged as expired, never "-13 s left"', async () => {
    const { driver } = await runScenarioMode(findScenario('clock-skew')!, 'jwt');
    const lines = driver.state.log.entries.map((e) => e.text);
    expect(lines.some((l) => /-\d+ s left/.test(l))).toBe(false);
    expect(lines).toContain("server-2 checks the JWT's signature with key k1: valid, bob (role user), expired 13 s ago by its clock, within the 25 s tolerance.");
    expect(lines.filter((l) => /checks the JWT's signature/.test(l)).every((l) => /\d+ s left\.$|expired \d+ s ago by its clock, within the 25 s tolerance\.$/.test(l))).toBe(true);
  });
});

describe('node status words', () => {
  it('refresh-tokens: "2 refresh families", not "familys"', async () => {
    const driver = await loadScenario(findScenario('refresh-tokens')!, 'jwt');
    await driver.runUntil(2_000);
    const lines = nodeStatus(snapshot(driver.state), 'store').lines.join(' ');
    expect(lines).toContain('2 refresh families');
    expect(lines).not.toMatch(/familys/);
  });

  it('microservices: the HS256 secret is not drawn inside the public key set; EdDSA keys are', async () => {
    const driver = await loadScenario(findScenario('microservices')!, 'jwt');
    await driver.runUntil(2_000);
    const hs = nodeStatus(snapshot(driver.state), 'jwks').lines;
    expect(hs).toEqual(['HS256 secret k1: on every server, not public', 'no public key']);
    // Narrow, it still says the secret is not public: "on every server" alone, in a box titled Key set (JWKS), read as published.
    expect(nodeStatus(snapshot(driver.state), 'jwks').shortLines?.[0]?.every((line) => line === 'HS256 secret k1' || line.endsWith('not public'))).toBe(true);
    await driver.runUntil(27_000);
    const ed = nodeStatus(snapshot(driver.state), 'jwks').lines;
    expect(ed).toEqual(['public key: k2']);
  });

  // Learner review: "public keys: k1 k2*" said which key signs by a mark nothing explained.
  it('key-rotation: while two keys are published, the key set says in words which one is current, not that a public key signs', async () => {
    const driver = await loadScenario(findScenario('key-rotation')!, 'jwt');
    const linesAt = async (ms: number) => (await driver.runUntil(ms), nodeStatus(snapshot(driver.state), 'jwks').lines);
    expect(await linesAt(2_000)).toEqual(['public key: k1']);
    expect(await linesAt(10_000)).toEqual(['public keys: k1 k2 (current)']);
    expect(await linesAt(34_000)).toEqual(['public key: k2']);
  });

  it('a tampered credential is drawn as such, not as "badge: a signed JWT" beside a browser sending an unsigned one', async () => {
    const jwt = await loadScenario(findScenario('tampering')!, 'jwt');
    await jwt.runUntil(3_000);
    expect(nodeStatus(snapshot(jwt.state), 'alice').lines).toEqual(['badge: an altered JWT']);
    await jwt.runUntil(7_000);
    expect(nodeStatus(snapshot(jwt.state), 'alice').lines).toEqual(['badge: an unsigned JWT']);
    const session = await loadScenario(findScenario('tampering')!, 'session');
    await session.runUntil(3_000);
    expect(nodeStatus(snapshot(session.state), 'alice').lines[0]).toMatch(/^wristband: guessed sid /);
  });

  it('refresh-tokens: a browser whose refresh was refused is signed out, not "a signed JWT" under "she has to log in again"; the thief keeps her expired copy', async () => {
    const driver = await loadScenario(findScenario('refresh-tokens')!, 'jwt');
    await driver.runUntil(5_000);
    expect(nodeStatus(snapshot(driver.state), 'alice').lines).toEqual([expect.stringMatching(/^badge: a signed JWT, \d{3} B$/), '+ a refresh token']);
    // Alice's refresh at 20 s is refused (her family was revoked at 14 s); she logs in again at 25 s.
    await driver.runUntil(22_000);
    const alice = nodeStatus(snapshot(driver.state), 'alice');
    expect(alice.lines).toEqual(['not logged in']);
    expect(nodeStatus(snapshot(driver.state), 'mallory').lines).toEqual(['badge: an expired JWT']);
    await driver.runUntil(26_000);
    expect(nodeStatus(snapshot(driver.state), 'alice').lines).toEqual([expect.stringMatching(/^badge: a signed JWT, \d{3} B$/), '+ a refresh token']);
  });

  it('key-rotation: once a second key is out, a badge says which key signed it (Bob\'s k2 token and Alice\'s k1 one both read "a signed JWT")', async () => {
    const driver = await loadScenario(findScenario('key-rotation')!, 'jwt');
    const badge = async (atMs: number, who: string) => {
      await driver.runUntil(atMs);
      const s = nodeStatus(snapshot(driver.state), who);
      return [s.lines[0], s.shortLines?.[0]];
    };
    expect(await badge(2_000, 'alice')).toEqual([expect.stringMatching(/^badge: a signed JWT, \d{3} B$/), [expect.stringMatching(/^signed JWT, \d{3} B$/), expect.stringMatching(/^JWT, \d{3} B$/), 'signed JWT']]);
    expect(await badge(7_000, 'alice')).toEqual([expect.stringMatching(/^badge: a JWT signed with k1, \d{3} B$/), [expect.stringMatching(/^signed with k1, \d{3} B$/), 'signed with k1', 'signed JWT']]);
    expect((await badge(7_000, 'bob'))[0]).toMatch(/^badge: a JWT signed with k2, \d{3} B$/);
    // And after k1 is withdrawn, k2 alone in the set: which key signed it is still the lesson (learner review).
    expect((await badge(33_500, 'bob'))[0]).toMatch(/^badge: a JWT signed with k2, \d{3} B$/);
  });

  // Learner review: "reuse detected, the whole family is revoked" stood beside Alice's "refresh token" for 6 s.
  it('refresh-tokens: a browser whose refresh token\'s family the store revoked says it holds a revoked one', async () => {
    const driver = await loadScenario(findScenario('refresh-tokens')!, 'jwt');
    const second = async (atMs: number) => {
      await driver.runUntil(atMs);
      return ['alice', 'bob'].map((id) => nodeStatus(snapshot(driver.state), id).lines[1]);
    };
    expect(await second(12_000)).toEqual(['+ a refresh token', '+ a refresh token']);
    expect(await second(15_000)).toEqual(['+ a refresh token, revoked', '+ a refresh token']);
  });

  it('stale-claims: a badge whose role its user no longer has says so ("her token still says admin" had nothing on the stage to show it)', async () => {
    const driver = await loadScenario(findScenario('stale-claims')!, 'jwt');
    const badges = async (atMs: number) => {
      await driver.runUntil(atMs);
      return ['alice', 'bob'].map((id) => { const s = nodeStatus(snapshot(driver.state), id); return [s.lines[0], s.shortLines?.[0]]; });
    };
    const signed = [expect.stringMatching(/^badge: a signed JWT, \d{3} B$/), [expect.stringMatching(/^signed JWT, \d{3} B$/), expect.stringMatching(/^JWT, \d{3} B$/), 'signed JWT']];
    expect(await badges(4_000)).toEqual([signed, signed]);
    // Alice is demoted at 5 s, Bob promoted at 8 s; the tokens signed at login expire at 30 s.
    expect(await badges(6_000)).toEqual([['badge: a stale JWT: still says "admin", role now "user"', ['still says "admin", role now "user"', 'still says "admin"', 'stale "admin"']], signed]);
    // While the learner predicts whether Alice is still served as an admin, the badge does not say it for them.
    const held = nodeStatus(snapshot(driver.state), 'alice', [], true);
    expect([held.lines[0], held.shortLines?.[0]]).toEqual(signed);
    expect(await badges(9_000)).toEqual([['badge: a stale JWT: still says "admin", role now "user"', ['still says "admin", role now "user"', 'still says "admin"', 'stale "admin"']], ['badge: a stale JWT: still says "user", role now "admin"', ['still says "user", role now "admin"', 'still says "user"', 'stale "user"']]]);
    expect((await badges(31_000)).map(([line]) => line)).toEqual(['badge: an expired JWT', 'badge: an expired JWT']);
  });

  // Learner review: the lesson's contrast showed in its JWT world alone; the session browsers said only "sid …".
  it('stale-claims: once a role has changed, a session wristband says it carries none (not while a prediction waits)', async () => {
    const driver = await loadScenario(findScenario('stale-claims')!, 'session');
    const line = async (atMs: number) => {
      await driver.runUntil(atMs);
      return nodeStatus(snapshot(driver.state), 'alice').lines[0];
    };
    expect(await line(4_000)).toMatch(/^wristband: sid \S+…, 22 B$/);
    expect(await line(6_000)).toMatch(/^wristband: sid \S+…, 22 B, no role in it$/);
    expect(nodeStatus(snapshot(driver.state), 'alice', [], true).lines[0]).toMatch(/^wristband: sid \S+…, 22 B$/);
  });

  it('jwt-in-cookie: a JWT kept in a cookie is said to be in one ("badge:" alone read as a token the page keeps, beside "the cookie is cleared")', async () => {
    const driver = await loadScenario(findScenario('jwt-in-cookie')!, 'jwt');
    await driver.runUntil(2_000);
    const held = holdingOf(snapshot(driver.state), 'alice');
    expect(held.text).toMatch(/^badge in a cookie: a signed JWT, \d{3} B$/);
    // A laptop's box (~178 px) keeps "cookie:"; narrower, the badge's own fewer words.
    expect(held.short?.[0]).toMatch(/^cookie: a signed JWT, \d{3} B$/);
    for (const short of held.short!) expect(held.text).toContain(short);
    const bearer = await loadScenario(findScenario('basic')!, 'jwt');
    await bearer.runUntil(2_000);
    expect(holdingOf(snapshot(bearer.state), 'alice').text).toMatch(/^badge: a signed JWT, \d{3} B$/);
  });

  it('refresh-tokens: a browser holding a refresh token says so under its badge, a thief\u2019s copy too ("Mallory copies both of Alice\u2019s tokens" stood beside one badge)', async () => {
    const driver = await loadScenario(findScenario('refresh-tokens')!, 'jwt');
    await driver.runUntil(3_600);
    const lines = (id: string) => nodeStatus(snapshot(driver.state), id).lines;
    expect(lines('mallory')).toEqual([expect.stringMatching(/^badge: a signed JWT, \d{3} B$/), '+ a refresh token']);
    // A narrow column's box says it in fewer words, not "+ a refresh to…".
    expect(nodeStatus(snapshot(driver.state), 'mallory').shortLines?.[1]).toEqual(['refresh token']);
    expect(lines('alice')).toEqual([expect.stringMatching(/^badge: /), '+ a refresh token']);
    // A thief whose refresh was refused keeps the access token she copied, not the refresh token.
    await driver.runUntil(22_000);
    expect(lines('mallory')).toEqual(['badge: an expired JWT']);
  });

  it('refresh-tokens: the store says how many refresh families are revoked ("2 refresh families" stood through the revocation)', async () => {
    const driver = await loadScenario(findScenario('refresh-tokens')!, 'jwt');
    await driver.runUntil(2_000);
    expect(nodeStatus(snapshot(driver.state), 'store').lines[0]).not.toMatch(/revoked/);
    await driver.runUntil(46_000);
    expect(nodeStatus(snapshot(driver.state), 'store').lines[0]).toMatch(/refresh families, 2 revoked$/);
    // A phone's narrow box keeps the revoked count ("3 refresh families, 2 re…"): fewer words, the count whole.
    expect(nodeStatus(snapshot(driver.state), 'store').shortLines?.[0]).toEqual([expect.stringMatching(/^\d families, 2 revoked$/)]);
  });

  it('clock-skew: a narrow server box keeps its skewed clock ("0 in flight, clo…" on a phone), on its first line (a landscape phone\u2019s boxes hold one: every server said "keys: k1")', async () => {
    const driver = await loadScenario(findScenario('clock-skew')!, 'jwt');
    await driver.runUntil(1_000);
    const status = nodeStatus(snapshot(driver.state), 'server-2');
    expect(status.lines[0]).toBe('0 in flight, clock +20 s');
    expect(status.shortLines?.[0]).toEqual(['clock +20 s']);
    expect(status.lines[1]).toBe('keys: k1');
    expect(nodeStatus(snapshot(driver.state), 'server-1').shortLines?.[0]).toBeUndefined();
    // Once the servers verify with a tolerance, their boxes say so (the workaround changed nothing on the stage).
    await driver.runUntil(31_000);
    const tolerant = nodeStatus(snapshot(driver.state), 'server-2');
    expect(tolerant.lines[0]).toBe('0 in flight, clock +20 s, tolerance 25 s');
    // An 800x600 embed's box holds the tolerance abbreviated, where it said the clock alone beside "every server allows a 25 s clock tolerance".
    // So does a phone's (learner review: server-1 alone said "tolerance 25 s" there).
    expect(tolerant.shortLines?.[0]).toEqual(['clock +20 s, tolerance 25 s', 'clock +20 s, tol. 25 s', '+20 s, tol. 25 s', 'clock +20 s']);
    expect(nodeStatus(snapshot(driver.state), 'server-1').shortLines?.[0]).toEqual(['tolerance 25 s', 'tol. 25 s']);
    expect(nodeStatus(snapshot(driver.state), 'server-1').lines[0]).toBe('0 in flight, tolerance 25 s');
  });

  it('a store that is down says so on its first line, the one a phone\u2019s compact rows keep ("2 sessions" hid the outage)', async () => {
    for (const mode of ['session', 'jwt'] as const) {
      const driver = await loadScenario(findScenario('store-outage')!, mode);
      await driver.runUntil(9_000);
      const store = nodeStatus(snapshot(driver.state), 'store');
      expect(store.down, mode).toBe(true);
      expect(store.lines[0], mode).toMatch(/^DOWN: /);
    }
    const driver = await loadScenario(findScenario('store-outage')!, 'session');
    await driver.runUntil(3_000);
    expect(nodeStatus(snapshot(driver.state), 'store').lines).toEqual([expect.stringMatching(/^\d+ sessions?$/), 'up']);
  });

  it('a store with a queue says so on its first line, the one a phone keeps ("40 sessions, 21 queued", not "40 sessions")', async () => {
    const driver = await loadScenario(findScenario('load')!, 'session');
    await driver.runUntil(15_000);
    const lines = nodeStatus(snapshot(driver.state), 'store').lines;
    expect(lines[0]).toMatch(/^\d+ sessions, [1-9]\d* queued$/);
    // Under the queue, "up" alone read "21 queued up" (load lesson at 1366x768).
    expect(lines[1]).toBe('up, serving in turn');
    // A narrow box keeps the queue, the lesson's point, in fewer words of the line: "20 sessions, 1 q…" said nothing of it.
    const queued = /[1-9]\d* queued$/.exec(lines[0]!)![0];
    expect(nodeStatus(snapshot(driver.state), 'store').shortLines).toEqual([[queued], ['serving in turn']]);
    expect(fitText(lineForms(nodeStatus(snapshot(driver.state), 'store'), 0), textWidth('20 sessions, 1', FONT.line), FONT.line)).toBe(queued);
  });

  it('a server says whether it has fetched the key set; an HS256 secret it holds from the start, never fetched from the public set', async () => {
    const revocation = await loadScenario(findScenario('revocation')!, 'jwt');
    expect(nodeStatus(snapshot(revocation.state), 'server-1').lines[0]).toBe('key set not fetched yet');
    expect(nodeStatus(snapshot(revocation.state), 'server-1').shortLines?.[0]).toEqual(['key set not fetched', 'no JWKS yet', 'no JWKS']);
    // microservices signs with HS256 until 15 s: every service holds the secret k1, and none fetches the key set for it.
    const driver = await loadScenario(findScenario('microservices')!, 'jwt');
    const servers = [1, 2, 3, 4, 5].map((n) => `server-${n}`);
    // Before Play makes the secret, not a key set to fetch: "key set not fetched" stood under "all five services share one secret".
    expect(servers.map((id) => nodeStatus(snapshot(driver.state), id).lines[0])).toEqual(servers.map(() => 'no secret given yet'));
    await driver.runUntil(14_000);
    expect(servers.map((id) => nodeStatus(snapshot(driver.state), id).lines[0])).toEqual(servers.map(() => 'secret k1 (can sign)'));
    expect(driver.state.log.entries.filter((e) => /fetches the key set/.test(e.text))).toEqual([]);
    expect(driver.state.servers.every((server) => server.jwksCache.fetchedAtMs === null)).toBe(true);
    // EdDSA from 15 s: a service fetches the public key k2 for the first EdDSA token it checks, and keeps the secret beside it until k1 is withdrawn.
    await driver.runUntil(20_000);
    expect(driver.state.log.entries.some((e) => /fetches the key set/.test(e.text))).toBe(true);
    expect(driver.state.servers.flatMap((server) => server.jwksCache.kids)).not.toContain('k1');
    expect(servers.map((id) => nodeStatus(snapshot(driver.state), id).lines[0])).toContain('secret k1 (can sign) · public k2');
    await driver.runUntil(30_000);
    expect(servers.map((id) => nodeStatus(snapshot(driver.state), id).lines[0])).toEqual(servers.map(() => 'keys: k2'));
  });

  it('a node\u2019s fewer words are words of its line, so its accessible name still holds what is drawn (WCAG 2.5.3)', async () => {
    for (const mode of ['session', 'jwt'] as const) {
      const driver = await loadScenario(findScenario('load')!, mode);
      await driver.runUntil(10_000);
      const world = snapshot(driver.state);
      const statuses = [...world.clients.map((c) => nodeStatus(world, c.id)), nodeStatus(world, 'crowd', world.clients.slice(5).map((c) => c.id))];
      const shortened = statuses.flatMap((st) => (st.shortLines ?? []).flatMap((shorts, i): [string, string][] => (shorts ?? []).map((short) => [short, st.lines[i]!])));
      // Twenty users logged in by 10 s, and the crowd node's two (a wristband has two shorter forms, with its size, then
      // without; a badge three, its size kept in the second: "JWT, 334 B", the bytes token-size is about).
      expect(shortened.length).toBe(mode === 'session' ? 42 : 62);
      for (const [short, line] of shortened) expect(line).toContain(short.replace(/…$/, ''));
    }
  });

  it('token-size: a browser\u2019s badge says how many bytes its token weighs, and it grows with the profile', async () => {
    const driver = await loadScenario(findScenario('token-size')!, 'jwt');
    const bytes = async (atMs: number) => {
      await driver.runUntil(atMs);
      return Number(/signed JWT, ([\d,]+) B$/.exec(nodeStatus(snapshot(driver.state), 'alice').lines[0]!)![1]!.replace(/,/g, ''));
    };
    const first = await bytes(3_000);
    expect(first).toBe((holdingOf(snapshot(driver.state), 'alice').value ?? '').length);
    expect(await bytes(15_000)).toBeGreaterThan(first * 2);
  });

  it('token-size: the browser whose token outgrew its cookie says the cookie was dropped and how big it was, not "not logged in"', async () => {
    const driver = await loadScenario(findScenario('token-size')!, 'jwt');
    await driver.runUntil(29_000);
    const world = snapshot(driver.state);
    const refused = driver.state.log.entries.filter((e) => /silently dropped cookie/.test(e.text)).at(-1)!;
    const bytes = /is (\d+) bytes, over the 4096-byte limit/.exec(refused.text)![1]!;
    const held = holdingOf(world, 'alice');
    expect(held).toMatchObject({ kind: 'none', value: null, text: `cookie dropped: ${formatNumber(Number(bytes))} bytes, too big` });
    for (const short of held.short!) expect(held.text).toContain(short);
    // Logged out, she holds nothing and says so again.
    driver.dispatch({ type: 'logout', clientId: 'alice' });
    await driver.runUntil(30_000);
    expect(holdingOf(snapshot(driver.state), 'alice').text).toBe('not logged in');
  });

  it('a browser that logged out holds nothing, and says "not logged in" on the node and in the inspector alike', async () => {
    const { driver } = await runScenarioMode(findScenario('jwt-in-cookie')!, 'jwt');
    const world = snapshot(driver.state);
    expect(holdingOf(world, 'alice')).toEqual({ kind: 'none', text: 'not logged in', value: null });
    expect(nodeStatus(world, 'alice').lines).toEqual(['not logged in']);
  });

  it('a session cookie shows as the first six characters of its id, as the engine\u2019s log lines shorten ids, and its size, as a badge does', async () => {
    const { driver } = await runScenarioMode(findScenario('basic')!, 'session');
    const world = snapshot(driver.state);
    const held = holdingOf(world, 'alice');
    expect(held.kind).toBe('session');
    // 128 bits in base64url: 22 characters, 22 bytes (token-size's session browser said no size beside the JWT's).
    expect(held.value!.length).toBe(22);
    expect(held.text).toBe(`wristband: sid ${held.value!.slice(0, 6)}…, 22 B`);
    // A narrow box says it in fewer words (NodeView): the same six characters, then without the size.
    expect(held.short).toEqual([`sid ${held.value!.slice(0, 6)}…, 22 B`, `sid ${held.value!.slice(0, 6)}…`]);
  });
});

describe('unitsKept', () => {
  it('keeps a number and its unit on one line, and leaves words that only start like a unit alone', () => {
    // A takeaway wrapped as "with a 25 / s tolerance" (learner review).
    expect(unitsKept('with a 25 s tolerance, 4096 bytes, 12.5 ms, 1 byte, 2 KB, 998 req/s')).toBe('with a 25\u00a0s tolerance, 4096\u00a0bytes, 12.5\u00a0ms, 1\u00a0byte, 2\u00a0KB, 998\u00a0req/s');
    expect(unitsKept('a 4824-byte cookie, a 30-second token, a well-formed one')).toBe('a 4824\u2011byte cookie, a 30\u2011second token, a well-formed one');
    expect(unitsKept('3 servers, 2 sessions, 2 Bobs, 10 seconds')).toBe('3 servers, 2 sessions, 2 Bobs, 10 seconds');
  });
});
