// A crowd on the wire: the stage draws at most MAX_DRAWN dots on one canvas (outside React,
// dotLayer.ts), counts the rest beside the world's title and shows them as bands along their
// edges; a drawn dot stays drawn until it arrives, moves with time, and clicking one still
// inspects its request. The canvas is happy-dom's stand-in (support/canvas.ts), which records
// what each frame blitted where.
import { act, cleanup, fireEvent } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../src/sim/types';
import { DotLayer, dotPath, LABELLED_UNTIL, MAX_DRAWN } from '../../src/ui/stage/dotLayer';
import { HALO, SHAPES } from '../../src/ui/stage/dotSprites';
import { layoutStage, type StageLayout } from '../../src/ui/stage/layout';
import { recordCanvases, shown, type Blit } from './support/canvas';
import { FRAME_MS } from './support/frames';
import { renderStageAt } from './support/stage';

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', undefined);
  // Bitmaps are drawn on (recorded) canvas elements, as where OffscreenCanvas is missing.
  vi.stubGlobal('OffscreenCanvas', undefined);
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
  recordCanvases();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const setup = async () => (await renderStageAt('basic', 'session', 3000)).store;

/**
 * `count` requests from alice to the load balancer and on to server-1, ids from `first`: halfway
 * along their edge now, or `spread` between a fifth and four fifths of it.
 */
function crowd(nowMs: number, first: number, count: number, spread = false): Message[] {
  const sentAgo = (i: number) => (spread ? 200 + ((i * 37) % 61) * 10 : 500);
  return Array.from({ length: count }, (_, i) => ({
    id: first + i,
    requestId: 10_000 + first + i,
    kind: 'request' as const,
    from: i % 2 ? 'lb' : 'alice',
    to: i % 2 ? 'server-1' : 'lb',
    sendTimeMs: nowMs - sentAgo(i),
    recvTimeMs: nowMs - sentAgo(i) + 1000,
    credential: 'session' as const,
    label: `GET /${first + i}`,
    ok: null,
    reason: null,
  }));
}

/** Puts `messages` on the session world's wire, as a publish would, and lets the next frame draw them. */
function publish(store: Awaited<ReturnType<typeof setup>>, messages: Message[]) {
  const world = store.getState().worlds.session!;
  act(() => store.setState({ worlds: { session: { ...world, messages } } }));
  act(() => {
    vi.advanceTimersByTime(FRAME_MS);
  });
}

const canvas = () => document.querySelector<HTMLCanvasElement>('.stage-session canvas.stage-dots');
/** What the stage shows now: dots (bitmaps without text) and labels. */
const dots = () => shown(canvas()!).filter((b) => b.text === null);
const labels = () => shown(canvas()!).filter((b) => b.text !== null);
/** The pairs of labels whose letters (a bitmap less its halo) overlap. */
function overlapping(drawn: Blit[]): string[] {
  const letters = drawn.map((b) => ({ text: b.text, left: b.cx - b.w / 2 + HALO, right: b.cx + b.w / 2 - HALO, top: b.cy - b.h / 2 + HALO, bottom: b.cy + b.h / 2 - HALO }));
  return letters.flatMap((a, i) => letters.slice(i + 1).filter((b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top).map((b) => `${a.text} / ${b.text}`));
}
const crowdText = () => document.querySelector('.stage-crowd')?.textContent ?? null;
/** What the bands say they stand for, summed over the edges. */
const bandTotal = () => [...document.querySelectorAll('.crowd-band title')].reduce((n, t) => n + Number(/: (\d+) more/.exec(t.textContent ?? '')?.[1] ?? NaN), 0);
const SESSION_BLUE = '#1a66d9';

describe('a crowd on the stage', () => {
  it(`draws ${MAX_DRAWN} dots and counts the rest, beside the title and as bands along their edges`, async () => {
    const store = await setup();
    const now = store.player.timeMs;
    publish(store, crowd(now, 1, 40, true));
    expect(dots()).toHaveLength(40);
    expect(canvas()!.dataset.drawn).toBe('40');
    // Every one is a wristband (a session cookie on the wire), labelled mid-edge where the label covers no other dot.
    expect(dots().every((d) => d.fills.includes(SESSION_BLUE))).toBe(true);
    expect(labels().length).toBeGreaterThan(0);
    expect(crowdText()).toBeNull();
    expect(document.querySelectorAll('.crowd-band')).toHaveLength(0);

    const many = crowd(now, 1, 420, true);
    publish(store, many);
    expect(dots()).toHaveLength(MAX_DRAWN);
    expect(canvas()!.dataset.drawn).toBe(String(MAX_DRAWN));
    // No label is drawn over another: where labels crowd, the older dots' keep their places.
    expect(labels().length).toBeGreaterThan(0);
    expect(labels().every((l) => Number(l.text!.slice('GET /'.length)) <= LABELLED_UNTIL)).toBe(true);
    expect(overlapping(labels())).toEqual([]);
    expect(crowdText()).toBe('+120 more in flight');
    expect(bandTotal()).toBe(120);
    // One band per busy edge (browser to load balancer, load balancer to server), under the nodes.
    expect(document.querySelectorAll('.crowd-band')).toHaveLength(2);
    const svg = document.querySelector('.stage-session svg')!;
    const order = [...svg.children].map((c) => c.getAttribute('class'));
    expect(order.indexOf('crowd-bands')).toBeLessThan(order.findIndex((c) => c?.startsWith('node')));

    // The labelled ones arrive: the dots drawn past LABELLED_UNTIL carry none, even with room for them.
    publish(store, many.slice(LABELLED_UNTIL));
    expect(dots()).toHaveLength(MAX_DRAWN);
    expect(labels()).toEqual([]);
  });

  it('keeps a drawn dot until its message arrives: new messages fill the room that arrivals leave', async () => {
    const store = await setup();
    const now = store.player.timeMs;
    const first = crowd(now, 1, 350);
    publish(store, first);
    // The 10 oldest arrive, 30 new ones are sent.
    publish(store, [...first.slice(10), ...crowd(now, 1000, 30)]);
    expect(dots()).toHaveLength(MAX_DRAWN);
    expect(crowdText()).toBe(`+${350 - 10 + 30 - MAX_DRAWN} more in flight`);
    expect(bandTotal()).toBe(350 - 10 + 30 - MAX_DRAWN);

    publish(store, first.slice(0, 5));
    expect(dots()).toHaveLength(5);
    expect(crowdText()).toBeNull();
    expect(document.querySelectorAll('.crowd-band')).toHaveLength(0);
  });

  it('a click on a dot inspects its request, even over a node; elsewhere the stage is as before', async () => {
    const store = await setup();
    const now = store.player.timeMs;
    // One on each edge (alice to the load balancer, the load balancer to server-1).
    publish(store, crowd(now, 1, 2));
    expect(canvas()!.classList.contains('is-inspectable')).toBe(true);
    const [dot] = dots();
    fireEvent.click(canvas()!.parentElement!, { clientX: dot!.cx + 2, clientY: dot!.cy - 2 });
    expect(store.getState().selection).toEqual({ kind: 'request', mode: 'session', requestId: 10_001 });
    // Far from every dot, on a node: the node is inspected.
    act(() => store.getState().select(null));
    const node = document.querySelector<SVGGElement>('.stage-session .node-server[role=button]')!;
    fireEvent.click(node, { clientX: -500, clientY: -500 });
    expect(store.getState().selection).toMatchObject({ kind: 'server', mode: 'session' });
  });

  it('draws on a canvas as sharp as the screen: its pixels are the stage size times the pixel ratio', async () => {
    vi.stubGlobal('devicePixelRatio', 2);
    const store = await setup();
    publish(store, crowd(store.player.timeMs, 1, 2));
    const c = canvas()!;
    expect(c.width).toBe(2 * parseFloat(c.style.width));
    expect(c.height).toBe(2 * parseFloat(c.style.height));
    expect(dots()).toHaveLength(2);
  });

  it('under reduced motion draws no dots and no count: the list says what is on the wire', async () => {
    const store = await setup();
    publish(store, crowd(store.player.timeMs, 1, 320));
    expect(dots()).toHaveLength(MAX_DRAWN);
    act(() => store.getState().setReducedMotion(true));
    expect(canvas()).toBeNull();
    expect(crowdText()).toBeNull();
    expect(document.querySelectorAll('.crowd-band')).toHaveLength(0);
    expect(document.querySelectorAll('[aria-label="Messages on the wire in the session world"] li')).toHaveLength(320);
    act(() => store.getState().setReducedMotion(false));
    act(() => {
    vi.advanceTimersByTime(FRAME_MS);
  });
    expect(dots()).toHaveLength(MAX_DRAWN);
  });
});

describe('the dot layer, frame by frame', () => {
  const layout = layoutStage({ mode: 'session', clients: [{ id: 'alice', kind: 'browser' }], serverIds: ['server-1'] }, { width: 900, height: 500 });
  const message = (id: number, sendTimeMs: number, recvTimeMs: number, extra: Partial<Message> = {}): Message => ({
    id,
    requestId: id,
    kind: 'request',
    from: 'alice',
    to: 'lb',
    sendTimeMs,
    recvTimeMs,
    credential: 'session',
    label: 'GET /profile',
    ok: null,
    reason: null,
    ...extra,
  }) as Message;

  it('moves a dot along its edge with time, shows its label only mid-edge, and draws nothing before it is sent', () => {
    const c = document.createElement('canvas');
    const layer = new DotLayer(c, null, null);
    layer.update([message(1, 0, 1000), message(2, 600, 1600)], layout, 100, null);
    vi.advanceTimersByTime(FRAME_MS);
    const at100 = shown(c);
    // Only the first is on the wire yet, near its start: no label there.
    expect(at100.filter((b) => b.text === null)).toHaveLength(1);
    expect(at100.filter((b) => b.text !== null)).toHaveLength(0);
    layer.place(500);
    const at500 = shown(c);
    const [d100, d500] = [at100[0]!, at500.find((b) => b.text === null)!];
    // Where the message is along its way from alice to the load balancer: a tenth, then half of it.
    const { start, end } = dotPath(layout.nodes.alice!, layout.nodes.lb!, SHAPES.session);
    for (const [d, p] of [[d100, 0.1], [d500, 0.5]] as const) {
      expect(d.cx).toBeCloseTo(start.x + (end.x - start.x) * p, 0);
      expect(d.cy).toBeCloseTo(start.y + (end.y - start.y) * p, 0);
    }
    expect(d500.cx).toBeGreaterThan(d100.cx);
    // Its label rides above it.
    expect(at500.find((b) => b.text === 'GET /profile')!.y).toBeLessThan(d500.y);
    layer.place(700);
    expect(shown(c).filter((b) => b.text === null)).toHaveLength(2);
    // A frame at the same moment draws nothing new (the canvas is left as it is).
    const before = shown(c);
    layer.place(700);
    expect(shown(c)).toEqual(before);
    layer.dispose();
  });

  it('a dot leaves and arrives beside the boxes, never over the text at their edges (a browser\'s status line)', () => {
    // Rows 80 px apart (a wide stage), then 24 px apart (a phone's browser over its load balancer).
    const rows = (gap: number): StageLayout => ({ orientation: 'tall', width: 300, height: 200, nodes: { alice: { id: 'alice', kind: 'browser', x: 150, y: 20, w: 120, h: 40 }, lb: { id: 'lb', kind: 'lb', x: 150, y: 40 + gap + 12, w: 120, h: 24 } }, edges: [['alice', 'lb']], alias: {} });
    for (const [gap, overlapAtMost] of [[80, 0], [24, 2]] as const) {
      const lay = rows(gap);
      const c = document.createElement('canvas');
      const layer = new DotLayer(c, null, null);
      layer.update([message(1, 0, 1000)], lay, 0, null);
      vi.advanceTimersByTime(FRAME_MS);
      const leaving = shown(c).find((b) => b.text === null)!;
      layer.place(1000);
      const arriving = shown(c).find((b) => b.text === null)!;
      // How far into the browser's box (its foot at y 40) and the load balancer's (its top at 40 + gap) the dot reaches.
      // (Its drawn half-height, not its bitmap's, which has a pixel of margin.)
      const half = SHAPES.session.hh;
      expect(leaving.cy - half - 40).toBeGreaterThanOrEqual(-overlapAtMost - 0.01);
      expect(40 + gap - (arriving.cy + half)).toBeGreaterThanOrEqual(-overlapAtMost - 0.01);
      // It still travels: half of a short edge at least.
      expect(arriving.cy - leaving.cy).toBeGreaterThanOrEqual(gap / 2 - 0.01);
      layer.dispose();
    }
    // A slanted edge, leaving through the browser's foot: the dot clears it too (pulled in by its
    // half-size along the edge, it reached 4 px into the box).
    const slanted: StageLayout = { orientation: 'tall', width: 400, height: 300, nodes: { alice: { id: 'alice', kind: 'browser', x: 70, y: 20, w: 120, h: 40 }, lb: { id: 'lb', kind: 'lb', x: 330, y: 110, w: 120, h: 24 } }, edges: [['alice', 'lb']], alias: {} };
    const c = document.createElement('canvas');
    const layer = new DotLayer(c, null, null);
    layer.update([message(1, 0, 1000, { credential: 'jwt' })], slanted, 0, null);
    vi.advanceTimersByTime(FRAME_MS);
    const leaving = shown(c).find((b) => b.text === null)!;
    const { hh } = SHAPES.jwt;
    expect(leaving.cy - hh - 40).toBeGreaterThanOrEqual(-0.01);
    layer.dispose();
  });

  it('draws no label over a node: on a short edge (a phone) it goes beside its dot, and waits when no place is clear', () => {
    // Two rows 50 px apart, as a phone's compact stage draws them: mid-edge, a label 14 px above
    // its dot would cover the browser's name. On the wide layout's long edge it rides above the dot.
    const rows = (nodes: StageLayout['nodes']): StageLayout => ({ orientation: 'tall', width: 300, height: 120, nodes, edges: [['alice', 'lb']], alias: {} });
    const short = rows({ alice: { id: 'alice', kind: 'browser', x: 150, y: 20, w: 90, h: 30 }, lb: { id: 'lb', kind: 'lb', x: 150, y: 70, w: 120, h: 24 } });
    // Boxes as wide as the stage, 16 px apart: no place beside, above or below the dot is clear.
    const walled = rows({ alice: { id: 'alice', kind: 'browser', x: 150, y: 20, w: 300, h: 30 }, lb: { id: 'lb', kind: 'lb', x: 150, y: 55, w: 300, h: 24 } });
    const cases = [
      ['long edge', layout, 'above'],
      ['short edge', short, 'beside'],
      ['walled in', walled, null],
    ] as const;
    for (const [where, on, place] of cases) {
      const c = document.createElement('canvas');
      const layer = new DotLayer(c, null, null);
      layer.update([message(1, 0, 1000)], on, 500, null);
      vi.advanceTimersByTime(FRAME_MS);
      const dot = shown(c).find((b) => b.text === null)!;
      const label = shown(c).find((b) => b.text === 'GET /profile');
      expect([...layer.at(500)][0]!.label, where).toBe(place ? 'GET /profile' : null);
      if (!place) {
        expect(label, where).toBeUndefined();
      } else if (place === 'above') {
        expect(label!.cy, where).toBeLessThan(dot.cy - 8);
      } else {
        expect(label!.cx, where).toBeGreaterThan(dot.cx + 10);
        expect(Math.abs(label!.cy - dot.cy), where).toBeLessThan(6);
      }
      layer.dispose();
    }
  });

  it('draws a label whole inside the world: near its side, it slides in rather than being cut ("401 no_credentia")', () => {
    // Mallory at the world's right edge, straight above the load balancer's right end: mid-edge, a
    // label centred above the dot ran ~40 px past the side of the world.
    const edge: StageLayout = {
      orientation: 'tall',
      width: 300,
      height: 300,
      nodes: { mallory: { id: 'mallory', kind: 'attacker', x: 250, y: 20, w: 90, h: 30 }, lb: { id: 'lb', kind: 'lb', x: 250, y: 280, w: 90, h: 30 } },
      edges: [['mallory', 'lb']],
      alias: {},
    };
    const c = document.createElement('canvas');
    const layer = new DotLayer(c, null, null);
    layer.update([message(1, 0, 1000, { kind: 'response', from: 'lb', to: 'mallory', ok: false, label: '401 no_credential', credential: 'none' })], edge, 500, null);
    vi.advanceTimersByTime(FRAME_MS);
    const label = shown(c).find((b) => b.text === '401 no_credential')!;
    const dot = shown(c).find((b) => b.text === null)!;
    expect(label.x + HALO).toBeGreaterThanOrEqual(0);
    expect(label.x + label.w - HALO).toBeLessThanOrEqual(edge.width);
    // Still above its dot.
    expect(label.cy).toBeLessThan(dot.cy - 8);
    layer.dispose();
  });

  /** An edge long enough for a label on either side of a dot in its middle. */
  const long: StageLayout = {
    orientation: 'wide',
    width: 800,
    height: 300,
    nodes: { alice: { id: 'alice', kind: 'browser', x: 80, y: 150, w: 120, h: 40 }, lb: { id: 'lb', kind: 'lb', x: 720, y: 150, w: 120, h: 40 } },
    edges: [['alice', 'lb']],
    alias: {},
  };

  it("a refused answer's label is placed first: in a crowd it is the one that says what went wrong", () => {
    const c = document.createElement('canvas');
    const layer = new DotLayer(c, null, null);
    const requests = ['GET /a', 'GET /b', 'GET /c', 'GET /d', 'GET /e'].map((label, i) => message(i + 1, i * 2, 1000 + i * 2, { label }));
    // The newest, on the same spot: an answer refused, running back to alice.
    const refused = message(9, 0, 1000, { kind: 'response', from: 'lb', to: 'alice', ok: false, label: '401 expired', credential: 'none' });
    layer.update([...requests, refused], long, 500, null);
    vi.advanceTimersByTime(FRAME_MS);
    const labelsNow = shown(c).filter((b) => b.text !== null).map((b) => b.text);
    expect(labelsNow).toContain('401 expired');
    expect(labelsNow).toHaveLength(4);
    layer.dispose();
  });

  it('never draws a label over another: the older dot keeps its place above, the newer go beside, below, or wait', () => {
    const c = document.createElement('canvas');
    const layer = new DotLayer(c, null, null);
    // Five requests a few ms apart: mid-edge at 500 ms, their dots within 2 px of each other.
    const names = ['GET /a', 'GET /b', 'GET /c', 'GET /d', 'GET /e'];
    layer.update(names.map((label, i) => message(i + 1, i * 2, 1000 + i * 2, { label })), long, 500, null);
    vi.advanceTimersByTime(FRAME_MS);
    const drawn = shown(c);
    const dot = drawn.find((b) => b.text === null)!;
    const label = (text: string) => drawn.find((b) => b.text === text);
    expect(overlapping(drawn.filter((b) => b.text !== null))).toEqual([]);
    expect(label('GET /a')!.cy).toBeLessThan(dot.cy - 8);
    expect(label('GET /b')!.cx).toBeGreaterThan(dot.cx + 10);
    expect(label('GET /c')!.cx).toBeLessThan(dot.cx - 10);
    expect(label('GET /d')!.cy).toBeGreaterThan(dot.cy + 8);
    expect(label('GET /e')).toBeUndefined();
    // What a frame shows is what the stage reports (a click, the tests).
    expect([...layer.at(500)].map((d) => d.label)).toEqual([...names.slice(0, 4), null]);
    layer.dispose();
  });

  // Screenshot audit: in the load lesson's crowd "cookie" ran across the next wristband and "JWT" over a badge.
  it("draws no label over another pile's dot: it goes to a clear place beside its own, or waits", () => {
    // A rising edge: a dot ahead of another is also above it, where the other's label would go.
    const rising: StageLayout = { ...long, nodes: { alice: { ...long.nodes.alice!, y: 250 }, lb: { ...long.nodes.lb!, y: 50 } } };
    const c = document.createElement('canvas');
    const layer = new DotLayer(c, null, null);
    // /b is sent 47 ms before /a: ~31 px ahead of it along the edge and ~9 px higher, right over its label's first place.
    layer.update([message(1, 0, 1000, { label: 'GET /a' }), message(2, -47, 953, { label: 'GET /b' })], rising, 500, null);
    vi.advanceTimersByTime(FRAME_MS);
    const drawn = [...layer.at(500)];
    const labelsNow = shown(c).filter((b) => b.text !== null);
    expect(labelsNow.map((l) => l.text)).toContain('GET /a');
    const covered = labelsNow.flatMap((l) => {
      const own = drawn.find((d) => d.label === l.text)!;
      const letters = { left: l.cx - l.w / 2 + HALO, right: l.cx + l.w / 2 - HALO, top: l.cy - l.h / 2 + HALO, bottom: l.cy + l.h / 2 - HALO };
      const { hw, hh } = SHAPES.session;
      return drawn
        .filter((d) => d !== own && letters.left < d.x + hw && letters.right > d.x - hw && letters.top < d.y + hh && letters.bottom > d.y - hh)
        .map((d) => `${l.text} over the dot of request ${d.requestId}`);
    });
    expect(covered).toEqual([]);
    layer.dispose();
  });

  it('labels a pile of dots saying the same thing once ("cookie", not "cookie ||| cookie"); a dot apart from the pile keeps its own', () => {
    const c = document.createElement('canvas');
    const layer = new DotLayer(c, null, null);
    // Four requests a few ms apart, all carrying the same label: mid-edge at 500 ms, within 2 px of each other.
    const pile = [1, 2, 3, 4].map((id) => message(id, id * 2, 1000 + id * 2, { label: 'cookie' }));
    // A fifth sent 200 ms earlier: far ahead of the pile on the same edge.
    const ahead = message(5, -200, 800, { label: 'cookie' });
    layer.update([...pile, ahead], long, 500, null);
    vi.advanceTimersByTime(FRAME_MS);
    expect(shown(c).filter((b) => b.text === 'cookie')).toHaveLength(2);
    expect([...layer.at(500)].filter((d) => d.label === 'cookie').map((d) => d.requestId)).toEqual([1, 5]);
    layer.dispose();
  });

  it('labels a train of dots once: each within a pile\'s reach of the next, the train is one pile (a long queue read "cookie cookie cookie")', () => {
    const c = document.createElement('canvas');
    const layer = new DotLayer(c, null, null);
    // Six requests 10 ms apart on a 1 s trip: ~6 px between neighbours, ~32 px from the first to the last.
    const train = [1, 2, 3, 4, 5, 6].map((id) => message(id, id * 10, 1000 + id * 10, { label: 'cookie' }));
    layer.update(train, long, 500, null);
    vi.advanceTimersByTime(FRAME_MS);
    const at = [...layer.at(500)];
    expect(Math.hypot(at[0]!.x - at[5]!.x, at[0]!.y - at[5]!.y)).toBeGreaterThan(24);
    expect(shown(c).filter((b) => b.text === 'cookie')).toHaveLength(1);
    layer.dispose();
  });

  it('draws each kind of message in its own colour: refused answers red, with their reason', () => {
    const c = document.createElement('canvas');
    const layer = new DotLayer(c, null, null);
    layer.update(
      [
        message(1, 0, 1000, { kind: 'response', from: 'lb', to: 'alice', ok: true, label: '200 OK', credential: 'none' }),
        message(2, 0, 1000, { kind: 'response', from: 'lb', to: 'alice', ok: false, label: '401 expired', credential: 'none' }),
        message(3, 0, 1000, { kind: 'jwks-fetch', from: 'server-1', to: 'store', credential: 'none', label: 'GET keys' }),
      ],
      layout,
      500,
      null,
    );
    vi.advanceTimersByTime(FRAME_MS);
    const drawn = shown(c);
    expect(drawn.filter((b) => b.text === null).map((b) => b.fills)).toEqual([['#1a7f37'], ['#c62828'], ['#0e7c86']]);
    expect(drawn.filter((b) => b.text !== null).map((b) => b.text)).toEqual(['401 expired']);
    layer.dispose();
  });

  it('keeps a drawn dot until its message arrives, those already on the wire first; the room arrivals leave goes to the waiting', () => {
    const c = document.createElement('canvas');
    const layer = new DotLayer(c, null, null);
    const ids = () => [...layer.at(500)].map((d) => d.requestId);
    const many = Array.from({ length: 350 }, (_, i) => message(i + 1, i < 340 ? 0 : 400, 1000));
    // Sent later than now: drawn last, after every one already on the wire.
    const later = message(1000, 600, 1200);
    layer.update([later, ...many], layout, 300, null);
    expect(layer.drawn).toBe(MAX_DRAWN);
    expect(new Set(ids())).toEqual(new Set(many.slice(0, MAX_DRAWN).map((m) => m.id)));
    // The 10 oldest arrive, 30 new ones are sent: the 290 still in flight stay, 10 waiting take the room.
    const fresh = Array.from({ length: 30 }, (_, i) => message(2000 + i, 450, 1000));
    layer.update([...many.slice(10), ...fresh], layout, 450, null);
    expect(new Set(ids())).toEqual(new Set(many.slice(10, MAX_DRAWN + 10).map((m) => m.id)));
    layer.dispose();
    expect(layer.drawn).toBe(0);
  });
});
