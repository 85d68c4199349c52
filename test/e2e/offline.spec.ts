import { expect, test, type Page } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { startHostServer } from './support/hostServer';

// Issue 8, hosting: after the first visit the simulator works offline. The service worker
// (vite-plugin-pwa, Workbox generateSW) precaches the whole build; src/offlineSupport.ts registers it.

const seconds = async (page: Page) => {
  const text = (await page.getByLabel('Simulation time').textContent()) ?? '00:00.000';
  const [min, sec] = text.split(':');
  return Number(min) * 60 + Number(sec);
};

/** The precache manifest written into dist/sw.js, with each file's size on disk. */
function builtPrecache(): { url: string; bytes: number }[] {
  const sw = readFileSync(resolve('dist/sw.js'), 'utf8');
  const urls = [...sw.matchAll(/\{url:"([^"]+)",revision:(?:"[^"]*"|null)\}/g)].map((m) => m[1]!);
  return urls.map((url) => ({ url, bytes: statSync(resolve('dist', url)).size }));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

test('after the first visit the app loads and plays a lesson offline', async ({ page, context }) => {
  await page.goto('./?scenario=revocation&mode=both&q=0');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  // The app says its lesson is shown and playable, and only then is the worker registered and the
  // manifest linked (src/offlineSupport.ts): the app can be installed, from the manifest the worker keeps.
  await expect(page.locator('html')).toHaveAttribute('data-settled', { timeout: 2_000 });
  // Linked by the offline support chunk, fetched once the page is settled: a busy host read it before it came.
  await expect(page.locator('link[rel="manifest"]')).toHaveCount(1);
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    return link ? ((await (await fetch(link.href)).json()) as { name: string; start_url: string }) : null;
  });
  expect(manifest).toMatchObject({ name: 'Sessions vs JWT', start_url: './' });

  // The worker is installed (everything precached) and controls this page (clientsClaim);
  // if it did not take over this load, the next one is served by it.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!(await controlled())) {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 5_000 }).catch(() => page.reload());
  }
  expect(await controlled()).toBe(true);

  // What the first visit stored: the built manifest against Cache Storage.
  const built = builtPrecache();
  const cached = await page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.includes('precache'));
    const entries: { url: string; bytes: number }[] = [];
    for (const name of names) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        entries.push({ url: new URL(request.url).pathname, bytes: response ? (await response.blob()).size : 0 });
      }
    }
    return { names, entries };
  });
  const builtBytes = built.reduce((n, e) => n + e.bytes, 0);
  const cachedBytes = cached.entries.reduce((n, e) => n + e.bytes, 0);
  console.log(`Precache: dist/sw.js lists ${built.length} entries, ${kb(builtBytes)}; Cache Storage (${cached.names.join(', ')}) holds ${cached.entries.length} entries, ${kb(cachedBytes)}`);
  test.info().annotations.push({ type: 'precache', description: `${built.length} entries, ${kb(builtBytes)}` });
  expect(cached.entries).toHaveLength(built.length);
  expect(cachedBytes).toBe(builtBytes);
  expect(built.map((e) => e.url)).toEqual(expect.arrayContaining(['index.html', 'manifest.webmanifest', 'favicon.svg']));
  expect(built.filter((e) => e.url === '404.html' || e.url === 'og-image.png')).toEqual([]);

  // Offline: the page comes back from the worker and a lesson plays.
  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await page.reload();
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await expect(play).toBeEnabled({ timeout: 30_000 });
  await expect(page.locator('.stage')).toHaveCount(2);
  await play.click();
  await expect.poll(() => seconds(page), { timeout: 30_000 }).toBeGreaterThan(2.5);
  await expect(page.getByRole('log', { name: 'session event log' })).toContainText('200 OK');

  // Another lesson's script, the comparison table and the inspector are lazy chunks: all precached.
  await page.getByLabel('Scenario').selectOption('scale-out');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(page.locator('.stage-session').getByRole('button', { name: /^server-1/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /measured in this run/ })).toBeAttached();
  await page.locator('.stage-jwt').getByRole('button', { name: /Key set/ }).click();
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('k1');
  // A new navigation with another query is answered by the worker (navigation fallback to index.html).
  await page.goto('./?scenario=basic&mode=jwt&q=0');
  await expect(page.getByLabel('Scenario')).toHaveValue('basic');
  await context.setOffline(false);
});

test("hosted in a sub-folder, the worker's scope is that folder and the app still works offline", async ({ page, context }) => {
  const site = await startHostServer({ host: 'localhost' });
  try {
    await page.goto(`${site.appUrl}?scenario=basic&mode=both&q=0`);
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
    const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
    expect(scope).toBe(site.appUrl);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 }).catch(() => page.reload());
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
    await expect(page.locator('.stage')).toHaveCount(2);
    await context.setOffline(false);
  } finally {
    await site.close();
  }
});
