import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReferencePage, initialJsGzip } from '../support/initialJs';

// Issue 10's budget for the first load, deterministic (bytes, not time): the built app's JS before
// its first paint, gzipped, against the smallest React app built here from test/bench/smallest.
// Every first-load feature spends from it; `npm run bench -- bundle` prints the same figures.
test('the first load carries at most 1.3x the JavaScript of the smallest React app (gzip)', async () => {
  test.setTimeout(120_000);
  const out = mkdtempSync(join(tmpdir(), 'smallest-'));
  try {
    const smallest = initialJsGzip(await buildReferencePage('smallest', out));
    const app = initialJsGzip(fileURLToPath(new URL('../../dist', import.meta.url)));
    expect(app / smallest, `${app} B against ${smallest} B`).toBeLessThanOrEqual(1.3);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
