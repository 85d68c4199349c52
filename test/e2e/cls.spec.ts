import { expect, test } from '@playwright/test';

// Issue 7, item 9: the page does not jump while a lesson loads and plays. Layout shifts are
// summed from a buffered `layout-shift` PerformanceObserver, without the ones right after input.

interface Shift {
  value: number;
  at: number;
  sources: string[];
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) test(`CLS stays at or under 0.02 while revocation loads and plays side by side at ${viewport.width}x${viewport.height}`, async ({ page }) => {
  await page.setViewportSize(viewport);
  await page.addInitScript(() => {
    const shifts: { value: number; at: number; sources: string[] }[] = [];
    (window as unknown as { __shifts: typeof shifts }).__shifts = shifts;
    const describe = (n: Node | null) => {
      if (!n) return '?';
      const el = n as Element;
      return `${el.nodeName?.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; startTime: number; sources?: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] }[]) {
        if (e.hadRecentInput) continue;
        shifts.push({
          value: e.value,
          at: Math.round(e.startTime),
          sources: (e.sources ?? []).map((s) => `${describe(s.node)} y ${Math.round(s.previousRect.y)}->${Math.round(s.currentRect.y)} h ${Math.round(s.previousRect.height)}->${Math.round(s.currentRect.height)}`),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // Autoplay from the link, questions off: no input, so every shift counts.
  await page.goto('/?scenario=revocation&mode=both&play=1&q=0');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible({ timeout: 20_000 });
  // A few captions: up to the ban and the first refusal it causes.
  await expect(page.getByRole('log', { name: 'session event log' })).toContainText('401', { timeout: 45_000 });
  const shifts = await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
  const cls = shifts.reduce((sum, s) => sum + s.value, 0);
  const report = shifts.map((s) => `  ${s.value.toFixed(4)} at ${s.at} ms: ${s.sources.join('; ')}`).join('\n');
  console.log(`CLS ${cls.toFixed(4)} at ${viewport.width}x${viewport.height} over ${shifts.length} shifts\n${report}`);
  expect(cls, `layout shifts:\n${report}`).toBeLessThanOrEqual(0.02);
});
