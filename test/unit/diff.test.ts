import { describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios';
import { runScenarioMode } from '../../src/scenarios/run';
import type { Served } from '../../src/sim/types';
import { DiffTracker, differenceOf, differingText, groupDiffs, outcomeDiffs, type ServedPair } from '../../src/store/diff';
import { snapshot, type WorldSnapshot } from '../../src/store/snapshot';
import { SERVED_CAPACITY } from '../../src/sim/world';
import { run } from './support/run';

async function both(id: string): Promise<{ session: WorldSnapshot; jwt: WorldSnapshot }> {
  const scenario = findScenario(id)!;
  const session = snapshot((await runScenarioMode(scenario, 'session')).driver.state);
  const jwt = snapshot((await runScenarioMode(scenario, 'jwt')).driver.state);
  return { session, jwt };
}

let seq = 0;
/** A served entry as a world records it. */
function served(clientId: string, sentAtMs: number, reason: Served['reason'], extra: Partial<Served> = {}): Served {
  const ok = reason === 'ok';
  return {
    seq: seq++,
    requestId: seq,
    clientId,
    kind: 'api',
    method: 'GET',
    path: '/api/profile',
    sentAtMs,
    finishedAtMs: sentAtMs + 50,
    status: ok ? 200 : reason === 'store_unavailable' ? 503 : 401,
    reason,
    userId: ok ? clientId : null,
    role: ok ? 'user' : null,
    expMs: null,
    failedOpen: false,
    forged: null,
    ...extra,
  };
}

/** Just what the tracker reads of a snapshot. */
const world = (entries: Served[], timeMs = 60_000, inFlight = 1): WorldSnapshot => ({ served: entries, timeMs, options: { requestTimeoutMs: 5_000 }, report: { unfinishedRequests: inFlight } }) as unknown as WorldSnapshot;

const pair = (s: Served, j: Served, difference: string | null): ServedPair => ({ key: `${s.clientId}|${s.sentAtMs}`, clientId: s.clientId, sentAtMs: s.sentAtMs, session: s, jwt: j, difference });

describe('the side-by-side strip: a run of the lesson', () => {
  it('revocation: pins the first difference (Alice refused vs accepted at 5.5 s) and keeps that run as one group, first, in time order', async () => {
    const { session, jwt } = await both('revocation');
    const d = outcomeDiffs(session, jwt);
    expect(d.first?.pair.clientId).toBe('alice');
    expect(d.first?.pair.sentAtMs).toBe(5_500);
    expect(d.first?.text).toMatch(/^First difference at 5\.5 s: alice's GET \/api\/profile .*session refused \(401 session_unknown\); JWT accepted as alice \(role user\), token valid until exp at 30\.0 s\.$/);
    const [ban, ...rest] = d.groups;
    // Every request of Alice between the ban and her token's exp: 5.5 s .. 29.5 s.
    expect(ban!.text).toBe('5.5–29.5 s, alice, 25 requests: session refused (401 session_unknown); JWT accepted as alice (role user), token valid until exp at 30.0 s');
    expect(ban!.count).toBe(25);
    const starts = d.groups.map((g) => g.first.sentAtMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // After exp both refuse, for their own reasons: still listed, but after the 401-vs-200 run.
    expect(rest.map((g) => g.text)).toEqual([
      '30.5–39.5 s, bob, 10 requests: session refused (401 session_unknown); JWT refused (401 token_revoked)',
      '30.5–39.5 s, alice, 10 requests: session refused (401 session_unknown); JWT refused (401 token_expired)',
    ]);
    expect(d.differing).toBe(45);
    // Said apart: only Alice's 25 were accepted in one world and refused in the other.
    expect(d.byKind).toEqual({ oneWorld: 25, neither: 20, both: 0 });
    expect(differingText(d)).toBe('45 answered differently (25 accepted in one world only; 20 accepted in neither, for different reasons)');
    expect(d.oneWorldOnly).toBe(0);
  });

  it('store-outage: a token let through while the denylist was down is said to be, not "valid until exp" (Bob\u2019s was revoked)', async () => {
    const { session, jwt } = await both('store-outage');
    const groups = outcomeDiffs(session, jwt).groups.map((g) => g.text);
    // The first outage: no denylist yet, the signature is the whole check.
    expect(groups).toContain('8.6–13.6 s, bob, 6 requests: session refused (503 store_unavailable); JWT accepted as bob (role user), token valid until exp at 300.0 s');
    // The second, failing open: Bob's token has been revoked since 19 s and still got in.
    expect(groups).toContain('30.6–35.6 s, bob, 6 requests: session refused (503 store_unavailable); JWT accepted as bob (role user) without a denylist check: the store was down and the server failed open');
    const failedOpen = jwt.served.filter((e) => e.failedOpen);
    expect(failedOpen.length).toBe(12);
    expect(failedOpen.every((e) => e.sentAtMs >= 30_000 && e.sentAtMs < 36_000 && e.reason === 'ok')).toBe(true);
  });

  it('a run of differing answers that turns unchecked is two groups, each in its own words', () => {
    const pairs = [0, 1, 2, 3].map((i) => {
      const t = 10_000 + i * 1000;
      return pair(served('bob', t, 'store_unavailable'), served('bob', t, 'ok', { expMs: 300_000, failedOpen: i >= 2 }), 'x');
    });
    const texts = groupDiffs(pairs.map((p) => ({ ...p, difference: differenceOf(p.session, p.jwt) }))).map((g) => g.text);
    expect(texts).toEqual([
      '10.0–11.0 s, bob, 2 requests: session refused (503 store_unavailable); JWT accepted as bob (role user), token valid until exp at 300.0 s',
      '12.0–13.0 s, bob, 2 requests: session refused (503 store_unavailable); JWT accepted as bob (role user) without a denylist check: the store was down and the server failed open',
    ]);
  });

  it('covers the whole run, beyond the 60 requests a snapshot keeps', async () => {
    const { session, jwt } = await both('revocation');
    expect(session.requests.filter((r) => r.stage === 'done').length).toBeLessThanOrEqual(60);
    const d = outcomeDiffs(session, jwt);
    expect(d.compared).toBe(session.report.requests.total);
  });

  it('stale-claims: the same 200 with a different role is a disagreement (user vs admin at 5.5 s)', async () => {
    const { session, jwt } = await both('stale-claims');
    const d = outcomeDiffs(session, jwt);
    expect(d.first?.pair.sentAtMs).toBe(5_500);
    expect(d.first?.pair.session.status).toBe(200);
    expect(d.first?.pair.jwt.status).toBe(200);
    const alice = d.groups.find((g) => g.clientId === 'alice')!;
    expect(alice.text).toMatch(/^5\.5–29\.5 s, alice, 25 requests: session accepted as alice \(role user\); JWT accepted as alice \(role admin\)/);
    const bob = d.groups.find((g) => g.clientId === 'bob')!;
    expect(bob.text).toMatch(/session accepted as bob \(role admin\); JWT accepted as bob \(role user\)/);
    expect(d.byKind.both).toBe(alice.count + bob.count);
    expect(differingText(d)).toContain(`${alice.count + bob.count} accepted in both, as a different user or role`);
  });

  it('tampering: an attack scripted in one world only is left out, not listed as a disagreement', async () => {
    const { session, jwt } = await both('tampering');
    const d = outcomeDiffs(session, jwt);
    expect(d.groups).toEqual([]);
    expect(d.first).toBeNull();
    // The session world's guessed id (3) and clean requests during the JWT world's alg-none (3); the JWT world's edited role (3) and alg none (3).
    expect(d.oneWorldOnly).toBe(12);
    expect(d.compared).toBe(8);
  });

  it('is empty when both worlds answered alike', async () => {
    const { session, jwt } = await both('basic');
    const d = outcomeDiffs(session, jwt);
    expect(d.groups).toEqual([]);
    expect(d.compared).toBe(session.report.requests.total);
  });
});

describe('pairing and grouping', () => {
  it('pairs only requests both worlds received: a refresh or a forged request in one world is ignored', () => {
    const s = [served('alice', 1_000, 'ok'), served('alice', 2_000, 'ok'), served('alice', 3_000, 'ok')];
    const j = [
      served('alice', 1_000, 'ok'),
      served('alice', 1_500, 'ok', { kind: 'refresh' }),
      served('alice', 2_000, 'signature_invalid', { forged: 'role-admin' }),
      served('alice', 3_000, 'ok'),
    ];
    const d = new DiffTracker().update(world(s), world(j));
    expect(d.compared).toBe(2);
    expect(d.groups).toEqual([]);
    expect(d.oneWorldOnly).toBe(3);
  });

  it('at the end (nothing in flight in either world), a request only one world answered counts at once, not a timeout later', () => {
    const tracker = new DiffTracker();
    const both = served('alice', 1_000, 'ok');
    const refresh = served('alice', 9_500, 'ok', { kind: 'refresh' });
    // 0.5 s after the refresh, with requests in flight: its twin could still come.
    expect(tracker.update(world([both], 10_000), world([both, refresh], 10_000)).oneWorldOnly).toBe(0);
    // The lesson ends there: nothing in flight anywhere, so it can only have been the JWT world's.
    expect(tracker.update(world([both], 10_000, 0), world([both, refresh], 10_000, 0)).oneWorldOnly).toBe(1);
  });

  it('a different status, reason, user or role each makes a difference; the exp alone does not', () => {
    const s = [served('a', 1, 'ok'), served('b', 1, 'ok'), served('c', 1, 'ok'), served('d', 1, 'session_unknown'), served('e', 1, 'ok')];
    const j = [
      served('a', 1, 'token_expired'),
      served('b', 1, 'ok', { role: 'admin' }),
      served('c', 1, 'ok', { userId: 'mallory' }),
      served('d', 1, 'token_revoked'),
      served('e', 1, 'ok', { expMs: 30_000 }),
    ];
    const d = new DiffTracker().update(world(s), world(j));
    expect(d.groups.map((g) => g.clientId).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('groups runs of the same difference; one agreeing request stays inside a run, two end it', () => {
    const ok = (t: number) => served('alice', t, 'ok');
    const no = (t: number) => served('alice', t, 'session_unknown');
    const diff = 'session_unknown / ok as alice role user';
    const pairs = [
      pair(no(1), ok(1), diff),
      pair(ok(2), ok(2), null),
      pair(no(3), ok(3), diff),
      pair(ok(4), ok(4), null),
      pair(ok(5), ok(5), null),
      pair(no(6), ok(6), diff),
      pair(no(7), served('alice', 7, 'token_expired'), 'session_unknown / token_expired'),
    ];
    const groups = groupDiffs(pairs);
    expect(groups.map((g) => [g.first.sentAtMs, g.last.sentAtMs, g.count, g.of])).toEqual([
      [1, 3, 2, 3],
      [6, 6, 1, 1],
      [7, 7, 1, 1],
    ]);
    expect(groups[0]!.text).toMatch(/^0\.0–0\.0 s, alice, 2 of 3 requests: session refused \(401 session_unknown\); JWT accepted as alice \(role user\)$/);
  });

  it('is incremental: feeding the run publish by publish gives the same strip as reading it at once, and a replay starts over', async () => {
    const { session, jwt } = await both('revocation');
    const tracker = new DiffTracker();
    const cut = (w: WorldSnapshot, t: number): WorldSnapshot => ({ ...w, timeMs: t, served: w.served.filter((e) => e.finishedAtMs <= t) });
    for (let t = 0; t <= session.timeMs; t += 700) tracker.update(cut(session, t), cut(jwt, t));
    const whole = outcomeDiffs(session, jwt);
    expect(tracker.update(session, jwt).groups.map((g) => g.text)).toEqual(whole.groups.map((g) => g.text));
    // A replay (step back) records new entries: the tracker must not mix the two runs.
    const replayed = (w: WorldSnapshot): WorldSnapshot => ({ ...w, served: w.served.filter((e) => e.sentAtMs < 10_000).map((e) => ({ ...e })) });
    const back = tracker.update(replayed(session), replayed(jwt));
    expect(back.groups.map((g) => g.last.sentAtMs)).toEqual([9_500]);
  });

  it('reads from a bounded record of what each world served: newest kept, numbered over the whole run', async () => {
    const driver = await run({}, [[0, { type: 'login', clientId: 'alice' }], [500, { type: 'traffic', clientId: 'alice', everyMs: 4, count: 3_000 }]], 20_000);
    const s = driver.state;
    expect(s.served.total).toBe(s.metrics.total);
    expect(s.served.total).toBeGreaterThan(SERVED_CAPACITY * 1.2);
    expect(s.served.entries.length).toBeLessThanOrEqual(SERVED_CAPACITY * 1.2);
    expect(s.served.entries.at(-1)!.seq).toBe(s.served.total - 1);
    expect(s.served.entries.every((e, i, all) => i === 0 || e.seq === all[i - 1]!.seq + 1)).toBe(true);
  });
});
