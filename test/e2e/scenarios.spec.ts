import { expect, test, type Page } from '@playwright/test';

// Three lessons played in the built app, checked the way a learner reads them: the caption,
// the reason a request was refused, and the comparison table's measured numbers.

// The lesson's captions as they accumulate ("The lesson so far"), not the caption box: at 16x a
// caption is on screen for well under a second, and a poll could miss it (it did, 1 run in 4). The
// list only: the region opens with what to watch, which must not answer for a caption.
const lesson = (page: Page) => page.getByRole('region', { name: 'The lesson so far' }).getByRole('list');
const sessionLog = (page: Page) => page.getByRole('log', { name: 'session event log' });
const jwtLog = (page: Page) => page.getByRole('log', { name: 'jwt event log' });
// Read as a learner reads them: scrolled to. Out of view, a playing lesson's logs take a moment only
// every 2 s (useCalmValue.ts), and at 16x the ban's line left the 120-line log in less.
const readLogs = (page: Page) => sessionLog(page).scrollIntoViewIfNeeded();
const row = (page: Page, header: RegExp) => page.getByRole('table', { name: /measured in this run/ }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: header }) });

test('revocation: the banned session dies at once, the JWT lives on until exp', async ({ page }) => {
  // Opened just after the ban, paused: at 16x the ban's lines left the 120-line logs while the
  // checks before them polled (a CI run on a busy host read the JWT log at 35 s).
  await page.goto('/?scenario=revocation&speed=16&t=7000&q=0');
  await readLogs(page);
  await expect(lesson(page)).toContainText('The admin bans Alice', { timeout: 30_000 });
  await expect(sessionLog(page)).toContainText('401 session_unknown');
  await expect(jwtLog(page)).toContainText(/stay(s)? valid for \d+ s more, until exp/);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const revocation = row(page, /revocation to rejection/);
  await expect(revocation.getByRole('cell').nth(0)).toContainText('immediate: 0 requests accepted after it');
  await expect(revocation.getByRole('cell').nth(1)).toContainText(/\d+ requests accepted after it, the last \d+\.\d s after/, { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/revocation-1280x800.png', fullPage: true });
});

test('scale-out: sessions in server memory look logged out behind a round-robin balancer', async ({ page }) => {
  await page.goto('/?scenario=scale-out&speed=16&play=1&q=0');
  await readLogs(page);
  await expect(lesson(page)).toContainText('three more servers join', { timeout: 30_000 });
  await expect(page.locator('.stage-session').getByRole('button', { name: /^server-4/ })).toBeVisible();
  await expect(sessionLog(page)).toContainText('401 session_unknown', { timeout: 30_000 });
  await expect(jwtLog(page)).not.toContainText('session_unknown');
  await expect(row(page, /Store lookups per request/).getByRole('cell').nth(1)).toContainText(/^0\.00/);
  await page.screenshot({ path: 'test-results/scale-out-1280x800.png', fullPage: true });
});

test('store-outage: session auth fails closed while JWT carries on', async ({ page }) => {
  await page.goto('/?scenario=store-outage&speed=16&play=1&q=0');
  await readLogs(page);
  await expect(lesson(page)).toContainText('The shared store goes down', { timeout: 30_000 });
  await expect(sessionLog(page)).toContainText('503 store_unavailable', { timeout: 30_000 });
  await expect(page.locator('.stage-session').getByRole('button', { name: /Session store.*down/i })).toBeVisible();
  const failures = row(page, /server or the store failed/);
  await expect(failures.getByRole('cell').nth(0)).toContainText('store unavailable');
  // The JWT world saw the same outage: it is named, and what it cost (nothing) is measured.
  await expect(failures.getByRole('cell').nth(1)).toContainText(/store outages?: 0 requests got a 503 or timed out/);
  await page.screenshot({ path: 'test-results/store-outage-1280x800.png', fullPage: true });
});
