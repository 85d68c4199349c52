import { expect, test, type Page } from '@playwright/test';

// The page's shortcuts (Space, arrows, + and -) as a keyboard user meets them in Chromium: they
// drive the lesson from the page, never through a dialog or a control that owns the key.

/**
 * Two animation frames: a shortcut's work (a speed, a play, a step queued on the player) shows by
 * then, so what has not changed was not going to. A condition, not a sleep: it waits on the page.
 */
const twoFrames = (page: Page) => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));

async function ready(page: Page) {
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
}

test('with Share open, keys on its text or behind it leave the lesson as Share left it', async ({ page }) => {
  await page.goto('/?scenario=revocation&mode=both&q=0&t=3000&speed=2');
  await ready(page);
  const time = page.getByLabel('Simulation time');
  const speed = page.getByRole('slider', { name: 'Speed' });
  const before = { time: await time.textContent(), speed: await speed.getAttribute('aria-valuetext') };
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this moment' });
  await dialog.getByRole('heading', { name: 'Share this moment' }).click();
  for (const key of ['+', 'ArrowRight', 'Space']) await page.keyboard.press(key);
  await twoFrames(page);
  await expect(dialog).toBeVisible();
  expect({ time: await time.textContent(), speed: await speed.getAttribute('aria-valuetext') }).toEqual(before);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  // Closed, the shortcuts work again.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.locator('h1').first().click();
  await page.keyboard.press('ArrowRight');
  await expect(time).not.toHaveText(before.time ?? '');
});

test('Space on a focused event log scrolls it; it does not start playback', async ({ page }) => {
  await page.goto('/?scenario=basic&mode=both&q=0&t=3000');
  await ready(page);
  await page.getByRole('log', { name: 'session event log' }).focus();
  await page.keyboard.press('Space');
  await twoFrames(page);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  // A line that opens a request opens it with Space.
  await page.getByRole('log', { name: 'session event log' }).getByRole('button').first().focus();
  await page.keyboard.press('Space');
  await expect(page.locator('#inspector')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

// Teacher review: a click on the caption, the most natural place in a frame, took Space (a
// controls=0 embed's one key) though the caption had nothing to scroll.
test('in an embed with controls=0, Space after a click on the caption plays and pauses', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto('/?scenario=revocation&embed=1&controls=0&q=0');
  await ready(page);
  await page.getByTestId('lesson-caption').click();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

test('Escape closes the topmost thing only: Share over the drawer, then the drawer', async ({ page }) => {
  await page.goto('/?scenario=basic&mode=both&q=0');
  await ready(page);
  await page.getByRole('button', { name: 'Interventions', exact: true }).click();
  const drawer = page.getByRole('complementary', { name: 'Inspector and interventions' });
  await expect(drawer.getByRole('button', { name: 'Close panel' })).toBeVisible();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this moment' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
});

test('the speed slider\'s arrow keys double and halve the speed, and Share writes the speed shown', async ({ page }) => {
  await page.goto('/?scenario=basic&mode=both&q=0');
  await ready(page);
  const speed = page.getByRole('slider', { name: 'Speed' });
  await speed.focus();
  const heard: (string | null)[] = [];
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft']) {
    await page.keyboard.press(key);
    heard.push(await speed.getAttribute('aria-valuetext'));
  }
  expect(heard).toEqual(['2x', '4x', '2x', '1x', '0.5x']);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Share this moment' }).getByRole('textbox').first()).toHaveValue(/[?&]speed=0\.5(&|$)/);
});

// A11y review: on the Step button, whose hint says "Right arrow", Right did nothing; arrowing
// through the Scenario select loaded every lesson passed, each opening read aloud.
test('Right on the focused Step button steps; arrows in the Scenario select only show a lesson, Enter loads it', async ({ page }) => {
  await page.goto('/?scenario=basic&mode=both&q=0');
  await ready(page);
  const time = page.getByLabel('Simulation time');
  await page.getByRole('button', { name: 'Step', exact: true }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(time).not.toHaveText('00:00.000');
  const picker = page.getByRole('combobox', { name: 'Scenario' });
  await picker.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(picker).toHaveValue('revocation');
  await twoFrames(page);
  expect(new URL(page.url()).searchParams.get('scenario')).toBe('basic');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]scenario=revocation(&|$)/);
  await ready(page);
});
