import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { packageScorm } from '../../scripts/scorm/package';
import { startHostServer, type HostServer } from './support/hostServer';

// The SCORM package as an LMS runs it: unpacked under the LMS's own path, launched from the
// manifest's href in a frame of a player page that offers the SCORM 1.2 API. The API here is
// scorm-again's Scorm12API, the run-time many LMS players embed, recording what the lesson sets.

let site: HostServer;
let unpacked: string;
let launch: string;

test.beforeAll(async () => {
  const pkg = packageScorm('dist');
  unpacked = mkdtempSync(join(tmpdir(), 'authsim-scorm-'));
  for (const [name, bytes] of Object.entries(unzipSync(pkg.zip))) {
    mkdirSync(dirname(join(unpacked, name)), { recursive: true });
    writeFileSync(join(unpacked, name), bytes);
  }
  launch = /adlcp:scormtype="sco"[^>]*href="([^"]+)"/.exec(readFileSync(join(unpacked, 'imsmanifest.xml'), 'utf8'))![1]!;
  site = await startHostServer({ dist: unpacked, mount: '/lms/content/' });
  site.asset('/lms/scorm12.js', readFileSync('node_modules/scorm-again/dist/scorm12.min.js'), 'text/javascript');
});
test.afterAll(async () => {
  await site.close();
  rmSync(unpacked, { recursive: true, force: true });
});

const player = (content: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS player</title>
<script src="/lms/scorm12.js"></script>
<script>
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  window.lms = [];
  API.on('LMSInitialize', () => lms.push(['LMSInitialize']));
  API.on('LMSSetValue.cmi.*', (element, value) => lms.push(['LMSSetValue', element, value]));
  API.on('LMSCommit', () => lms.push(['LMSCommit']));
</script></head>
<body style="margin:0"><iframe name="sco" title="Activity" src="${content}" width="1280" height="760" style="border:0"></iframe></body></html>`;

test('inside an LMS, a finished lesson is reported completed with its question score', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(site.page('/lms/player.html', player(`/lms/content/${launch}`)));
  const sco = page.frameLocator('iframe[name="sco"]');
  await expect(sco.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  const calls = () => page.evaluate(() => (window as unknown as { lms: string[][] }).lms);
  await expect.poll(calls).toEqual([['LMSInitialize'], ['LMSSetValue', 'cmi.core.lesson_status', 'incomplete'], ['LMSCommit']]);

  // The first lesson asks one prediction; answer it and let the run mark it (at top speed: captions still hold).
  await sco.getByLabel('Speed').fill('1');
  await sco.getByRole('button', { name: 'Play', exact: true }).click();
  const question = sco.getByRole('radiogroup');
  await expect(question).toBeVisible({ timeout: 30_000 });
  await question.getByRole('radio').first().check();
  await sco.getByRole('button', { name: 'Lock in my prediction' }).click();
  await expect(sco.locator('.question.is-right, .question.is-wrong')).toBeVisible({ timeout: 30_000 });
  const right = (await sco.locator('.question.is-right').count()) === 1;
  // On to the end of the lesson (the verdict waits, paused).
  await expect(sco.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await sco.getByLabel('Timeline').fill('5500');
  await sco.getByRole('button', { name: 'Play', exact: true }).click();

  await expect.poll(calls, { timeout: 60_000 }).toContainEqual(['LMSSetValue', 'cmi.core.lesson_status', 'completed']);
  const all = await calls();
  expect(all).toContainEqual(['LMSSetValue', 'cmi.core.score.raw', right ? '100' : '0']);
  expect(all.at(-1)).toEqual(['LMSCommit']);
  expect(await page.evaluate(() => (window as unknown as { API: { cmi: { core: { lesson_status: string } } } }).API.cmi.core.lesson_status)).toBe('completed');
});

test('without an LMS the same package plays as the plain simulator', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.appUrl}${launch}?q=0`);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('log', { name: 'session event log' })).toContainText('200 OK', { timeout: 20_000 });
  expect(errors).toEqual([]);
});
