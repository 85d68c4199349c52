import { expect, test, type Locator, type Page } from '@playwright/test';
import { CATALOG } from '../../src/scenarios/catalog';
import { edgeShade } from './support/edgeShade';
import { titlesCut } from './support/picker';
import { measureStages } from './support/stages';

// A lesson on a phone, as a learner gets it on the first screen, without scrolling: the caption
// whole (every line, both worlds, and what just happened, never cut with an ellipsis), both
// worlds' clusters legible (text 11 px or more, no label over another, no node cut off), and Play
// within reach. Walked through every key moment of the revocation lesson. Where two stacked worlds
// cannot be legible (360x740: the caption and the controls leave 200 px a world, and the most
// compact cluster needs 244), one world is drawn whole, with a labelled toggle, and the caption
// still speaks for both.

interface FirstScreen {
  scrollY: number;
  caption: { top: number; bottom: number; cut: string[] };
  worlds: { world: string; top: number; bottom: number; left: number; right: number }[];
}

/** What the first screen shows: the caption's box and whether any of its text is cut, and where the worlds are. */
function firstScreen(page: Page): Promise<FirstScreen> {
  return page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('.caption')!;
    const r = box.getBoundingClientRect();
    // Cut: the box scrolls (lines below its edge), or a line is cut short on the right (an ellipsis).
    const cut: string[] = [];
    if (box.scrollHeight > box.clientHeight + 1) cut.push(`the caption box scrolls (${box.scrollHeight} > ${box.clientHeight} px)`);
    for (const line of box.querySelectorAll<HTMLElement>('.caption-lesson .caption-line, .caption-now'))
      if (line.scrollWidth > line.clientWidth + 1) cut.push(`"${line.textContent}" is cut on the right`);
    return {
      scrollY: window.scrollY,
      caption: { top: r.top, bottom: r.bottom, cut },
      worlds: [...document.querySelectorAll<HTMLElement>('.stage')].map((s) => {
        const b = s.getBoundingClientRect();
        return { world: s.className, top: b.top, bottom: b.bottom, left: b.left, right: b.right };
      }),
    };
  });
}

async function expectWholeFirstScreen(page: Page, viewport: Phone, moment: string) {
  const play = page.getByRole('button', { name: /^(Play|Pause)$/ });
  await expect(play, `${moment}: Play within reach`).toBeInViewport({ ratio: 1 });
  // Nodes glide to their places when the stage is measured: judge where they come to rest.
  await expect.poll(async () => (await measureStages(page)).reduce((n, s) => n + s.clippedNodes + s.overlaps.length, 0), { message: `${moment}: nodes cut off or labels overlapping`, timeout: 10_000 }).toBe(0);
  const screen = await firstScreen(page);
  expect(screen.scrollY, `${moment}: the page has not scrolled`).toBe(0);
  expect(screen.caption.cut, `${moment}: caption cut`).toEqual([]);
  expect(screen.caption.top, `${moment}: caption top`).toBeGreaterThanOrEqual(0);
  expect(screen.caption.bottom, `${moment}: caption bottom`).toBeLessThanOrEqual(viewport.height);
  const drawn = viewport.worlds === 2 ? ['stage-session', 'stage-jwt'] : [viewport.shown ?? 'stage-session'];
  expect(screen.worlds.map((w) => w.world), `${moment}: worlds drawn`).toEqual(drawn.map((w) => expect.stringContaining(w)));
  if (viewport.worlds === 1) await expect(page.getByRole('group', { name: 'World shown' }), `${moment}: the other world is one press away`).toBeInViewport({ ratio: 1 });
  for (const w of screen.worlds) {
    expect(w.top, `${moment}: ${w.world} below the caption`).toBeGreaterThanOrEqual(screen.caption.bottom);
    expect(w.bottom, `${moment}: ${w.world} above the fold`).toBeLessThanOrEqual(viewport.height + 0.5);
    expect(w.left).toBeGreaterThanOrEqual(0);
    expect(w.right).toBeLessThanOrEqual(viewport.width + 0.5);
  }
  for (const s of await measureStages(page)) {
    expect(s.hiddenShare, `${moment}: ${s.world} hidden share`).toBeLessThanOrEqual(0.001);
    expect(s.minFontPx, `${moment}: ${s.world} smallest stage text`).toBeGreaterThanOrEqual(11);
  }
}

async function ready(page: Page) {
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(page.locator('.stage .node').first()).toBeVisible();
}

interface Phone {
  width: number;
  height: number;
  /** How many worlds the first screen draws; with one, which (the toggle's choice). */
  worlds: 1 | 2;
  shown?: string;
}
const PHONES: Phone[] = [
  { width: 390, height: 844, worlds: 2 },
  { width: 360, height: 740, worlds: 1, shown: 'stage-session' },
  // Landscape: the worlds side by side under one row of controls and the caption (stacked, a world
  // filled the window and the caption was out of sight above it).
  { width: 844, height: 390, worlds: 2 },
  { width: 915, height: 412, worlds: 2 },
  // A short landscape phone (and a narrow one): the header folds into the controls' row (Options at its
  // end), and the rows of each world close up; there the worlds were below the fold, the caption above them.
  { width: 740, height: 360, worlds: 2 },
  { width: 734, height: 343, worlds: 2 },
  { width: 667, height: 375, worlds: 1, shown: 'stage-session' },
  // Under 800 px wide, taller too: a caption of four lines put what just happened under the box's edge.
  { width: 667, height: 400, worlds: 1, shown: 'stage-session' },
  { width: 731, height: 411, worlds: 2 },
  // A tablet or a narrow window (641-1023 px wide, 500 px high or more): side by side where each has 340 px,
  // stacked below that. Stacked each under the caption, one filled the window and the JWT world was
  // under the fold (learner review: 800x600, 900x700).
  { width: 800, height: 600, worlds: 2 },
  { width: 900, height: 700, worlds: 2 },
  { width: 768, height: 1024, worlds: 2 },
  { width: 660, height: 900, worlds: 2 },
];

for (const viewport of PHONES) {
  const what = viewport.worlds === 2 ? 'both worlds' : 'one world whole, the other a press away';
  test(`at ${viewport.width}x${viewport.height} the first screen holds the whole caption and ${what}, legibly, at every key moment`, async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
    // The link a learner is sent: side by side (the default), questions on.
    await page.goto('/?scenario=revocation');
    await ready(page);
    await expectWholeFirstScreen(page, viewport, 'at load');
    await page.screenshot({ path: `test-results/phone-revocation-${viewport.width}x${viewport.height}.png` });

    // Every key moment, each world's caption line included, and what just happened; questions off
    // so that nothing covers the stage.
    await page.goto('/?scenario=revocation&q=0');
    await ready(page);
    const next = page.getByRole('button', { name: 'Next key moment' });
    const clock = page.getByLabel('Simulation time');
    const caption = page.getByTestId('lesson-caption');
    // The lesson's five captions (the first at 0 s), the last with the JWT world's line only.
    for (let i = 1; i <= 5; i++) {
      const before = await clock.textContent();
      await next.click();
      await expect(clock).not.toHaveText(before ?? '');
      await expectWholeFirstScreen(page, viewport, `key moment ${i}: ${(await caption.textContent())?.slice(0, 60)}`);
    }
    await expect(caption).toContainText('denylist');
    await page.screenshot({ path: `test-results/phone-revocation-${viewport.width}x${viewport.height}-late.png` });

    // Step: what just happened is read whole, under the lesson's caption.
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expectWholeFirstScreen(page, viewport, 'after three steps');
    if (viewport.worlds === 1) {
      // Both worlds' lines are in the caption (Bob's logout everywhere) while one is drawn; the toggle draws the other.
      await expect(caption).toContainText(/Session: .*JWT: /);
      await page.getByRole('group', { name: 'World shown' }).getByRole('button', { name: 'JWT' }).click();
      await expectWholeFirstScreen(page, { ...viewport, shown: 'stage-jwt' }, 'the JWT world, toggled');
      await page.screenshot({ path: `test-results/phone-revocation-${viewport.width}x${viewport.height}-jwt.png` });
    }
    await page.close();
  });
}

// Under 844 px wide token-size's captions take four lines: what just happened (the request's bytes,
// the lesson's point) went under the box's edge at each of its moments, at 823x411; at 844x390, a
// box a line shorter, too (learner review), until each world's round said its words in one line.
for (const [width, height] of [[823, 411], [844, 390]] as const)
test(`at ${width}x${height} token-size's key moments keep what just happened in the caption box`, async ({ browser }) => {
  test.setTimeout(90_000);
  const viewport: Phone = { width, height, worlds: 2 };
  const page = await browser.newPage({ viewport });
  await page.goto('/?scenario=token-size&q=0');
  await ready(page);
  const next = page.getByRole('button', { name: 'Next key moment' });
  const clock = page.getByLabel('Simulation time');
  for (let i = 1; i <= 4; i++) {
    const before = await clock.textContent();
    await next.click();
    await expect(clock).not.toHaveText(before ?? '');
    await expectWholeFirstScreen(page, viewport, `key moment ${i}`);
  }
  await page.close();
});

// A lesson counts only when a learner sees both worlds: jwt-in-cookie's caption box, as tall as its
// longest moment (both worlds' lines), left its worlds too little height, and it drew one with a toggle.
test('at 390x844 every lesson with two worlds draws both, stacked, whatever its captions', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  for (const { id } of CATALOG.filter((c) => c.modes.length === 2)) {
    await page.goto(`/?scenario=${id}&q=0`);
    await ready(page);
    await expect(page.locator('.stage'), id).toHaveCount(2);
  }
  await page.close();
});

test('at 390x844 a moment both worlds send a request at is said whole, with each request\'s size', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/?scenario=basic&q=0&t=3000');
  await ready(page);
  // Said as "a 117-byte GET /api/profile carrying their session cookie": the JWT's size was cut off after "a 432-byte…".
  await expect(page.getByTestId('caption')).toHaveText(/^Session: alice sends a [\d,]+-byte GET \/api\/profile .*JWT: alice sends a [\d,]+-byte GET \/api\/profile carrying their JWT\.$/);
  await expectWholeFirstScreen(page, PHONES[0]!, 'both worlds send at 3 s');
  // Not clamped to the box's lines (an ellipsis at the end of the last, where the JWT's size was).
  expect(await page.getByTestId('caption').evaluate((e) => e.scrollHeight - e.clientHeight)).toBeLessThanOrEqual(1);
  await page.close();
});

// A phone's (and a tablet's) caption box is as tall as the lesson's longest caption: a shorter one
// leaves lines empty, and what just happened, past its own lines, rises into them. Held to three,
// the ban's ended "so 1…" under three empty lines; the worlds below never move.
for (const { lesson, ...viewport } of [{ width: 390, height: 844, lesson: 'revocation' }, { width: 800, height: 600, lesson: 'scale-out' }]) {
  test(`at ${viewport.width}x${viewport.height} what just happened is cut only where no empty line is left above it, at ${lesson}'s key moments, over none of the caption's words, the worlds kept in place`, async ({ browser }) => {
    test.setTimeout(60_000);
    const page = await browser.newPage({ viewport });
    await page.goto(`/?scenario=${lesson}&q=0`);
    await ready(page);
    const place = () =>
      page.evaluate(() => {
        const now = document.querySelector<HTMLElement>('.caption-now')!;
        const words = document.createRange();
        words.selectNodeContents(document.querySelector('.caption-lesson')!);
        return {
          clamped: now.scrollHeight - now.clientHeight,
          overlap: words.getBoundingClientRect().bottom - now.getBoundingClientRect().top,
          box: document.querySelector('.caption')!.getBoundingClientRect().height,
          worlds: [...document.querySelectorAll('.stage')].map((s) => s.getBoundingClientRect().top),
          text: now.textContent,
          height: now.getBoundingClientRect().height,
          lineHeight: parseFloat(getComputedStyle(now).lineHeight),
        };
      });
    const first = await place();
    const next = page.getByRole('button', { name: 'Next key moment' });
    const clock = page.getByLabel('Simulation time');
    let risen = 0;
    for (let i = 1; await next.isEnabled(); i++) {
      const before = await clock.textContent();
      await next.click();
      await expect(clock).not.toHaveText(before ?? '');
      const at = await place();
      // Revocation's last, its denylist line (~290 characters), is longer than a phone's box holds: it ends in an ellipsis (whole in the event log).
      if (at.clamped > 1) expect(at.overlap, `key moment ${i}: "${at.text}" cut with an empty line above it`).toBeGreaterThan(-at.lineHeight);
      expect(at.overlap, `key moment ${i}: over the caption's words`).toBeLessThanOrEqual(0.5);
      expect({ box: at.box, worlds: at.worlds }, `key moment ${i}: the box and the worlds in place`).toEqual({ box: first.box, worlds: first.worlds });
      if (at.height > first.height + 1) risen++;
    }
    expect(risen, 'some moment used the lines its caption left empty').toBeGreaterThan(0);
    await page.close();
  });
}

test('at 390x844 the load lesson keeps its store whole when a fourth server joins (the servers share one row)', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/?scenario=load&q=0');
  await ready(page);
  await page.getByLabel('Timeline').fill('20000');
  await expect(page.locator('.stage-session .node', { hasText: 'server-4' })).toBeVisible();
  await expectWholeFirstScreen(page, PHONES[0]!, 'load at 20 s, four servers');
  await expect(page.locator('.stage-session .node', { hasText: 'Session store' })).toBeInViewport({ ratio: 1 });
  await expect(page.locator('.stage-jwt .node', { hasText: 'Key set' })).toBeInViewport({ ratio: 1 });
  await page.close();
});

// Review of the interventions: with six servers added, the store fell ~27 px off each world's foot
// and the middle row read "serv…"; with nine, ~57 px.
for (const added of [6, 9]) {
  test(`at 390x844 a world of ${3 + added} servers keeps its store or key set whole and names every server whole`, async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const actions = Array.from({ length: added }, (_, i) => ({ atMs: 500 + i, action: { type: 'addServer' } }));
    await page.goto(`/?scenario=stolen-credential&q=0&t=20000&a=${encodeURIComponent(JSON.stringify(actions))}`);
    await ready(page);
    for (const world of ['session', 'jwt']) {
      const titles = await page.locator(`.stage-${world} .node-server .node-title`).allTextContents();
      expect(titles).toEqual(Array.from({ length: 3 + added }, (_, i) => `srv-${i + 1}`));
      const canvas = (await page.locator(`.stage-${world} .stage-canvas`).boundingBox())!;
      const back = (await page.locator(`.stage-${world} .node-${world === 'jwt' ? 'jwks' : 'store'} rect`).boundingBox())!;
      expect(back.y + back.height).toBeLessThanOrEqual(canvas.y + canvas.height + 0.5);
    }
    await expect(page.locator('.stage-jwt .node-jwks')).toContainText('k1');
    await page.close();
  });
}

test('at 390x844 scale-out\u2019s four servers each say how many sessions they hold in memory, and their names read whole', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/?scenario=scale-out&q=0&t=12000');
  await ready(page);
  const servers = page.locator('.stage-session .node-server');
  await expect(servers).toHaveCount(4);
  await expectWholeFirstScreen(page, PHONES[0]!, 'scale-out at 12 s, four servers');
  // Round-robin after the servers joined: the sessions are all on server-1, which the others never saw.
  const drawn = await servers.evaluateAll((nodes) => nodes.map((n) => [...n.querySelectorAll('text:not(.hologram text)')].map((t) => t.textContent)));
  expect(drawn).toEqual([
    ['server-1', '3 sessions'],
    ['server-2', '0 sessions'],
    ['server-3', '0 sessions'],
    ['server-4', '0 sessions'],
  ]);
  const keys = await page.locator('.stage-jwt .node-server').evaluateAll((nodes) => nodes.map((n) => [...n.querySelectorAll('text')].map((t) => t.textContent)));
  expect(keys).toEqual(['server-1', 'server-2', 'server-3', 'server-4'].map((id) => [id, 'keys: k1']));
  await page.close();
});

/** What the caption box's background shows at its foot (255: nothing but the caption's yellow). */
const footShade = (page: Page): Promise<number> => edgeShade(page.getByTestId('lesson-caption'), 'foot');

// Learner review: at 390x844 the takeaway scrolled in the captions' box, its conclusion cut off
// (key-rotation's "Publishing k2 at least 15 s before…", load's JWT half), a faint shadow the only cue.
// Then, grown for it, the box left the stage too short for two worlds: the JWT world went behind a
// toggle as the takeaway compared the two (a second learner review). It takes the lines of what just happened.
test('at 390x844 the takeaway is shown whole beside both worlds, and the captions keep their box', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  for (const id of ['load', 'key-rotation', 'jwt-in-cookie']) {
    await page.goto(`/?scenario=${id}&q=0&t=600000`);
    const lesson = page.getByTestId('lesson-caption');
    await expect(lesson).toContainText('Takeaway:', { timeout: 60_000 });
    await expect.poll(() => lesson.evaluate((el) => el.scrollHeight - el.clientHeight), { message: id }).toBeLessThanOrEqual(1);
    // No shadow under a whole text (the box's yellow, #fffbea, has blue 234).
    expect(await footShade(page)).toBeGreaterThan(228);
    // The link's own notice (its moment is past the end) read and dismissed: every world of the lesson, whole on the first screen.
    await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
    const worlds = CATALOG.find((c) => c.id === id)!.modes.length;
    await expect(page.locator('.stage'), id).toHaveCount(worlds);
    const screen = await firstScreen(page);
    expect(screen.caption.cut, id).toEqual([]);
    expect(Math.max(...screen.worlds.map((w) => w.bottom)), id).toBeLessThanOrEqual(844);
  }
  // A lesson's own captions keep the box the takeaway had: back from the end, nothing moves.
  const lesson = page.getByTestId('lesson-caption');
  const atEnd = (await page.locator('.stage').first().boundingBox())!.y;
  await page.getByRole('button', { name: /Step back/ }).click();
  await expect(lesson).not.toContainText('Takeaway:');
  expect((await page.locator('.stage').first().boundingBox())!.y).toBe(atEnd);
  await expect(page.locator('.stage')).toHaveCount(2);
  expect(await lesson.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
  await page.close();
});

// A landscape phone's caption box is fixed (three lines of the lesson, one of what just happened):
// at 667x400 it cut load's takeaway after its session half, the JWT half under the box's fold.
test('on a 667x400 landscape phone the takeaway is shown whole', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await browser.newPage({ viewport: { width: 667, height: 400 } });
  for (const id of ['load', 'key-rotation']) {
    await page.goto(`/?scenario=${id}&q=0&t=600000`);
    await expect(page.getByTestId('lesson-caption')).toContainText('Takeaway:', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
    const screen = await firstScreen(page);
    expect(screen.caption.cut, id).toEqual([]);
    // Grown to at most 45% of the screen: the worlds keep the rest, below it.
    expect(screen.caption.bottom - screen.caption.top, id).toBeLessThanOrEqual(0.45 * 400);
    await expect(page.locator('.stage'), id).toHaveCount(1);
    expect(screen.worlds[0]!.top, id).toBeGreaterThan(screen.caption.bottom);
  }
  // A takeaway shorter than the box keeps it: back from the end, the worlds do not move.
  await page.goto('/?scenario=stale-claims&q=0&t=600000');
  const lesson = page.getByTestId('lesson-caption');
  await expect(lesson).toContainText('Takeaway:', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
  const atEnd = (await page.locator('.stage').first().boundingBox())!.y;
  await page.getByRole('button', { name: /Step back/ }).click();
  await expect(lesson).not.toContainText('Takeaway:');
  expect((await page.locator('.stage').first().boundingBox())!.y).toBe(atEnd);
  await page.close();
});

test('at 390x844 a lesson opens with what to watch, and an opening longer than the caption box shows that it scrolls', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/?scenario=revocation&q=0');
  await ready(page);
  const lesson = page.getByTestId('lesson-caption');
  // The first caption no longer stands in: "What to watch" is what a learner reads before Play.
  await expect(lesson.locator('.caption-opening')).toBeVisible();
  await expect(lesson.locator('.caption-opening')).toContainText('What to watch: The admin bans Alice');
  await expect(lesson.getByText('Alice logs in.')).toBeHidden();
  // Until Play, the opening has the two lines "Press Play to start." leaves: revocation's is whole.
  expect(await lesson.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('caption')).toHaveText('Press Play to start.');
  const sticky = await page.locator('.sticky-top').boundingBox();
  // Play: the first moment's caption takes the box, and nothing below it moves.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(lesson.getByText('Alice logs in.')).toBeVisible();
  await expect(lesson.locator('.caption-opening')).toHaveCount(0);
  expect(await page.locator('.sticky-top').boundingBox()).toEqual(sticky);
  // At 320 px (narrower than a phone's usual 360) an opening may be longer than the box, though it
  // has all three of the now-line's lines there: a shadow says so, and a keyboard can scroll it.
  await page.setViewportSize({ width: 320, height: 568 });
  // The longest opening (revocation's now fits there too).
  await page.goto('/?scenario=microservices&q=0');
  await ready(page);
  await expect(lesson.locator('.caption-opening')).toContainText('What to watch: The five servers stand for five services');
  await expect(page.getByTestId('caption')).toBeHidden();
  expect(await lesson.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeGreaterThan(10);
  expect(await footShade(page)).toBeLessThan(215);
  await expect(lesson).toHaveAttribute('tabindex', '0');
  await lesson.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect.poll(() => footShade(page)).toBeGreaterThan(228);
  await page.close();
});

test('at 390x844 the lesson picker has the header row and shows every lesson\'s whole title', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/');
  const picker = page.getByRole('combobox', { name: 'Scenario' });
  await expect(picker).toBeVisible();
  expect(await titlesCut(picker)).toEqual([]);
  // The app's name is still the page's heading for screen readers.
  await expect(page.getByRole('heading', { level: 1, name: /Sessions vs JWT/ })).toHaveCount(1);
  await page.close();
});

// Learner review: in the flow, a link's notice took the worlds' room, and the JWT world went behind
// the toggle while it was read. It floats over the screen's foot until dismissed.
test('at 390x844 a link\'s notice leaves both worlds drawn, in sight until dismissed', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/?scenario=revocation&q=0&speed=99');
  await ready(page);
  const notice = page.getByRole('status', { name: 'Notices' });
  await expect(notice).toContainText('speed "99"');
  await expect(notice).toBeInViewport({ ratio: 1 });
  await expect(page.locator('.stage')).toHaveCount(2);
  await expect(page.getByRole('group', { name: 'World shown' })).toBeHidden();
  // A part of the stage focused from the keyboard is never under it: it steps aside meanwhile.
  const server = page.locator('.stage-jwt .node-server').last();
  const [box, over] = [(await server.boundingBox())!, (await notice.boundingBox())!];
  expect(box.y + box.height > over.y, 'the server is where the notice is').toBe(true);
  await page.keyboard.press('Tab');
  await server.focus();
  await expect(notice).toBeHidden();
  await page.getByRole('button', { name: 'Options' }).focus();
  await expect(notice).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect(notice).toBeHidden();
  await expect(page.locator('.stage')).toHaveCount(2);
  await page.close();
});

// A11y review: focused by Tab from below, most stage nodes were scrolled under the stuck controls and
// caption (WCAG 2.4.11, focus not obscured). Each focused node is seen, on top.
test('at 390x844 a stage node reached by Shift+Tab is scrolled into sight below the sticky bar', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/?scenario=revocation&t=8000&q=0');
  await ready(page);
  const nodes = page.locator('.stage [tabindex="0"]');
  const count = await nodes.count();
  expect(count).toBeGreaterThan(8);
  // From past the last node, back through all of them, as a keyboard would come up from the logs.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await nodes.last().focus();
  for (let i = 0; i < count; i++) {
    const seen = await page.evaluate(() => {
      const el = document.activeElement!;
      const box = el.getBoundingClientRect();
      return el.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)) ? 'seen' : `${el.getAttribute('aria-label')} hidden`;
    });
    expect(seen).toBe('seen');
    await page.keyboard.press('Shift+Tab');
    if (!(await page.evaluate(() => !!document.activeElement?.closest('.stage')))) break;
  }
  await page.close();
});

// Learner review: the notice of a first intervention covered the JWT world's servers and key set
// until dismissed, and the run played on under it. Once the learner plays on by hand, it has been
// read: it gives the world back. A link's play=1 is no hand, and a pause or a step is no playing on.
test('at 390x844 a notice gives the JWT world back once the learner plays on; a link\'s play=1 does not', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/?scenario=basic&q=0');
  await ready(page);
  await page.getByRole('button', { name: 'Options' }).click();
  await page.getByRole('button', { name: 'Interventions', exact: true }).click();
  await page.getByRole('button', { name: 'Kill server-2' }).click();
  await page.getByRole('button', { name: 'Close panel' }).click();
  const notice = page.getByRole('status', { name: 'Notices' });
  await expect(notice).toContainText('You changed this run');
  const keySet = page.locator('.stage-jwt').getByRole('button', { name: /^Key set/ });
  const onTop = () => keySet.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
  });
  expect(await onTop(), 'the notice covers the key set').toBe(false);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(notice).toBeHidden();
  expect(await onTop()).toBe(true);
  // Played by the link, the run moves with the notice unread: it stays, until the learner plays on.
  await page.goto('/?scenario=revocation&q=0&speed=99&play=1');
  await expect(notice).toContainText('speed "99"');
  const timeline = page.getByLabel('Timeline');
  await expect.poll(async () => Number(await timeline.inputValue()), { timeout: 30_000 }).toBeGreaterThan(2_000);
  await expect(notice).toBeVisible();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // A step moves the clock by hand, and is no playing on (nor is the frame in flight at the pause).
  // (Its next moment may be a millisecond on: the slider's 10 ms value can stay, so the clock's words and the caption are read.)
  const moment = async () => `${await timeline.getAttribute('aria-valuetext')} ${await page.getByTestId('lesson-caption').textContent()}`;
  const before = await moment();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  // A step queues behind the work in flight at the pause: on a loaded CI machine it took over 5 s.
  await expect.poll(moment, { timeout: 20_000 }).not.toBe(before);
  await expect(notice).toBeVisible();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(notice).toBeHidden();
  // In the flow, on a wider screen, it takes no world's room: it stays until dismissed.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?scenario=revocation&q=0&speed=99');
  await ready(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => Number(await timeline.inputValue()), { timeout: 30_000 }).toBeGreaterThan(1_000);
  await expect(notice).toBeVisible();
  await page.close();
});

// Learner review: cut at three lines, store-outage's what-just-happened hid why a token of the
// logout's second is refused too, and nothing opened it. Cut while paused, it opens whole.
test('at 390x844 what just happened, cut short, opens whole over the caption box, by tap and by keyboard', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/?scenario=store-outage&t=19300&q=0');
  await ready(page);
  await expect(page.getByTestId('caption')).toContainText(/^bob logs out everywhere/);
  const showAll = page.getByRole('button', { name: 'Show all of what just happened' });
  await expect(showAll).toBeVisible();
  const end = 'a new login in the same second is refused too';
  const whole = page.locator('.caption-now-whole');
  await showAll.click();
  await expect(whole).toContainText(end);
  await expect(whole.getByText(end, { exact: false })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: 'Close what just happened' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(whole).toBeHidden();
  await expect(showAll).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(whole).toContainText(end);
  const close = page.getByRole('button', { name: 'Close what just happened' });
  await close.click();
  await expect(whole).toBeHidden();
  await expect(showAll).toBeFocused();
  // Playing, it changes ten times a second: no button then, and the whole of it goes as the run moves on.
  await showAll.click();
  await expect(whole).toBeVisible();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(whole).toBeHidden();
  await expect(showAll).toBeHidden();
  await page.close();
});

/** The name of the button a tap at the centre of `target` reaches (its aria-label, else its text). */
async function buttonOnTop(target: Locator): Promise<string | null> {
  const box = (await target.boundingBox())!;
  return target.page().evaluate(([x, y]) => {
    const button = document.elementFromPoint(x!, y!)?.closest('button');
    return button?.getAttribute('aria-label') ?? button?.textContent ?? null;
  }, [box.x + box.width / 2, box.y + box.height / 2]);
}

test('on a phone the header folds into Options, which opens the mode, questions, Share and Interventions', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/?scenario=revocation&q=0');
  await ready(page);
  await expect(page.getByLabel('Scenario', { exact: true })).toBeInViewport();
  const options = page.getByRole('button', { name: 'Options' });
  await expect(options).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Mode', { exact: true })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Share' })).toBeHidden();
  const captionTop = async () => (await page.locator('.sticky-top').boundingBox())!.y;
  const closedAt = await captionTop();
  // By keyboard, as by touch: the Options button, then what it opened.
  await options.focus();
  await page.keyboard.press('Enter');
  await expect(options).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Mode', { exact: true })).toBeFocused();
  for (const name of ['Share', 'Interventions']) await expect(page.getByRole('button', { name, exact: true })).toBeInViewport();
  await expect(page.getByRole('checkbox', { name: 'Ask me questions' })).toBeInViewport();
  // What it opened fits the phone: the Mode select whole, the page not wider than the screen.
  await expect(page.getByLabel('Mode', { exact: true })).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Open, it drops down over the controls, a menu: nothing below moves, and both worlds stay (in the
  // flow it took the room of one, the JWT world behind a toggle while a mode was picked).
  expect(await captionTop()).toBe(closedAt);
  await expect(page.locator('.stage')).toHaveCount(2);
  await expect(page.getByRole('group', { name: 'World shown' })).toBeHidden();
  // What it opened is on top: a tap on Share reaches Share.
  expect(await buttonOnTop(page.getByRole('button', { name: 'Share', exact: true }))).toBe('Share');
  // A press on its words works: the menu stays open (its header lost the focus to nothing, and it closed
  // before the click it began could land).
  const ask = page.getByRole('checkbox', { name: 'Ask me questions' });
  const asked = await ask.isChecked();
  await page.getByText('Ask me questions', { exact: true }).click();
  await expect(ask).toBeChecked({ checked: !asked });
  await expect(options).toHaveAttribute('aria-expanded', 'true');
  // Escape closes it, the focus back on Options; on the Mode select it also takes back a browsed option.
  const mode = page.getByLabel('Mode', { exact: true });
  await mode.focus();
  await page.keyboard.press('ArrowDown');
  await expect(mode).not.toHaveValue('both');
  await page.keyboard.press('Escape');
  await expect(options).toHaveAttribute('aria-expanded', 'false');
  await expect(options).toBeFocused();
  await expect(page.locator('.stage')).toHaveCount(2);
  await options.click();
  await expect(mode).toHaveValue('both');
  // Tabbed on past it, into the controls it covered, it closes, nothing moving: the focused Play is in sight.
  await page.getByRole('button', { name: 'Interventions', exact: true }).focus();
  await page.keyboard.press('Tab');
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await expect(play).toBeFocused();
  await expect(options).toHaveAttribute('aria-expanded', 'false');
  expect(await captionTop()).toBe(closedAt);
  await expect(page.locator('.stage')).toHaveCount(2);
  const onTop = () => buttonOnTop(play);
  expect(await onTop()).toMatch(/Play/);
  // The panel its Interventions opens takes the focus, and the menu closes: Play in sight above the panel.
  // Closed, the panel gives the focus to Options, which shows the hidden Interventions again.
  await options.click();
  await page.getByRole('button', { name: 'Interventions', exact: true }).click();
  const close = page.getByRole('button', { name: 'Close panel' });
  await expect(close).toBeVisible();
  await expect(options).toHaveAttribute('aria-expanded', 'false');
  expect(await onTop()).toMatch(/Play/);
  // Opened again over the panel, it shows what it says it shows.
  await options.click();
  await expect(page.getByLabel('Mode', { exact: true })).toBeVisible();
  // Escape closes the topmost: the menu, not the panel under it.
  await page.keyboard.press('Escape');
  await expect(options).toHaveAttribute('aria-expanded', 'false');
  await expect(close).toBeVisible();
  await close.click();
  await expect(options).toBeFocused();
  await expect(page.locator('.stage')).toHaveCount(2);
  await options.click();
  await page.getByLabel('Mode', { exact: true }).selectOption('jwt');
  await expect(page.locator('.stage')).toHaveCount(1);
  await page.close();
});

/** Whether the focused element is drawn at its middle, in the viewport (not under a panel or off screen). */
const focusedInSight = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement!;
    // Tab from the page's last stop goes to the browser's own controls first: nothing of the page to see.
    if (el === document.body) return true;
    const box = el.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const top = x >= 0 && y >= 0 && x < innerWidth && y < innerHeight ? document.elementFromPoint(x, y) : null;
    return top !== null && (el.contains(top) || top.contains(el));
  });

// Keyboard review: the sheet is not modal (Play stays at hand above it), and Tab from its end went on
// through the stage, logs and table under it, unseen; so did Shift+Tab from its Close button.
test('at 390x844 focus that leaves the interventions sheet for what it covers closes it, and is seen', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/?scenario=revocation&q=0&t=3000');
  await ready(page);
  const close = page.getByRole('button', { name: 'Close panel' });
  const openSheet = async () => {
    await page.getByRole('button', { name: 'Options' }).click();
    await page.getByRole('button', { name: 'Interventions', exact: true }).click();
    await expect(close).toBeVisible();
  };
  await openSheet();
  const sheet = page.locator('#drawer');
  await sheet.locator('select, button').last().focus();
  const inSheet = () => page.evaluate(() => !!document.activeElement?.closest('#drawer'));
  let stops = 0;
  // Out of it, Tab goes to the top of the page first: the header and the controls above the sheet keep it open.
  do {
    await page.keyboard.press('Tab');
    stops++;
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    if (!(await inSheet()) && (await close.isVisible())) expect(await focusedInSight(page), `stop ${stops}, the sheet open`).toBe(true);
  } while ((await close.isVisible()) && stops < 40);
  await expect(close).toBeHidden();
  expect(await page.evaluate(() => !!document.activeElement?.closest('.stage')), 'the focus went on into the stage').toBe(true);
  await expect.poll(() => focusedInSight(page)).toBe(true);
  // Backwards from its first control: the page's last stop, under the sheet, is where the focus stays.
  await openSheet();
  await close.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(close).toBeHidden();
  expect(await inSheet()).toBe(false);
  await expect.poll(() => focusedInSight(page)).toBe(true);
  await page.close();
});

// Keyboard review: a card pinned to the screen's foot leaves a node only the strip between it and the
// stuck bar; Tab and Shift+Tab focused nodes under the card, unseen.
test('at 390x844 a question card pinned to the foot never has a stage node focused under it', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  for (const [scenario, t] of [['revocation', 5100], ['scale-out', 7400]] as const) {
    await page.goto(`/?scenario=${scenario}&t=${t}`);
    await expect(page.getByRole('radiogroup')).toBeVisible({ timeout: 30_000 });
    const inStage = () => page.evaluate(() => !!document.activeElement?.closest('.stage'));
    const walk = async (key: string, from: string, to: string) => {
      await page.locator(from).first().focus();
      let stageStops = 0;
      for (let stops = 0; stops < 40 && !(await page.evaluate((to) => !!document.activeElement?.closest(to), to)); stops++) {
        await page.keyboard.press(key);
        if (!(await inStage())) continue;
        stageStops++;
        await expect.poll(() => focusedInSight(page), `${scenario}: ${key} to a stage node`).toBe(true);
      }
      return stageStops;
    };
    const forward = await walk('Tab', 'button.play', '.question');
    const back = await walk('Shift+Tab', '.question-prompt', 'button.play');
    expect(forward, `${scenario}: the same stops either way`).toBe(back);
  }
  await page.close();
});

// A short landscape phone: the header's row was what its worlds lacked (they were under the fold).
test('at 734x343 the header folds into the controls\' row: Options at its end opens the lesson\'s picker over them', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 734, height: 343 } });
  await page.goto('/?scenario=revocation&q=0');
  await ready(page);
  const options = page.getByRole('button', { name: 'Options' });
  const play = page.getByRole('button', { name: 'Play', exact: true });
  const [o, p] = [(await options.boundingBox())!, (await play.boundingBox())!];
  // One row: Options beside the controls, at the row's end.
  expect(Math.abs(o.y + o.height / 2 - (p.y + p.height / 2))).toBeLessThanOrEqual(4);
  expect(o.x + o.width).toBeGreaterThan(734 - 16);
  const scenario = page.getByLabel('Scenario', { exact: true });
  await expect(scenario).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions vs JWT' })).toHaveCount(1);
  const captionTop = async () => (await page.locator('.caption').boundingBox())!.y;
  const closedAt = await captionTop();
  await options.click();
  await expect(scenario).toBeInViewport({ ratio: 1 });
  // Options stays where it was pressed.
  expect(Math.abs((await options.boundingBox())!.y - o.y)).toBeLessThanOrEqual(1);
  expect(await buttonOnTop(page.getByRole('button', { name: 'Share', exact: true }))).toBe('Share');
  // A menu over the controls: nothing below moves.
  expect(await captionTop()).toBe(closedAt);
  await expect(page.locator('.stage')).toHaveCount(2);
  const lesson = page.getByTestId('lesson-caption');
  const before = await lesson.textContent();
  await scenario.selectOption('basic');
  await expect(lesson).not.toHaveText(before!, { timeout: 30_000 });
  await expect(scenario).toHaveValue('basic');
  await page.keyboard.press('Escape');
  await expect(options).toHaveAttribute('aria-expanded', 'false');
  await expect(scenario).toBeHidden();
  await page.close();
});

// A result taller than its card (it covers both worlds at 390x844) scrolls under its buttons:
// Continue was below the card's fold, with nothing but a shadow to say so.
test('at 360x640 a question\'s result keeps Continue in sight at its card\'s foot', async ({ browser }) => {
  test.setTimeout(90_000);
  // A small phone: the decided card keeps only the pick and the answer, and at 390x844 it fits whole.
  const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
  await page.goto('/?scenario=revocation&speed=4');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByRole('radio').first().check({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Lock in my prediction' }).click();
  const card = page.locator('.question');
  const next = page.getByRole('button', { name: 'Continue' });
  await expect(next).toBeVisible({ timeout: 60_000 });
  // The card scrolls (the result is longer than its room), and Continue sits inside its visible box.
  expect(await card.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeGreaterThan(10);
  const [c, b] = [(await card.boundingBox())!, (await next.boundingBox())!];
  expect(b.y).toBeGreaterThanOrEqual(c.y);
  expect(b.y + b.height).toBeLessThanOrEqual(c.y + c.height);
  expect(b.y + b.height).toBeLessThanOrEqual(640);
  // The verdict under the prompt, the choices it marks after it: below them, it was cut at the card's foot (learner review).
  const verdictAt = (await card.locator('.question-foot p').boundingBox())!.y;
  expect(verdictAt, 'the verdict above the choices').toBeLessThan((await card.locator('.question-choice').first().boundingBox())!.y);
  // Its bar casts a shadow up onto what is under it, gone once the card is scrolled to its end (learner review: a
  // verdict's last line cut in half was all that said there was more).
  const shadow = () => card.locator('.question-actions').evaluate((el) => getComputedStyle(el).boxShadow);
  expect(await shadow()).toMatch(/rgba\(0, 0, 0, 0\.2\d*\)/);
  await card.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect.poll(shadow).toMatch(/^(none|rgba\(0, 0, 0, 0\) 0px 0px 0px 0px)$/);
  await page.close();
});

// A11y review: in a short window the controls and caption stuck over the stage, 316 px at 320x200 (a
// desktop zoomed to 400%), 242 px of 390 on a landscape phone: the stage was never seen whole, or at
// all, what Tab reached there was under them (WCAG 1.4.10, 2.4.11), and a question card was a 23 px strip.
// A landscape phone from 340 px high now has a first screen (above); a shorter one scrolls as these.
for (const viewport of [{ width: 320, height: 200 }, { width: 756, height: 308 }]) {
  test(`at ${viewport.width}x${viewport.height} nothing sticks over the stage: scrolled to, a world is seen whole, a focused node on top, a question's buttons in reach`, async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await browser.newPage({ viewport });
    await page.goto('/?scenario=revocation&speed=4');
    await ready(page);
    const onTop = (target: Locator) =>
      target.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
      });
    const stage = page.locator('.stage').first();
    await stage.scrollIntoViewIfNeeded();
    await expect(stage).toBeInViewport({ ratio: 1 });
    expect(await onTop(stage.locator('[id^=stage-title]'))).toBe(true);
    const node = stage.locator('.node-server').first();
    await node.focus();
    await expect(node).toBeInViewport();
    expect(await onTop(node)).toBe(true);
    // The question card: its choices and its Lock in reachable in the window.
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const choice = page.getByRole('radio').first();
    await choice.check({ timeout: 60_000 });
    const lock = page.getByRole('button', { name: 'Lock in my prediction' });
    await lock.scrollIntoViewIfNeeded();
    await expect(lock).toBeInViewport({ ratio: 1 });
    expect(await onTop(lock)).toBe(true);
    expect((await page.locator('.question').boundingBox())!.height).toBeGreaterThan(viewport.height / 2);
    await page.close();
  });
}

// A landscape phone's first screen: the card asks over the caption (which says to answer it) and the
// worlds, tall enough for its choices, never over the controls. Pinned to the viewport's foot and
// measured from a bar no longer stuck, it would reach them.
// At 667x400 refresh-tokens' third and fourth choices were cut mid-line under the buttons: the card's
// text is a size down there, and the hint, which the caption beside it says too, left to screen readers.
for (const [width, height, lesson] of [[844, 390, 'revocation'], [667, 400, 'refresh-tokens']] as const) {
  test(`at ${width}x${height} a question is asked over the caption and the worlds, never over the controls (${lesson})`, async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`/?scenario=${lesson}&speed=4`);
    await ready(page);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(page.getByRole('radio').first()).toBeVisible({ timeout: 60_000 });
    const card = (await page.locator('.question').boundingBox())!;
    const controls = (await page.locator('.sticky-top .controls').boundingBox())!;
    expect(card.y).toBeGreaterThanOrEqual(controls.y + controls.height);
    expect(card.y + card.height).toBeLessThanOrEqual(height);
    await expect(page.getByRole('button', { name: 'Lock in my prediction' })).toBeInViewport({ ratio: 1 });
    // Every choice in sight, none under the buttons: in one column the fourth was half under them, the hint below the card's fold.
    await expect(page.getByRole('status').filter({ hasText: 'Pick what you expect' })).toHaveCount(1);
    const [shown, whole] = await page.locator('.question').evaluate((el) => [el.clientHeight, el.scrollHeight]);
    expect(whole).toBeLessThanOrEqual(shown);
    const actions = (await page.locator('.question-actions').boundingBox())!;
    for (const choice of await page.locator('.question-choice').all()) {
      const b = (await choice.boundingBox())!;
      expect(b.y + b.height).toBeLessThanOrEqual(actions.y);
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.close();
  });
}

for (const [viewport, worlds] of [[{ width: 844, height: 390 }, 'either world'], [{ width: 660, height: 400 }, 'the world shown']] as const) {
  test(`at ${viewport.width}x${viewport.height}, predicted, the card folds to one row beside a world's name, over no node of ${worlds}`, async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await browser.newPage({ viewport });
    await page.goto('/?scenario=revocation&t=4800&play=1&speed=4');
    const group = page.getByRole('radiogroup');
    await expect(group).toBeVisible({ timeout: 60_000 });
    await group.getByRole('radio').nth(1).check();
    await page.getByRole('button', { name: 'Lock in my prediction' }).click();
    const card = page.locator('.question.is-watching');
    await expect(card).toBeVisible();
    const folded = (await card.boundingBox())!;
    expect(folded.height).toBeGreaterThanOrEqual(24);
    const apart = (b: { x: number; y: number; width: number; height: number }) =>
      b.y >= folded.y + folded.height || b.y + b.height <= folded.y || b.x >= folded.x + folded.width || b.x + b.width <= folded.x;
    // At the foot it covered both worlds' stores (the session store's name, the JWT world's whole row).
    const nodes = await page.locator('.node').all();
    expect(nodes.length).toBeGreaterThan(worlds === 'either world' ? 10 : 6);
    for (const node of nodes) expect(apart((await node.boundingBox())!), `${await node.textContent()} under the card`).toBe(true);
    for (const name of await page.locator('.stage figcaption > span:first-child').all()) expect(apart((await name.boundingBox())!), `"${await name.textContent()}" under the card`).toBe(true);
    await page.close();
  });
}

test('at 844x390 what just happened in both worlds reads whole under a lesson line per world', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 844, height: 390 } });
  await page.goto('/?scenario=scale-out&t=4547');
  await ready(page);
  const now = page.getByTestId('caption');
  await expect(now).toContainText(/^Session: .+ JWT: alice sends a \d+-byte GET/);
  // Larger than the lesson's lines, its second line never fitted under two of them: "JWT: alice sends a 432-byte GE…".
  const [shown, whole] = await now.evaluate((el) => [el.clientHeight, el.scrollHeight]);
  expect(whole).toBeLessThanOrEqual(shown);
  await expect(page.getByTestId('lesson-caption').locator('.caption-line')).toHaveCount(2);
  await page.close();
});

test('at 756x308, where nothing sticks, every key moment\'s caption is read whole in its box', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await browser.newPage({ viewport: { width: 756, height: 308 } });
  await page.goto('/?scenario=basic&q=0');
  await ready(page);
  const lesson = page.getByTestId('lesson-caption');
  const next = page.getByRole('button', { name: 'Next key moment' });
  // A fixed 5.4rem box cut basic's first caption in half ("…the server hands it to her" under its edge).
  for (let moment = 0; moment < 4; moment++) {
    // Whole: not scrolled in its own box, and its last line above the caption box's edge.
    const [shown, whole, textFoot, boxFoot] = await lesson.evaluate((el) => {
      const lines = [...el.querySelectorAll('.caption-line')].filter((l) => l.getClientRects().length);
      return [el.clientHeight, el.scrollHeight, lines.at(-1)!.getBoundingClientRect().bottom, el.closest('.caption')!.getBoundingClientRect().bottom];
    });
    expect(whole, `moment ${moment}: ${await lesson.textContent()}`).toBeLessThanOrEqual(shown);
    expect(textFoot, `moment ${moment}: ${await lesson.textContent()}`).toBeLessThanOrEqual(boxFoot);
    if (await next.getAttribute('aria-disabled')) break;
    const before = await lesson.textContent();
    await next.click();
    await expect(lesson).not.toHaveText(before!);
  }
  await page.close();
});

// A11y review: on a phone the timeline is drawn before the speed, and Tab reached the speed first (WCAG 2.4.3).
for (const size of [{ width: 390, height: 844 }, { width: 844, height: 390 }, { width: 1024, height: 600 }]) {
  test(`at ${size.width}x${size.height} Tab goes through the playback controls in the order they are drawn`, async ({ browser }) => {
    const page = await browser.newPage({ viewport: size });
    await page.goto('/?scenario=basic&q=0');
    await ready(page);
    const controls = page.getByRole('group', { name: 'Playback' });
    await controls.getByRole('button', { name: 'Play', exact: true }).focus();
    const drawn: { name: string; x: number; y: number; h: number }[] = [];
    for (;;) {
      const at = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        if (!el.closest('[role="group"][aria-label="Playback"]')) return null;
        const r = el.getBoundingClientRect();
        return { name: el.getAttribute('aria-label') ?? el.textContent ?? '', x: r.x, y: r.y, h: r.height };
      });
      if (!at) break;
      drawn.push(at);
      await page.keyboard.press('Tab');
    }
    expect(drawn.map((d) => d.name)).toEqual(expect.arrayContaining(['Speed', 'Timeline']));
    // Each control stands after the last: to its right on the same row, or on a row below.
    for (let i = 1; i < drawn.length; i++) {
      const [a, b] = [drawn[i - 1]!, drawn[i]!];
      const sameRow = b.y < a.y + a.h && a.y < b.y + b.h;
      expect(sameRow ? b.x > a.x : b.y > a.y, `${b.name} drawn after ${a.name}`).toBe(true);
    }
    await page.close();
  });
}
