// A node's title is drawn at its real size and shortened to its box; a server keeps room for its
// check chip on the top-right corner. At 360 px wide a server box is ~106 px: centred on the box
// with the chip's room taken from both sides, every title read "serve…" and the servers could not
// be told apart.
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios';
import { loadScenario } from '../../src/scenarios/run';
import { snapshot } from '../../src/store/snapshot';
import { NodeView, siblingTitleForms } from '../../src/ui/stage/NodeView';
import { FONT, layoutStage, textWidth } from '../../src/ui/stage/layout';
import { browserTitles, nodeStatus, serverShortTitles, type NodeStatus } from '../../src/ui/stage/nodeStatus';

afterEach(cleanup);

function drawn(kind: 'server' | 'browser' | 'lb' | 'jwks' | 'store', w: number, status: Partial<NodeStatus> = {}, chipSide?: 'above' | 'below', h = 50) {
  const full: NodeStatus = { title: kind === 'server' ? 'server-1' : 'user-01', lines: ['2 in flight'], down: false, flash: { ok: true, text: 'lookup ✓' }, ...status };
  const { container } = render(
    <svg>
      <NodeView box={{ id: full.title, kind, x: 0, y: 0, w, h, ...(chipSide ? { chipSide } : {}) }} status={full} selected={false} onSelect={null} />
    </svg>,
  );
  const title = container.querySelector('.node-title')!;
  const chip = container.querySelector('.hologram');
  return { text: title.textContent, x: Number(title.getAttribute('x') ?? 0), chip, lines: [...container.querySelectorAll('.node-line')].map((l) => l.textContent) };
}

describe('node titles', () => {
  it('a box with no room for a line says it after the title where both fit (a phone\u2019s balancer, made sticky)', () => {
    const lb = { title: 'Load balancer', lines: ['sticky'], flash: null };
    expect(drawn('lb', 260, lb, undefined, 30)).toMatchObject({ text: 'Load balancer: sticky', lines: [] });
    expect(drawn('lb', 200, lb)).toMatchObject({ text: 'Load balancer', lines: ['sticky'] });
    // Too narrow for both: the title alone, as before.
    expect(drawn('lb', 150, lb, undefined, 30)).toMatchObject({ text: 'Load balancer', lines: [] });
  });

  it('there, a line too long to follow the title follows it in fewer words (scale-out\u2019s unused store, on a landscape phone)', () => {
    const store = { title: 'Session store', lines: ['unused (server memory)'], shortLines: [['unused']], flash: null };
    expect(drawn('store', 240, store, undefined, 30)).toMatchObject({ text: 'Session store: unused', lines: [] });
    // With room for its line, the line says it whole.
    expect(drawn('store', 240, store)).toMatchObject({ text: 'Session store', lines: ['unused (server memory)'] });
  });

  // Learner review: at 844x390, side by side, stolen-credential's "Alice logs out" stood over a box
  // reading "alice's browser" alone, and token-size's over no byte count at all.
  it('a title-only browser says its line after its name, shortened, where its full title and the line do not fit together', () => {
    const alice = { ...browserTitles('alice'), lines: ['not logged in'], flash: null };
    // (Measured here erring wide, a bold letter 0.68 em: 230 px stands for the ~190 px box a canvas measures.)
    expect(drawn('browser', 230, alice, undefined, 30)).toMatchObject({ text: 'alice: not logged in', lines: [] });
    const badge = { ...browserTitles('alice'), lines: ['cookie: a signed JWT, 2669 B'], shortLines: [['signed JWT, 2669 B', 'JWT, 2669 B', 'signed JWT']], flash: null };
    expect(drawn('browser', 230, badge, undefined, 30).text).toMatch(/^alice: (signed )?JWT, 2669 B$/);
    // Its name alone, however wide, as every browser of the row says it ("alice's browser: …" beside "bob: …" mixed two forms);
    // with a line's room, the line goes under the full title.
    expect(drawn('browser', 400, alice, undefined, 30).text).toBe('alice: not logged in');
    expect(drawn('browser', 190, alice)).toMatchObject({ text: "alice's browser", lines: ['not logged in'] });
  });

  // Learner review: at 844x390, stale-claims' JWT world read "bob: still says "user"" beside "alice's browser" alone, her stale "admin" unseen.
  it('a stale badge too long to follow the name says it in one word: "alice: stale "admin""', async () => {
    const driver = await loadScenario(SCENARIOS.find((x) => x.id === 'stale-claims')!, 'jwt');
    await driver.runUntil(10_000);
    const status = nodeStatus(snapshot(driver.state), 'alice');
    expect(drawn('browser', 215, status, undefined, 30).text).toBe('alice: stale "admin"');
    expect(drawn('browser', 280, status, undefined, 30).text).toBe('alice: still says "admin"');
  });

  it('a store down says so after its title where its line does not fit (store-outage on a landscape phone said "Session store" alone)', async () => {
    for (const mode of ['session', 'jwt'] as const) {
      const driver = await loadScenario(SCENARIOS.find((x) => x.id === 'store-outage')!, mode);
      await driver.runUntil(8_600);
      const world = snapshot(driver.state);
      expect(world.store.up, mode).toBe(false);
      const status = nodeStatus(world, 'store');
      // 844x390: the session store's box is 240 px wide.
      expect(drawn('store', 240, status, undefined, 30).text, mode).toBe(`${status.title}: DOWN`);
      // With room, its words say more than the state.
      expect(drawn('store', 480, status, undefined, 30).text, mode).toMatch(new RegExp(`^${status.title.replace(/[()]/g, '\\$&')}: DOWN: .+`));
    }
  });

  const POLICIES = ['round-robin', 'random', 'least-connections', 'sticky'];
  it.each([
    ['390 px', 362, POLICIES],
    // Without a canvas, text is measured erring wide (0.68 em a bold letter): here only the longest, from the interventions panel, does not fit.
    ['360 px', 332, POLICIES.filter((p) => p !== 'least-connections')],
  ])('a phone\u2019s compact balancer (%s) says the routing policy after its title', (_phone, width, policies) => {
    // Two stacked worlds: the compact rows, whose balancer has no line of its own.
    const layout = layoutStage({ mode: 'session', clients: ['alice', 'bob', 'carol'].map((id) => ({ id, kind: 'browser' as const })), serverIds: ['server-1', 'server-2', 'server-3', 'server-4'] }, { width, height: 250 });
    const box = layout.nodes.lb!;
    for (const policy of policies) {
      const lb = drawn('lb', box.w, { title: 'Load balancer', lines: [policy], flash: null }, undefined, box.h);
      expect(lb).toMatchObject({ text: `Load balancer: ${policy}`, lines: [] });
    }
  });

  it('a narrow server box (a 360 px phone) shows its whole name, left of its check chip', () => {
    const server = drawn('server', 106);
    expect(server.text).toBe('server-1');
    expect(server.chip).not.toBeNull();
    expect(server.x).toBeLessThan(0);
  });

  it('a server box that holds its name only across its whole width (four in a phone\u2019s row) shows it whole, its check chip above or below the corner where the layout leaves a gap', () => {
    // The estimate without a canvas: "server-1" at 14 px bold is ~76 px. Beside the chip it needs a ~99 px box.
    const chipY = (d: ReturnType<typeof drawn>) => Number(d.chip!.getAttribute('transform')!.match(/translate\([-\d.]+, ([-\d.]+)\)/)![1]);
    const above = drawn('server', 90, {}, 'above');
    expect([above.text, above.x]).toEqual(['server-1', 0]);
    // Its circle (r 11) ends above the title's letters (the box's top is at -25; the title's baseline at -7, its capitals from about -17).
    expect(chipY(above) + 11).toBeLessThanOrEqual(-25 + 4);
    const below = drawn('server', 90, {}, 'below');
    expect(below.text).toBe('server-1');
    expect(chipY(below) - 11).toBeGreaterThanOrEqual(25 - 4);
    // No gap for it (a middle row of servers, 4-8 px from the next): the name is shortened beside the chip, which stays on the corner.
    const none = drawn('server', 90);
    expect(none.text).toMatch(/…$/);
    expect(chipY(none)).toBe(-21);
    // Where the name fits beside the chip, the chip stays on the corner.
    expect(chipY(drawn('server', 106, {}, 'above'))).toBe(-21);
  });

  it('a server\u2019s sessions line in a box of ~80 px says "1 session" rather than cut "1 in memory"', () => {
    const status = { title: 'server-1', lines: ['1 session in memory'], shortLines: [['1 in memory', '1 session']], flash: null };
    expect(drawn('server', 81, status).lines).toEqual(['1 session']);
    expect(drawn('server', 110, status).lines).toEqual(['1 in memory']);
  });

  it('the crowd of browsers says how many of them are logged in; in a narrow box (an 800x600 embed: ~80 px) "+35" over "15 of 35", not "+35 m…" over "15 logge…"', async () => {
    // The load lesson at 3 s: "Twenty users log in", the second twenty not yet there.
    const driver = await loadScenario(SCENARIOS.find((x) => x.id === 'load')!, 'session');
    await driver.runUntil(3_000);
    const world = snapshot(driver.state);
    const folded = world.clients.slice(5).map((c) => c.id);
    expect(folded).toHaveLength(35);
    const crowd = { ...nodeStatus(world, 'crowd', folded), flash: null };
    expect(drawn('browser', 80, crowd)).toMatchObject({ text: '+35', lines: ['15 of 35'] });
    expect(drawn('browser', 200, crowd)).toMatchObject({ text: '35 more browsers', lines: ['logged in: 15 of 35'] });
    // A laptop's six boxes in a row: what the 15 are stays ("+35 more" over "15 of 35" said nothing of it),
    // and out of how many ("logged in: 15" read as the world's logins, which the caption said were twenty).
    expect(drawn('browser', 110, crowd)).toMatchObject({ lines: ['in: 15 of 35'] });
  });

  it('the key set in a narrow box (a 640x400 embed: 122 px) says "Key set", not "Key set (JW…"', async () => {
    const driver = await loadScenario(SCENARIOS.find((x) => x.id === 'revocation')!, 'jwt');
    const keySet = { ...nodeStatus(snapshot(driver.state), 'jwks'), lines: [], flash: null };
    expect(drawn('jwks', 122, keySet).text).toBe('Key set');
    expect(drawn('jwks', 220, keySet).text).toBe('Key set (JWKS)');
  });

  it('a title that fits centred stays centred: a wide server box, and other nodes', () => {
    expect(drawn('server', 200)).toMatchObject({ text: 'server-1', x: 0 });
    expect(drawn('browser', 106)).toMatchObject({ text: 'user-01', x: 0 });
  });

  it('a box too narrow for the name still shortens it, never shrinks it', () => {
    expect(drawn('server', 70).text).toMatch(/…$/);
  });

  it('a status line too long for a narrow box is said in fewer words, not cut to "wristband:…"', () => {
    const holding = { lines: ['wristband: sid 3fA9k2…'], shortLines: [['sid 3fA9k2…']], flash: null };
    // Five browsers and the crowd side by side in a 1280 px world: boxes of ~90-100 px.
    expect(drawn('browser', 100, holding).lines).toEqual(['sid 3fA9k2…']);
    expect(drawn('browser', 200, holding).lines).toEqual(['wristband: sid 3fA9k2…']);
    // Without fewer words, still cut to the box.
    expect(drawn('browser', 100, { lines: ['wristband: sid 3fA9k2…'], flash: null }).lines[0]).toMatch(/^wristband.*…$/);
  });

  // A phone's two stacked worlds (390x844: canvases of 362x226) after adding servers: nine cut the
  // store ~27 px off the world's foot and read "serv…" in the middle row; twelve cut it ~57 px.
  it.each([9, 12])('a phone\u2019s world of %i servers fits its canvas, every server named whole in one form and the key set with its key', async (count) => {
    const driver = await loadScenario(SCENARIOS.find((x) => x.id === 'stolen-credential')!, 'jwt');
    await driver.runUntil(20_000);
    const world = snapshot(driver.state);
    const serverIds = Array.from({ length: count }, (_, i) => `server-${i + 1}`);
    const layout = layoutStage({ mode: 'jwt', clients: [{ id: 'alice', kind: 'browser' }, { id: 'mallory', kind: 'attacker' }], serverIds }, { width: 362, height: 226 });
    expect(layout.height).toBeLessThanOrEqual(226);
    const servers = serverIds.map((id) => ({ box: layout.nodes[id]!, status: { title: id, short: serverShortTitles(id), lines: ['0 in flight'], down: false, flash: { ok: true, text: 'signature ✓' } } }));
    const forms = siblingTitleForms(servers.map((s) => s.box));
    const titles = servers.map(({ box, status }) => {
      const { container } = render(<svg><NodeView box={box} status={status} firstTitle={forms.get(box.id)} selected={false} onSelect={null} /></svg>);
      return container.querySelector('.node-title')!.textContent;
    });
    expect(titles).toEqual(serverIds.map((id) => id.replace('server-', 'srv-')));
    const keySet = layout.nodes.jwks!;
    const keySetStatus = { ...nodeStatus(world, 'jwks'), flash: null };
    expect(keySetStatus.lines[0]).toBe('public key: k1');
    const { text, lines } = drawn('jwks', keySet.w, keySetStatus, undefined, keySet.h);
    expect(count === 9 ? [text, ...lines] : [text]).toEqual(count === 9 ? ['Key set (JWKS)', 'public key: k1'] : ['Key set: public key: k1']);
  });

  it('browsers side by side take one form of title: "alice" beside "bob", not beside "bob\u2019s browser" where only the longer name had to be shortened (800 px)', () => {
    // Wide enough for "bob's browser" whole, not for "alice's browser".
    const w = Math.ceil(textWidth("bob's browser", FONT.title, true)) + 12 + 1;
    expect(textWidth("alice's browser", FONT.title, true) + 12).toBeGreaterThan(w);
    const boxes = ['alice', 'bob'].map((id, i) => ({ id, kind: 'browser' as const, x: i * (w + 10), y: 0, w, h: 50 }));
    const forms = siblingTitleForms(boxes);
    const titles = boxes.map((box) => {
      const status = { ...browserTitles(box.id), lines: ['not logged in'], down: false, flash: null };
      const { container } = render(<svg><NodeView box={box} status={status} firstTitle={forms.get(box.id)} selected={false} onSelect={null} /></svg>);
      return container.querySelector('.node-title')!.textContent;
    });
    expect(titles).toEqual(['alice', 'bob']);
    // Where both fit, both whole.
    expect([...siblingTitleForms(boxes.map((b) => ({ ...b, w: 300 }))).values()]).toEqual([0, 0]);
  });

  it("a narrow server box keeps what its sessions line counts: \"3 in memory\", not \"3 sessions in mem…\"", async () => {
    // Scale-out's session world, four servers holding sessions in memory (1280 px: boxes of ~110 px).
    const driver = await loadScenario(SCENARIOS.find((x) => x.id === 'scale-out')!, 'session');
    await driver.runUntil(9_000);
    const world = snapshot(driver.state);
    const status = nodeStatus(world, 'server-1');
    expect(status.lines[0]).toMatch(/^\d+ sessions? in memory$/);
    const count = status.lines[0]!.split(' ')[0];
    expect(drawn('server', 110, { ...status, flash: null }).lines[0]).toBe(`${count} in memory`);
    expect(drawn('server', 220, { ...status, flash: null }).lines[0]).toBe(status.lines[0]);
  });
});

// A11y review: a focused store's accessible name changed 93 times in 15 s at 16x ("Session store:
// 17 sessions, 2 queued, up. Inspect."), and screen readers read each change of the focused name.
describe('an inspectable node\'s name', () => {
  it('holds still as its status changes, which it gives as its description; down is part of the name', () => {
    const node = (lines: string[], down = false) => (
      <svg>
        <NodeView box={{ id: 'store', kind: 'store', x: 0, y: 0, w: 200, h: 60 }} status={{ title: 'Session store', lines, down, flash: null }} selected={false} onSelect={() => {}} />
      </svg>
    );
    const { container, rerender } = render(node(['17 sessions', '2 queued']));
    const named = () => [container.querySelector('g[role=button] > title')?.textContent, container.querySelector('g[role=button] > desc')?.textContent];
    expect(named()).toEqual(['Session store. Inspect.', '17 sessions, 2 queued']);
    rerender(node(['18 sessions', '0 queued']));
    expect(named()).toEqual(['Session store. Inspect.', '18 sessions, 0 queued']);
    rerender(node(['DOWN: 18 sessions'], true));
    expect(named()[0]).toBe('Session store (down). Inspect.');
  });
});
