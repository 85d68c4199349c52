import { expect, test } from '@playwright/test';
import { startHostServer } from './support/hostServer';
test('shot iframes', async ({ page }) => {
  const site = await startHostServer();
  await page.setViewportSize({ width: 1300, height: 1300 });
  await page.goto(site.page('/c.html', `<!doctype html><body style="margin:0;display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start"><iframe name="a" src="${site.appUrl}?embed=1&scenario=store-outage&q=0&t=12000" width="640" height="400"></iframe><iframe name="b" src="${site.appUrl}?embed=1&scenario=scale-out&q=0&t=15000&controls=0" width="600" height="450"></iframe><iframe name="c" src="${site.appUrl}?embed=1&scenario=revocation&q=0&t=9000" width="360" height="640"></iframe></body>`));
  for (const n of ['a', 'c']) await expect(page.frameLocator(`iframe[name=${n}]`).getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30000 });
  await expect(page.frameLocator(`iframe[name=b]`).locator('.stage').first()).toBeVisible({ timeout: 30000 });
  await page.screenshot({ path: `/tmp/shot-iframes.png` });
  for (const n of ['a', 'b', 'c']) console.log(n, JSON.stringify(await page.frame({ name: n })!.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, sh: document.documentElement.scrollHeight, ch: document.documentElement.clientHeight }))));
  await site.close();
});
