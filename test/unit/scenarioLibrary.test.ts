import { requestText } from '../../src/sim/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { findScenario, SCENARIOS } from '../../src/scenarios';
import { runScenarioMode } from '../../src/scenarios/run';
import type { Scenario } from '../../src/scenarios/scenario';
import type { ModeRun } from '../../src/sim/report';
import type { Mode, RequestRecord } from '../../src/sim/types';

// The library as a public contract (links and the headless runner name scenarios by id), and the
// one figure per lesson a teacher would quote, measured.
const IDS = [
  'basic',
  'jwt-in-cookie',
  'revocation',
  'stolen-credential',
  'scale-out',
  'store-outage',
  'refresh-tokens',
  'key-rotation',
  'tampering',
  'stale-claims',
  'clock-skew',
  'token-size',
  'microservices',
  'load',
];

interface Measured {
  run: ModeRun;
  recent: RequestRecord[];
}

const runs = new Map<string, Measured>();
const key = (id: string, mode: Mode) => `${id}/${mode}`;
async function measure(id: string, mode: Mode): Promise<Measured> {
  const cached = runs.get(key(id, mode));
  if (cached) return cached;
  const { run, driver } = await runScenarioMode(findScenario(id)!, mode);
  const measured = { run, recent: driver.state.recent };
  runs.set(key(id, mode), measured);
  return measured;
}
const get = (id: string, mode: Mode): Measured => {
  const m = runs.get(key(id, mode));
  if (!m) throw new Error(`${id} was not run in ${mode} mode`);
  return m;
};
const apiOf = (m: Measured, clientId?: string) => m.recent.filter((r) => r.kind === 'api' && (clientId === undefined || r.clientId === clientId));

/** A run in which nothing happened: every real lesson must notice that. */
function emptyRun(mode: Mode): ModeRun {
  return {
    mode,
    requests: { total: 0, accepted: 0, rejected: 0, timedOut: 0, byReason: {} },
    bytes: { requestMean: 0, credentialMean: 0 },
    storeLookups: 0,
    signatureVerifications: 0,
    interventions: 0,
    revocation: null,
    latencyMs: { p50: 0, p99: 0 },
    apiRequests: 0,
    lookupsPerApiRequest: 0,
    storeOps: 0,
    cookiesDropped: 0,
    droppedCookieBytesMax: 0,
    sessionsInStore: 0,
    unfinishedRequests: 0,
    credentialBytesMax: 0,
    staleRoleAccepts: 0,
    roleChanges: 0,
    signingKeyHolders: 0,
    signingKeyHoldersMax: 0,
    byClient: {},
    byServer: {},
    apiStoreLookups: 0,
    apiSignatureVerifications: 0,
    refreshStoreLookups: 0,
    apiWithoutCredential: 0,
    apiMemoryLookups: 0,
    failures: { serverCrashes: 0, storeOutages: 0, sessionsLost: 0, lostSessionRefusals: 0 },
    apiOutcomes: { accepted: 0, byReason: {}, byClient: {} },
  };
}

describe('the scenario library', () => {
  it('has exactly the public ids, in order', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual(IDS);
    for (const id of IDS) expect(findScenario(id)?.id).toBe(id);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as [string, Scenario]))('%s is complete: text, captions, a short run, a pure timeline', (_id, s) => {
    expect(s.title.length).toBeGreaterThan(3);
    expect(s.summary).not.toContain('\n');
    const sentences = s.notice.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
    expect(sentences).toBeGreaterThanOrEqual(2);
    expect(sentences).toBeLessThanOrEqual(4);
    expect(s.modes.length).toBeGreaterThan(0);
    expect(s.durationMs).toBeLessThanOrEqual(60_000);
    for (const mode of s.modes) {
      const timeline = s.timeline(mode);
      expect(timeline.filter((step) => step.caption).length).toBeGreaterThanOrEqual(2);
      expect(timeline.every((step) => step.atMs >= 0 && step.atMs <= s.durationMs)).toBe(true);
      expect(s.timeline(mode)).toEqual(timeline);
    }
  });

  it.each(SCENARIOS.flatMap((s) => s.modes.map((m) => [s.id, m, s] as [string, Mode, Scenario])))('%s (%s): the expectation can fail', (_id, mode, s) => {
    expect(s.expect(emptyRun(mode)).length).toBeGreaterThan(0);
  });
});

describe('the figures a teacher would quote', () => {
  beforeAll(async () => {
    for (const s of SCENARIOS) for (const mode of s.modes) await measure(s.id, mode);
  });

  it('two-world lessons tell the worlds apart: one world\u2019s numbers break the other\u2019s lesson', () => {
    for (const s of SCENARIOS.filter((sc) => sc.modes.length === 2)) {
      if (s.id === 'load' || s.id === 'basic') continue; // their figures are checked below / in basic's own expectation
      const session = get(s.id, 'session').run;
      const jwt = get(s.id, 'jwt').run;
      expect(s.expect({ ...jwt, mode: 'session' }), `${s.id}: jwt numbers as session`).not.toEqual([]);
      expect(s.expect({ ...session, mode: 'jwt' }), `${s.id}: session numbers as jwt`).not.toEqual([]);
    }
  });

  it('jwt-in-cookie: the __Host-jwt cookie carries the whole token, 355 bytes against 43, and no lookup', () => {
    const jwt = get('jwt-in-cookie', 'jwt');
    const session = get('jwt-in-cookie', 'session');
    const line = requestText(apiOf(jwt)[0]!.httpRequest).split('\r\n').find((l) => l.startsWith('Cookie:'))!;
    expect(line).toMatch(/^Cookie: __Host-jwt=eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(jwt.run.credentialBytesMax).toBeGreaterThan(8 * session.run.credentialBytesMax);
    expect(session.run.credentialBytesMax).toBe(43);
    expect(jwt.run.storeLookups).toBe(0);
    expect(session.run.lookupsPerApiRequest).toBeGreaterThan(0.85);
  });

  it('revocation: ~25 s of exposure without a denylist, then Bob refused at once with one lookup per request', () => {
    const jwt = get('revocation', 'jwt').run;
    expect(jwt.revocation!.exposureMs).toBeGreaterThan(23_000);
    expect(jwt.revocation!.exposureMs).toBeLessThan(26_000);
    expect(jwt.byClient.bob!.token_revoked).toBe(10);
    // Bob's ten refusals are the revoked credentials tried after their revocation.
    expect(jwt.revocation!.refusedAfter).toBe(10);
    expect(jwt.storeLookups).toBe(26);
    expect(get('revocation', 'session').run.revocation).toMatchObject({ acceptedAfter: 0, exposureMs: 0 });
  });

  it('stolen-credential: the replayed session is dead at once; the replayed JWT gets in 23 times', () => {
    expect(get('stolen-credential', 'session').run.byClient.mallory).toEqual({ session_unknown: 30 });
    expect(get('stolen-credential', 'jwt').run.byClient.mallory).toEqual({ ok: 23, token_expired: 7 });
  });

  it('scale-out: round-robin over local memory loses about three requests in four; JWT loses none', () => {
    const session = get('scale-out', 'session').run;
    expect(session.requests.byReason.session_unknown).toBeGreaterThanOrEqual(28);
    expect(get('scale-out', 'jwt').run.requests.rejected).toBe(0);
  });

  it('store-outage: sessions fail closed in both outages; JWT only while the denylist fails closed', () => {
    expect(get('store-outage', 'session').run.requests.byReason.store_unavailable).toBe(36);
    const jwt = get('store-outage', 'jwt').run;
    expect(jwt.requests.byReason.store_unavailable).toBe(12);
    expect(jwt.revocation!.acceptedAfter).toBe(6);
  });

  it('refresh-tokens: one reuse revokes the family; a ban bites within the 10 s access lifetime', () => {
    const run = get('refresh-tokens', 'jwt').run;
    expect(run.byClient.mallory!.refresh_reused).toBe(1);
    expect(run.byClient.alice!.refresh_invalid).toBeGreaterThanOrEqual(1);
    expect(run.revocation!.exposureMs).toBeLessThanOrEqual(10_000);
  });

  it('key-rotation: the new kid is refused until caches may refresh; the old token never is', () => {
    const m = get('key-rotation', 'jwt');
    expect(m.run.byClient.bob!.kid_unknown).toBeGreaterThan(0);
    expect(m.run.byClient.alice!.kid_unknown).toBeUndefined();
    // Every refusal of the new kid happened within 15 s of the rotation (at 5 s).
    const refused = apiOf(m, 'bob').filter((r) => r.reason === 'kid_unknown');
    expect(refused.every((r) => r.sentAtMs < 5_000 + 15_000)).toBe(true);
  });

  it('tampering: every server refuses the edited token, and alg "none"', () => {
    const m = get('tampering', 'jwt');
    const servers = (reason: string) => new Set(apiOf(m).filter((r) => r.reason === reason).map((r) => r.serverId));
    expect(servers('signature_invalid')).toEqual(new Set(['server-1', 'server-2', 'server-3']));
    expect(servers('alg_not_allowed')).toEqual(new Set(['server-1', 'server-2', 'server-3']));
    expect(get('tampering', 'session').run.requests.byReason.session_unknown).toBe(3);
  });

  it('stale-claims: 47 requests acted on a role the user no longer had, with JWT; none with sessions', () => {
    expect(get('stale-claims', 'jwt').run.staleRoleAccepts).toBe(47);
    expect(get('stale-claims', 'session').run.staleRoleAccepts).toBe(0);
  });

  it('clock-skew: one token, three verdicts, until a tolerance wider than the skew', () => {
    const m = get('clock-skew', 'jwt');
    const verdict = (serverId: string) => new Set(apiOf(m, 'alice').filter((r) => r.serverId === serverId).map((r) => r.reason));
    expect(verdict('server-1')).toEqual(new Set(['ok']));
    expect(verdict('server-2')).toContain('token_expired');
    expect(verdict('server-3')).toContain('token_not_yet_valid');
    expect(m.run.byClient.bob).toEqual({ ok: 25 });
  });

  it('token-size: bytes per request grow with every round until the cookie is dropped; the session cookie stays 43 bytes', () => {
    const m = get('token-size', 'jwt');
    const sizes = [...new Set(apiOf(m).map((r) => r.credentialBytes))];
    expect(sizes.length).toBe(5);
    expect(sizes.slice(0, 4)).toEqual([...sizes.slice(0, 4)].sort((a, b) => a - b));
    expect(sizes[4]).toBe(0); // the last round carries nothing
    expect(m.run.cookiesDropped).toBe(1);
    expect(new Set(apiOf(get('token-size', 'session')).map((r) => r.credentialBytes))).toEqual(new Set([43]));
  });

  it('microservices: 6 holders of the HS256 secret, 1 holder of the EdDSA private key', () => {
    const run = get('microservices', 'jwt').run;
    expect([run.signingKeyHoldersMax, run.signingKeyHolders]).toEqual([6, 1]);
  });

  it('load: the session tail grows with the store queue; the JWT tail stays near one round trip', () => {
    const session = get('load', 'session').run;
    const jwt = get('load', 'jwt').run;
    expect(session.latencyMs.p99).toBeGreaterThan(5 * jwt.latencyMs.p99);
    expect(jwt.latencyMs.p99).toBeLessThan(130);
  });
});
