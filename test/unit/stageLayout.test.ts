import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHIP_INSET, CHIP_R, FONT, borderPoint, edgeEnds, fitText, layoutStage, progressAt, textWidth, type NodeBox } from '../../src/ui/stage/layout';
import { dotPath } from '../../src/ui/stage/dotLayer';
import { SHAPES } from '../../src/ui/stage/dotSprites';
import { LB_TITLE } from '../../src/ui/stage/nodeStatus';
import { lineRoom } from '../../src/ui/stage/nodeLines';
import { hopRate, idleRate, sliderFromSpeed, speedFromSlider, clampSpeed, HOP_REAL_MS, SPEED_OCTAVES } from '../../src/store/clock';

const overlap = (a: NodeBox, b: NodeBox) => Math.abs(a.x - b.x) < (a.w + b.w) / 2 && Math.abs(a.y - b.y) < (a.h + b.h) / 2;

describe('stage layout', () => {
  it.each([
    ['wide', { width: 1200, height: 520 }],
    ['tall', { width: 600, height: 520 }],
    ['phone', { width: 370, height: 560 }],
    ['short embed', { width: 620, height: 250 }],
    ['embed under a long caption', { width: 620, height: 170 }],
    ['landscape phone', { width: 640, height: 135 }],
    ['short landscape phone, side by side', { width: 343, height: 144 }],
  ] as const)('never overlaps nodes and keeps them inside the stage (%s)', (_name, size) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom('session', 'jwt'), (servers, clients, mode) => {
        const layout = layoutStage(
          { mode: mode, clients: Array.from({ length: clients }, (_, i) => ({ id: `c${i}`, kind: 'browser' as const })), serverIds: Array.from({ length: servers }, (_, i) => `server-${i + 1}`) },
          size,
        );
        const boxes = Object.values(layout.nodes);
        for (const b of boxes) {
          expect(b.x - b.w / 2).toBeGreaterThanOrEqual(0);
          expect(b.x + b.w / 2).toBeLessThanOrEqual(layout.width);
          expect(b.y - b.h / 2).toBeGreaterThanOrEqual(0);
          expect(b.y + b.h / 2).toBeLessThanOrEqual(layout.height);
        }
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
      }),
    );
  });

  it('draws a short, wide canvas (a 640x400 embed) in columns, inside its height', () => {
    const layout = layoutStage({ mode: 'session', clients: [{ id: 'alice', kind: 'browser' }, { id: 'bob', kind: 'browser' }], serverIds: ['server-1', 'server-2', 'server-3'] }, { width: 620, height: 250 });
    expect(layout.orientation).toBe('wide');
    expect(layout.height).toBe(250);
    // A portrait canvas of the same width keeps its rows.
    expect(layoutStage({ mode: 'session', clients: [{ id: 'alice', kind: 'browser' }], serverIds: ['server-1'] }, { width: 620, height: 600 }).orientation).toBe('tall');
  });

  it('closes a column\'s rows up before its boxes lose their state line (scale-out in a 640x400 embed: 612x205)', () => {
    const clients = ['alice', 'bob', 'carol'].map((id) => ({ id, kind: 'browser' as const }));
    const serverIds = ['server-1', 'server-2', 'server-3', 'server-4'];
    const layout = layoutStage({ mode: 'session', clients, serverIds }, { width: 612, height: 205 });
    const servers = serverIds.map((id) => layout.nodes[id]!);
    // With the full 10 px gaps each server said only its name, "4 in memory" nowhere.
    for (const box of servers) expect(lineRoom(box)).toBe(1);
    // Each check chip (r 11, a 2 px rim) sits low enough to clear the box above by 2 px: at its usual
    // place, 4 px inside the corner, its rim lay on the border of the box above.
    for (let i = 1; i < servers.length; i++) {
      const chipTop = servers[i]!.y - servers[i]!.h / 2 + CHIP_INSET + (servers[i]!.chipDrop ?? 0) - CHIP_R - 1;
      expect(chipTop - (servers[i - 1]!.y + servers[i - 1]!.h / 2)).toBeGreaterThanOrEqual(2);
    }
    expect(layout.height).toBe(205);
  });

  it('folds browsers into the crowd past what a short column holds (a landscape phone\u2019s one world, 650x140)', () => {
    const clients = Array.from({ length: 40 }, (_, i) => ({ id: `user-${String(i + 1).padStart(2, '0')}`, kind: 'browser' as const }));
    const layout = layoutStage({ mode: 'session', clients, serverIds: ['server-1', 'server-2'] }, { width: 650, height: 140 });
    expect(layout.orientation).toBe('wide');
    // Six client rows took 208 px: the world scrolled, its second server under the edge.
    expect(layout.height).toBe(140);
    const shown = Object.values(layout.nodes).filter((n) => n.kind === 'browser');
    expect(shown.map((n) => n.id)).toEqual(['user-01', 'user-02', 'crowd']);
    expect(Object.keys(layout.alias)).toHaveLength(38);
  });

  it('fits four servers in a landscape phone’s short world (667x400: 135 px), its rows closer, a check chip still clear of the box above', () => {
    const clients = Array.from({ length: 40 }, (_, i) => ({ id: `user-${String(i + 1).padStart(2, '0')}`, kind: 'browser' as const }));
    const serverIds = ['server-1', 'server-2', 'server-3', 'server-4'];
    const layout = layoutStage({ mode: 'session', clients, serverIds }, { width: 640, height: 135 });
    // It drew them in 144 px (in 140 at the least, had they fitted), and the world scrolled.
    expect(layout.height).toBe(135);
    const servers = serverIds.map((id) => layout.nodes[id]!);
    for (const box of servers) expect(box.h).toBeGreaterThanOrEqual(22);
    // The chip rises 7 px above its box's top (r 11, centred 4 px inside).
    for (let i = 1; i < servers.length; i++) expect(servers[i]!.y - servers[i]!.h / 2 - (servers[i - 1]!.y + servers[i - 1]!.h / 2)).toBeGreaterThanOrEqual(7);
    // A taller world keeps the full gaps.
    const roomy = layoutStage({ mode: 'session', clients, serverIds }, { width: 640, height: 200 });
    expect(roomy.nodes['server-2']!.y - roomy.nodes['server-2']!.h / 2 - (roomy.nodes['server-1']!.y + roomy.nodes['server-1']!.h / 2)).toBe(10);
  });

  it('fits two worlds side by side on a short landscape phone (734x343: 343x144 each), the rows closer, a check chip still clear of the box above', () => {
    const layout = layoutStage({ mode: 'session', clients: [{ id: 'alice', kind: 'browser' }, { id: 'bob', kind: 'browser' }], serverIds: ['server-1', 'server-2', 'server-3'] }, { width: 343, height: 144 });
    // The most compact rows took 166 px: the store stood under the world's edge.
    expect(layout.height).toBe(144);
    const [lb, server, store] = [layout.nodes.lb!, layout.nodes['server-1']!, layout.nodes.store!];
    expect(server.y - server.h / 2 - (lb.y + lb.h / 2)).toBeGreaterThanOrEqual(10);
    expect(store.y - store.h / 2 - (server.y + server.h / 2)).toBeGreaterThanOrEqual(10);
  });

  it('draws five servers in one row where their columns would not fit (microservices at 734x343: 706x144)', () => {
    const serverIds = ['server-1', 'server-2', 'server-3', 'server-4', 'server-5'];
    const layout = layoutStage({ mode: 'jwt', clients: [{ id: 'alice', kind: 'browser' }, { id: 'bob', kind: 'browser' }], serverIds }, { width: 706, height: 144 });
    // Columns took 161 px, two servers under the edge.
    expect(layout.height).toBe(144);
    expect(layout.orientation).toBe('tall');
    expect(new Set(serverIds.map((id) => layout.nodes[id]!.y)).size).toBe(1);
    // Where columns fit, they are still the choice (640x400's embed).
    expect(layoutStage({ mode: 'jwt', clients: [{ id: 'alice', kind: 'browser' }], serverIds }, { width: 706, height: 180 }).orientation).toBe('wide');
  });

  it('puts the store in the session world and the key set in the JWT world', () => {
    const input = { clients: [{ id: 'alice', kind: 'browser' as const }], serverIds: ['server-1'] };
    const size = { width: 1200, height: 500 };
    expect(Object.keys(layoutStage({ ...input, mode: 'session' }, size).nodes)).toEqual(['alice', 'lb', 'server-1', 'store']);
    expect(Object.keys(layoutStage({ ...input, mode: 'jwt' }, size).nodes)).toEqual(['alice', 'lb', 'server-1', 'jwks']);
  });

  it('draws the store in the JWT world only while something uses it, with edges to it', () => {
    const input = { mode: 'jwt' as const, clients: [{ id: 'alice', kind: 'browser' as const }], serverIds: ['server-1', 'server-2'] };
    const unused = layoutStage(input, { width: 600, height: 500 });
    expect(unused.nodes.store).toBeUndefined();
    expect(unused.edges.some(([, to]) => to === 'store')).toBe(false);
    const used = layoutStage({ ...input, storeShown: true }, { width: 600, height: 500 });
    expect(used.nodes.store).toBeDefined();
    expect(used.edges.filter(([, to]) => to === 'store')).toHaveLength(2);
  });

  it('draws 1:1 in the size it is given, lays columns out left to right and narrow stages top to bottom', () => {
    const input = { mode: 'session' as const, clients: [{ id: 'alice', kind: 'browser' as const }], serverIds: ['server-1'] };
    const wide = layoutStage(input, { width: 1200, height: 500 });
    expect([wide.width, wide.height]).toEqual([1200, 500]);
    expect(wide.nodes.alice!.x).toBeLessThan(wide.nodes.store!.x);
    const tall = layoutStage(input, { width: 500, height: 520 });
    expect(tall.nodes.alice!.y).toBeLessThan(tall.nodes.store!.y);
  });

  it('folds browsers into the crowd node past what a row holds with their names whole (a phone showed "us…")', () => {
    const clients = Array.from({ length: 40 }, (_, i) => ({ id: `user-${String(i + 1).padStart(2, '0')}`, kind: 'browser' as const }));
    for (const width of [300, 360, 374, 600, 1200]) {
      const layout = layoutStage({ mode: 'session', clients, serverIds: ['server-1', 'server-2'] }, { width, height: 700 });
      const shown = Object.values(layout.nodes).filter((n) => n.kind === 'browser');
      // Every browser box holds "user-01" whole: the name, not a stub of it.
      for (const box of shown) expect(fitText(['user-01'], box.w - 12, FONT.title, true), `${width} px`).toBe('user-01');
      // Nobody is lost: the crowd stands for exactly the browsers not drawn one by one.
      expect(Object.keys(layout.alias).length + shown.length - 1, `${width} px`).toBe(clients.length);
      expect(shown.length, `${width} px`).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives the crowd a box its line reads whole in ("logged in: 38", 79 px in Chromium\'s stage font): an 800x600 embed\'s 82 px read "+37" over "37 of 37"', () => {
    const clients = Array.from({ length: 40 }, (_, i) => ({ id: `user-${String(i + 1).padStart(2, '0')}`, kind: 'browser' as const }));
    // An 800x600 embed's world (388 px), a phone's (374), a laptop's side by side (620) and a tablet's (750).
    for (const width of [374, 388, 620, 750]) {
      const layout = layoutStage({ mode: 'session', clients, serverIds: ['server-1', 'server-2'] }, { width, height: 700 });
      expect(layout.nodes.crowd!.w - 12, `${width} px`).toBeGreaterThanOrEqual(79);
    }
    // A laptop's world keeps five browsers one by one beside the crowd.
    const laptop = layoutStage({ mode: 'session', clients, serverIds: ['server-1', 'server-2'] }, { width: 620, height: 700 });
    expect(Object.values(laptop.nodes).filter((n) => n.kind === 'browser')).toHaveLength(6);
    // Four browsers, no crowd: they keep the row as they did, each whole.
    const four = layoutStage({ mode: 'session', clients: clients.slice(0, 4), serverIds: ['server-1', 'server-2'] }, { width: 388, height: 700 });
    expect(Object.values(four.nodes).filter((n) => n.kind === 'browser')).toHaveLength(4);
  });

  it('draws the balancer\'s title whole in columns (an 800 px frame read "Load bala…")', () => {
    for (const width of [620, 776, 800, 900, 1024, 1280]) {
      const layout = layoutStage({ mode: 'session', clients: [{ id: 'alice', kind: 'browser' }, { id: 'bob', kind: 'browser' }], serverIds: ['server-1', 'server-2', 'server-3'] }, { width, height: width === 620 ? 250 : 480 });
      expect(layout.orientation).toBe('wide');
      // NodeView leaves 6 px each side of a title.
      expect(fitText([LB_TITLE], layout.nodes.lb!.w - 12, FONT.title, true)).toBe(LB_TITLE);
    }
  });

  it('shortens text to its box instead of shrinking it', () => {
    expect(fitText(["alice's browser", 'alice'], 200, 14, true)).toBe("alice's browser");
    expect(fitText(["alice's browser", 'alice'], 60, 14, true)).toBe('alice');
    const cut = fitText(['wristband: sid 6RDscp…'], 60, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(60);
  });

  it('starts and ends messages on the borders of the boxes', () => {
    const box: NodeBox = { id: 'a', kind: 'lb', x: 100, y: 100, w: 40, h: 20 };
    expect(borderPoint(box, { x: 300, y: 100 })).toEqual({ x: 120, y: 100 });
    expect(borderPoint(box, { x: 100, y: 0 })).toEqual({ x: 100, y: 90 });
  });

  it('places a message by its own send and receive times', () => {
    expect(progressAt({ sendTimeMs: 100, recvTimeMs: 140 }, 120)).toBe(0.5);
    expect(progressAt({ sendTimeMs: 100, recvTimeMs: 140 }, 50)).toBe(0);
    expect(progressAt({ sendTimeMs: 100, recvTimeMs: 140 }, 500)).toBe(1);
  });
});

describe('playback clock', () => {
  it('slows down so the shortest visible hop takes HOP_REAL_MS at 1x', () => {
    const rate = hopRate([{ sendTimeMs: 0, recvTimeMs: 2 }, { sendTimeMs: 0, recvTimeMs: 40 }], 1, 1)!;
    expect(2 / rate).toBeCloseTo(HOP_REAL_MS);
    expect(hopRate([{ sendTimeMs: 10, recvTimeMs: 20 }], 5, 1)).toBeNull();
    expect(idleRate(1000, 2)).toBeGreaterThan(idleRate(1000, 1));
  });

  it('maps the speed slider onto 0.25x..16x on a log scale, clamping nonsense', () => {
    expect(speedFromSlider(0)).toBeCloseTo(0.25);
    expect(speedFromSlider(1)).toBeCloseTo(16);
    expect(speedFromSlider(0.5)).toBeCloseTo(2);
    expect(sliderFromSpeed(2)).toBeCloseTo(0.5);
    expect(clampSpeed(1000)).toBe(16);
    expect(clampSpeed(Number.NaN)).toBe(1);
  });

  it('gives each of the slider\'s steps as the exact power of two it stands for', () => {
    const steps = Array.from({ length: SPEED_OCTAVES + 1 }, (_, i) => speedFromSlider(i / SPEED_OCTAVES));
    expect(steps).toEqual([0.25, 0.5, 1, 2, 4, 8, 16]);
  });
});

describe('edges in columns', () => {
  // microservices in an 800x600 embed: aimed at the centres, the balancer's lines to the top and bottom
  // services ran under the next ones, and their key-set lines ended behind boxes.
  const layout = layoutStage({ mode: 'jwt', clients: [{ id: 'alice', kind: 'browser' }, { id: 'bob', kind: 'browser' }], serverIds: ['server-1', 'server-2', 'server-3', 'server-4', 'server-5'] }, { width: 788, height: 410 });
  const inside = (p: { x: number; y: number }, b: NodeBox) => Math.abs(p.x - b.x) < b.w / 2 - 0.5 && Math.abs(p.y - b.y) < b.h / 2 - 0.5;

  it('meet each box at the middle of its facing side and cross no other box', () => {
    expect(layout.orientation).toBe('wide');
    const { lb, 'server-1': top } = layout.nodes;
    expect(edgeEnds(lb!, top!).end).toEqual({ x: top!.x - top!.w / 2, y: top!.y });
    for (const [from, to] of layout.edges) {
      const { start, end } = edgeEnds(layout.nodes[from]!, layout.nodes[to]!);
      const others = Object.values(layout.nodes).filter((b) => b.id !== from && b.id !== to);
      for (let i = 0; i <= 50; i++) {
        const p = { x: start.x + ((end.x - start.x) * i) / 50, y: start.y + ((end.y - start.y) * i) / 50 };
        for (const b of others) expect(inside(p, b), `${from}->${to} crosses ${b.id}`).toBe(false);
      }
    }
  });

  it('carry a dot that leaves and arrives clear of both boxes, on the steep edges to the top and bottom services too', () => {
    const half = SHAPES.jwt;
    const overlaps = (p: { x: number; y: number }, b: NodeBox) => Math.abs(p.x - b.x) < b.w / 2 + half.hw - 0.5 && Math.abs(p.y - b.y) < b.h / 2 + half.hh - 0.5;
    // The browsers' and the balancer's edges: long enough that no end gives up its quarter (a short one may touch a box).
    for (const [from, to] of layout.edges.filter(([, to]) => to === 'lb' || to.startsWith('server'))) {
      const [a, b] = [layout.nodes[from]!, layout.nodes[to]!];
      const { start, end } = dotPath(a, b, half);
      expect(overlaps(start, a), `${from}->${to} leaves over ${from}`).toBe(false);
      expect(overlaps(end, b), `${from}->${to} arrives over ${to}`).toBe(false);
    }
  });
});
