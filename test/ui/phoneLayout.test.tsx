// A phone's first screen: both worlds stacked in compact rows when they fit, one world and a
// labelled toggle when they do not, the header folded into Options, and a caption box as tall as
// the lesson's longest caption.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { lessonSteps } from '../../src/store/lesson';
import { App } from '../../src/ui/App';
import { COMPACT_MIN_HEIGHT_PX, FONT, LINE_ROW_PX, TITLE_ROW_PX, layoutStage, type NodeBox } from '../../src/ui/stage/layout';
import { lineRoom } from '../../src/ui/stage/nodeLines';
import { twoWorldsFit, WORLD_MIN_HEIGHT_PX, WORLD_MIN_WIDTH_PX } from '../../src/ui/useShownWorlds';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const revocationCluster = (mode: 'session' | 'jwt', storeShown = false) => ({
  mode,
  clients: [
    { id: 'alice', kind: 'browser' as const },
    { id: 'bob', kind: 'browser' as const },
  ],
  serverIds: ['server-1', 'server-2', 'server-3'],
  storeShown,
});
/** The gaps between the rows of a top-to-bottom layout: where the dots travel. */
function rowGaps(nodes: NodeBox[]): number[] {
  const rows = [...new Set(nodes.map((n) => n.y))].sort((a, b) => a - b).map((y) => nodes.filter((n) => n.y === y));
  return rows.slice(1).map((row, i) => Math.min(...row.map((n) => n.y - n.h / 2)) - Math.max(...rows[i]!.map((n) => n.y + n.h / 2)));
}
/** Status lines a node's box holds under its title (NodeView's rule). */
const linesHeld = (n: NodeBox) => Math.max(0, Math.floor((n.h - TITLE_ROW_PX - 4) / LINE_ROW_PX));

describe('compact stage rows', () => {
  it('fit a phone world (a short, narrow canvas) whole, keeping room for the dots and the browsers\' line', () => {
    for (const height of [COMPACT_MIN_HEIGHT_PX, 240, 260, 300]) {
      for (const [mode, storeShown] of [['session', false], ['jwt', false], ['jwt', true]] as const) {
        const layout = layoutStage(revocationCluster(mode, storeShown), { width: 350, height });
        expect(layout.orientation).toBe('tall');
        expect(layout.height, `${mode} at ${height} px`).toBe(height); // drawn in the canvas: nothing to scroll
        const nodes = Object.values(layout.nodes);
        for (const n of nodes) expect(n.y + n.h / 2).toBeLessThanOrEqual(height);
        for (const gap of rowGaps(nodes)) expect(gap).toBeGreaterThanOrEqual(22);
        expect(linesHeld(layout.nodes.alice!)).toBe(1);
        // The title row holds the title's 14 px text.
        for (const n of nodes) expect(n.h).toBeGreaterThanOrEqual(TITLE_ROW_PX + 4);
      }
    }
    expect(FONT.line).toBeGreaterThanOrEqual(11);
  });

  it('draw the store whole when a fourth server wraps the servers to a second row (the load lesson on a phone)', () => {
    // Forty browsers fold into six nodes; four servers take two rows at a phone's width.
    const clients = Array.from({ length: 40 }, (_, i) => ({ id: `user-${i + 1}`, kind: 'browser' as const }));
    for (const mode of ['session', 'jwt'] as const) {
      const layout = layoutStage({ mode, clients, serverIds: ['server-1', 'server-2', 'server-3', 'server-4'] }, { width: 350, height: COMPACT_MIN_HEIGHT_PX });
      expect(layout.height, mode).toBe(COMPACT_MIN_HEIGHT_PX); // nothing scrolled out of the world
      const nodes = Object.values(layout.nodes);
      for (const n of nodes) expect(n.y + n.h / 2).toBeLessThanOrEqual(layout.height);
      // Where the dots travel: browsers to balancer, balancer to servers, servers to the store or key set (the two server rows sit close).
      const servers = nodes.filter((n) => n.kind === 'server');
      for (const gap of rowGaps(nodes.filter((n) => n.kind !== 'server' || n.y === servers[0]!.y))) expect(gap).toBeGreaterThanOrEqual(22);
      const lastServerRow = nodes.filter((n) => n.kind === 'server' && n.y === Math.max(...servers.map((m) => m.y)));
      for (const gap of rowGaps([...lastServerRow, ...nodes.filter((n) => n.kind === 'store' || n.kind === 'jwks')])) expect(gap).toBeGreaterThanOrEqual(22);
      // Every node keeps its title; the store or key set, the lesson's point, keeps its line.
      for (const n of nodes) expect(n.h).toBeGreaterThanOrEqual(TITLE_ROW_PX + 4);
      expect(linesHeld(layout.nodes[mode === 'session' ? 'store' : 'jwks']!)).toBe(1);
    }
  });

  it('put four servers in one row at a 390 px phone, each with its status line (scale-out\u2019s "3 sessions in memory")', () => {
    // At 96 px a box, four servers wrapped to two rows there, and every node lost its lines.
    for (const mode of ['session', 'jwt'] as const) {
      // 362 px: the canvas of a 390 px phone's world.
      const layout = layoutStage({ mode, clients: revocationCluster(mode).clients, serverIds: ['server-1', 'server-2', 'server-3', 'server-4'] }, { width: 362, height: COMPACT_MIN_HEIGHT_PX });
      const servers = Object.values(layout.nodes).filter((n) => n.kind === 'server');
      expect(new Set(servers.map((n) => n.y)).size, mode).toBe(1);
      for (const n of servers) expect(linesHeld(n), `${n.id} (${mode})`).toBeGreaterThanOrEqual(1);
      expect(layout.height).toBe(COMPACT_MIN_HEIGHT_PX);
      for (const gap of rowGaps(Object.values(layout.nodes))) expect(gap).toBeGreaterThanOrEqual(22);
      // Side by side, in one row: no box overlaps the next.
      const xs = servers.map((n) => [n.x - n.w / 2, n.x + n.w / 2] as const).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < xs.length; i++) expect(xs[i]![0]).toBeGreaterThan(xs[i - 1]![1]);
      for (const n of servers) expect(n.w).toBeGreaterThanOrEqual(78);
    }
  });

  it('give a server\u2019s check chip a side off the box only where a row gap can hold it (rows of servers sit 4-8 px apart)', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `server-${i + 1}`);
    for (const count of [4, 5, 9, 12]) {
      const layout = layoutStage({ mode: 'jwt', clients: revocationCluster('jwt').clients, serverIds: ids(count) }, { width: 362, height: 600 });
      const servers = Object.values(layout.nodes).filter((n) => n.kind === 'server');
      const rows = [...new Set(servers.map((n) => n.y))].sort((a, b) => a - b);
      for (const n of servers) {
        const row = rows.indexOf(n.y);
        const expected = row === 0 ? 'above' : row === rows.length - 1 ? 'below' : undefined;
        expect(n.chipSide, `${count} servers, ${n.id} in row ${row + 1} of ${rows.length}`).toBe(expected);
      }
    }
    // Longer names get wider boxes: "server-10" (75 px in DejaVu Sans Bold) whole needs 9 px more than "server-4".
    const sixteen = layoutStage({ mode: 'jwt', clients: revocationCluster('jwt').clients, serverIds: ids(16) }, { width: 1256, height: 1100 });
    expect(sixteen.orientation).toBe('tall');
    for (const n of Object.values(sixteen.nodes).filter((n) => n.kind === 'server')) expect(n.w).toBeGreaterThanOrEqual(87);
  });

  it('keep the full rows wherever they fit (laptops, tablets, embeds are drawn as before)', () => {
    const full = layoutStage(revocationCluster('session'), { width: 600, height: 480 });
    expect(full.nodes.lb!.h).toBe(TITLE_ROW_PX + LINE_ROW_PX + 6);
    expect(linesHeld(full.nodes['server-1']!)).toBe(2);
    // The richer compact rows come first: a little more height shows more lines.
    const roomy = layoutStage(revocationCluster('jwt'), { width: 350, height: 300 });
    const tight = layoutStage(revocationCluster('jwt'), { width: 350, height: COMPACT_MIN_HEIGHT_PX });
    expect(linesHeld(roomy.nodes['server-1']!)).toBeGreaterThan(linesHeld(tight.nodes['server-1']!));
  });

  it('keep a second line for each browser where it can hold a refresh token, wherever the full rows fit', () => {
    // refresh-tokens on a phone: one world, three browsers (Mallory's copy of Alice's tokens among them).
    const cluster = { mode: 'jwt' as const, clients: [...revocationCluster('jwt').clients, { id: 'mallory', kind: 'attacker' as const }], serverIds: ['server-1', 'server-2', 'server-3'], storeShown: true };
    const size = { width: 374, height: 470 };
    const withRefresh = layoutStage({ ...cluster, clientLines: 2 }, size);
    expect(withRefresh.height).toBe(size.height); // still drawn whole
    for (const id of ['alice', 'bob', 'mallory']) expect(lineRoom(withRefresh.nodes[id]!), id).toBe(2);
    // Without refresh tokens a browser holds one credential: its box keeps one line, as before.
    expect(lineRoom(layoutStage(cluster, size).nodes.alice!)).toBe(1);
    // A canvas the full rows fit only without the second line keeps them, not the compact rows
    // (the balancer's and servers' lines) nor columns: those 15 px cost nothing else.
    for (const width of [374, 600]) {
      // The least height at which the full rows fit with one line a browser.
      let fullHeight = 200;
      const isFull = (l: ReturnType<typeof layoutStage>) => l.orientation === 'tall' && lineRoom(l.nodes.lb!) === 1;
      while (!isFull(layoutStage(cluster, { width, height: fullHeight }))) fullHeight++;
      const tight = layoutStage({ ...cluster, clientLines: 2 }, { width, height: fullHeight });
      expect([tight.orientation, tight.height], `${width} px`).toEqual(['tall', fullHeight]);
      expect(lineRoom(tight.nodes.lb!), `${width} px`).toBe(1);
      expect(lineRoom(tight.nodes.alice!), `${width} px`).toBe(1);
    }
  });

  it('say how high a stacked world must be: the most compact rows, the world\'s title and its frame', () => {
    const chromePx = 18 + 5 + 2; // title row, padding, border (layout.css's phone rules)
    expect(WORLD_MIN_HEIGHT_PX).toBeGreaterThanOrEqual(COMPACT_MIN_HEIGHT_PX + chromePx - 4);
    expect(twoWorldsFit({ width: 366, height: 2 * WORLD_MIN_HEIGHT_PX + 8 }, true)).toBe(true);
    expect(twoWorldsFit({ width: 366, height: 2 * WORLD_MIN_HEIGHT_PX }, true)).toBe(false);
    // An embed never stacks: side by side or one world.
    expect(twoWorldsFit({ width: 2 * WORLD_MIN_WIDTH_PX - 1, height: 2000 }, false)).toBe(false);
    expect(twoWorldsFit({ width: 2 * WORLD_MIN_WIDTH_PX, height: 300 }, false)).toBe(true);
  });
});

/**
 * A ResizeObserver that reports at once, with every element measuring `size` (the stage region is
 * the one that matters), but the world toggle's row 41 px high, and nothing hidden, as a browser measures them.
 */
function measureEverythingAs(size: { width: number; height: number }) {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private readonly report: () => void) {}
      observe() {
        this.report();
      }
      disconnect() {}
    },
  );
  const box = (width: number, height: number) => ({ x: 0, y: 0, top: 0, left: 0, right: width, bottom: height, width, height, toJSON: () => ({}) });
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    if (this.closest('[hidden]')) return box(0, 0);
    return this.classList.contains('world-toggle') ? box(size.width, 41) : box(size.width, size.height);
  });
}

async function app() {
  const store = createAppStore({ scenarioId: 'revocation', view: 'both', questionsOn: false });
  await store.getState().load();
  await act(async () => {
    render(<App store={store} />);
  });
  return store;
}

describe('the full app on a phone', () => {
  it('shows one world and a labelled toggle when two stacked would not be legible, and the caption still speaks for both', async () => {
    measureEverythingAs({ width: 360, height: 2 * WORLD_MIN_HEIGHT_PX - 40 });
    const store = await app();
    await act(() => store.getState().seek(BOB_REVOKED_MS));
    // The stage's code comes lazily: its first import took over the default second while an e2e run shared the machine.
    await waitFor(() => expect(document.querySelectorAll('.stage')).toHaveLength(1), { timeout: 10_000 });
    expect(document.querySelector('.stage-session')).not.toBeNull();
    const toggle = screen.getByRole('group', { name: 'World shown' });
    fireEvent.click(within(toggle).getByRole('button', { name: 'JWT' }));
    await waitFor(() => expect(document.querySelector('.stage-jwt')).not.toBeNull());
    expect(document.querySelector('.stage-session')).toBeNull();
    expect(within(toggle).getByRole('button', { name: 'JWT' }).getAttribute('aria-pressed')).toBe('true');
    const caption = screen.getByTestId('lesson-caption');
    expect(caption.textContent).toMatch(/Session: .*JWT: /);
  });

  it('puts on screen the world a question asks about, when one world is shown', async () => {
    measureEverythingAs({ width: 360, height: 2 * WORLD_MIN_HEIGHT_PX - 40 });
    const store = await app();
    await waitFor(() => expect(document.querySelector('.stage-session')).not.toBeNull());
    const question = store.getState().scenario!.questions!.find((q) => q.modes.length === 1 && q.modes[0] === 'jwt')!;
    act(() => store.setState({ question: { question, choiceId: null, result: null } }));
    await waitFor(() => expect(document.querySelector('.stage-jwt')).not.toBeNull());
    expect(document.querySelector('.stage-session')).toBeNull();
    // A question about both worlds leaves the one on screen alone.
    act(() => store.setState({ question: null }));
    act(() => store.setState({ question: { question: { ...question, id: 'about-both', modes: ['session', 'jwt'] }, choiceId: null, result: null } }));
    await act(async () => {});
    expect(document.querySelector('.stage-jwt')).not.toBeNull();
  });

  it('stacks both worlds when they fit', async () => {
    measureEverythingAs({ width: 366, height: 2 * WORLD_MIN_HEIGHT_PX + 8 });
    await app();
    await waitFor(() => expect(document.querySelectorAll('.stage')).toHaveLength(2));
    expect(screen.queryByRole('group', { name: 'World shown' })).toBeNull();
  });

  // A tablet's stylesheet puts two worlds side by side only where the page says so (is-side), judged on
  // the region: a window's media query counts its scrollbar, and a 700 px window's 668 px region put
  // two worlds of ~330 px side by side (review).
  it('marks the page side by side only where the region gives each world its width, stacked otherwise', async () => {
    measureEverythingAs({ width: 2 * WORLD_MIN_WIDTH_PX - 12, height: 2 * WORLD_MIN_HEIGHT_PX + 8 });
    await app();
    await waitFor(() => expect(document.querySelectorAll('.stage')).toHaveLength(2));
    expect(document.querySelector('.app')!.className.split(' ')).toEqual(expect.arrayContaining(['is-both']));
    expect(document.querySelector('.app')!.classList.contains('is-side')).toBe(false);
    cleanup();
    measureEverythingAs({ width: 2 * WORLD_MIN_WIDTH_PX, height: 300 });
    await app();
    await waitFor(() => expect(document.querySelector('.app')!.classList.contains('is-side')).toBe(true));
    expect(document.querySelectorAll('.stage')).toHaveLength(2);
  });

  it('folds the header into Options, which says whether it is open and what it opens', async () => {
    await app();
    const options = screen.getByRole('button', { name: 'Options' });
    expect(options.getAttribute('aria-expanded')).toBe('false');
    for (const id of options.getAttribute('aria-controls')!.split(' ')) expect(document.getElementById(id)).not.toBeNull();
    expect(document.getElementById('mode-field')!.contains(screen.getByLabelText('Mode'))).toBe(true);
    expect(within(document.getElementById('header-actions')!).getByRole('button', { name: 'Interventions' })).toBeTruthy();
    fireEvent.click(options);
    expect(options.getAttribute('aria-expanded')).toBe('true');
  });

  it('sizes the caption box by every caption of the lesson, unseen and unread', async () => {
    const store = await app();
    const sizers = document.querySelectorAll('.caption-sizer');
    const steps = lessonSteps(store.getState().scenario, ['session', 'jwt']);
    expect(sizers).toHaveLength(steps.length);
    for (const s of sizers) {
      expect(s.getAttribute('aria-hidden')).toBe('true');
      expect(s.closest('[aria-live]')).toBeNull();
    }
    expect([...sizers].map((s) => s.textContent)).toEqual(steps.map((st) => st.lines.map((l) => `${l.mode ? (l.mode === 'session' ? 'Session: ' : 'JWT: ') : ''}${l.text}`).join('')));
  });
});

/** Bob's logout-everywhere in the revocation lesson: one caption line per world. */
const BOB_REVOKED_MS = 30_001;
