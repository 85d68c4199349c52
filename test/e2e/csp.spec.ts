import { expect, test, type Page } from '@playwright/test';
import { CATALOG, type CatalogEntry } from '../../src/scenarios/catalog';
import { scriptHash } from '../../build/csp';

// Issue 8, hosting: the built index.html carries a strict Content-Security-Policy (build/csp.ts).
// Every lesson is played side by side (or in its only world), the comparison table and the
// inspector are opened, and not one violation may be reported: neither a `securitypolicyviolation`
// event nor a console error about the policy. Two tabs share the lessons: a lesson's pace is set
// mostly by its captions' dwell (real time, even at 16x), not by the CPU.

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  where: string;
}

declare global {
  interface Window {
    __cspViolations: Violation[];
  }
}

const POLICY = /Content[ -]Security[ -]Policy/i;
const TABS = 2;
/** Simulated seconds that count as "well into" a lesson (or its end, if sooner). */
const WELL_INTO_S = 10;

const seconds = async (page: Page) => {
  const text = (await page.getByLabel('Simulation time').textContent()) ?? '00:00.000';
  const [min, sec] = text.split(':');
  return Number(min) * 60 + Number(sec);
};

async function playLesson(page: Page, { id, modes }: CatalogEntry): Promise<string> {
  const started = Date.now();
  await page.goto(`./?scenario=${id}&mode=both&q=0&speed=16&play=1`);
  await expect(page.locator('.stage')).toHaveCount(modes.length);
  // Well into the lesson, or its end (the clock has moved and Play shows again).
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await expect
    .poll(async () => {
      const at = await seconds(page);
      return at >= WELL_INTO_S || (at > 1 && (await play.isVisible()));
    }, { timeout: 30_000, intervals: [100] })
    .toBe(true);
  const reached = await seconds(page);
  // The lazy-loaded comparison table, below the stage.
  const table = page.getByRole('region', { name: 'Comparison table, scrollable' });
  await table.scrollIntoViewIfNeeded();
  await expect(table.getByRole('table')).toBeVisible();
  // The lazy-loaded inspector (its own chunk and stylesheet), on the last world's first node.
  await page.locator('.stage').last().locator('.node[role=button]').first().click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  // The inspector is a lazy chunk: on a loaded machine it can take longer than the default 5 s.
  await expect(inspector).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();
  return `${id} ${((Date.now() - started) / 1000).toFixed(1)} s (${reached.toFixed(1)} s simulated)`;
}

test('the built app plays every lesson without a single CSP violation', async ({ browser }) => {
  test.setTimeout(120_000);
  // One context (one window) per tab: a hidden tab pauses the player (usePageSignals).
  const contexts = await Promise.all(Array.from({ length: TABS }, () => browser.newContext()));
  const tabs = await Promise.all(contexts.map((c) => c.newPage()));
  const page = tabs[0]!;
  for (const tab of tabs) await tab.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push({
        directive: e.effectiveDirective || e.violatedDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        where: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      });
    }, true);
  });
  const consoleErrors: string[] = [];
  for (const tab of tabs) {
    tab.on('console', (msg) => {
      if (POLICY.test(msg.text())) consoleErrors.push(`${msg.type()}: ${msg.text()}`);
    });
    tab.on('pageerror', (e) => {
      if (POLICY.test(e.message)) consoleErrors.push(`pageerror: ${e.message}`);
    });
  }

  // The policy is in the built page, before anything it governs.
  await page.goto('./');
  const meta = page.locator('head > meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveCount(1);
  await expect(meta).toHaveAttribute('content', /^default-src 'self'; script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'; style-src 'self'/);
  expect(await page.evaluate(() => document.head.firstElementChild?.nextElementSibling?.getAttribute('http-equiv'))).toBe('Content-Security-Policy');
  // The one inline script is the first screen's fit, named by its hash: it ran (the screen is fitted).
  const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).map((s) => s.text));
  expect(inline).toHaveLength(1);
  expect(await meta.getAttribute('content')).toContain(scriptHash(inline[0]!));
  await expect(page.locator('html.first-screen-fitted')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  const violations: (Violation & { lesson: string })[] = (await page.evaluate(() => window.__cspViolations)).map((v) => ({ ...v, lesson: '(first load)' }));

  const timings: string[] = [];
  const queue = [...CATALOG];
  await Promise.all(
    tabs.map(async (tab) => {
      for (let lesson = queue.shift(); lesson; lesson = queue.shift()) {
        timings.push(await playLesson(tab, lesson));
        // Read before the next navigation replaces the page (and its record).
        const id = lesson.id;
        violations.push(...(await tab.evaluate(() => window.__cspViolations)).map((v) => ({ ...v, lesson: id })));
      }
    }),
  );
  console.log(`CSP spec, ${CATALOG.length} lessons in ${TABS} tabs: ${timings.join('; ')}`);

  expect(timings).toHaveLength(CATALOG.length);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  expect(consoleErrors).toEqual([]);

  // The detector itself works: an inline style attribute is refused and reported.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p style="color: red">probe</p>'));
  await expect.poll(() => page.evaluate(() => window.__cspViolations.map((v) => v.directive))).toEqual(['style-src-attr']);
  await expect.poll(() => consoleErrors.length).toBeGreaterThan(0);
  await Promise.all(contexts.map((c) => c.close()));
});

test("the 404 page's one inline script runs under its own policy and keeps the query and fragment", async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (POLICY.test(msg.text())) violations.push(msg.text());
  });
  // vite preview answers unknown paths with index.html, so open the page GitHub Pages would serve.
  await page.goto('./404.html?scenario=revocation&mode=jwt#moment');
  await expect(page).toHaveURL(/\/\?scenario=revocation&mode=jwt#moment$/);
  await expect(page.getByLabel('Scenario')).toHaveValue('revocation');
  expect(violations).toEqual([]);
});
