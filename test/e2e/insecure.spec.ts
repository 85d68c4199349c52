import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/a11y';

// Issue 7, item 8: served over plain http on a LAN there is no crypto.subtle. The page says why the
// JWT world needs a secure context, and the session world still draws and plays.

test('without WebCrypto the session world plays and the page says how to get the JWT world', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    Object.defineProperty(window.crypto, 'subtle', { value: undefined, configurable: true });
  });
  await page.goto('/?scenario=revocation&mode=both');
  const notices = page.getByRole('status', { name: 'Notices' });
  await expect(notices).toContainText('The JWT world is hidden because it signs real tokens with WebCrypto');
  await expect(notices).toContainText('HTTPS');
  await expect(notices).toContainText('http://localhost');
  await expect(page.locator('.stage-session').getByRole('button', { name: /alice's browser/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.stage')).toHaveCount(1);
  await expect(page.getByLabel('Mode', { exact: true })).toHaveValue('session');
  await expect(page.getByRole('option', { name: 'Side by side' })).toBeDisabled();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('log', { name: 'session event log' })).toContainText('200 OK', { timeout: 20_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
  await expectNoAxeViolations(page, 'without WebCrypto');
});

test('in an embed where the lesson cannot run without WebCrypto, the notice saying why reads whole', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.addInitScript(() => {
    Object.defineProperty(window.crypto, 'subtle', { value: undefined, configurable: true });
  });
  await page.goto('/?scenario=key-rotation&embed=1&q=0');
  await expect(page.getByRole('alert')).toContainText('This lesson happens in the JWT world only');
  // No picker in an embed to "pick another lesson" with; the caption box above says which lesson this is (it stood empty).
  await expect(page.getByRole('alert')).not.toContainText('pick another lesson');
  await expect(page.getByTestId('lesson-caption').getByText(/^Rotating the signing key\./)).toBeInViewport({ ratio: 1 });
  const list = page.getByRole('status', { name: 'Notices' }).locator('ul');
  await expect(list).toContainText('http://localhost');
  // Held to three lines, it was cut at "…or open this simulator on its" above an empty stage.
  await expect.poll(() => list.evaluate((ul) => ul.scrollHeight - ul.clientHeight)).toBeLessThanOrEqual(1);
  await expect(list.getByText(/http:\/\/localhost/)).toBeInViewport();
});
