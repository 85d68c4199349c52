import { mkdirSync } from 'node:fs';
import { expect, test, type Frame, type Page } from '@playwright/test';
import { formatNumber } from '../../src/format';
import { parseSweepSettings } from '../../src/lab/settings';
import { runSweep } from '../../src/lab/sweep';
import { expectNoAxeViolations, expectTargetsAtLeast24 } from './support/a11y';
import { startHostServer } from './support/hostServer';

// Issue 10, item 1: the load lab (lab=load). A small sweep runs in the real Web Worker of the
// built app; its table must say what runSweep says for the same settings here in Node (same engine,
// same seed), its charts must be drawn, a cancel must stop at once, and the page must hold to the
// app's rules: no CSP violation, no page error, no axe violation, no horizontal scroll, text of
// 11 px or more. Screenshots go to test-results/ (and to $LAB_SHOTS, when set).

interface LabViolation {
  directive: string;
  blocked: string;
  where: string;
}

declare global {
  interface Window {
    __labCspViolations: LabViolation[];
  }
}

/** The small sweep: three server counts, both models, the reference laptop's check cost. */
const SMALL = { serversFrom: 1, serversTo: 3, users: 50, requests: 500 };
const TITLE = 'Load lab: how sessions and JWTs scale';

/** Records CSP violations, page errors and console errors (the worker's included) for the test. */
async function watch(page: Page) {
  await page.addInitScript(() => {
    window.__labCspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__labCspViolations.push({ directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI, where: `${e.sourceFile}:${e.lineNumber}` });
    }, true);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return {
    errors,
    violations: () => page.evaluate(() => window.__labCspViolations),
  };
}

type Scope = Page | Frame;

async function openLab(page: Page, url = './?lab=load') {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible({ timeout: 20_000 });
}

/** Fills the form (reference laptop's cost, so the rows depend on the settings only). */
async function setSweep(scope: Scope, s: { serversFrom: number; serversTo: number; users: number; requests: number }) {
  await scope.getByLabel('Servers from').fill(String(s.serversFrom));
  await scope.getByLabel('Servers to').fill(String(s.serversTo));
  await scope.getByLabel('Users', { exact: true }).fill(String(s.users));
  await scope.getByLabel('Requests per row').fill(String(s.requests));
  await scope.getByRole('radio', { name: 'Reference laptop' }).check();
}

async function runToEnd(scope: Scope, rows: number) {
  const run = scope.getByRole('button', { name: 'Run sweep' });
  await expect(run).toBeEnabled();
  await run.click();
  await expect(scope.locator('.lab-status')).toHaveText(new RegExp(`^Sweep done: ${rows} rows in`), { timeout: 60_000 });
}

/** Every drawn chart: its canvas's size and whether it lies within its figure. */
const charts = (scope: Scope) =>
  scope.locator('.lab-chart').evaluateAll((figures) =>
    figures.map((figure) => {
      const canvas = figure.querySelector('canvas');
      const f = figure.getBoundingClientRect();
      const c = canvas?.getBoundingClientRect();
      return {
        id: (figure as HTMLElement).dataset.chart ?? '',
        width: c?.width ?? 0,
        height: c?.height ?? 0,
        inside: !!c && c.left >= f.left - 0.5 && c.right <= f.right + 0.5,
      };
    }),
  );

/** The page's layout rules: no sideways scroll, every text at least 11 px. */
const layout = (scope: Scope) =>
  scope.evaluate(() => {
    const small: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || el.closest('.visually-hidden')) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      const box = el.getBoundingClientRect();
      if (box.width > 0 && size < 11) small.push(`${el.tagName.toLowerCase()}.${el.className} ${size}px "${node.textContent.trim().slice(0, 30)}"`);
    }
    const root = document.documentElement;
    return { overflowX: root.scrollWidth - root.clientWidth, small };
  });

/** The table's rows as [mode, servers, { key: value }]. */
const tableRows = (scope: Scope) =>
  scope.locator('.lab-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      mode: (tr as HTMLElement).dataset.mode,
      servers: Number((tr as HTMLElement).dataset.servers),
      cells: Object.fromEntries([...tr.querySelectorAll<HTMLElement>('td[data-value]')].map((td) => [td.dataset.key, { value: Number(td.dataset.value), text: td.textContent }])),
    })),
  );

/** The whole page (or a frame element) to test-results/; with LAB_SHOTS=dir, there too, a long page also in parts of 1,200 px to look at. */
async function shoot(page: Page, name: string, target?: { locator: ReturnType<Page['locator']> }) {
  const dirs = ['test-results', ...(process.env.LAB_SHOTS ? [process.env.LAB_SHOTS] : [])];
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    if (target) await target.locator.screenshot({ path: `${dir}/${name}.png` });
    else await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  }
  if (!process.env.LAB_SHOTS || target) return;
  const { width, height } = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight }));
  for (let y = 0, part = 1; y < height; y += 1200, part++)
    await page.screenshot({ path: `${process.env.LAB_SHOTS}/${name}-part${part}.png`, fullPage: true, clip: { x: 0, y, width, height: Math.min(1200, height - y) } });
}

test('a small sweep in the worker gives the rows runSweep gives, drawn, tabled and read', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = await watch(page);
  await openLab(page);
  // The default cost is measured here, in the worker, with real jose checks.
  await expect(page.getByText(/^EdDSA check: [\d.]+ ms measured here$/)).toBeVisible({ timeout: 30_000 });

  await setSweep(page, SMALL);
  await expect(page.getByText('EdDSA check: 0.15 ms on the reference laptop')).toBeVisible();
  await page.getByRole('button', { name: 'Run sweep' }).click();
  // Progress while it runs (rows are quick: the progress bar may already be gone).
  await expect(page.locator('.lab-status')).toHaveText(/^(Row \d of 6: (Session|JWT), \d servers?|Sweep done: 6 rows in .*)$/);
  await expect(page.locator('.lab-status')).toHaveText(/^Sweep done: 6 rows in/, { timeout: 60_000 });
  // A screen reader hears it from the status region (the words on screen are hidden from it: once is enough).
  await expect(page.getByRole('status').filter({ hasText: /^Sweep done: 6 rows in/ })).toHaveCount(1);
  // The results are below the form, out of sight at 1280x800: the link goes there.
  await page.getByRole('link', { name: /See what the sweep shows/ }).click();
  await expect(page.getByRole('heading', { name: 'What the sweep shows' })).toBeInViewport();

  // The same sweep here, in Node: the same numbers, row for row.
  const parsed = parseSweepSettings({ ...SMALL, verifyCostMs: 0.15 });
  if (!parsed.ok) throw new Error(parsed.problems.join(' '));
  const expected = await runSweep(parsed.settings);
  const shown = await tableRows(page);
  expect(shown.map((r) => `${r.mode} ${r.servers}`)).toEqual(expected.rows.map((r) => `${r.mode} ${r.servers}`));
  for (const [i, row] of expected.rows.entries()) {
    const cells = shown[i]!.cells;
    const want = {
      throughputRps: row.throughputRps,
      p50: row.latencyMs.p50,
      p99: row.latencyMs.p99,
      storeOpsPerSec: row.storeOpsPerSec,
      signatureVerificationsPerSec: row.signatureVerificationsPerSec,
    };
    for (const [key, value] of Object.entries(want)) {
      expect(cells[key]?.value, `${row.mode} ${row.servers} servers: ${key}`).toBe(value);
      expect(cells[key]?.text, `${row.mode} ${row.servers} servers: ${key} as shown`).toBe(formatNumber(value));
    }
  }

  // The reading, the charts (drawn, with a size), the table as their text alternative.
  const reading = page.getByRole('region', { name: 'What the sweep shows' });
  await expect(reading.getByText(/^Session: throughput /)).toBeVisible();
  await expect(reading.getByText(/^JWT: throughput /)).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(1);
  await expect(page.locator('.lab-table caption')).toHaveText('The sweep’s rows: model and server count');
  await expect.poll(async () => (await charts(page)).filter((c) => c.width > 0).length).toBeGreaterThanOrEqual(6);
  const drawn = await charts(page);
  for (const c of drawn.filter((c) => c.id !== 'errors')) {
    expect(c.width, `${c.id} canvas width`).toBeGreaterThan(200);
    expect(c.height, `${c.id} canvas height`).toBeGreaterThan(100);
    expect(c.inside, `${c.id} canvas within its figure`).toBe(true);
  }
  await expect(page.getByRole('img', { name: /^Throughput by server count \(1 server to 3\)\. Session: / })).toBeVisible();

  await expectNoAxeViolations(page, 'in the load lab after a sweep');
  await expectTargetsAtLeast24(page, 'in the load lab');
  expect(await layout(page)).toEqual({ overflowX: 0, small: [] });
  expect(await seen.violations()).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('Cancel stops a big sweep at once and keeps the rows done', async ({ page }) => {
  test.setTimeout(60_000);
  const seen = await watch(page);
  await openLab(page);
  await page.getByLabel('Servers from').fill('1');
  await page.getByLabel('Servers to').fill('16');
  await page.getByRole('radio', { name: 'Reference laptop' }).check();
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByRole('progressbar', { name: 'Sweep progress' })).toBeVisible();
  await expect(page.getByText(/^Row [2-9] of 32: Session, \d servers?$/)).toBeVisible({ timeout: 30_000 });
  const cancel = page.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeFocused();
  await cancel.click();
  const said = page.getByRole('status').filter({ hasText: /^Sweep cancelled after \d+ of 32 rows\.$/ });
  await expect(said).toHaveCount(1);
  await expect(page.locator('.lab-status')).toHaveText(/^Sweep cancelled after \d+ of 32 rows\.$/);
  const done = Number((await said.textContent())!.match(/after (\d+)/)![1]);
  expect(done).toBeGreaterThanOrEqual(1);
  await expect(page.locator('.lab-table tbody tr')).toHaveCount(done);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run sweep' })).toBeEnabled();
  // Focus goes to the rows done, not to Run sweep: a second Enter on Cancel started a new sweep and threw them away.
  const toRows = page.getByRole('link', { name: 'See the rows done ↓' });
  await expect(toRows).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Run sweep' })).toBeEnabled();
  await expect(page.locator('.lab-table tbody tr')).toHaveCount(done);
  await expect(page).toHaveURL(/#lab-table-title$/);
  // The worker is gone (terminated, not asked to stop), so no row can arrive late.
  await expect.poll(() => page.workers().length).toBe(0);
  await expect(page.locator('.lab-table tbody tr')).toHaveCount(done);
  await expect(said).toBeVisible();
  // A bad value: said in a sentence, Run disabled, no crash.
  await page.getByLabel('Users', { exact: true }).fill('0');
  await expect(page.getByText('Users must be a whole number from 1 to 10000 (got 0).')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run sweep' })).toBeDisabled();
  await page.getByLabel('Users', { exact: true }).fill('50');
  // A decimal comma: Chromium's number box read "1,5" as 15 and swept ten times the load.
  await page.getByLabel('Requests per user per second').fill('');
  await page.getByLabel('Requests per user per second').pressSequentially('1,5');
  await expect(page.getByText(/^Requests per user per second must be from 0\.1 to 50 \(got 1,5: write decimals with a point/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run sweep' })).toBeDisabled();
  expect(await seen.violations()).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('the scenario picker opens the lab, and the lab links back to the lessons; a bad lab is a notice', async ({ page }) => {
  const seen = await watch(page);
  await page.goto('./?scenario=revocation&mode=both&q=0');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  await page.getByLabel('Scenario').selectOption({ label: 'Load lab: 1 to 16 servers' });
  await expect(page).toHaveURL(/\/\?lab=load$/);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveTitle(TITLE);
  // Back to the lesson left, not the first one (a11y review).
  await page.getByRole('link', { name: 'Back to the lessons' }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByLabel('Scenario')).toHaveValue('revocation');
  await page.goto('./?lab=stress');
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('The link\'s lab "stress" is not one this app has (load); showing the lessons instead.');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  expect(await seen.violations()).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('after a first visit the lab runs offline (its worker is precached)', async ({ page, context }) => {
  test.setTimeout(60_000);
  await openLab(page);
  // The lab's code is in: the app says so, and the worker is registered (src/offlineSupport.ts).
  await expect(page.locator('html')).toHaveAttribute('data-settled', { timeout: 2_000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 5_000 }).catch(() => page.reload());
  }
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible({ timeout: 20_000 });
    await setSweep(page, { ...SMALL, serversTo: 1 });
    await runToEnd(page, 2);
    await expect(page.locator('.lab-table tbody tr')).toHaveCount(2);
  } finally {
    await context.setOffline(false);
  }
});

// What a learner sees after a run, at the sizes they use; screenshots to look at (LAB_SHOTS=dir).
const SHOT_SWEEP = { serversFrom: 1, serversTo: 6, users: 400, requests: 3000 };
for (const size of [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  test(`the lab after a run at ${size.width}x${size.height}: no sideways scroll, text of 11 px or more, charts within their boxes`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(size);
    await openLab(page);
    await setSweep(page, SHOT_SWEEP);
    await runToEnd(page, 12);
    await expect.poll(async () => (await charts(page)).filter((c) => c.width > 0).length).toBeGreaterThanOrEqual(6);
    for (const c of (await charts(page)).filter((c) => c.id !== 'errors')) expect(c.inside, `${c.id} within its figure`).toBe(true);
    expect(await layout(page)).toEqual({ overflowX: 0, small: [] });
    await shoot(page, `lab-${size.width}x${size.height}`);
  });
}

test('requests that fail are charted and tabled by reason', async ({ page }) => {
  test.setTimeout(90_000);
  await openLab(page);
  await setSweep(page, { serversFrom: 1, serversTo: 2, users: 400, requests: 4000 });
  await page.getByLabel('Store capacity (ops/s)').fill('300');
  await page.getByRole('checkbox', { name: /^Denylist/ }).check();
  await runToEnd(page, 4);
  const errors = page.locator('.lab-chart[data-chart="errors"]');
  await expect(errors.getByRole('listitem').filter({ hasText: 'Session: overloaded' })).toBeVisible();
  await expect(errors.getByRole('img', { name: /^Failed requests by reason by server count/ })).toBeVisible();
  await expect.poll(async () => (await charts(page)).find((c) => c.id === 'errors')?.width ?? 0).toBeGreaterThan(200);
  await expect(page.locator('.lab-table tbody tr').first().locator('td[data-key="failed"]')).toContainText(/overloaded [\d.]+\/s/);
  await shoot(page, 'lab-failures-1280x800');
});

test('the lab in an 800x600 iframe on a course page', async ({ page }) => {
  test.setTimeout(90_000);
  const site = await startHostServer();
  try {
    const url = site.page('/course/lab.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title>
<style>body { margin: 0; font-family: sans-serif } iframe { display: block; border: 0 }</style></head>
<body><h1>Week 4: load</h1><iframe name="lab" title="Load lab" src="${site.appUrl}?lab=load" width="800" height="600"></iframe></body></html>`);
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(url);
    const frame = page.frame({ name: 'lab' })!;
    await expect(frame.getByRole('heading', { level: 1, name: TITLE })).toBeVisible({ timeout: 20_000 });
    await setSweep(frame, SHOT_SWEEP);
    await runToEnd(frame, 12);
    await expect.poll(async () => (await charts(frame)).filter((c) => c.width > 0).length).toBeGreaterThanOrEqual(6);
    for (const c of (await charts(frame)).filter((c) => c.id !== 'errors')) expect(c.inside, `${c.id} within its figure`).toBe(true);
    expect(await layout(frame)).toEqual({ overflowX: 0, small: [] });
    expect(site.missing.filter((path) => path.startsWith('/course/sim/'))).toEqual([]);
    const iframe = { locator: page.locator('iframe[name="lab"]') };
    await frame.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'lab-iframe-800x600-top', iframe);
    await frame.locator('#lab-charts-title').scrollIntoViewIfNeeded();
    await shoot(page, 'lab-iframe-800x600-charts', iframe);
    await frame.locator('.lab-table').scrollIntoViewIfNeeded();
    await shoot(page, 'lab-iframe-800x600-table', iframe);
  } finally {
    await site.close();
  }
});

test('a link carries a sweep: the lab opens with its settings, and hands out the link to what is set', async ({ page }) => {
  const seen = await watch(page);
  const linked = { modes: ['session'], serversFrom: 2, serversTo: 4, users: 60, ratePerUser: 4, requests: 600, storeCapacityOpsPerSec: 200, alg: 'HS256', denylist: false, refreshTokens: false, seed: 5 };
  await page.goto(`./?lab=load&sweep=${encodeURIComponent(JSON.stringify(linked))}`);
  await expect(page.getByLabel('Servers from', { exact: true })).toHaveValue('2', { timeout: 20_000 });
  await expect(page.getByLabel('Store capacity (ops/s)')).toHaveValue('200');
  await expect(page.getByLabel('JWT', { exact: true })).not.toBeChecked();
  await page.getByLabel('Users', { exact: true }).fill('70');
  const href = await page.getByRole('link', { name: 'Link to these settings' }).getAttribute('href');
  expect(JSON.parse(new URLSearchParams(href!).get('sweep')!)).toEqual({ ...linked, users: 70 });
  await page.goto(`./?lab=load&sweep=${encodeURIComponent('{"serversTo":99}')}`);
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Servers to must be a whole number from 1 to 16 (got 99)');
  await expect(page.getByLabel('Servers to', { exact: true })).toHaveValue('8');
  expect(seen.errors).toEqual([]);
});
