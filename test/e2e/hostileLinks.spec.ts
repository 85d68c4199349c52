// Issue 9's fuzz in the built app: 1,000 generated links (test/support/hostileLinks.ts: every action
// type with wrong, missing, huge, prototype-named and CR/LF fields, in links whose other parameters
// are as mixed, and noise), opened one after another. Each must give no page error, a page drawn
// (never an empty #root), Object.prototype as it was, and a notice for each part the link parser
// refused. The same seed gives the same links (FC_SEED replays another run's).
import { expect, test, type Page } from '@playwright/test';
import fc from 'fast-check';
import { parseInterventions } from '../../src/sim/parseAction';
import { parseLink, type LinkState } from '../../src/store/urlState';
import { linkArb } from '../support/hostileLinks';
import { propsSeed } from '../support/props';

const LINKS = 1_000;
const BATCH = 100;
const seed = propsSeed();
const links = fc.sample(linkArb, { numRuns: LINKS, seed });

/** Object.prototype's own names in the page: the same as a fresh page's, or something polluted it. */
const prototypeNames = (page: Page) => page.evaluate(() => Object.getOwnPropertyNames(Object.prototype).sort());

/** Settled: the lesson is drawn (Play enabled) at the link's moment, or an error is said, or the lab is up. */
async function settled(page: Page, state: LinkState) {
  const ready = page.locator('button.play:not([disabled]), [role="alert"], .lab-main');
  await ready.first().waitFor({ timeout: 20_000 });
  const timeline = page.locator('input[aria-label="Timeline"]');
  if (!state.timeMs || (await timeline.count()) === 0) return;
  // A link's moment is reached by replaying (its interventions included): wait for the clock to get
  // there (or past it: with play=1 it goes on at once, too fast at 16x to catch it on the moment).
  const moment = Math.min(state.timeMs, Number(await timeline.getAttribute('max')));
  await expect.poll(async () => Number(await timeline.inputValue()), { timeout: 20_000 }).toBeGreaterThanOrEqual(moment - 10);
}

/** Pages opened side by side: each link is a whole page load and lesson, mostly waiting on the page. */
const LANES = 3;

/** Opens each link in turn in its own page, and checks what a learner would see. */
async function openAll(page: Page, searches: string[], pristine: string[]) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const search of searches) {
    const what = `link ${search.slice(0, 300)}`;
    // What the app should make of the link: read as the app reads it.
    const { state, problems } = parseLink(search, parseInterventions);
    await page.goto(`/${search}`);
    await settled(page, state);
    expect(errors, what).toEqual([]);
    expect(await page.locator('#root > *').count(), `${what}: empty #root`).toBeGreaterThan(0);
    expect(await prototypeNames(page), what).toEqual(pristine);
    if (problems.length) {
      const shown = await page.locator('[aria-label="Notices"] li').allTextContents();
      for (const problem of problems) expect(shown, `${what}: the notice "${problem}"`).toContain(problem);
    }
  }
}

test.describe.configure({ mode: 'serial' });

for (let from = 0; from < LINKS; from += BATCH) {
  test(`hostile links ${from + 1}-${from + BATCH} (seed ${seed}): no page error, a page drawn, the prototype untouched, each refused part a notice`, async ({ browser }) => {
    test.setTimeout(BATCH * 2_000);
    const batch = links.slice(from, from + BATCH);
    const contexts = await Promise.all(Array.from({ length: LANES }, () => browser.newContext({ serviceWorkers: 'block' })));
    try {
      const pages = await Promise.all(contexts.map((c) => c.newPage()));
      await pages[0]!.goto('about:blank');
      const pristine = await prototypeNames(pages[0]!);
      await Promise.all(pages.map((page, lane) => openAll(page, batch.filter((_, i) => i % LANES === lane), pristine)));
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  });
}
