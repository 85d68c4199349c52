// A crowd on the wire: the stage draws at most MAX_DRAWN dots (outside React, dotLayer.ts), counts
// the rest beside the world's title and shows them as bands along their edges; a drawn dot stays
// drawn until it arrives, and clicking one still inspects its request.
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../src/sim/types';
import { createAppStore } from '../../src/store/createAppStore';
import { LABELLED_UNTIL, MAX_DRAWN } from '../../src/ui/stage/dotLayer';
import { Stage } from '../../src/ui/stage/Stage';
import { AppStoreProvider } from '../../src/ui/storeContext';

beforeEach(() => vi.stubGlobal('ResizeObserver', undefined));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function setup() {
  const store = createAppStore({ scenarioId: 'basic', view: 'session', questionsOn: false });
  await store.getState().load();
  await store.player.seek(3000);
  render(
    <AppStoreProvider store={store}>
      <Stage mode="session" />
    </AppStoreProvider>,
  );
  return store;
}

/** `count` requests on the wire now, from alice to the load balancer and on to server-1, ids from `first`. */
function crowd(nowMs: number, first: number, count: number): Message[] {
  return Array.from({ length: count }, (_, i) => ({
    id: first + i,
    requestId: 10_000 + first + i,
    kind: 'request' as const,
    from: i % 2 ? 'lb' : 'alice',
    to: i % 2 ? 'server-1' : 'lb',
    sendTimeMs: nowMs - 5,
    recvTimeMs: nowMs + 1000,
    credential: 'session' as const,
    label: `GET /${first + i}`,
    ok: null,
    reason: null,
  }));
}

/** Puts `messages` on the session world's wire, as a publish would. */
function publish(store: Awaited<ReturnType<typeof setup>>, messages: Message[]) {
  const world = store.getState().worlds.session!;
  act(() => store.setState({ worlds: { session: { ...world, messages } } }));
}

const dots = () => [...document.querySelectorAll<SVGGElement>('.stage-session .dot')];
const crowdText = () => document.querySelector('.stage-crowd')?.textContent ?? null;
/** What the bands say they stand for, summed over the edges. */
const bandTotal = () => [...document.querySelectorAll('.crowd-band title')].reduce((n, t) => n + Number(/: (\d+) more/.exec(t.textContent ?? '')?.[1] ?? NaN), 0);

describe('a crowd on the stage', () => {
  it(`draws ${MAX_DRAWN} dots and counts the rest, beside the title and as bands along their edges`, async () => {
    const store = await setup();
    const now = store.player.timeMs;
    publish(store, crowd(now, 1, 40));
    expect(dots()).toHaveLength(40);
    expect(crowdText()).toBeNull();
    expect(document.querySelectorAll('.crowd-band')).toHaveLength(0);

    publish(store, crowd(now, 1, 420));
    expect(dots()).toHaveLength(MAX_DRAWN);
    // Past LABELLED_UNTIL drawn dots new ones carry no label (they would overlap into a blur).
    expect(document.querySelectorAll('.stage-session .dot-label')).toHaveLength(LABELLED_UNTIL);
    expect(crowdText()).toBe('+120 more in flight');
    expect(bandTotal()).toBe(120);
    // One band per busy edge (browser to load balancer, load balancer to server), under the nodes.
    expect(document.querySelectorAll('.crowd-band')).toHaveLength(2);
    const svg = document.querySelector('.stage-session svg')!;
    const order = [...svg.children].map((c) => c.getAttribute('class'));
    expect(order.indexOf('crowd-bands')).toBeLessThan(order.findIndex((c) => c?.startsWith('node')));
  });

  it('keeps a drawn dot until its message arrives: new messages fill the room that arrivals leave', async () => {
    const store = await setup();
    const now = store.player.timeMs;
    const first = crowd(now, 1, 350);
    publish(store, first);
    const before = new Set(dots());
    // The 10 oldest arrive, 30 new ones are sent: the 290 still in flight keep their very elements.
    publish(store, [...first.slice(10), ...crowd(now, 1000, 30)]);
    const after = dots();
    expect(after).toHaveLength(MAX_DRAWN);
    expect(after.filter((d) => before.has(d))).toHaveLength(290);
    expect(crowdText()).toBe(`+${350 - 10 + 30 - MAX_DRAWN} more in flight`);
    expect(bandTotal()).toBe(350 - 10 + 30 - MAX_DRAWN);

    publish(store, first.slice(0, 5));
    expect(dots()).toHaveLength(5);
    expect(crowdText()).toBeNull();
    expect(document.querySelectorAll('.crowd-band')).toHaveLength(0);
  });

  it('places a dot along its edge, shows its label mid-edge, and a click inspects its request', async () => {
    const store = await setup();
    const now = store.player.timeMs;
    publish(store, crowd(now, 1, 3));
    const dot = dots()[0]!;
    expect(dot.getAttribute('transform')).toMatch(/^translate\(-?[\d.]+ -?[\d.]+\)$/);
    expect(dot.getAttribute('opacity')).toBe('1');
    expect(dot.querySelector('.dot-wristband')).not.toBeNull();
    expect(dot.querySelector('.dot-label')?.textContent).toBe('GET /1');
    expect(dot.classList.contains('is-inspectable')).toBe(true);
    fireEvent.click(dot.querySelector('rect')!);
    expect(store.getState().selection).toEqual({ kind: 'request', mode: 'session', requestId: 10_001 });
  });

  it('under reduced motion draws no dots and no count: the list says what is on the wire', async () => {
    const store = await setup();
    publish(store, crowd(store.player.timeMs, 1, 320));
    expect(dots()).toHaveLength(MAX_DRAWN);
    act(() => store.getState().setReducedMotion(true));
    expect(dots()).toHaveLength(0);
    expect(crowdText()).toBeNull();
    expect(document.querySelectorAll('.crowd-band')).toHaveLength(0);
    expect(document.querySelectorAll('[aria-label="Messages on the wire"] li')).toHaveLength(320);
    act(() => store.getState().setReducedMotion(false));
    expect(dots()).toHaveLength(MAX_DRAWN);
  });
});
