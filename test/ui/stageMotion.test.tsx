// Nodes move by CSS (stage.css): NodeView writes each node's place as a `transform` style, the same
// element glides when the layout changes, a node that leaves goes at once, and reduced motion stills it.
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderStageAt } from './support/stage';

// Nothing measures the canvas here: the stage draws at its fallback size.
beforeEach(() => vi.stubGlobal('ResizeObserver', undefined));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const setup = (atMs: number) => renderStageAt('scale-out', 'session', atMs);

/** A server's node, by its SVG <title> (its accessible name). */
const server = (n: number) => [...document.querySelectorAll<SVGGElement>('.node-server')].find((g) => /^server-(\d+)\b/.exec(g.querySelector('title')?.textContent ?? '')?.[1] === String(n)) ?? null;

describe('stage nodes', () => {
  it('places each node by a transform style, glides the same element when servers join, drops a leaving node at once', async () => {
    const { store } = await setup(5000);
    const first = server(1)!;
    expect(server(2)).toBeNull();
    const before = first.style.transform;
    expect(before).toMatch(/^translate\(-?[\d.]+px, -?[\d.]+px\)$/);
    expect(first.getAttribute('transform')).toBeNull();

    await act(() => store.player.seek(7000));
    expect(server(4)).not.toBeNull();
    // The same element, so its CSS transition carries it to the new place.
    expect(server(1)).toBe(first);
    expect(first.style.transform).not.toBe(before);

    // Back before the servers joined: they are gone from the page (and its accessibility tree) at once.
    await act(() => store.player.seek(5000));
    expect(server(2)).toBeNull();
    expect(server(4)).toBeNull();
    expect(first.style.transform).toBe(before);
  });

  it('stills the nodes under the app\u2019s reduced-motion setting', async () => {
    const { store, container } = await setup(5000);
    const stage = container.querySelector('figure.stage')!;
    expect(stage.classList.contains('is-still')).toBe(false);
    act(() => store.getState().setReducedMotion(true));
    expect(stage.classList.contains('is-still')).toBe(true);
  });

  it('puts the nodes in their new places at once when the stage is resized (the drawer opening), and glides them again after', async () => {
    // A ResizeObserver the test fires, over a canvas whose size the test sets.
    let size = { width: 900, height: 460 };
    const observers: (() => void)[] = [];
    vi.stubGlobal('ResizeObserver', class {
      constructor(private readonly report: () => void) {}
      observe() {
        observers.push(this.report);
      }
      disconnect() {}
    });
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(() => ({ ...size, x: 0, y: 0, top: 0, left: 0, right: size.width, bottom: size.height, toJSON: () => ({}) }));
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
    try {
      const { store, container } = await setup(7000);
      const stage = container.querySelector('figure.stage')!;
      const wide = server(4)!.style.transform;
      act(() => {
        vi.advanceTimersToNextFrame();
      });
      expect(stage.classList.contains('is-resized')).toBe(false);
      // The drawer opens beside it: a narrower canvas.
      size = { width: 420, height: 460 };
      act(() => observers.forEach((report) => report()));
      expect(server(4)!.style.transform).not.toBe(wide);
      expect(stage.classList.contains('is-resized')).toBe(true);
      // A frame later the class is off: a server that joins then glides in as before.
      act(() => {
        vi.advanceTimersToNextFrame();
      });
      expect(stage.classList.contains('is-resized')).toBe(false);
      await act(() => store.player.seek(5000));
      expect(stage.classList.contains('is-resized')).toBe(false);
    } finally {
      vi.useRealTimers();
      vi.restoreAllMocks();
    }
  });
});
