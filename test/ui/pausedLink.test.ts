// Teacher review: Pause, then Share. The link opened on another moment than the paused page showed:
// the stage and log stood at the last throttled publish (the load lesson at 16x: "127 requests",
// the link "129"), and a pause in a caption's reading time (0.01 ms before the next caption) gave
// t rounded up to that caption's moment, which the link opened on.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import { parseLink } from '../../src/store/urlState';
import { parseInterventions } from '../../src/sim/parseAction';
import { linkFor } from '../../src/store/linkFor';
import { captureMoment, momentLink, tidied } from '../../src/ui/controls/momentLink';
import { captionAt } from '../../src/host/lessonEvents';
import { nextFrame, fakeFrames } from './support/frames';

async function playing(scenarioId: string, view: 'session' | 'jwt' | 'both', speed?: number) {
  fakeFrames();
  const store = createAppStore({ scenarioId, view, questionsOn: false, ...(speed ? { speed } : {}) });
  await store.getState().load();
  store.getState().play();
  return store;
}

/** What the page shows: the clock, the caption, and each world's stage and log. */
function screenOf(store: AppStore) {
  const s = store.getState();
  const worlds = Object.values(s.worlds).map((w) => ({ log: w.log.map((e) => [e.timeMs, e.text]), requests: w.requests.map((r) => [r.id, r.status]), sessions: w.store.sessions.length, queued: w.store.queued, inFlight: w.messages.length, keys: w.keys.keys.map((k) => k.kid) }));
  return { timeMs: s.timeMs, caption: captionAt(s)?.text, worlds };
}

/** Opens the page's link in a fresh store, as whoever receives it would. */
async function opened(store: AppStore) {
  const moment = captureMoment(store);
  const { state, problems } = parseLink(linkFor({ ...store.getState(), timeMs: moment.timeMs }, moment.actions, { questionsOn: false }), parseInterventions);
  expect(problems).toEqual([]);
  const twin = createAppStore({ ...state, linkTimeMs: state.timeMs, questionsOn: false });
  await twin.getState().load();
  return twin;
}

afterEach(() => vi.useRealTimers());

describe('a link made where the learner paused', () => {
  it('opens on what the paused page shows, however busy the cluster (load at 16x)', async () => {
    const store = await playing('load', 'both', 16);
    for (let frame = 0; frame < 150; frame++) await nextFrame(store);
    store.getState().pause();
    await store.player.settled();
    const paused = screenOf(store);
    expect(paused.timeMs).toBe(store.player.timeMs);
    expect(paused.worlds[0]!.log.length).toBeGreaterThan(10);
    expect(screenOf(await opened(store))).toEqual(paused);
  }, 60_000);

  it('carries a tidy moment (to the microsecond, rounded up where no event falls) and still opens on the same screen', async () => {
    const store = await playing('load', 'both', 16);
    for (let frame = 0; frame < 97; frame++) await nextFrame(store);
    store.getState().pause();
    await store.player.settled();
    const paused = screenOf(store);
    const exact = captureMoment(store);
    const moment = tidied(exact, store.player.nextEventMs());
    expect(String(exact.timeMs)).toMatch(/\.\d{4,}$/);
    expect(String(moment.timeMs)).toMatch(/^\d+(\.\d{1,3})?$/);
    expect(moment.timeMs - exact.timeMs).toBeLessThan(0.001);
    const { state } = parseLink(linkFor({ ...store.getState(), timeMs: moment.timeMs }, moment.actions, { questionsOn: false }), parseInterventions);
    const twin = createAppStore({ ...state, linkTimeMs: state.timeMs, questionsOn: false });
    await twin.getState().load();
    expect({ ...screenOf(twin), timeMs: paused.timeMs }).toEqual(paused);
    // An event within the rounding: the exact moment, as before.
    expect(tidied(exact, exact.timeMs + 0.0001)).toBe(exact);
  }, 60_000);

  it("opens past the lesson's end where an intervention keeps the run going (scale-out, a key rotated at 34 s: its 120 s overlap)", async () => {
    // It opened at 56 s, 10 s past the end where every seek was clamped, while the page had played
    // on to the overlap's end (found by a random walk of the interventions panel).
    fakeFrames();
    const store = createAppStore({ scenarioId: 'scale-out', view: 'both', questionsOn: false });
    await store.getState().load();
    await store.getState().seek(34_000);
    await store.getState().dispatch({ type: 'rotateKey' });
    await store.getState().seek(138_500);
    expect(store.player.timeMs).toBe(138_500);
    const here = screenOf(store);
    expect(here.timeMs).toBe(138_500);
    const twin = await opened(store);
    expect(screenOf(twin)).toEqual(here);
    // k1 is still in its overlap there, as the page showed.
    expect(here.worlds.find((w) => w.keys.length > 0)?.keys).toEqual(['k1', 'k2']);
  }, 60_000);

  it('opens on the caption being read when paused in its reading time, not on the next one (microservices)', async () => {
    const store = await playing('microservices', 'jwt');
    const first = captionAt(store.getState())!.text;
    for (let frame = 0; frame < 2_000 && !(store.getState().holding && store.player.timeMs % 1 !== 0); frame++) await nextFrame(store);
    expect(store.getState().holding).toBe(true);
    store.getState().pause();
    await store.player.settled();
    const paused = screenOf(store);
    expect(paused.caption).toBe(first);
    expect(screenOf(await opened(store))).toEqual(paused);
  }, 60_000);
});

describe('a shared link keeps the speed', () => {
  it('1x chosen in a lesson whose own tempo is faster opens at 1x (revocation opens at 2x; the link said no speed)', async () => {
    const store = createAppStore({ scenarioId: 'revocation', view: 'both', questionsOn: false });
    await store.getState().load();
    expect(store.getState().speed).toBe(2);
    store.getState().setSpeed(1);
    const { state } = parseLink(new URL(momentLink(store)).search, parseInterventions);
    const twin = createAppStore({ ...state, linkTimeMs: state.timeMs, questionsOn: false });
    await twin.getState().load();
    expect(twin.getState().speed).toBe(1);
  });
});
