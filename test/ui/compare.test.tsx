// The comparison table against a real run of the "revocation" scenario (seed 7, real WebCrypto):
// what a reader sees in each cell, parsed back out of the DOM.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import { ComparisonTable } from '../../src/ui/compare/ComparisonTable';
import { DiffStrip } from '../../src/ui/narration/DiffStrip';
import { AppStoreProvider } from '../../src/ui/storeContext';

afterEach(cleanup);

async function setup(view: 'both' | 'session' | 'jwt' = 'both', atMs = 20_000, scenarioId = 'revocation'): Promise<AppStore> {
  const store = createAppStore({ scenarioId, view });
  await store.getState().load();
  await store.player.seek(atMs);
  render(
    <AppStoreProvider store={store}>
      <ComparisonTable />
    </AppStoreProvider>,
  );
  return store;
}

const table = () => screen.getByRole('table', { name: 'Sessions vs JWT, measured in this run' });

/** The session and JWT cells of the row whose header reads `label`. */
function cells(label: string): { session: HTMLElement; jwt: HTMLElement } {
  const row = within(table()).getByRole('rowheader', { name: label }).closest('tr')!;
  const [session, jwt] = within(row).getAllByRole('cell');
  return { session: session!, jwt: jwt! };
}

/** The bold measured value of a cell. */
const measured = (cell: HTMLElement): string => cell.querySelector('strong')?.textContent ?? '';
const firstNumber = (text: string): number => {
  const m = /-?\d+(?:\.\d+)?/.exec(text);
  if (!m) throw new Error(`no number in "${text}"`);
  return Number(m[0]);
};

describe('ComparisonTable', () => {
  it('has the article rows, column headers and row headers', async () => {
    await setup();
    // Its caption is a heading too (a11y review: a heading list passed the table by).
    expect(screen.getByRole('heading', { level: 2, name: 'Sessions vs JWT, measured in this run' })).toBeTruthy();
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Question', 'Session + cookie', 'JWT']);
    const rows = within(table())
      .getAllByRole('rowheader')
      .map((h) => h.textContent);
    expect(rows).toEqual([
      'Where user data lives',
      'What the credential holds',
      'State on the servers',
      'Store lookups per request',
      'Bytes per request',
      'Time from revocation to rejection',
      'Scaling out: when a server or the store failed',
      'Latency p50 / p99',
    ]);
    const bytes = cells('Bytes per request');
    expect(bytes.session.textContent).toContain('Small (just an ID)');
    expect(bytes.jwt.textContent).toContain('Larger (full encoded payload)');
  });

  it('measures one store lookup per session request and none per JWT request', async () => {
    await setup();
    const { session, jwt } = cells('Store lookups per request');
    expect(measured(session)).toMatch(/^1\.00 \(\d+ lookups \/ \d+ requests\)$/);
    expect(firstNumber(measured(session))).toBe(1);
    expect(firstNumber(measured(jwt))).toBe(0);
    expect(measured(jwt)).toMatch(/0 lookups/);
    expect(measured(jwt)).toMatch(/[1-9]\d* signature checks/);
  });

  it('measures JWT requests as larger than session requests', async () => {
    await setup();
    const { session, jwt } = cells('Bytes per request');
    const s = firstNumber(measured(session));
    const j = firstNumber(measured(jwt));
    expect(s).toBeGreaterThan(0);
    expect(j).toBeGreaterThan(s);
    // The credential's bytes count its header's name too, so they exceed the token's characters: said as such.
    for (const cell of [session, jwt]) expect(measured(cell)).toMatch(/^\d+(\.\d)? B on average, of which \d+(\.\d)? B carry the credential, its header's name included$/);
  });

  it('shows the real credentials: a 128-bit session id and a three-part token', async () => {
    await setup();
    const { session, jwt } = cells('What the credential holds');
    expect(measured(session)).toBe('a random id, 22 characters (128 bits)');
    expect(measured(jwt)).toMatch(/^header\.payload\.signature, \d+ characters$/);
    expect(firstNumber(measured(jwt))).toBeGreaterThan(100);
    // A phone's column wraps it at its dots, not inside a word ("header.payloa / d.signature").
    expect([...jwt.querySelector('strong')!.childNodes].map((n) => n.textContent || '|')).toEqual(['header.', '|', 'payload.', '|', 'signature, ' + firstNumber(measured(jwt)) + ' characters']);
    const where = cells('Where user data lives');
    expect(measured(where.jwt)).toMatch(/^in the token: sub, role, .*\(\d+ claims\)$/);
    expect(measured(where.session)).toMatch(/session records? in the store$/);
  });

  it('measures revocation: immediate for sessions, a long exposure for JWT; nothing before the ban', async () => {
    const store = await setup();
    let rev = cells('Time from revocation to rejection');
    expect(measured(rev.session)).toMatch(/^immediate/);
    expect(measured(rev.jwt)).toMatch(/^\d+ requests accepted after it, the last \d+\.\d s after$/);
    expect(firstNumber(measured(rev.jwt))).toBeGreaterThan(10);

    await act(() => store.player.seek(3000));
    rev = cells('Time from revocation to rejection');
    expect(measured(rev.session)).toBe('nothing revoked yet');
    expect(measured(rev.jwt)).toBe('nothing revoked yet');
    // Before the ban Alice still has her session in the store.
    expect(measured(cells('State on the servers').session)).toBe('1 session held');
  });

  // A learner review: stale-claims' demotion stood beside "nothing revoked yet", as if the table had missed it.
  it('stale-claims: says the role changes, and what requests acted on since, beside "nothing revoked"', async () => {
    const store = await setup('both', 4_000, 'stale-claims');
    let rev = cells('Time from revocation to rejection');
    // Alice made admin before her first login is setup, not a change the table reports.
    expect([measured(rev.session), measured(rev.jwt)]).toEqual(['nothing revoked yet', 'nothing revoked yet']);
    await act(() => store.player.seek(12_000));
    rev = cells('Time from revocation to rejection');
    expect(measured(rev.session)).toBe('nothing revoked yet; 2 role changes: every request since acted on the current role');
    expect(measured(rev.jwt)).toMatch(/^nothing revoked yet; 2 role changes: \d+ requests acted on an old role, the one the token still says$/);
  });

  // A learner review: basic at 3 s read "0.83 (5 lookups / 6 requests)" beside "looks up the ID on every request".
  it('says when a request is still on its way to its check, so a ratio under 1 is not read as a skipped lookup', async () => {
    const store = await setup('both', 3_000, 'basic');
    const shown = () => measured(cells('Store lookups per request').session);
    const inFlight = () => store.getState().worlds.session!.requests.filter((q) => q.kind === 'api' && q.decidedAtMs === null && q.finishedAtMs === null).length;
    for (let atMs = 3_000; inFlight() === 0 && atMs < 6_000; atMs += 50) await act(() => store.player.seek(atMs));
    expect(inFlight()).toBe(1);
    const [lookups, requests] = shown().match(/\d+(?= lookups? \/)|\d+(?= requests?\))/g)!.map(Number);
    expect(requests! - lookups!).toBe(1);
    expect(shown()).toMatch(/; 1 request still on its way to a check$/);
  });

  // A learner review: scale-out's crash read "0 requests got a 503 or timed out" in both worlds, beside users its crash logged out.
  it('scale-out: counts the sessions a crash took with its server\'s memory, and the requests refused for it', async () => {
    await setup('both', 46_000, 'scale-out');
    const failed = cells('Scaling out: when a server or the store failed');
    expect(measured(failed.session)).toMatch(/^1 server crash \(1 session lost with its memory\): [1-9]\d* refused: their session was lost in the crash$/);
    expect(measured(failed.jwt)).toBe('1 server crash: 0 requests got a 503 or timed out');
  });

  // A learner review: stolen-credential's JWT cell read "35 signature checks" for 34 requests, and nothing said why.
  it('says the signature checks logouts made, beside the API requests\' own', async () => {
    await setup('jwt', 60_000, 'stolen-credential');
    expect(measured(cells('Store lookups per request').jwt)).toBe('0.00 (0 lookups / 34 requests), 35 signature checks (1 by a logout)');
  });

  it('reports no failures and real latencies in this scenario', async () => {
    await setup();
    const failure = cells('Scaling out: when a server or the store failed');
    expect(measured(failure.session)).toBe('nothing failed so far');
    expect(measured(failure.jwt)).toBe('nothing failed so far');
    const latency = cells('Latency p50 / p99');
    expect(measured(latency.session)).toMatch(/^\d+\.\d ms \/ \d+\.\d ms$/);
    expect(firstNumber(measured(latency.session))).toBeGreaterThan(0);
  });

  it('asks for side by side in the column of a world that is not loaded', async () => {
    await setup('jwt');
    const { session, jwt } = cells('Bytes per request');
    expect(session.querySelector('strong')).toBeNull();
    expect(session.textContent).toContain('switch to side by side to measure');
    expect(session.textContent).toContain('Small (just an ID)');
    expect(firstNumber(measured(jwt))).toBeGreaterThan(0);
  });

  it('does not ask for side by side in a JWT-only lesson, where that choice is disabled', async () => {
    await setup('both', 5_000, 'refresh-tokens');
    const { session, jwt } = cells('Bytes per request');
    expect(session.textContent).toContain('this lesson has no session world');
    expect(session.textContent).not.toContain('switch to side by side');
    expect(firstNumber(measured(jwt))).toBeGreaterThan(0);
  });
});

describe('DiffStrip', () => {
  async function strip(scenarioId: string, atMs: number): Promise<AppStore> {
    const store = createAppStore({ scenarioId, view: 'both' });
    await store.getState().load();
    await store.player.seek(atMs);
    render(
      <AppStoreProvider store={store}>
        <DiffStrip />
      </AppStoreProvider>,
    );
    return store;
  }
  const region = () => screen.getByRole('region', { name: 'Where the two worlds disagree' });
  const runs = () => within(region()).queryAllByRole('listitem').map((li) => li.textContent ?? '');

  it('revocation: pins the first difference and keeps the 401-vs-200 run first, in time order, as the run goes on', async () => {
    const store = await strip('revocation', 20_000);
    expect(region().textContent).toMatch(/First difference at 5\.5 s: alice's GET \/api\/profile/);
    expect(runs()).toEqual([expect.stringMatching(/^5\.5–1\d\.5 s, alice, \d+ requests: session refused \(401 session_unknown\); JWT accepted as alice \(role user\), token valid until exp at 30\.0 s$/)]);

    await act(() => store.player.seek(42_000));
    const later = runs();
    expect(later[0]).toBe('5.5–29.5 s, alice, 25 requests: session refused (401 session_unknown); JWT accepted as alice (role user), token valid until exp at 30.0 s');
    expect(later).toHaveLength(3);
    expect(region().textContent).toMatch(/\d+ requests both worlds received \(logins included\), 45 answered differently \(25 accepted in one world only; 20 accepted in neither, for different reasons\)\./);

    // Clicking a run opens its newest request in the JWT world.
    await act(async () => within(region()).getAllByRole('button')[1]!.click());
    expect(store.getState().selection).toMatchObject({ kind: 'request', mode: 'jwt' });

    // Stepping back replays the run: the strip starts over rather than keeping the future.
    await act(() => store.player.seek(3_000));
    expect(runs()).toEqual([]);
    expect(region().textContent).toContain('So far every request both worlds received alike got the same answer in both.');
  });

  it('stale-claims: the same 200 served with another role is a disagreement', async () => {
    await strip('stale-claims', 12_000);
    expect(runs().some((r) => /alice, \d+ requests: session accepted as alice \(role user\); JWT accepted as alice \(role admin\)/.test(r))).toBe(true);
  });

  it('tampering: the attacks one world never saw are left out, and said to be', async () => {
    await strip('tampering', 11_000);
    expect(runs()).toEqual([]);
    expect(region().textContent).toMatch(/So far every request both worlds received alike got the same answer in both; each world’s own requests are left out \(below\)\..*12 requests with no like request in the other world \(a refresh, or an attack made in one world or its own way in each\) left out/s);
  });
});
