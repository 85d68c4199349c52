// The interventions panel against a real run of the "basic" scenario (seed 7, both worlds, real
// WebCrypto): every click goes through the store to the engine, and the checks read the snapshots.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordedAction } from '../../src/sim/history';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import { spoken } from '../../src/store/news';
import type { WorldSnapshot } from '../../src/store/snapshot';
import { InterventionsPanel } from '../../src/ui/interventions/InterventionsPanel';
import { droppedNotice, FIRST_INTERVENTION } from '../../src/ui/interventions/model';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { fakeFrames, runFrames } from './support/frames';

afterEach(cleanup);

/** `actions`: a link's interventions, which the first load replays. */
async function setup(view: 'both' | 'session' | 'jwt' = 'both', actions: RecordedAction[] = []): Promise<AppStore> {
  const store = createAppStore({ scenarioId: 'basic', view, actions });
  await store.getState().load();
  await store.player.seek(2000);
  render(
    <AppStoreProvider store={store}>
      <InterventionsPanel />
    </AppStoreProvider>,
  );
  return store;
}

const session = (store: AppStore): WorldSnapshot => store.getState().worlds.session!;
const jwt = (store: AppStore): WorldSnapshot => store.getState().worlds.jwt!;
const button = (name: string) => screen.getByRole('button', { name });

/** Runs a UI event, then lets `ms` of virtual time pass so the engine's answer shows. */
async function after(event: () => void, store: AppStore, ms = 500): Promise<void> {
  await act(async () => {
    event();
    await store.player.seek(store.player.timeMs + ms);
  });
}

/** An action button that cannot act now: aria-disabled, so it keeps focus (it may have disabled itself). */
const off = (el: HTMLElement) => el.getAttribute('aria-disabled') === 'true';

/** The visible text that says why a control is disabled. */
function reasonOf(el: HTMLElement): string {
  const id = el.getAttribute('aria-describedby');
  expect(id, 'a disabled control points at its reason').toBeTruthy();
  return document.getElementById(id!)?.textContent ?? '';
}

describe('InterventionsPanel', () => {
  // A11y review: the moment's news is silent while the lesson plays (its lesson line speaks), and a
  // screen reader heard nothing of a press of Ban.
  it('says what a press did while the lesson plays, in the worlds\' own lines; paused, leaves that to the moment\'s news', async () => {
    const store = await setup();
    const region = screen.getByTestId('intervention-news');
    const said: string[] = [];
    new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    act(() => store.getState().play());
    try {
      expect(store.getState().playing).toBe(true);
      fireEvent.click(button('Ban alice'));
      await vi.waitFor(() => expect(said).toHaveLength(1));
      const banLine = (w: WorldSnapshot) => w.log.findLast((e) => /ban/i.test(e.text))!.text;
      expect(said[0]).toContain(banLine(session(store)).split(': ')[0]);
      expect(region.getAttribute('role')).toBe('status');
      // The same press again is said again (its answer, said later, may come between them).
      fireEvent.click(button('Request from alice'));
      await vi.waitFor(() => expect(said).toHaveLength(2));
      fireEvent.click(button('Request from alice'));
      const sends = () => said.filter((text) => /alice sends/.test(text)).map((text) => text.trim());
      await vi.waitFor(() => expect(sends()).toHaveLength(2));
      expect(sends()[1]).toBe(sends()[0]);
    } finally {
      act(() => store.getState().pause());
    }
    const whilePlaying = said.length;
    await after(() => fireEvent.click(button('Take down the store')), store);
    expect(said).toHaveLength(whilePlaying);
  });

  // A11y review: a press of Request said "alice sends…", and the 401 the stage then showed was never said.
  it('says, while the lesson plays, the answer each world gives the request a press sent, not one already on its way', async () => {
    const store = await setup();
    const region = screen.getByTestId('intervention-news');
    const said: string[] = [];
    new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    fakeFrames();
    act(() => store.getState().play());
    try {
      const answers = () => said.filter((text) => /Session: alice gets 40\d/.test(text) && /JWT: alice gets /.test(text));
      const press = async (name: string) => {
        fireEvent.click(button(name));
        for (let i = 0; i < 5; i++) await act(() => store.player.settled());
        return store.player.timeMs;
      };
      await press('Ban alice');
      // Each press's answer awaited before the next: answered in one publish, two would be said as one.
      const pressedAt: number[] = [];
      for (let n = 1; n <= 2; n++) {
        pressedAt.push(await press('Request from alice'));
        await runFrames(store, 600, () => answers().length >= n);
      }
      const sent = pressedAt.map((atMs) => session(store).log.findLast((e) => e.kind === 'request' && e.nodeId === 'alice' && e.timeMs === atMs)!.requestId);
      const got = sent.map((id) => session(store).log.find((e) => e.kind === 'response' && e.requestId === id)!.text);
      expect(answers()).toHaveLength(2);
      for (const [i, text] of got.entries()) expect(answers()[i]).toContain(spoken(text));
      expect(answers().join(' '), 'a reason code said as its words').not.toContain('_');
    } finally {
      act(() => store.getState().pause());
    }
  });

  // A11y review: held for a caption's reading time (the clock standing still), each press said the
  // ones made there before it again: the third said the ban, the crash and the store's outage.
  it('says only what each press did, where several are made at the same moment', async () => {
    const store = await setup();
    const region = screen.getByTestId('intervention-news');
    const said: string[] = [];
    new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    fakeFrames(); // no frame runs: the clock stands still, as in a hold
    act(() => store.getState().play());
    try {
      const at = store.player.timeMs;
      // Pressed, then the press's work awaited (no waitFor: with fake frames it would run frames).
      const press = async (name: string) => {
        fireEvent.click(button(name));
        for (let i = 0; i < 5; i++) await act(() => store.player.settled());
      };
      await press('Ban alice');
      await press('Kill server-2');
      await press('Take down the store');
      expect(said).toHaveLength(3);
      expect(Math.ceil(store.player.timeMs)).toBe(Math.ceil(at));
      expect(said[1]).toMatch(/server-2/);
      expect(said[2]).toMatch(/store/i);
      for (const later of said.slice(1)) expect(later).not.toMatch(/ban/i);
      expect(said[2]).not.toMatch(/server-2/);
    } finally {
      act(() => store.getState().pause());
      vi.useRealTimers();
    }
  });

  it('groups the controls in labelled fieldsets', async () => {
    await setup();
    for (const name of ['Users', 'Attacker', 'Servers', 'Store', 'Keys', 'Settings']) expect(screen.getByRole('group', { name })).toBeTruthy();
    // In side by side, tampering with a token and guessing a session id are both offered.
    expect(button('Tamper alice: set role to admin')).toBeTruthy();
    expect(button('Tamper alice: guess a session id')).toBeTruthy();
    // A changed run can make a scripted caption untrue: the panel says which words tell the run.
    expect(screen.getByText(/^Each action applies to both worlds at the same moment\. The captions go on telling the lesson as written; what just happened, the event log and the takeaway tell your run\.$/)).toBeTruthy();
  });

  it('bans alice: the session world deletes her session, the JWT world keeps accepting her token', async () => {
    const store = await setup();
    const bannedAt = store.player.timeMs;
    await after(() => fireEvent.click(button('Ban alice')), store);
    expect(session(store).log.some((e) => /bans alice/.test(e.text))).toBe(true);
    await after(() => fireEvent.click(button('Request from alice')), store, 1000);
    const later = (w: WorldSnapshot) => w.requests.filter((r) => r.kind === 'api' && r.sentAtMs > bannedAt && r.finishedAtMs !== null);
    expect(later(session(store)).length).toBeGreaterThan(0);
    expect(later(session(store)).every((r) => r.reason === 'session_unknown')).toBe(true);
    expect(later(jwt(store)).length).toBeGreaterThan(0);
    expect(later(jwt(store)).every((r) => r.status === 200)).toBe(true);
    // Banning twice makes no sense: the button says so.
    const ban = button('Ban alice') as HTMLButtonElement;
    expect(off(ban)).toBe(true);
    expect(reasonOf(ban)).toBe('alice is already banned');
    // aria-disabled rather than disabled (focus stays on it after the click): a second click does nothing.
    const bans = () => session(store).log.filter((e) => /bans alice/.test(e.text)).length;
    const before = bans();
    await after(() => fireEvent.click(ban), store);
    expect(bans()).toBe(before);
    expect(within(screen.getByRole('group', { name: 'alice' })).getByText('banned')).toBeTruthy();
  });

  // Review: playback's clock is fractional, and a shared link read "atMs":2000.3000000000002.
  it('acts on a whole millisecond, so a link to the moment says a clean time', async () => {
    const store = await setup();
    await act(() => store.player.seek(2000.3));
    await act(async () => {
      fireEvent.click(button('Ban alice'));
      await store.player.settled();
    });
    expect(store.player.recordedActions().map((a) => a.atMs)).toEqual([2001]);
    expect(session(store).log.find((e) => /bans alice/.test(e.text))?.timeMs).toBe(2001);
  });

  it('kills server-2 in both worlds and offers to restart it', async () => {
    const store = await setup();
    await after(() => fireEvent.click(button('Kill server-2')), store);
    expect(button('Restart server-2')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Kill server-2' })).toBeNull();
    for (const w of [session(store), jwt(store)]) expect(w.servers.find((s) => s.id === 'server-2')?.up).toBe(false);
    await after(() => fireEvent.click(button('Restart server-2')), store);
    expect(button('Kill server-2')).toBeTruthy();
    for (const w of [session(store), jwt(store)]) expect(w.servers.find((s) => s.id === 'server-2')?.up).toBe(true);
  });

  it('removes servers until one is left, then says the last one cannot go', async () => {
    const store = await setup();
    await after(() => fireEvent.click(button('Remove server-1')), store);
    await after(() => fireEvent.click(button('Remove server-2')), store);
    for (const w of [session(store), jwt(store)]) expect(w.servers.map((s) => s.id)).toEqual(['server-3']);
    const remove = button('Remove server-3') as HTMLButtonElement;
    expect(off(remove)).toBe(true);
    expect(reasonOf(remove)).toBe('The last server cannot be removed');
    expect(screen.getByText('The last server cannot be removed')).toBeTruthy();
    await after(() => fireEvent.click(button('Add server')), store);
    expect(session(store).servers).toHaveLength(2);
    expect(off(button('Remove server-3'))).toBe(false);
  });

  it('sets a server clock skew from the select', async () => {
    const store = await setup();
    await after(() => fireEvent.change(screen.getByRole('combobox', { name: 'Clock skew of server-1' }), { target: { value: '-30000' } }), store);
    for (const w of [session(store), jwt(store)]) expect(w.servers.find((s) => s.id === 'server-1')?.skewMs).toBe(-30000);
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Clock skew of server-1' }).value).toBe('-30000');
  });

  it('takes the store down and brings it back', async () => {
    const store = await setup();
    await after(() => fireEvent.click(button('Take down the store')), store);
    expect(button('Bring back the store')).toBeTruthy();
    expect(session(store).store.up).toBe(false);
    expect(jwt(store).store.up).toBe(false);
    await after(() => fireEvent.click(button('Bring back the store')), store);
    expect(button('Take down the store')).toBeTruthy();
    expect(session(store).store.up).toBe(true);
  });

  it('slows the store ×5 and back to normal', async () => {
    const store = await setup();
    await after(() => fireEvent.click(button('Slow ×5: the store answers 5 times slower')), store);
    expect(session(store).store.slowFactor).toBe(5);
    await after(() => fireEvent.click(button('Store at normal speed')), store);
    expect(session(store).store.slowFactor).toBe(1);
  });

  it('changes the load-balancer policy live', async () => {
    const store = await setup();
    const policy = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Load-balancer policy' });
    expect(policy().value).toBe('round-robin');
    await after(() => fireEvent.change(policy(), { target: { value: 'sticky' } }), store);
    expect(session(store).options.lbPolicy).toBe('sticky');
    expect(jwt(store).options.lbPolicy).toBe('sticky');
    expect(policy().value).toBe('sticky');
  });

  it('turns the denylist on and sets the token lifetime', async () => {
    const store = await setup();
    await after(() => fireEvent.click(screen.getByRole('checkbox', { name: 'Denylist' })), store);
    expect(jwt(store).options.denylist).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Denylist' }).checked).toBe(true);
    await after(() => fireEvent.change(screen.getByRole('combobox', { name: 'Token lifetime' }), { target: { value: '10000' } }), store);
    expect(jwt(store).options.tokenTtlMs).toBe(10_000);
  });

  it('rotates the key: k2 joins the JWT world\u2019s keys', async () => {
    const store = await setup();
    expect(jwt(store).keys.keys.map((k) => k.kid)).toEqual(['k1']);
    const keys = () => within(screen.getByRole('group', { name: 'Keys' })).getByText(/signing/).textContent;
    expect(keys()).toBe('signing with k1 · keys k1');
    await after(() => fireEvent.click(button('Rotate key')), store);
    expect(jwt(store).keys.keys.map((k) => k.kid)).toContain('k2');
    expect(keys()).toBe('signing with k2 · keys k1, k2');
  });

  it('says which later interventions one made after a seek back replaces (they went without a word)', async () => {
    const store = await setup();
    await after(() => fireEvent.click(button('Add server')), store, 2000);
    await after(() => fireEvent.click(button('Rotate key')), store, 500);
    // The first intervention of the run says the captions stay as written; the second says nothing.
    expect(store.getState().notices).toEqual([FIRST_INTERVENTION]);
    act(() => store.getState().dismissNotices());
    expect(store.player.recordedActions().map((r) => r.atMs)).toEqual([2000, 4000]);
    await act(() => store.player.seek(3000));
    await after(() => fireEvent.click(button('Add server')), store, 0);
    expect(store.player.recordedActions().map((r) => r.atMs)).toEqual([2000, 3000]);
    expect(store.getState().notices).toEqual(['Made at 3.0 s, this intervention replaces the one made later in the run (at 4.0 s): the run goes on from here without it.']);
    const three = [4000, 6000, 9000].map((atMs) => ({ atMs, action: { type: 'addServer' as const } }));
    expect(droppedNotice(three, 3000)).toBe('Made at 3.0 s, this intervention replaces the 3 interventions made later in the run (at 4.0 s, 6.0 s and 9.0 s): the run goes on from here without them.');
    // Each moment once; many as their span.
    const at = (...ms: number[]) => ms.map((atMs) => ({ atMs, action: { type: 'addServer' as const } }));
    expect(droppedNotice(at(129_000, 129_000, 129_000), 11_000)).toContain('replaces the 3 interventions made later in the run (at 129.0 s)');
    expect(droppedNotice(at(20_000, 30_000, 40_000, 129_000, 129_000), 11_000)).toContain('replaces the 5 interventions made later in the run (from 20.0 s to 129.0 s)');
  });

  it('with a link\u2019s interventions: says the captions stay as written at the first of the page, once, and never twice the same notice', async () => {
    const store = await setup('both', [{ atMs: 4_000, action: { type: 'addServer' } }]);
    await after(() => fireEvent.click(button('Rotate key')), store, 0);
    expect(store.getState().notices).toEqual([FIRST_INTERVENTION, 'Made at 2.0 s, this intervention replaces the one made later in the run (at 4.0 s): the run goes on from here without it.']);
    // The same notice is not listed twice: twice an intervention at 3 s, replaced from 2.5 s.
    for (let i = 0; i < 2; i++) {
      await act(() => store.player.seek(3000));
      await after(() => fireEvent.click(button('Add server')), store, 0);
      await act(() => store.player.seek(2500));
      await after(() => fireEvent.click(button('Rotate key')), store, 0);
    }
    const replaced = 'Made at 2.5 s, this intervention replaces the one made later in the run (at 3.0 s): the run goes on from here without it.';
    expect(store.getState().notices.filter((n) => n === replaced)).toHaveLength(1);
    // The lesson again on the same page: the learner has been told the captions stay as written.
    act(() => store.getState().dismissNotices());
    await act(() => store.getState().reset());
    await after(() => fireEvent.click(button('Rotate key')), store, 0);
    expect(store.getState().notices).toEqual([]);
  });

  it('says the issuer is not signing yet before it takes its first key, not "signing with —"', async () => {
    const store = createAppStore({ scenarioId: 'basic', view: 'both' });
    await store.getState().load();
    render(
      <AppStoreProvider store={store}>
        <InterventionsPanel />
      </AppStoreProvider>,
    );
    expect(jwt(store).keys.activeKid).toBeNull();
    expect(within(screen.getByRole('group', { name: 'Keys' })).getByText(/signing/).textContent).toBe('not signing yet · keys k1');
  });

  it('steals alice\u2019s credentials, then lets the attacker replay them', async () => {
    const store = await setup();
    const replay = screen.getByRole<HTMLButtonElement>('button', { name: 'Attacker replays' });
    expect(off(replay)).toBe(true);
    expect(reasonOf(replay)).toBe('Steal a credential first');
    await after(() => fireEvent.click(button("Steal alice's credentials")), store);
    expect(session(store).clients.some((c) => c.id === 'mallory' && c.kind === 'attacker')).toBe(true);
    const stolenAt = store.player.timeMs;
    await after(() => fireEvent.click(button('Attacker mallory replays')), store, 1000);
    for (const w of [session(store), jwt(store)]) {
      const replayed = w.requests.filter((r) => r.clientId === 'mallory' && r.sentAtMs >= stolenAt);
      expect(replayed.length).toBe(1);
      expect(replayed[0]!.status).toBe(200);
    }
  });

  it('says why Steal is off once a link has brought in the two attackers the stage draws', async () => {
    const store = await setup();
    for (const attackerId of ['eve', 'ann']) await act(() => store.getState().dispatch({ type: 'steal', fromClientId: 'alice', attackerId }));
    await after(() => {}, store);
    const steal = button("Steal alice's credentials");
    expect(off(steal)).toBe(true);
    expect(reasonOf(steal)).toBe('At most 2 attackers');
  });

  it('in a session-only view, disables the key and token settings and says why', async () => {
    await setup('session');
    const rotate = button('Rotate key') as HTMLButtonElement;
    expect(off(rotate)).toBe(true);
    expect(reasonOf(rotate)).toMatch(/JWT only/);
    const ttl = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Token lifetime' });
    expect(ttl.disabled).toBe(true);
    expect(reasonOf(ttl)).toMatch(/JWT only/);
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Load-balancer policy' }).disabled).toBe(false);
    // Only the tampering that means something for sessions is offered.
    expect(screen.queryByRole('button', { name: 'Tamper alice: set role to admin' })).toBeNull();
    expect(button('Tamper alice: guess a session id')).toBeTruthy();
  });
});
