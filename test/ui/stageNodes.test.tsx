// Which nodes a world draws: the JWT world's shared store only while something uses it, or once it
// has failed (store-outage's point is that the JWT servers never ask it).
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderStageAt } from './support/stage';
import { holdsBackInferences } from '../../src/store/selectors';
import { createAppStore } from '../../src/store/createAppStore';
import { Stage } from '../../src/ui/stage/Stage';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { duration } from '../../src/formatSpans';
import { latestLatencyMs } from '../../src/sim/recentLatency';

beforeEach(() => vi.stubGlobal('ResizeObserver', undefined));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function jwtStageAt(scenarioId: string, timeMs: number) {
  const { container } = await renderStageAt(scenarioId, 'jwt', timeMs);
  return {
    words: [...container.querySelectorAll('.node-title, .node-line')].map((t) => t.textContent),
    storeLines: container.querySelectorAll('line.edge-store').length,
    keyLines: container.querySelectorAll('line.edge-keys').length,
  };
}

describe('the JWT world\u2019s store', () => {
  it('is not drawn while nothing uses it, and is drawn from its first outage on: the servers never ask it', async () => {
    expect((await jwtStageAt('store-outage', 5_000)).words).not.toContain('Store (unused)');
    cleanup();
    const down = await jwtStageAt('store-outage', 9_500);
    expect(down.words).toEqual(expect.arrayContaining(['Store (unused)', 'DOWN: JWT needs no lookup']));
    // No server asks it: no line joins it to them (the key set's lines stay).
    expect([down.storeLines, down.keyLines]).toEqual([0, 3]);
    cleanup();
    // Back up, it stays: the caption says "The store is back."
    expect((await jwtStageAt('store-outage', 15_000)).words).toEqual(expect.arrayContaining(['Store (unused)', 'JWT needs no lookup', 'up']));
    cleanup();
    // With the denylist on, every server asks it.
    expect((await jwtStageAt('store-outage', 18_000)).storeLines).toBe(3);
  });

  it('says it is unused only once the learner has predicted whether Alice still gets in as it goes down', async () => {
    // A seek or a Step to the outage (8.0 s) goes on to the question, 100 ms later, which waits for the prediction.
    const { store, container } = await renderStageAt('store-outage', 'jwt', 8_000, { view: 'both', questionsOn: true });
    const words = () => [...container.querySelectorAll('.node-title, .node-line')].map((t) => t.textContent);
    expect(words()).toEqual(expect.arrayContaining(['Store', 'DOWN']));
    expect(words().join(' ')).not.toMatch(/unused|no lookup/);
    // With questions off nothing is asked, and the store says what it is.
    act(() => store.getState().setQuestionsOn(false));
    expect(words()).toEqual(expect.arrayContaining(['Store (unused)', 'DOWN: JWT needs no lookup']));
  });

  it('keeps those words back in the moment before the question too, as its caption is (paused between the outage and the question)', async () => {
    const store = createAppStore({ scenarioId: 'store-outage', view: 'both', questionsOn: true });
    await store.getState().load();
    const s = store.getState();
    const asking = s.scenario!.questions![0]!.atMs;
    expect(holdsBackInferences({ ...s, timeMs: asking - 50, question: null })).toBe(true);
    expect(holdsBackInferences({ ...s, timeMs: asking - 1_500, question: null })).toBe(false);
    expect(holdsBackInferences({ ...s, timeMs: asking - 50, question: null, questionsOn: false })).toBe(false);
  });
});

// A learner review: with an HS256 secret alone, a line from each service to the key set read as
// the services fetching the secret from it.
describe('the JWT world\u2019s key set', () => {
  it('has no line to the servers while it publishes nothing they fetch, and gets them once it publishes a public key', async () => {
    const hs256 = await jwtStageAt('microservices', 8_000);
    expect(hs256.words).toEqual(expect.arrayContaining(['Key set (JWKS)', 'no public key']));
    expect(hs256.keyLines).toBe(0);
    cleanup();
    // After the switch to EdDSA each service fetches the public key.
    expect((await jwtStageAt('microservices', 20_000)).keyLines).toBe(5);
    cleanup();
    // A key set with a public key keeps its lines from the start, before its key is ready.
    expect((await jwtStageAt('key-rotation', 0)).keyLines).toBe(3);
  });

  it('is joined to a service that fetched it all the same (a token naming no secret it holds), and to no other', async () => {
    const store = createAppStore({ scenarioId: 'microservices', view: 'jwt', questionsOn: false });
    await store.getState().load();
    await store.player.seek(3_000);
    await store.getState().dispatch({ type: 'tamper', clientId: 'alice', how: 'alg-none' });
    await store.player.seek(4_000);
    const fetched = store.getState().worlds.jwt!.servers.filter((sv) => sv.jwksCache.fetchedAtMs !== null).map((sv) => sv.id);
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.length).toBeLessThan(5);
    const { container } = render(
      <AppStoreProvider store={store}>
        <Stage mode="jwt" />
      </AppStoreProvider>,
    );
    // All five lines came with the first fetch, four to services that never asked.
    expect(container.querySelectorAll('line.edge-keys')).toHaveLength(fetched.length);
  });
});

// A learner review: scale-out's store read "unused (server memory)" with a store line from every server.
describe('the session world\u2019s store', () => {
  it('has no line to the servers while the sessions live in their memory, and gets them when the store holds them', async () => {
    const lines = async (timeMs: number) => {
      const { container } = await renderStageAt('scale-out', 'session', timeMs);
      const found = { words: [...container.querySelectorAll('.node-line')].map((t) => t.textContent), storeLines: container.querySelectorAll('line.edge-store').length };
      cleanup();
      return found;
    };
    const inMemory = await lines(8_000);
    expect(inMemory.words).toContain('unused (server memory)');
    expect(inMemory.storeLines).toBe(0);
    expect((await lines(40_000)).storeLines).toBe(4);
  });

  it('says how many of its sessions their users left behind by logging in again: tampering\u2019s "2 sessions" stood beside Alice alone', async () => {
    const storeWords = async (timeMs: number) => {
      const { container } = await renderStageAt('tampering', 'session', timeMs);
      const words = [...container.querySelectorAll('.node-store .node-line')].map((t) => t.textContent);
      cleanup();
      return words;
    };
    expect(await storeWords(1_000)).toEqual(['1 session', 'up']);
    // Her guessed id replaced her cookie at 2 s, and she logged in again at 5 s: the first session is named by no one.
    expect(await storeWords(8_000)).toEqual(['2 sessions, 1 left behind', 'up']);
    expect(await storeWords(10_000)).toEqual(['3 sessions, 2 left behind', 'up']);
  });

  it('does not count a login\u2019s new session as left behind while its answer is on its way', async () => {
    // At 0.25 s user-04's session is in the store and its Set-Cookie still travelling back: it read "4 sessions, 1 orphaned".
    const { container } = await renderStageAt('load', 'session', 250);
    const words = [...container.querySelectorAll('.node-store .node-line')].map((t) => t.textContent);
    expect(words[0]).toMatch(/^\d+ sessions$/);
  });

  it('says it is up and serving in turn under its queue: "46 queued" over "up" read "46 queued up"', async () => {
    const { container } = await renderStageAt('load', 'session', 20_000);
    const words = [...container.querySelectorAll('.node-store .node-line')].map((t) => t.textContent);
    expect(words[0]).toMatch(/^\d+ sessions, \d+ queued$/);
    expect(words[1]).toMatch(/^(up, )?serving in turn$/);
  });
});

// A learner review: refresh-tokens opened with one world and no word of why until the table far below.
describe('a lesson of one world', () => {
  it('says beside the world\u2019s name that the lesson shows only it (not that nothing like it happens in the other), and a lesson of two says nothing', async () => {
    const solo = await renderStageAt('refresh-tokens', 'jwt', 0);
    expect(solo.container.querySelector('figcaption')?.textContent).toBe('JWT (stateless)this lesson shows only the JWT world');
    cleanup();
    const pair = await renderStageAt('revocation', 'jwt', 0);
    expect(pair.container.querySelector('.stage-solo')).toBeNull();
  });
});

describe('the latency a lesson asks to watch', () => {
  it('stands beside each world\u2019s name in the load lesson, the figure its verdict quotes, and in no other lesson', async () => {
    // "Watch each world's latency as the traffic doubles", and no latency was on the stage (learner review).
    const said = async (mode: 'session' | 'jwt') => {
      const { store, container } = await renderStageAt('load', mode, 14_000);
      const text = container.querySelector('figcaption')!.textContent;
      cleanup();
      return { text, figure: duration(latestLatencyMs(store.getState().worlds[mode]!.served)!) };
    };
    const session = await said('session');
    const jwt = await said('jwt');
    expect(session.text).toContain(`latency now: ${session.figure}`);
    expect(jwt.text).toContain(`latency now: ${jwt.figure}`);
    // The session world's requests wait at the store; the JWT world's do not.
    expect(Number.parseFloat(session.figure)).toBeGreaterThan(2 * Number.parseFloat(jwt.figure));
    const { container } = await renderStageAt('basic', 'session', 5_000);
    expect(container.querySelector('figcaption')!.textContent).not.toContain('latency');
    cleanup();
    // There from the start, before a request is served: coming then, it pushed the diagram 19 px down.
    const start = await renderStageAt('load', 'session', 0);
    expect(start.container.querySelector('.stage-latency')?.textContent).toBe('latency now: none served yet');
  });
});
