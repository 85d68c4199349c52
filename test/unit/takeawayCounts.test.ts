// A takeaway's request counts mean the same thing in both worlds and on the comparison table beside
// it: API requests, logins, logouts and refreshes not counted (the table's "Store lookups per
// request" row divides by them). QA found scale-out saying "29 of 117 requests" for sessions but
// "126 of 126 JWT requests" (logins counted), microservices "72 of 72" against the table's 68,
// clock-skew 30 + 25 against 53. Every number here is read from the run: the table's from
// compareRows over the world's last snapshot, the rest from what the world served, request by request.
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios';
import { loadScenario, runScenarioMode } from '../../src/scenarios/run';
import { modeRun } from '../../src/sim/report';
import type { Scenario } from '../../src/scenarios/scenario';
import type { ModeRun } from '../../src/sim/report';
import type { Mode, Served } from '../../src/sim/types';
import type { ReasonCode } from '../../src/reasons';
import { snapshot } from '../../src/store/snapshot';
import { compareRows } from '../../src/ui/compare/compareRows';

interface World {
  run: ModeRun;
  /** The API requests the comparison table counts ("… / N requests" in its lookups row). */
  table: number;
  /** What the world served, every finished request of the run. */
  served: readonly Served[];
}

const worlds = new Map<string, World>();
const key = (id: string, mode: Mode) => `${id}/${mode}`;
const world = (id: string, mode: Mode): World => worlds.get(key(id, mode))!;

beforeAll(async () => {
  for (const s of SCENARIOS) {
    for (const mode of s.modes) {
      const { run, driver } = await runScenarioMode(s, mode);
      const snap = snapshot(driver.state);
      const lookups = compareRows({ [mode]: snap }).find((r) => r.id === 'lookups')!.measured[mode]!;
      const table = Number(/ \/ (\d+) requests?\)/.exec(lookups)?.[1] ?? NaN);
      worlds.set(key(s.id, mode), { run, table, served: snap.served });
    }
  }
}, 120_000);

/** API requests a world served, of one client (or all) and one reason (or any), counted one by one. */
function served(w: World, opts: { client?: string; reason?: ReasonCode } = {}): number {
  return w.served.filter((e) => e.kind === 'api' && (opts.client === undefined || e.clientId === opts.client) && (opts.reason === undefined || e.reason === opts.reason)).length;
}

/** The takeaway of one world shown alone: its own half of the sentence. */
const half = (s: Scenario, mode: Mode, run = world(s.id, mode).run): string => s.takeaway!({ [mode]: run });

const cases = SCENARIOS.flatMap((s) => s.modes.map((mode) => [`${s.id} [${mode}]`, s, mode] as [string, Scenario, Mode]));

describe('the table counts what the served records show', () => {
  it.each(cases)('%s', (_name, s, mode) => {
    const w = world(s.id, mode);
    // Every finished request of the run is still in the served list, so counting it one by one is the whole run.
    expect(w.served[0]?.seq ?? 0).toBe(0);
    expect(w.table).toBe(served(w));
    expect(w.run.apiRequests).toBe(w.table);
  });
});

/**
 * The run with more logins and logouts than it had (one more accepted login per client, and logins
 * and a logout refused for the reasons they can get): what API requests did is untouched.
 */
function withMoreLogins(run: ModeRun): ModeRun {
  const add = (counts: Partial<Record<ReasonCode, number>>, reason: ReasonCode, n = 1) => ({ ...counts, [reason]: (counts[reason] ?? 0) + n });
  const clients = Object.keys(run.byClient);
  const refused: ReasonCode[] = ['store_unavailable', 'server_down', 'no_credentials', 'user_banned'];
  const byClient = Object.fromEntries(clients.map((id, i) => [id, i === 0 ? refused.reduce((c, r) => add(c, r), add(run.byClient[id]!, 'ok')) : add(run.byClient[id]!, 'ok')]));
  let byReason = add(run.requests.byReason, 'ok', clients.length);
  for (const r of [...refused, 'timeout' as const]) byReason = add(byReason, r);
  if (clients[0]) byClient[clients[0]] = add(byClient[clients[0]]!, 'timeout');
  return {
    ...run,
    requests: {
      total: run.requests.total + clients.length + refused.length + 1,
      accepted: run.requests.accepted + clients.length,
      rejected: run.requests.rejected + refused.length,
      timedOut: run.requests.timedOut + 1,
      byReason,
    },
    byClient,
  };
}

describe('a takeaway counts API requests, in both worlds', () => {
  // (The load lesson's "logins included" is said of its latencies, which these added logins leave alone.)
  it.each(cases)('%s: more logins and logouts move no number', (_name, s, mode) => {
    const before = half(s, mode);
    const after = half(s, mode, withMoreLogins(world(s.id, mode).run));
    expect(after).toBe(before);
  });

  it.each(cases)('%s: a total of requests it states is the table\u2019s', (_name, s, mode) => {
    const w = world(s.id, mode);
    // "N of M … requests" and "in M requests": M, where no user's name owns it, is the world's total.
    const text = half(s, mode);
    const users = (s.options(mode).clients ?? []).map((c) => c.id);
    for (const m of text.matchAll(/(?:\d+ of|\bin) (\d+) (?:JWT |session )?requests?\b/g)) {
      // "Bob, holding a k2 token, had 19 of 28 requests accepted": a user's own (the clause names
      // them), checked per lesson below.
      const clause = text.slice(0, m.index).split(';').pop()!;
      if (users.some((u) => new RegExp(`\\b${u}\\b`, 'i').test(clause))) continue;
      expect(Number(m[1]), `"${m[0]}" in "${text}"`).toBe(w.table);
    }
  });
});

describe('the lessons QA named, and the others that count requests, with the run\u2019s own numbers', () => {
  it('scale-out: both halves out of the table\u2019s count', () => {
    const session = world('scale-out', 'session');
    const jwt = world('scale-out', 'jwt');
    expect(session.table).toBe(jwt.table);
    expect(half(SCENARIOS.find((s) => s.id === 'scale-out')!, 'session')).toContain(`${served(session, { reason: 'session_unknown' })} of ${session.table} requests looked logged out`);
    expect(half(SCENARIOS.find((s) => s.id === 'scale-out')!, 'jwt')).toContain(`${served(jwt, { reason: 'ok' })} of ${jwt.table} JWT requests were accepted`);
    // The old words counted logins in the JWT world only.
    expect(jwt.run.requests.total).toBeGreaterThan(jwt.table);
  });

  it("token-size: the JWT's Cookie line as it grew to its largest, never an average over requests that carried nothing", () => {
    const jwt = world('token-size', 'jwt').run;
    const text = half(SCENARIOS.find((s) => s.id === 'token-size')!, 'jwt');
    // Whole on its own too (the JWT world alone): "The JWT's grew…" named nothing.
    expect(text).toMatch(new RegExp(`^The JWT's Cookie line, "Cookie:" and the cookie's name included, grew with the profile to ${jwt.credentialBytesMax} bytes`));
    // The old words: "grew to 3715 bytes on every request (1628 bytes on average)", the average counting the 3 requests with no credential.
    expect(jwt.bytes.credentialMean).toBeLessThan(jwt.credentialBytesMax / 2);
    expect(text).not.toMatch(/on every request|on average/);
    expect(half(SCENARIOS.find((s) => s.id === 'token-size')!, 'session')).toContain(`Cookie line, "Cookie:" and the cookie's name included, stayed ${world('token-size', 'session').run.credentialBytesMax} bytes on every request`);
  });

  it('microservices: names who held a signing key, as the stage draws them: the key set and the services', () => {
    const w = world('microservices', 'jwt');
    const text = half(SCENARIOS.find((s) => s.id === 'microservices')!, 'jwt');
    expect(text).toContain(`With HS256, ${w.run.signingKeyHoldersMax} nodes held a key that could sign anyone\u2019s token (the issuer behind the key set and ${w.run.signingKeyHoldersMax - 1} services); with EdDSA, 1 (the issuer);`);
  });

  it('microservices: accepted out of the table\u2019s count', () => {
    const w = world('microservices', 'jwt');
    expect(half(SCENARIOS.find((s) => s.id === 'microservices')!, 'jwt')).toContain(`; ${served(w, { reason: 'ok' })} of ${w.table} requests were accepted`);
    expect(w.run.requests.total).toBeGreaterThan(w.table);
  });

  it.each([
    ['clock-skew', ['alice', 'bob']],
    ['key-rotation', ['bob', 'alice']],
  ] as const)('%s: each user\u2019s requests, and together the table\u2019s count', (id, users) => {
    const w = world(id, 'jwt');
    const text = half(SCENARIOS.find((s) => s.id === id)!, 'jwt');
    let sum = 0;
    for (const user of users) {
      const n = served(w, { client: user });
      sum += n;
      expect(text).toMatch(new RegExp(`\\b${served(w, { client: user, reason: 'ok' })} of (${user[0]!.toUpperCase()}${user.slice(1)}\u2019s )?${n} requests?\\b`));
    }
    expect(sum).toBe(w.table);
  });

  it('tampering: the same count in both worlds, logins not counted', () => {
    const s = SCENARIOS.find((x) => x.id === 'tampering')!;
    const session = world('tampering', 'session');
    const jwt = world('tampering', 'jwt');
    expect(half(s, 'session')).toContain(`${served(session, { reason: 'session_unknown' })} times; only real session ids got in (${served(session, { reason: 'ok' })} of ${session.table} requests)`);
    expect(half(s, 'jwt')).toContain(`(${served(jwt, { reason: 'ok' })} of ${jwt.table} requests)`);
  });

  it('stolen-credential: Mallory\u2019s replays, one by one', () => {
    const s = SCENARIOS.find((x) => x.id === 'stolen-credential')!;
    const session = world('stolen-credential', 'session');
    const jwt = world('stolen-credential', 'jwt');
    expect(half(s, 'session')).toContain(`${served(session, { client: 'mallory', reason: 'ok' })} of Mallory\u2019s ${served(session, { client: 'mallory' })} replays`);
    expect(half(s, 'jwt')).toContain(`got in ${served(jwt, { client: 'mallory', reason: 'ok' })} times`);
  });

  it("basic: the bytes counted are a header line's, and it says so (the table beside it counts the token's 334 characters, not the line's 358)", () => {
    const s = SCENARIOS.find((x) => x.id === 'basic')!;
    expect(half(s, 'session')).toContain(`a ${world('basic', 'session').run.bytes.credentialMean}-byte Cookie line`);
    expect(half(s, 'jwt')).toContain(`its token in a ${world('basic', 'jwt').run.bytes.credentialMean}-byte Authorization line`);
    expect(half(s, 'jwt')).not.toMatch(/bytes of token/);
  });

  it('load: says what each world\u2019s requests waited on, as the run measured it', async () => {
    // "1392 requests waited on one store" and a median matching no stretch of the run left the point unsaid (learner review).
    const s = SCENARIOS.find((x) => x.id === 'load')!;
    expect(half(s, 'session')).toMatch(/lookups queued there, and the servers added did not help: a median of \d+ ms, p99 \d+ ms/);
    expect(half(s, 'jwt')).toContain('with nothing shared to wait on');
    // A store that serves them all: nothing queued, and the takeaway does not say it did.
    const roomy = (await loadScenario(s, 'session', s.seed, { storeCapacityOpsPerSec: 5_000 }));
    await roomy.runUntil(s.durationMs + 6_000);
    expect(half(s, 'session', modeRun(roomy.state))).toMatch(/; it kept up: a median of \d+ ms/);
  });

  it('basic and load: the table\u2019s count in both worlds', () => {
    for (const id of ['basic', 'load']) {
      const s = SCENARIOS.find((x) => x.id === id)!;
      for (const mode of s.modes) expect(half(s, mode)).toContain(`${world(id, mode).table} requests`);
    }
  });
});

describe('a takeaway after an intervention', () => {
  it('says what each world then did with its requests: basic with its store slowed 100,000x read only "9 requests cost 9 store lookups" over 9 timeouts', async () => {
    const basic = SCENARIOS.find((s) => s.id === 'basic')!;
    const slowed = { actions: [{ atMs: 500, action: { type: 'storeSlow' as const, factor: 100_000 } }] };
    const session = (await runScenarioMode(basic, 'session', basic.seed, slowed)).run;
    const jwt = (await runScenarioMode(basic, 'jwt', basic.seed, slowed)).run;
    expect(session.interventions).toBe(1);
    const timedOut = session.apiOutcomes.byReason.timeout ?? 0;
    expect(timedOut).toBeGreaterThan(0);
    expect(basic.takeaway!({ session, jwt })).toMatch(
      new RegExp(`\\. With the interventions in this run, session: ${session.apiOutcomes.accepted} of ${session.apiRequests} requests accepted, ${timedOut} timeout; JWT: ${jwt.apiRequests} of ${jwt.apiRequests} requests accepted\\.$`),
    );
    // Without one, the lesson as written; an action after the run's end is none (counted as it is applied, not as it is scheduled).
    expect(half(basic, 'session')).not.toMatch(/interventions/);
    const never = (await runScenarioMode(basic, 'session', basic.seed, { actions: [{ atMs: 3_600_000, action: { type: 'storeDown' } }] })).run;
    expect(never.interventions).toBe(0);
  });
});
