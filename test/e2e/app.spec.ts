import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/a11y';
import { edgeShade } from './support/edgeShade';
import { titlesCut } from './support/picker';

// What a newcomer does: open the site, press Play, watch, pause, step, inspect, compare.

const timeOf = async (page: Page) => {
  const text = (await page.getByLabel('Simulation time').textContent()) ?? '00:00.000';
  const [min, sec] = text.split(':');
  return Number(min) * 60_000 + Number(sec) * 1000;
};

test('opens, plays both flows and shows them in the event logs', async ({ page }) => {
  await page.goto('/?q=0');
  await expect(page.getByRole('heading', { name: /Sessions vs JWT/ })).toBeVisible();
  const caption = page.getByTestId('caption');
  const before = await caption.textContent();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('log', { name: 'session event log' })).toContainText('200 OK', { timeout: 20_000 });
  await expect(page.getByRole('log', { name: 'jwt event log' })).toContainText('checks the JWT', { timeout: 20_000 });
  await expect(caption).not.toHaveText(before ?? '');
  await page.screenshot({ path: 'test-results/playing-1280x800.png' });
});

for (const [viewport, link, before] of [
  [{ width: 1280, height: 800 }, '/?q=0', 'opening'],
  // A phone's caption box is as tall as the lesson's captions: a longer opening scrolls in it.
  [{ width: 390, height: 844 }, '/?q=0', 'opening'],
  // The plain address: the first screen built into index.html.
  [{ width: 390, height: 844 }, '/', 'opening'],
  // A landscape phone's box is fixed and short: the first caption stands in for the opening.
  [{ width: 844, height: 390 }, '/?q=0', 'first caption'],
  // An embed's is as tall as its captions, in a frame that does not scroll: the first caption stands in too.
  [{ width: 1280, height: 720 }, '/?q=0&embed=1', 'first caption'],
] as const) {
  test(`${link} at ${viewport.width}x${viewport.height} shows the lesson's ${before} from the first paint until it plays, then its first moment`, async ({ browser }) => {
    const page = await browser.newPage({ viewport });
    // The lesson's script is held back: what shows before it comes is drawn from the catalog.
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    await page.route('**/assets/basic-*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(link);
    const lesson = page.getByTestId('lesson-caption');
    const opening = lesson.locator('.caption-opening');
    const first = lesson.getByText('Alice logs in: the server stores a session');
    const shown = before === 'opening' ? opening : first;
    const standingIn = before === 'opening' ? first : opening;
    await expect(shown).toBeVisible();
    await expect(standingIn).toBeHidden();
    if (before === 'opening') await expect(opening).toContainText('What to watch:');
    // What shows, and what is drawn unseen (the opening or the stand-in: a narrower screen shows the other).
    const words = [await lesson.innerText(), await lesson.textContent()];
    release();
    // The lesson's script and the engine are in: the caption did not change.
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
    await expect(page.locator('.stage .node').first()).toBeVisible();
    await expect(shown).toBeVisible();
    await expect(standingIn).toBeHidden();
    expect([await lesson.innerText(), await lesson.textContent()]).toEqual(words);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(first).toBeVisible();
    await expect(opening).toHaveCount(0);
    await page.close();
  });
}

test('requests travel as dots whose positions change between frames', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // The dots are drawn on one canvas, which says how many it draws.
  const dots = page.locator('.stage-session canvas.stage-dots');
  await expect(dots).not.toHaveAttribute('data-drawn', /^0?$/, { timeout: 10_000 });
  const a = await dots.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await expect.poll(() => dots.evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toEqual(a);
});

test('a dot, drawn on a canvas over the diagram, still opens its request when clicked', async ({ page }) => {
  await page.goto('/?scenario=load&t=20000&q=0');
  const dots = page.locator('.stage-session canvas.stage-dots.is-inspectable');
  await expect(dots).not.toHaveAttribute('data-drawn', /^0?$/, { timeout: 20_000 });
  // Where a wristband (a session cookie on the wire, #1a66d9) is drawn: a real click there must reach a dot.
  const spot = await dots.evaluate((c: HTMLCanvasElement) => {
    const { data, width, height } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    const box = c.getBoundingClientRect();
    const scale = c.width / box.width;
    // Only where it can be clicked: in the stage's scrolled view and in the window.
    const view = c.parentElement!.getBoundingClientRect();
    const [left, top] = [Math.max(view.left, 0), Math.max(view.top, 0)];
    const [right, bottom] = [Math.min(view.right, innerWidth), Math.min(view.bottom, innerHeight)];
    for (let i = 0; i < width * height; i++) {
      const [x, y] = [(i % width) / scale, Math.floor(i / width) / scale];
      if (box.left + x < left + 2 || box.left + x > right - 2 || box.top + y < top + 2 || box.top + y > bottom - 2) continue;
      if (data[i * 4] === 0x1a && data[i * 4 + 1] === 0x66 && data[i * 4 + 2] === 0xd9 && data[i * 4 + 3] === 255) return { x, y };
    }
    return null;
  });
  expect(spot).not.toBeNull();
  const box = (await dots.boundingBox())!;
  await page.mouse.click(box.x + spot!.x, box.y + spot!.y);
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('HTTP/1.1');
});

test('pause, step and step back move the clock by events', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => timeOf(page)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const paused = await timeOf(page);
  // Twenty animation frames later (a condition, not a sleep), the paused clock has not moved.
  await page.evaluate(() => new Promise<void>((done) => {
    let left = 20;
    const tick = () => (--left > 0 ? requestAnimationFrame(tick) : done());
    requestAnimationFrame(tick);
  }));
  expect(await timeOf(page)).toBe(paused);
  // A step goes to the next logged event of either world; two can share a millisecond (the clock
  // shows ms), so step until the clock moves, as a learner would press again.
  await expect
    .poll(async () => {
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      return timeOf(page);
    })
    .toBeGreaterThan(paused);
  const stepped = await timeOf(page);
  await page.getByRole('button', { name: 'Step back', exact: true }).click();
  await expect.poll(() => timeOf(page)).toBeLessThan(stepped);
  // Keyboard (focus on the page, not on a button): Space plays, Space pauses, Left steps back.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

test('every part of the cluster can be inspected', async ({ page }) => {
  await page.goto('/?speed=8&play=1&q=0');
  // Wait for an answered API request in both worlds (a login's 200 comes first).
  await expect(page.getByRole('log', { name: 'session event log' })).toContainText('200 OK for GET /api/profile', { timeout: 20_000 });
  await expect(page.getByRole('log', { name: 'jwt event log' })).toContainText('200 OK for GET /api/profile', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });

  await page.getByRole('log', { name: 'session event log' }).getByRole('button', { name: /sends a [\d,]+-byte GET \/api\/profile/ }).first().click();
  await expect(inspector).toContainText('GET /api/profile HTTP/1.1');
  await expect(inspector.locator('mark').first()).toContainText('Cookie: __Host-sid=');

  await page.getByRole('log', { name: 'jwt event log' }).getByRole('button', { name: /sends a [\d,]+-byte GET \/api\/profile/ }).first().click();
  await expect(inspector.locator('mark').first()).toContainText('Authorization: Bearer eyJ');
  await expect(inspector).toContainText(/expires in|expired/);

  await page.locator('.stage-session').getByRole('button', { name: /alice's browser/ }).click();
  await expect(inspector).toContainText('__Host-sid');
  await expect(inspector).toContainText('/ 4096');

  await page.locator('.stage-session').getByRole('button', { name: /Session store/ }).click();
  await expect(inspector.getByRole('table').first()).toContainText('alice');

  await page.locator('.stage-jwt').getByRole('button', { name: /^server-1/ }).click();
  await expect(inspector).toContainText('server-1');

  await page.locator('.stage-jwt').getByRole('button', { name: /Key set/ }).click();
  await expect(inspector).toContainText('k1');
  // Escape closes the drawer and puts focus back on what opened it.
  await page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();
  await expect(page.locator('.stage-jwt').getByRole('button', { name: /Key set/ })).toBeFocused();
});

test('side by side shows where the worlds disagree after a ban', async ({ page }) => {
  await page.goto('/?scenario=revocation&mode=session&q=0');
  await expect(page.locator('.stage')).toHaveCount(1);
  await page.getByLabel('Mode', { exact: true }).selectOption('both');
  await expect(page.locator('.stage')).toHaveCount(2);
  await page.getByLabel('Speed').fill('1');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const strip = page.getByRole('region', { name: 'Where the two worlds disagree' });
  await expect(strip).toContainText(/First difference at 5\.5 s: alice's GET \/api\/profile/, { timeout: 45_000 });
  await expect(strip.getByRole('list')).toContainText(/(at 5\.5 s|5\.5–\d+\.\d s), alice, \d+ requests?: session refused \(401 session_unknown\); JWT accepted as alice \(role user\), token valid until exp at 30\.0 s/);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.screenshot({ path: 'test-results/side-by-side-1280x800.png' });
});

test('a phone-sized screen lays the cluster out top to bottom', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/?speed=4&play=1');
  await expect(page.getByRole('log', { name: 'session event log' })).toContainText('200 OK', { timeout: 20_000 });
  await expect(page.locator('.stage-svg.stage-tall').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/phone-390x844.png' });
  await page.close();
});

test('a tablet-sized screen shows each caption whole: the box is as tall as the lesson\'s longest', async ({ browser }) => {
  // 800x600: the worlds stack under the sticky caption; a fixed box cut stale-claims' captions by ~35 px.
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  await page.goto('/?scenario=stale-claims&q=0');
  const next = page.getByRole('button', { name: 'Next key moment' });
  await expect(next).toBeEnabled({ timeout: 30_000 });
  const lesson = page.getByTestId('lesson-caption');
  // Cut: what the lesson's line hides (it scrolls in its own box), and how far what it draws reaches
  // over what just happened (text past a box that does not clip it is drawn over the next line).
  const cut = () =>
    page.locator('.caption').evaluate((box) => {
      const line = box.querySelector('.caption-lesson')!;
      const text = document.createRange();
      text.selectNodeContents(line);
      const clips = getComputedStyle(line).overflowY !== 'visible';
      const drawnBottom = clips ? Math.min(text.getBoundingClientRect().bottom, line.getBoundingClientRect().bottom) : text.getBoundingClientRect().bottom;
      const over = drawnBottom - box.querySelector('.caption-now')!.getBoundingClientRect().top;
      return { hidden: Math.max(box.scrollHeight - box.clientHeight, line.scrollHeight - line.clientHeight), over };
    });
  // Its four key moments (0, 5, 8 and 30 s), each caption two long lines, one per world.
  // Each is reached by "Next key moment" (it lands just after the moment: 0.001 s first).
  for (const atSec of [0, 5, 8, 30]) {
    await next.click();
    await expect.poll(async () => (await timeOf(page)) / 1000).toBeCloseTo(atSec, 1);
    const words = await lesson.innerText();
    expect(words).toMatch(/^Session: .*\nJWT: /s);
    const { hidden, over } = await cut();
    expect(Math.max(hidden, over), `cut at ${atSec} s: "${words.slice(0, 60)}"`).toBeLessThanOrEqual(0);
  }
  // A lesson that says nothing at 0 s shows its opening, longer than its captions: it may scroll in
  // its box, never run over the line below it.
  await page.goto('/?scenario=token-size&q=0');
  await expect(next).toBeEnabled({ timeout: 30_000 });
  await expect(lesson.locator('.caption-opening')).toBeVisible();
  expect((await cut()).over).toBeLessThanOrEqual(0);
  // Scrolling, it is a stop for the keyboard (axe: scrollable-region-focusable).
  await expectNoAxeViolations(page, 'with token-size\'s opening at 800x600');
  await context.close();
});

// Learner review: at 8x the clock stood still while a caption had its reading time, with only the
// caption's gold foot to say why. The clock says so under itself, and only then.
test('while a caption holds playback for its reading time, the clock says so', async ({ page }) => {
  await page.goto('/?scenario=revocation&q=0&speed=8');
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await expect(play).toBeEnabled({ timeout: 30_000 });
  const clock = page.getByRole('timer', { name: 'Simulation time' });
  // Its line is always there, unseen, so nothing moves when it shows.
  const said = () => clock.evaluate((el) => { const after = getComputedStyle(el, '::after'); return after.visibility === 'visible' ? after.content : 'nothing'; });
  const height = (await clock.boundingBox())!.height;
  expect(await said()).toBe('nothing');
  await play.click();
  await expect(page.locator('.caption.is-holding')).toHaveCount(1, { timeout: 30_000 });
  expect(await said()).toBe('"reading time"');
  expect((await clock.boundingBox())!.height).toBe(height);
  await expect.poll(said, { timeout: 30_000 }).toBe('nothing');
});

test('a bad link says what it ignored and still runs', async ({ page }) => {
  await page.goto('/?scenario=nope&seed=abc&mode=weird');
  const notices = page.getByRole('status', { name: 'Notices' });
  await expect(notices).toContainText('scenario "nope" that does not exist');
  await expect(notices).toContainText('seed "abc"');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('log').first()).toContainText(/sends a [\d,]+-byte POST \/login/, { timeout: 15_000 });
});

// The link's parser is no part of the first load: index.html's fit script fetches it on a page with a
// link, beside the entry (fetched by the entry once it ran, it delayed an embed's first paint ~130 ms
// at 4x CPU); the plain page never fetches it.
test('a link page fetches its parser at once, beside the entry; the plain page not at all', async ({ page }) => {
  // The entry is held back: the parser is asked for meanwhile, or never (then this times out).
  let release!: () => void;
  const held = new Promise<void>((done) => (release = done));
  await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const parser = page.waitForRequest(/\/urlState-[^/]*\.js$/, { timeout: 10_000 });
  await page.goto('/?scenario=revocation&q=0', { waitUntil: 'commit' });
  await parser;
  release();
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await expect(play).toBeEnabled({ timeout: 15_000 });
  const asked: string[] = [];
  page.on('request', (request) => {
    if (/\/urlState-[^/]*\.js$/.test(request.url())) asked.push(request.url());
  });
  await page.goto('/');
  await expect(play).toBeEnabled({ timeout: 15_000 });
  expect(asked).toEqual([]);
});

// The link's parser is no part of the first load (src/main.tsx): should it not come, the page still starts.
test('a link whose parser does not load says so and starts the first lesson', async ({ page }) => {
  await page.route('**/assets/urlState-*.js', (route) => route.abort());
  await page.goto('/?scenario=revocation&mode=jwt');
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('This link could not be read here');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 15_000 });
  await expect(page.locator('.stage')).toHaveCount(2);
});

test('reduced motion: no travelling dots, the same information as text', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('log', { name: 'session event log' })).toContainText('200 OK', { timeout: 20_000 });
  await expect(page.locator('canvas.stage-dots')).toHaveCount(0);
  await expect(page.getByText(/Nothing on the wire|→/).first()).toBeVisible();
  // Nodes neither fade in nor glide (stage.css).
  const motion = await page.locator('.node').first().evaluate((n) => [getComputedStyle(n).animationName, getComputedStyle(n).transitionDuration]);
  expect(motion).toEqual(['none', '0s']);
  await context.close();
});

test('nodes fade in and glide by CSS, where they are drawn', async ({ page }) => {
  await page.goto('/?scenario=scale-out&mode=session&q=0');
  const server1 = page.locator('.stage-session .node-server').first();
  await expect(server1).toBeVisible();
  const style = await server1.evaluate((n) => ({ animation: getComputedStyle(n).animationName, transition: getComputedStyle(n).transitionProperty, transform: (n as SVGGElement).style.transform }));
  expect(style.animation).toBe('node-enter');
  expect(style.transition).toBe('transform');
  expect(style.transform).toMatch(/^translate\(/);
  // Its box on screen settles where the layout put it: the transform holds the node's centre in the SVG.
  const offCentre = () =>
    server1.evaluate((n) => {
      const [x, y] = (n as SVGGElement).style.transform.match(/-?[\d.]+/g)!.map(Number);
      const box = n.querySelector('rect')!.getBoundingClientRect();
      const svg = (n as SVGGElement).ownerSVGElement!.getBoundingClientRect();
      return Math.max(Math.abs(box.x + box.width / 2 - svg.x - x!), Math.abs(box.y + box.height / 2 - svg.y - y!));
    });
  await expect.poll(offCentre).toBeLessThan(1);
});

test('a copied link reopens the same lesson at the same moment', async ({ page }) => {
  await page.goto('/?scenario=revocation&mode=jwt&speed=8&play=1&q=0');
  await expect(page.getByRole('log', { name: 'jwt event log' })).toContainText('200 OK', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // An advance awaiting its checks when Pause is pressed still lands: the moment is where the clock settles.
  const time = page.getByLabel('Simulation time');
  let at: string | null = null;
  await expect.poll(async () => at === (at = await time.textContent()), { intervals: [250] }).toBe(true);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const url = await page.getByLabel('Link to this moment', { exact: true }).inputValue();
  expect(url).toContain('scenario=revocation');
  expect(url).toContain('mode=jwt');
  await page.goto(url);
  await expect(page.getByLabel('Simulation time')).toHaveText(at ?? '', { timeout: 15_000 });
  await expect(page.getByLabel('Scenario')).toHaveValue('revocation');
  await expect(page.locator('.stage')).toHaveCount(1);
});

test('a JWT-only lesson asked for side by side shows, and says, JWT', async ({ page }) => {
  await page.goto('/?scenario=key-rotation&mode=both&t=10000&speed=4');
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('jwt');
  await expect(page.getByLabel('Simulation time')).toHaveText('00:10.000');
  // The link stays in the address bar, its moment too, for a reload or a copy (teacher review: rewritten to mode=jwt, t and speed gone).
  expect(page.url()).toMatch(/[?&]scenario=key-rotation&mode=both&t=10000&speed=4$/);
  await expect(page.locator('.stage')).toHaveCount(1);
  await expect(page.getByRole('option', { name: 'Side by side' })).toBeDisabled();
  // Back to a lesson with both worlds: the side-by-side wish comes back.
  await page.getByLabel('Scenario').selectOption('basic');
  await expect(page.locator('.stage')).toHaveCount(2);
  await expect(page).toHaveURL(/\?scenario=basic&mode=both$/);
  // The session world asked for, then a lesson without one: the address names the world shown, so a reload says nothing of a mode it lacks.
  await page.getByLabel('Mode', { exact: true }).selectOption('session');
  await expect(page).toHaveURL(/\?scenario=basic&mode=session$/);
  await page.getByLabel('Scenario').selectOption('key-rotation');
  await expect(page).toHaveURL(/\?scenario=key-rotation&mode=jwt$/);
});

// Code review: a link copied out of an iframe's HTML (the Share snippet's src) writes its & as &amp;; all but its first parameter were dropped without a word.
test('a link whose & are written &amp; opens as meant, and the address bar shows it clean', async ({ page }) => {
  await page.goto('/?scenario=revocation&amp;mode=jwt&amp;t=5000&amp;q=0');
  await expect(page.getByLabel('Simulation time')).toHaveText('00:05.000', { timeout: 20_000 });
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('jwt');
  await expect(page.locator('.stage')).toHaveCount(1);
  expect(new URL(page.url()).search).toBe('?scenario=revocation&mode=jwt&t=5000&q=0');
  await expect(page.getByRole('status', { name: 'Notices' })).toHaveText('');
});

// Code review: a mode switch rewrote the address without the link's a=, which the run still played; a reload lost the ban.
test('another view of the run keeps its interventions in the address bar, so a reload replays them', async ({ page }) => {
  const ban = encodeURIComponent(JSON.stringify([{ atMs: 1000, action: { type: 'banUser', userId: 'alice' } }]));
  await page.goto(`/?scenario=basic&mode=both&q=0&a=${ban}`);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await page.getByLabel('Mode', { exact: true }).selectOption('jwt');
  await expect(page).toHaveURL(/[?&]mode=jwt(&|$)/);
  expect(JSON.parse(new URL(page.url()).searchParams.get('a') ?? '[]')).toEqual([{ atMs: 1000, action: { type: 'banUser', userId: 'alice' } }]);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await page.getByLabel('Timeline').fill('2000');
  await expect(page.getByRole('log', { name: 'jwt event log' })).toContainText('The admin bans alice');
});

test('the panel opens at its heading, below its Close bar, for the interventions and for a node inspected', async ({ page }) => {
  for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(size);
    await page.goto('/?scenario=basic&mode=both');
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
    const closeBar = page.locator('.drawer-head');
    const below = async (heading: import('@playwright/test').Locator) => {
      await expect(heading).toBeVisible();
      await expect.poll(async () => (await heading.boundingBox())!.y - ((await closeBar.boundingBox())!.y + (await closeBar.boundingBox())!.height)).toBeGreaterThanOrEqual(0);
    };
    if (size.width < 640) await page.getByRole('button', { name: 'Options' }).click();
    await page.getByRole('button', { name: 'Interventions', exact: true }).click();
    await below(page.locator('#drawer .iv-title').first());
    await page.keyboard.press('Escape');
    await page.locator('.stage-session').getByRole('button', { name: /^Session store/ }).click();
    await below(page.locator('#drawer .insp-title').first());
  }
});

test('a link carries the interventions made by hand', async ({ page }) => {
  await page.goto('/?scenario=basic&mode=session');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Interventions', exact: true }).click();
  await page.getByRole('button', { name: 'Kill server-2' }).click();
  await expect(page.locator('.stage-session').getByRole('button', { name: /^server-2 \(down\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const url = await page.getByLabel('Link to this moment', { exact: true }).inputValue();
  await page.goto(url);
  await expect(page.locator('.stage-session').getByRole('button', { name: /^server-2 \(down\)/ })).toBeVisible({ timeout: 15_000 });
});

test('the event log keeps its newest line in view while it plays, and keeps the reader\'s place once scrolled up', async ({ page }) => {
  await page.goto('/?scenario=revocation&q=0&mode=session');
  const log = page.getByRole('log', { name: 'session event log' });
  const timeline = page.getByLabel('Timeline');
  const seekTo = async (ms: number, text: RegExp) => {
    await timeline.fill(String(ms));
    await expect(timeline).toHaveAttribute('aria-valuetext', text, { timeout: 30_000 });
  };
  await seekTo(14_000, /00:14/);
  const lastLineInView = () =>
    log.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const last = el.querySelector('li:last-child')!.getBoundingClientRect();
      return el.scrollHeight > el.clientHeight && last.bottom <= box.bottom + 1 && last.top >= box.top - 1;
    });
  expect(await lastLineInView()).toBe(true);
  // Its top line cut, a shadow on its top edge says earlier lines are above; none once scrolled to the first.
  await log.scrollIntoViewIfNeeded();
  expect(await edgeShade(log, 'top')).toBeLessThan(235);
  await log.evaluate((el) => el.scrollBy(0, -el.scrollHeight));
  await expect.poll(() => edgeShade(log, 'top')).toBeGreaterThan(250);
  await log.evaluate((el) => el.scrollBy(0, el.scrollHeight));
  await log.evaluate((el) => el.scrollBy(0, -100));
  const firstShown = () => log.evaluate((el) => [...el.querySelectorAll('li')].find((li) => li.getBoundingClientRect().bottom > el.getBoundingClientRect().top)?.textContent ?? null);
  const before = await firstShown();
  await seekTo(17_000, /00:17/);
  expect(await lastLineInView()).toBe(false);
  expect(await firstShown()).toBe(before);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the page says it needs it, instead of a first screen that waits forever', async ({ page }) => {
    await page.goto('/');
    // (Playwright's text matching skips <noscript>: its box is checked, and its words in the page.)
    await expect(page.locator('body > noscript')).toBeInViewport();
    expect(await page.content()).toContain('<noscript>This simulator runs in your browser and needs JavaScript.</noscript>');
    // The prerendered first screen is in the HTML, but hidden: no Play button that cannot play.
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeHidden();
  });
});

test.describe('in an 800x600 window', () => {
  test.use({ viewport: { width: 800, height: 600 } });
  // QA: at the page's top the header pushed the sticky bar down, and the card, pinned to the foot
  // and as tall as the bar leaves room for, covered "Your prediction first…" in the caption.
  test('a question card leaves the controls and the caption in sight', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto('/?scenario=revocation&mode=both&speed=4');
    const play = page.getByRole('button', { name: 'Play', exact: true });
    await expect(play).toBeEnabled({ timeout: 30_000 });
    await play.click();
    await expect(page.getByRole('radiogroup')).toBeVisible({ timeout: 30_000 });
    const prompt = (await page.locator('.question-prompt').textContent())!;
    await expect(page.getByRole('heading', { name: prompt })).toBeFocused();
    const bar = (await page.locator('.sticky-top').boundingBox())!;
    const card = (await page.locator('.question').boundingBox())!;
    expect(bar.y, 'the controls and caption start in the viewport').toBeGreaterThanOrEqual(0);
    expect(card.y, 'the card starts below the caption').toBeGreaterThanOrEqual(bar.y + bar.height);
    await expect(page.locator('.caption-predict')).toBeInViewport({ ratio: 1 });
    // It fits under the caption as the page is: nothing scrolled the lesson's picker and Options away.
    await expect(page.getByRole('button', { name: 'Options' })).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });
});

// Learner review: at 1280x800 the card, centred over both worlds, covered both load balancers and
// the servers of the JWT world it asked about. About one world, it is asked over the other one.
for (const viewport of [{ width: 1280, height: 800 }, { width: 1366, height: 768 }]) {
  for (const [scenario, t, about, other] of [['revocation', 5050, 'jwt', 'session'], ['scale-out', 6900, 'session', 'jwt']] as const) {
    test(`at ${viewport.width}x${viewport.height} ${scenario}'s question about the ${about} world leaves that world whole in sight`, async ({ browser }) => {
      test.setTimeout(60_000);
      const page = await browser.newPage({ viewport });
      await page.goto(`/?scenario=${scenario}&t=${t}`);
      const play = page.getByRole('button', { name: 'Play', exact: true });
      // Loaded (not disabled); the link may land on the question, where Play is aria-disabled.
      await expect(play).not.toHaveAttribute('disabled', { timeout: 30_000 });
      if (!(await page.getByRole('radiogroup').count())) await play.click();
      await expect(page.getByRole('radiogroup')).toBeVisible({ timeout: 30_000 });
      const card = page.locator('.question');
      const box = (await card.boundingBox())!;
      const under = async (stage: string) => {
        const covered: string[] = [];
        for (const node of await page.locator(`.stage-${stage} .node`).all()) {
          const b = (await node.boundingBox())!;
          if (!(b.y >= box.y + box.height || b.y + b.height <= box.y || b.x >= box.x + box.width || b.x + b.width <= box.x)) covered.push((await node.textContent())!);
        }
        return covered;
      };
      expect(await under(about), 'the world asked about is whole').toEqual([]);
      expect((await under(other)).length, 'the card is over the other world').toBeGreaterThan(0);
      // Half as wide, it is whole: no choice or button below its fold.
      const [shown, whole] = await card.evaluate((el) => [el.clientHeight, el.scrollHeight]);
      expect(whole).toBeLessThanOrEqual(shown);
      // Shift+Tab from the card goes back through the worlds: never to a node under it, focused unseen (keyboard review).
      await page.locator('.question-prompt').focus();
      for (let stops = 0; stops < 30; stops++) {
        await page.keyboard.press('Shift+Tab');
        const at = await page.evaluate(() => {
          const el = document.activeElement!;
          if (!el.closest('.stage')) return null;
          const b = el.getBoundingClientRect();
          const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
          return { name: el.getAttribute('aria-label') ?? el.textContent ?? '', seen: top !== null && (el.contains(top) || top.contains(el)) };
        });
        if (!at) break;
        expect(at.seen, `${at.name} is focused in sight`).toBe(true);
      }
      // Beside the open drawer (~470 px of the page) half the stage is too narrow: it is asked centred again.
      await page.getByRole('button', { name: 'Interventions', exact: true }).click();
      await expect(page.getByRole('complementary', { name: 'Inspector and interventions' })).toBeVisible();
      await expect.poll(async () => (await card.boundingBox())!.width).toBeGreaterThan(600);
      await page.close();
    });
  }
}

test('a link is told what the lesson could not show as it asked: a mode it has no world for, a moment past its end', async ({ page }) => {
  await page.goto('/?scenario=microservices&mode=session&q=0');
  await expect(page.getByText("This lesson has no session world, which the link's mode asked for; it shows the JWT world.")).toBeVisible({ timeout: 20_000 });
  await page.goto('/?scenario=load&t=86400000&q=0');
  await expect(page.getByText(/^The link's moment \(86400 s\) is past the end of this lesson \(\d+ s\); it opens at the end\.$/)).toBeVisible({ timeout: 20_000 });
  // At the end, as playback leaves it: the timeline stands at its end, not 10 s past the lesson's.
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await expect(timeline).toHaveValue((await timeline.getAttribute('max'))!);
  await expect(page.getByTestId('caption')).toHaveText('The scenario has finished. Step back, scrub the timeline, or try an intervention.');
  await page.goto('/?lab=load&scenario=basic&t=5000');
  await expect(page.getByText("The load lab does not use the link's scenario, t; they were ignored.")).toBeVisible({ timeout: 20_000 });
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 1366, height: 768 }]) {
  test(`at ${viewport.width}x${viewport.height} the header is one row and the picker shows every lesson's whole title`, async ({ browser }) => {
    const page = await browser.newPage({ viewport });
    await page.goto('/?q=0');
    const picker = page.getByRole('combobox', { name: 'Scenario' });
    await expect(picker).toBeVisible();
    expect(await titlesCut(picker)).toEqual([]);
    const rows = await page.locator('header.app-header').evaluate((header) => new Set([...header.querySelectorAll('h1, select, button:not(.more-toggle), .toggle-questions')].map((e) => Math.round(e.getBoundingClientRect().top / 10))).size);
    expect(rows).toBe(1);
    await page.close();
  });
}

test('at 1280x800 the open drawer takes its room from the page: both worlds and the clock stay in sight beside it', async ({ page }) => {
  await page.goto('/?scenario=revocation&mode=both&q=0&t=6000');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Interventions', exact: true }).click();
  // Its code comes as it first opens.
  await expect(page.locator('#drawer')).toBeVisible();
  const drawer = (await page.locator('#drawer').boundingBox())!;
  for (const shown of [page.locator('.stage-session'), page.locator('.stage-jwt'), page.getByLabel('Simulation time')]) {
    await expect(shown).toBeVisible();
    const box = (await shown.boundingBox())!;
    expect(box.x + box.width, 'under the drawer').toBeLessThanOrEqual(drawer.x + 1);
  }
  await page.getByRole('button', { name: 'Close panel' }).click();
  await expect(page.locator('.stage-jwt')).toBeVisible();
});

test('at 1024x768, where the open drawer leaves room for one world, the world of the part inspected is the one kept', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto('/?scenario=revocation&mode=both&q=0&t=6000');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  await page.locator('.stage-jwt').getByRole('button', { name: /server-2/ }).click();
  await expect(page.getByRole('region', { name: 'Inspector' })).toBeVisible();
  await expect(page.locator('.stage-jwt')).toBeVisible();
  await expect(page.locator('.stage-session')).toHaveCount(0);
  await page.close();
});

test('the legend keys the glyphs of the worlds drawn: a JWT-only lesson shows no wristband, a stage without a store no store query', async ({ page }) => {
  const legend = page.locator('.legend-first');
  await page.goto('/?scenario=key-rotation&q=0');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(legend.getByText('JWT (signed badge)')).toBeVisible();
  await expect(legend.getByText('key-set fetch')).toBeVisible();
  await expect(legend.getByText('session cookie (wristband)')).toBeHidden();
  await expect(page.locator('.stage-jwt').getByRole('button', { name: /^Key set/ })).toBeVisible();
  await expect(page.locator('.node-store')).toHaveCount(0);
  await expect(legend.getByText('store query')).toBeHidden();
  await page.goto('/?scenario=basic&mode=session&q=0');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(legend.getByText('session cookie (wristband)')).toBeVisible();
  await expect(legend.getByText('JWT (signed badge)')).toBeHidden();
  await expect(legend.getByText('store query')).toBeVisible();
  await page.goto('/?scenario=basic&q=0');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  for (const glyph of ['session cookie (wristband)', 'JWT (signed badge)', 'store query', 'key-set fetch']) await expect(legend.getByText(glyph)).toBeVisible();
});

// A short laptop window under 1280 px (1024x600, a netbook; most laptops' screens less the browser's
// bars are short too): the timeline's own row was what the worlds lacked to draw each browser's
// holding and each server's keys (their compact rows dropped those lines: 242 px a world, now 284).
test('at 1024x600 the playback is one row, and each world draws what its browsers hold and its servers\' keys', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 600 });
  await page.goto('/?scenario=revocation&q=0');
  const next = page.getByRole('button', { name: 'Next key moment' });
  await expect(next).toBeEnabled({ timeout: 30_000 });
  await next.click();
  await next.click();
  await expect(page.getByTestId('lesson-caption')).toContainText('bans Alice');
  const play = (await page.getByRole('button', { name: 'Play', exact: true }).boundingBox())!;
  const timeline = (await page.getByRole('slider', { name: 'Timeline' }).boundingBox())!;
  expect(Math.abs(timeline.y + timeline.height / 2 - (play.y + play.height / 2)), 'the timeline beside Play').toBeLessThan(play.height);
  await expect(page.locator('.stage-session .node', { hasText: "alice's browser" }).locator('.node-line')).toContainText('sid');
  await expect(page.locator('.stage-jwt .node', { hasText: "alice's browser" }).locator('.node-line')).toContainText('JWT');
  await expect(page.locator('.stage-jwt .node', { hasText: 'server-1' }).locator('.node-line').first()).toContainText('keys: k1');
  await expect(page.locator('.stage').last()).toBeInViewport({ ratio: 1 });
});
