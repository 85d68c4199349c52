// Predict, then see: every question is asked before the run decides it, is decided by the run
// soon after, and its answer comes from the run (changing the run changes the answer). Every
// takeaway reads its numbers from the real reports, in words a person reads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCENARIOS, findScenario } from '../../src/scenarios';
import { findMeta } from '../../src/scenarios/catalog';
import { lessonSteps, stepsSoFar } from '../../src/store/lesson';
import { clock, describe as described, duration, formatNumber, plural, times } from '../../src/scenarios/outcomes';
import { REASON_CODES, describeReason, statusFor } from '../../src/reasons';
import type { RequestRecord } from '../../src/sim/types';
import { loadScenario, runScenarioMode } from '../../src/scenarios/run';
import type { Scenario } from '../../src/scenarios/scenario';
import { acceptedAlgorithms } from '../../src/auth/acceptance';
import { modeRun, type ModeRun } from '../../src/sim/report';
import type { Mode } from '../../src/sim/types';
import { ask, GIVE_UP_AFTER_MS, worldViewOf, type Patches } from './support/questions';
import { runs } from '../support/propsSetup';

const REQUIRED = ['revocation', 'stolen-credential', 'scale-out', 'store-outage', 'refresh-tokens', 'key-rotation', 'tampering', 'stale-claims', 'clock-skew', 'token-size'];

const scenario = (id: string): Scenario => {
  const s = findScenario(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
};

const question = (scenarioId: string, questionId: string) => {
  const q = scenario(scenarioId).questions?.find((x) => x.id === questionId);
  if (!q) throw new Error(`no question ${questionId} in ${scenarioId}`);
  return q;
};

describe('outcome helpers', () => {
  it('formats numbers, durations, moments and plurals for people', () => {
    expect(plural(1, 'request')).toBe('1 request');
    expect(plural(2, 'request')).toBe('2 requests');
    expect(plural(2, 'family', 'families')).toBe('2 families');
    expect(times(1)).toBe('once');
    expect(times(25)).toBe('25 times');
    expect(formatNumber(24.600000001)).toBe('24.6');
    expect(formatNumber(-0.01)).toBe('0');
    expect(formatNumber(1234567.25, 2)).toBe('1234567.25');
    expect(formatNumber(1e22)).toBe('10000000000000000000000');
    expect(duration(24_552.1)).toBe('24.6 s');
    expect(duration(-13_000)).toBe('0 s');
    expect(duration(921.3)).toBe('921 ms');
    expect(clock(5_500)).toBe('00:05.5');
    expect(clock(65_049)).toBe('01:05.0');
  });
});

// Learner review: store-outage's verdict read "503 store_unavailable (the shared store, of sessions,
// or the denylist could not be reached)": a verdict's brackets take a reason's words with their own
// brackets made commas, which reads as a list unless the aside ends the words.
describe('a refusal in a verdict', () => {
  it.each(REASON_CODES.filter((code) => code !== 'ok' && code !== 'timeout'))('says %s in words whose aside, if any, ends them', (code) => {
    expect(describeReason(code)).toMatch(/^[^()]+( \([^()]+\))?$/);
    const request = { status: statusFor(code), reason: code, finishedAtMs: 1 } as unknown as RequestRecord;
    expect(described(request)).toMatch(new RegExp(`^${statusFor(code)} ${code} \\([^()]+\\)$`));
  });
});

describe('questions', () => {
  it('every required lesson asks at least one question, in time order, with 3 or 4 distinct choices', () => {
    for (const id of REQUIRED) expect(scenario(id).questions?.length ?? 0, id).toBeGreaterThan(0);
    for (const s of SCENARIOS) {
      const qs = s.questions ?? [];
      expect(qs.map((q) => q.atMs), s.id).toEqual([...qs.map((q) => q.atMs)].sort((a, b) => a - b));
      expect(new Set(qs.map((q) => q.id)).size, s.id).toBe(qs.length);
      for (const q of qs) {
        expect(q.choices.length, q.id).toBeGreaterThanOrEqual(3);
        expect(q.choices.length, q.id).toBeLessThanOrEqual(4);
        expect(new Set(q.choices.map((c) => c.id)).size, q.id).toBe(q.choices.length);
        expect(q.modes.every((m) => s.modes.includes(m)), q.id).toBe(true);
        expect(q.atMs, q.id).toBeGreaterThan(0);
        expect(q.atMs, q.id).toBeLessThan(s.durationMs);
      }
    }
  });

  for (const s of SCENARIOS) {
    for (const q of s.questions ?? []) {
      it(`${s.id} / ${q.id}: asked before the fact, then decided by the run`, async () => {
        const a = await ask(s, q);
        // Prediction before the fact: undecided when asked, and nothing sent since.
        expect(a.atAsk).toBeNull();
        expect(a.sentAfterAsk).toBe(0);
        expect(a.outcome, `undecided ${GIVE_UP_AFTER_MS} ms after ${q.atMs}`).not.toBeNull();
        expect(q.choices.map((c) => c.id)).toContain(a.outcome!.choiceId);
        expect(a.outcome!.why).toMatch(/\d/);
        expect(a.outcome!.why).not.toMatch(/NaN|undefined|Infinity|null/);
        expect(a.outcome!.why).toMatch(/[.!?]$/);
        // Decided soon after being asked, so the recent-requests window still holds the evidence.
        expect(a.decidedAtMs! - q.atMs).toBeLessThanOrEqual(5_000);
        // Nor do the words read before it: the opening ("What to watch"), which stands over the worlds
        // until the lesson moves, and the captions told by then (the one the question asks about is
        // kept back) name what to watch, not what happens (refresh-tokens' opening said "revokes the
        // whole family", the answer).
        const answer = q.choices.find((c) => c.id === a.outcome!.choiceId)!.text;
        const captions = stepsSoFar(lessonSteps(s, s.modes), q.atMs, [q]).flatMap((step) => step.lines.map((line) => line.text));
        // The summary too where it stands in the caption box: a lesson with no caption at 0 s says it until its first (token-size).
        const saysAtStart = lessonSteps(s, s.modes)[0]?.atMs === 0;
        for (const read of [findMeta(s.id)!.notice, ...(saysAtStart ? [] : [s.summary]), ...captions]) {
          expect(wordRunsShared(read, answer, 3), read).toEqual([]);
          for (const code of REASON_CODES) if (code !== 'ok' && a.outcome!.why.includes(code)) expect(read).not.toContain(code);
        }
      });
    }
  }

  it('store-outage: the verdict says what the session world could not reach, its session store, and no denylist, which it has not', async () => {
    const s = scenario('store-outage');
    const a = await ask(s, s.questions![0]!);
    expect(a.outcome!.why).toMatch(/session request got 503 store_unavailable from server-\d: the session store is unreachable;/);
    expect(a.outcome!.why).not.toMatch(/denylist/);
  });

  it('token-size: the verdict says how large the dropped cookie was, the number that crossed the limit', async () => {
    const s = scenario('token-size');
    const why = (await ask(s, s.questions![0]!)).outcome!.why;
    const dropped = Number(/the new token's cookie \(name and value\) was (\d+) bytes, over the 4096-byte limit/.exec(why)?.[1]);
    expect(dropped, why).toBeGreaterThan(4096);
  });

  it('tampering: the alg "none" verdict answers the "malformed" choice from the token sent, well-formed with an empty signature part', async () => {
    const s = scenario('tampering');
    const q = s.questions!.find((q) => q.id === 'tampering-alg-none')!;
    // The token in a bearer line (the lesson's own) or in a cookie (the learner's setting).
    for (const patches of [{}, { jwt: { delivery: 'cookie' as const } }]) {
      const why = (await ask(s, q, patches)).outcome!.why;
      expect(why, JSON.stringify(patches)).toMatch(/alg_not_allowed .*: her token was well-formed, "header\.payload\." with an empty signature part/);
    }
  });

  it('on other seeds too, every question is asked before the fact and decided by the run', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const s of SCENARIOS) {
        for (const q of s.questions ?? []) {
          const a = await ask(s, q, {}, seed);
          const label = `${s.id} / ${q.id} on seed ${seed}`;
          expect(a.atAsk, label).toBeNull();
          expect(a.sentAfterAsk, label).toBe(0);
          expect(q.choices.map((c) => c.id), label).toContain(a.outcome?.choiceId);
        }
      }
    }
    // Every question of every lesson on five seeds: ~2 s alone, over 5 s on a busy 2-core machine.
  }, 30_000);

  // Mutations: the same question on a run whose options flip the behaviour must get a different
  // answer, which proves the answer is read from the run and not from a key.
  const MUTATIONS: { scenario: string; question: string; patches: Patches; from: string; to: string }[] = [
    { scenario: 'revocation', question: 'revocation-ban', patches: { jwt: { denylist: true } }, from: 'accepted', to: 'refused' },
    { scenario: 'stolen-credential', question: 'stolen-replay', patches: { jwt: { denylist: true } }, from: 'jwt-only', to: 'neither' },
    { scenario: 'scale-out', question: 'scale-out-round-robin', patches: { session: { sessionStorage: 'shared' } }, from: 'some', to: 'all' },
    { scenario: 'store-outage', question: 'store-outage-down', patches: { jwt: { denylist: true } }, from: 'jwt-only', to: 'neither' },
    { scenario: 'store-outage', question: 'store-outage-denylist', patches: { jwt: { denylistFailMode: 'open' } }, from: 'unavailable', to: 'accepted' },
    { scenario: 'refresh-tokens', question: 'refresh-reuse', patches: { jwt: { tokenTtlMs: 20_000 } }, from: 'family-revoked', to: 'access-works' },
    { scenario: 'key-rotation', question: 'key-rotation-new-kid', patches: { jwt: { jwksRefreshMs: 500 } }, from: 'kid-unknown', to: 'accepted' },
    { scenario: 'stale-claims', question: 'stale-claims-demoted', patches: { jwt: { tokenTtlMs: 3_000 } }, from: 'admin', to: 'refused' },
    { scenario: 'clock-skew', question: 'clock-skew-three-servers', patches: { jwt: { clockToleranceMs: 25_000 } }, from: 'slow', to: 'all' },
    { scenario: 'token-size', question: 'token-size-limit', patches: { jwt: { delivery: 'header' } }, from: 'dropped', to: 'bigger' },
    { scenario: 'load', question: 'load-second-wave', patches: { session: { storeCapacityOpsPerSec: 5_000 } }, from: 'session-slower', to: 'same' },
    { scenario: 'microservices', question: 'microservices-signers', patches: { jwt: { keyOverlapMs: 60_000 } }, from: 'issuer', to: 'everyone' },
  ];

  for (const m of MUTATIONS) {
    it(`${m.scenario} / ${m.question}: the answer follows the run (${m.from} -> ${m.to} with ${JSON.stringify(m.patches)})`, async () => {
      const s = scenario(m.scenario);
      const q = question(m.scenario, m.question);
      const plain = await ask(s, q);
      const mutated = await ask(s, q, m.patches);
      expect(plain.outcome?.choiceId).toBe(m.from);
      expect(mutated.atAsk).toBeNull();
      expect(mutated.outcome?.choiceId).toBe(m.to);
      expect(mutated.outcome?.why).not.toBe(plain.outcome?.why);
    });
  }

  it('token-size: the verdict\u2019s largest byte count is its Cookie line\u2019s, said as such, not the token\u2019s weight', async () => {
    // "the largest token that still fitted weighed 3715 bytes" stood beside a "3694 B" badge (learner review).
    const asked = await ask(scenario('token-size'), question('token-size', 'token-size-limit'));
    expect(asked.outcome?.choiceId).toBe('dropped');
    expect(asked.outcome?.why).toMatch(/the largest Cookie line that still carried one, "Cookie:" and the cookie's name included, was \d+ bytes\.$/);
  });

  it('load: the verdict compares with the seconds before the wave and says why: the store\u2019s capacity against the lookups asked of it', async () => {
    // It said "the run's median so far, logins included: 117 ms", already holding the slow requests
    // after the wave, and no word of why servers enough or twice the users did not decide it (learner review).
    const q = question('load', 'load-second-wave');
    const plain = await ask(scenario('load'), q);
    const ms = (text: string) => Number(text.replace(' ms', ''));
    const [, sessionBefore, jwtBefore, sessionNow, jwtNow] = /requests took a median of (\d+ ms) with sessions and (\d+ ms) with JWTs; at 00:\d\d\.\d the latest took (\d+ ms) and (\d+ ms)\./.exec(plain.outcome!.why)!;
    // Before it, about a round trip in both worlds (~100 ms); after it, the sessions' median is over twice that.
    for (const before of [sessionBefore!, jwtBefore!]) expect(ms(before)).toBeLessThan(150);
    expect(ms(sessionNow!)).toBeGreaterThan(2 * ms(sessionBefore!));
    expect(ms(jwtNow!)).toBeLessThan(150);
    expect(plain.outcome!.why).toContain('40 users now ask the one store for 80 lookups a second and it serves 75: they queue there, whichever server asks. Each JWT server checks its signatures itself, with nothing shared to wait on.');
    const roomy = await ask(scenario('load'), q, { session: { storeCapacityOpsPerSec: 5_000 } });
    expect(roomy.outcome!.why).toContain('The store serves 5000 lookups a second, more than the 80 its 40 users ask: they need not queue.');
  });

  it('microservices: the verdict says why the withdrawn HS256 secret no longer counts (no service accepts HS256 any more)', async () => {
    // At 25.6 s it said "1 node holds key material that can sign" and nothing said why the old secret no longer counted (learner review).
    const s = scenario('microservices');
    const q = question('microservices', 'microservices-signers');
    const asked = await ask(s, q);
    expect(asked.outcome?.choiceId).toBe('issuer');
    const d = await loadScenario(s, 'jwt');
    await d.runUntil(asked.decidedAtMs!);
    expect(acceptedAlgorithms(d.state.keys.keys)).not.toContain('HS256');
    expect(asked.outcome?.why).toMatch(/^At 00:25\.\d+, 1 node holds a key that can sign a token the services accept: the issuer\. No service accepts HS256 any more, so the old secret, wherever a copy is left, mints nothing\. With the HS256 secret in use, 6 did\.$/);
  });

  it('basic: the verdict names the key-set fetch the JWT request waited for, as the log tells it', async () => {
    // It said "0 store lookups and 1 signature check" beside a dot that had gone to the key set and back (learner review).
    const s = scenario('basic');
    const q = s.questions![0]!;
    const asked = await ask(s, q);
    const d = await loadScenario(s, 'jwt');
    await d.runUntil(asked.decidedAtMs!);
    const request = worldViewOf(d.state).requests.find((r) => r.clientId === 'alice' && r.kind === 'api' && r.sentAtMs >= q.atMs)!;
    const fetches = d.state.log.entries.filter((e) => e.requestId === request.id && /fetches the key set/.test(e.text)).length;
    expect(fetches).toBe(1);
    expect(asked.outcome?.why).toContain(`with the JWT, plus 1 key-set fetch: ${request.serverId} had no fresh copy of the public keys, and keeps this one for the requests after.`);
  });

  // Learner review: asked after the logout, the question stood under "the cookie is cleared" and beside
  // Alice's browser reading "not logged in": the screen answered it.
  it('jwt-in-cookie asks before the logout, while Alice still holds the cookie and no caption has said it goes', async () => {
    const s = scenario('jwt-in-cookie');
    const q = question('jwt-in-cookie', 'jwt-in-cookie-after-logout');
    const d = await loadScenario(s, 'jwt');
    await d.runUntil(q.atMs);
    expect(d.state.clients.alice!.jar.cookies.map((c) => c.name)).toEqual(['__Host-jwt']);
    const captionsSoFar = s.timeline('jwt').filter((step) => step.atMs <= q.atMs).map((step) => step.caption ?? '');
    expect(captionsSoFar.join(' ')).not.toMatch(/log(s|ged)? out|clear/i);
    const asked = await ask(s, q);
    expect(asked.outcome?.choiceId).toBe('nothing');
    expect(asked.outcome?.why).toMatch(/^Her request at 00:06\.0 carried 0 bytes of credential/);
  });

  it('an outcome decided from the UI-sized window matches one decided from every request', async () => {
    const s = scenario('revocation');
    const q = question('revocation', 'revocation-ban');
    const d = await loadScenario(s, 'jwt', s.seed, { recentRequestsCapacity: 100_000 });
    await d.runUntil(q.atMs + 3_000);
    const view = worldViewOf(d.state);
    const narrow = q.outcome({ jwt: view }, q.atMs);
    const wide = q.outcome({ jwt: { ...view, requests: [...d.state.recent, ...d.state.requests.values()] } }, q.atMs);
    expect(narrow).toEqual(wide);
  });
});

/** The runs of `n` words two texts share (lower case, punctuation dropped). */
function wordRunsShared(a: string, b: string, n: number): string[] {
  const runs = (text: string) => {
    const w = text.toLowerCase().split(/[^a-z0-9_\u2019']+/).filter(Boolean);
    return new Set(w.slice(0, Math.max(0, w.length - n + 1)).map((_, i) => w.slice(i, i + n).join(' ')));
  };
  const theirs = runs(b);
  return [...runs(a)].filter((run) => theirs.has(run));
}

const NOUNS: Record<string, string> = {
  request: 'requests', lookup: 'lookups', time: 'times', byte: 'bytes', cookie: 'cookies', refusal: 'refusals', replay: 'replays',
  node: 'nodes', signature: 'signatures', check: 'checks', refresh: 'refreshes', session: 'sessions', family: 'families',
};
const MODIFIERS = new Set(['store', 'signature', 'session', 'jwt', 'more', 'refresh-token']);
const SINGULAR_OF = Object.fromEntries(Object.entries(NOUNS).map(([one, many]) => [many, one]));

/** "1 requests", "2 request", "1 store lookups": a count whose noun disagrees with it. */
function pluralProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/(?<![\d.\w-])(\d+(?:\.\d+)?) ([A-Za-z-]+)(?: ([A-Za-z-]+))?/g)) {
    const n = Number(m[1]);
    let word = m[2]!.toLowerCase();
    if (MODIFIERS.has(word) && m[3]) word = m[3].toLowerCase();
    if (word === 'of') continue;
    if (n === 1 && SINGULAR_OF[word]) problems.push(`"${m[0]}" should be singular`);
    if (n !== 1 && NOUNS[word]) problems.push(`"${m[0]}" should be plural`);
  }
  return problems;
}

/** Checks a takeaway reads like a sentence with measured numbers and nothing broken. */
function expectReadable(text: string, label: string): void {
  expect(text.length, label).toBeGreaterThan(20);
  expect(text, label).toMatch(/\d/);
  expect(text, label).not.toMatch(/NaN|undefined|Infinity|null|\[object/);
  // No negative number (a hyphen inside a name like server-2 or user-01 is not a minus).
  expect(text, label).not.toMatch(/(^|[\s(])[-\u2212]\d/);
  // Plurals: "1 request", never "1 requests"; "2 requests", never "2 request".
  for (const problem of pluralProblems(text)) expect.fail(`${label}: ${problem} in "${text}"`);
  expect(text, label).not.toMatch(/refreshs|familys|entrys|1 times/);
  expect(text, label).not.toMatch(/\d\.\d{2,}/);
  expect(text, label).toMatch(/^[A-Z_\d]/);
  expect(text, label).toMatch(/\.$/);
}

describe('takeaways', () => {
  it('the plural check catches what it should', () => {
    expect(pluralProblems('1 requests, 2 request, 1 store lookups, 0 signature check')).toHaveLength(4);
    expect(pluralProblems('1 request, 2 requests, 1 store lookup, 3 of 4 requests, 24.6 s, 921 ms, server-2 answered')).toEqual([]);
  });

  it('refresh-tokens: Bob\u2019s ban is said as the log shows it, his last request in so long after the ban (it said "bit after 6.6 s", at a request that got in)', async () => {
    const { driver, run } = await runScenarioMode(findScenario('refresh-tokens')!, 'jwt');
    const banAt = driver.state.revocations.find((r) => r.userId === 'bob')!.atMs;
    const inAfter = driver.state.recent.filter((r) => r.clientId === 'bob' && r.kind === 'api' && r.status === 200 && r.checkedAtMs! > banAt);
    const last = Math.max(...inAfter.map((r) => r.checkedAtMs!));
    const text = findScenario('refresh-tokens')!.takeaway!({ jwt: run });
    expect(text).toContain(`after Bob\u2019s ban his access token still got in ${times(inAfter.length)}, the last ${duration(last - banAt)} after it`);
    // Nothing in after the ban (a denylist): said so, not "got in 0 times, the last 0 s after it".
    const none = findScenario('refresh-tokens')!.takeaway!({ jwt: { ...run, revocation: { acceptedAfter: 0, exposureMs: 0, refusedAfter: 0 } } });
    expect(none).toContain('after Bob\u2019s ban his access token got in no more');
    // The first refusal after the ban comes later than that last request in.
    const refused = driver.state.recent.filter((r) => r.clientId === 'bob' && r.kind === 'api' && r.status !== 200 && r.sentAtMs > banAt);
    expect(Math.min(...refused.map((r) => r.decidedAtMs!))).toBeGreaterThan(last);
  });

  it('every lesson has one', () => {
    for (const s of SCENARIOS) expect(typeof s.takeaway, s.id).toBe('function');
  });

  for (const s of SCENARIOS) {
    it(`${s.id}: reads the measured numbers of each world shown, together and alone`, async () => {
      const reports: Partial<Record<Mode, ModeRun>> = {};
      for (const mode of s.modes) reports[mode] = (await runScenarioMode(s, mode)).run;
      expectReadable(s.takeaway!(reports), `${s.id} (${s.modes.join(' + ')})`);
      if (s.modes.length > 1) {
        for (const mode of s.modes) {
          const alone = s.takeaway!({ [mode]: reports[mode] });
          expectReadable(alone, `${s.id} (${mode} alone)`);
          expect(alone.length).toBeLessThan(s.takeaway!(reports).length);
        }
      }
    });

    it(`${s.id}: does not break on a run that has barely started`, async () => {
      const reports: Partial<Record<Mode, ModeRun>> = {};
      for (const mode of s.modes) reports[mode] = modeRun((await loadScenario(s, mode)).state);
      const text = s.takeaway!(reports);
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/NaN|undefined|Infinity|null/);
      expect(text).not.toMatch(/(^|[\s(])-\d/);
    });
  }

  it('revocation: the numbers are the report\u2019s', async () => {
    const s = scenario('revocation');
    const jwt = (await runScenarioMode(s, 'jwt')).run;
    const text = s.takeaway!({ jwt });
    expect(text).toContain(`${jwt.revocation!.acceptedAfter} times`);
    expect(text).toContain(duration(jwt.revocation!.exposureMs));
    expect(text).toContain(`${jwt.storeLookups} store lookups`);
  });
});

describe('formatNumber', () => {
  it('prints what Intl.NumberFormat (en-US, no grouping) prints, without creating one', () => {
    const measure = fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -1e6, max: 1e6 }).map((k) => k / 1000));
    fc.assert(
      fc.property(measure, fc.integer({ min: 0, max: 3 }), (n, digits) => {
        const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, useGrouping: false }).format(Math.round(n * 10 ** digits) / 10 ** digits);
        expect(formatNumber(n, digits)).toBe(intl === '-0' ? '0' : intl);
      }),
      { numRuns: runs(2_000) },
    );
  });
});
