import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/a11y';
import { measureStages } from './support/stages';

// A lesson counts only when a learner sees both worlds and can read them: on ordinary laptop
// screens both stages sit inside the viewport, text on the stage is 11 px or more, no two labels
// on the stage overlap, and every lesson's key moment is photographed for a human to look at.

const LAPTOPS = [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];
const LESSONS = ['revocation', 'scale-out', 'load', 'microservices'];
const ALL_LESSONS = ['basic', 'jwt-in-cookie', 'revocation', 'stolen-credential', 'scale-out', 'store-outage', 'refresh-tokens', 'key-rotation', 'tampering', 'stale-claims', 'clock-skew', 'token-size', 'microservices', 'load'];

async function ready(page: Page) {
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(page.locator('.stage .node').first()).toBeVisible();
}

for (const viewport of LAPTOPS) {
  test(`both worlds fit a ${viewport.width}x${viewport.height} screen, legibly`, async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await browser.newPage({ viewport });
    for (const id of LESSONS) {
      // Mid-lesson, where the cluster is busiest (servers added, crowds drawn).
      await page.goto(`/?scenario=${id}&mode=both&q=0&t=20000`);
      await ready(page);
      await expect(page.getByLabel('Simulation time')).not.toHaveText('00:00.000', { timeout: 30_000 });
      // Nodes glide to new places when servers join: measure once they have settled.
      await expect.poll(async () => (await measureStages(page)).flatMap((s) => s.overlaps), { timeout: 10_000 }).toEqual([]);
      const stages = await measureStages(page);
      const both = id === 'microservices' ? 1 : 2; // a JWT-only lesson shows one world
      expect(stages, id).toHaveLength(both);
      for (const s of stages) {
        expect(s.hiddenShare, `${id} ${s.world} hidden share`).toBeLessThanOrEqual(0.001);
        expect(s.minFontPx, `${id} ${s.world} smallest stage text`).toBeGreaterThanOrEqual(11);
        expect(s.overlaps, `${id} ${s.world} overlapping labels`).toEqual([]);
      }
    }
    await page.close();
  });
}

test('a phone stacks the worlds, each fully visible below the sticky controls in turn', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/?scenario=revocation&mode=both&q=0');
  await ready(page);
  const sticky = await page.locator('.sticky-top').boundingBox();
  for (const world of ['.stage-session', '.stage-jwt']) {
    await page.locator(world).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await expect.poll(async () => (await page.locator(world).boundingBox())!.y).toBeGreaterThanOrEqual(sticky!.height - 1);
    const box = (await page.locator(world).boundingBox())!;
    expect(box.y + box.height, world).toBeLessThanOrEqual(844 + 1);
  }
  await page.close();
});

test('the load lesson shows each world\'s latency under its name, in sight beside the folded card while the run decides', async ({ page }) => {
  // "Watch each world's latency as the traffic doubles", and none was on the stage; at the name's right it lay under the card (review).
  await page.goto('/?scenario=load&mode=both&t=9600&play=1');
  const group = page.getByRole('radiogroup');
  await expect(group).toBeVisible({ timeout: 30_000 });
  await group.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Lock in my prediction' }).click();
  const card = (await page.locator('.question.is-watching').boundingBox())!;
  const figures = page.locator('.stage-latency');
  await expect(figures).toHaveCount(2);
  for (const figure of await figures.all()) {
    await expect(figure).toHaveText(/^latency now: \d+ ms$/);
    // Its words, not its box: the box takes the row's whole width.
    const b = await figure.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    expect(b.y >= card.y + card.height || b.y + b.height <= card.y || b.x >= card.x + card.width || b.x + b.width <= card.x, `"${await figure.textContent()}" under the card`).toBe(true);
  }
});

test('a question pauses the lesson, is a radiogroup named by its question, and the run marks the answer', async ({ page }) => {
  await page.goto('/?scenario=revocation&mode=both&speed=4');
  await ready(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const group = page.getByRole('radiogroup', { name: /banned/ });
  await expect(group).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'with a question open');
  await page.screenshot({ path: 'test-results/question-1280x800.png' });
  const card = page.locator('.question');
  // Asking about both worlds, the card leaves both their names in sight.
  const askedBox = (await card.boundingBox())!;
  for (const name of await page.locator('.stage figcaption > span:first-child').all()) {
    const b = (await name.boundingBox())!;
    expect(b.y + b.height <= askedBox.y || b.x >= askedBox.x + askedBox.width || b.x + b.width <= askedBox.x, `"${await name.textContent()}" under the question`).toBe(true);
  }
  await group.getByRole('radio').first().check();
  const asked = askedBox.height;
  await page.getByRole('button', { name: 'Lock in my prediction' }).click();
  // While the run decides, the card folds to one row at the stage's top right, so the stage can be watched: no part of either world is under it.
  // Until the caption the question kept back has had its reading time, the card says the run waits for it.
  await expect(card).toContainText(/Locked in\. (Watching the run|The run goes on once the caption has had its reading time)/);
  // Folded to the pick alone (read at once: the run may decide it while the nodes are measured, on a busy machine).
  await expect(group.getByRole('radio')).toHaveCount(1);
  const noNodeUnderFoldedCard = async () => {
    const folded = (await card.boundingBox())!;
    expect(folded.height).toBeLessThan(asked / 4);
    const nodes = await page.locator('.node').all();
    expect(nodes.length).toBeGreaterThan(8);
    for (const node of nodes) {
      const b = (await node.boundingBox())!;
      const apart = b.y >= folded.y + folded.height || b.y + b.height <= folded.y || b.x >= folded.x + folded.width || b.x + b.width <= folded.x;
      expect(apart, `${await node.evaluate((n) => n.querySelector('title')?.textContent)} under the card`).toBe(true);
    }
  };
  await noNodeUnderFoldedCard();
  await expect(page.locator('.question-foot')).toContainText(/✓ Right\.|✗ Not this time/, { timeout: 30_000 });
  // Decided, it keeps the pick and the run's answer (green), and no server its verdict names is under it.
  const kept = await group.getByRole('radio').count();
  expect(kept).toBe((await page.locator('.question-choice.is-answer.is-picked').count()) === 1 ? 1 : 2);
  await expect(page.locator('.question-choice.is-answer')).toHaveCount(1);
  const decided = (await card.boundingBox())!;
  for (const node of await page.locator('.node').filter({ hasText: /^server-\d/ }).all()) {
    const b = (await node.boundingBox())!;
    expect(b.y >= decided.y + decided.height || b.x >= decided.x + decided.width || b.x + b.width <= decided.x, `${await node.textContent()} under the decided card`).toBe(true);
  }
  await expectNoAxeViolations(page, 'with a decided question');
  await page.screenshot({ path: 'test-results/question-answered-1280x800.png' });
  // The lesson waits paused under the verdict (Play says so); "See the stage" folds it over no node, to look at what it names.
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'See the stage' }).click();
  await expect(page.getByRole('button', { name: 'Show the verdict' })).toBeFocused();
  await expect(card).toContainText(/✓ Right|✗ Not this time/);
  await noNodeUnderFoldedCard();
  await expectNoAxeViolations(page, 'with a decided question folded');
  // Play goes on as Continue does.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
});

test('the inspector opens where the eye is, and Escape returns focus to the node', async ({ browser }) => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const page = await browser.newPage({ viewport });
    await page.goto('/?scenario=basic&mode=both&q=0');
    await ready(page);
    const node = page.locator('.stage-session').getByRole('button', { name: /alice's browser/ });
    await node.click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await expect(inspector).toBeInViewport();
    await page.keyboard.press('Escape');
    await expect(inspector).toBeHidden();
    await expect(node).toBeFocused();
    await page.close();
  }
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test(`every lesson at its key moment, ${viewport.width}x${viewport.height} (screenshots)`, async ({ browser }) => {
    test.setTimeout(180_000);
    const page = await browser.newPage({ viewport });
    for (const id of ALL_LESSONS) {
      await page.goto(`/?scenario=${id}&mode=both&q=0`);
      await ready(page);
      // The key moment: a few key moments in (as a learner would skip there), then a few events on.
      // (A short lesson runs out of moments first: the buttons then say so, aria-disabled, and are left alone.)
      const next = page.getByRole('button', { name: 'Next key moment' });
      const step = page.getByRole('button', { name: 'Step', exact: true });
      for (let i = 0; i < 3 && (await next.isEnabled()); i++) await next.click();
      for (let i = 0; i < 4 && (await step.isEnabled()); i++) await step.click();
      await expect(page.getByTestId('lesson-caption')).not.toBeEmpty();
      await page.screenshot({ path: `test-results/lesson-${id}-${viewport.width}x${viewport.height}.png` });
    }
    await page.close();
  });
}

// Learner review: in a world drawn alone its servers stand in a column mid-stage, and the decided card,
// centred, hid server-1 and server-2 as its verdict said "… from server-1: its cached key set…".
for (const [lesson, at] of [['key-rotation', 5_000], ['clock-skew', 0]] as const) test(`at 1280x800 a one-world lesson's verdict leaves the servers and the key set in sight (${lesson})`, async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/?scenario=${lesson}&t=${at}&speed=4&play=1`);
  const group = page.getByRole('radiogroup');
  await expect(group).toBeVisible({ timeout: 30_000 });
  await group.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Lock in my prediction' }).click();
  await expect(page.locator('.question-foot')).toContainText(/✓ Right\.|✗ Not this time/, { timeout: 30_000 });
  const card = (await page.locator('.question').boundingBox())!;
  const named = page.locator('.stage .node').filter({ hasText: /^(server-\d|Key set)/ });
  expect(await named.count()).toBe(4);
  for (const node of await named.all()) {
    const b = (await node.boundingBox())!;
    expect(b.y >= card.y + card.height || b.y + b.height <= card.y || b.x >= card.x + card.width || b.x + b.width <= card.x, `${await node.textContent()} under the verdict`).toBe(true);
  }
});

/** The caption box's "what just happened" line: how many lines it shows, whether its text is cut, and where the worlds start. */
const nowLine = (page: Page) =>
  page.evaluate(() => {
    const now = document.querySelector<HTMLElement>('.caption-now')!;
    const box = document.querySelector<HTMLElement>('.caption')!;
    const lineHeight = parseFloat(getComputedStyle(now).lineHeight);
    return {
      lines: Math.round(now.getBoundingClientRect().height / lineHeight),
      cut: now.scrollHeight > now.clientHeight + 1,
      boxOverflow: box.scrollHeight - box.clientHeight,
      stagesTop: Math.round(document.querySelector('.stages')!.getBoundingClientRect().top),
    };
  });

test('what just happened takes the whole lines the caption box has left: the ban said whole at 1280, one whole line under a three-line caption at 1024', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto('/?scenario=revocation&q=0');
  await ready(page);
  const before = await nowLine(page);
  await page.getByLabel('Timeline').fill('5213');
  // Both worlds' ban in one moment: its JWT half ("so 1 issued token stays valid …") was cut after "token" on one line.
  await expect(page.getByTestId('caption')).toContainText('stays valid for 25 s more');
  await expect.poll(() => nowLine(page)).toEqual({ lines: 2, cut: false, boxOverflow: 0, stagesTop: before.stagesTop });
  await page.close();

  const narrow = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await narrow.goto('/?scenario=jwt-in-cookie&q=0');
  await ready(narrow);
  const top = (await nowLine(narrow)).stagesTop;
  await narrow.getByRole('button', { name: /^Next/ }).click();
  await narrow.getByRole('button', { name: /^Next/ }).click();
  await expect(narrow.getByTestId('lesson-caption')).toContainText('only checks the signature');
  // The lesson's lines take three of the box's lines: the line under them is one whole line, cut with an ellipsis, and nothing scrolls or moves.
  await expect.poll(() => nowLine(narrow)).toEqual({ lines: 1, cut: true, boxOverflow: 0, stagesTop: top });
  await narrow.close();
});
