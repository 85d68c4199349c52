import type { Locator } from '@playwright/test';

/**
 * The darkest blue value of a box's first or last pixel rows, what it holds made invisible (text of
 * any colour, underlines): what its own background shows at that edge (a scroll shadow), 255 where
 * the box is white there.
 */
export async function edgeShade(box: Locator, edge: 'top' | 'foot'): Promise<number> {
  const hidden = (on: boolean) => box.evaluate((el, on) => {
    for (const child of el.children) (child as HTMLElement).style.setProperty('visibility', on ? 'hidden' : '');
    (el as HTMLElement).style.setProperty('color', on ? 'transparent' : '');
  }, on);
  await hidden(true);
  const at = (await box.boundingBox())!;
  const page = box.page();
  const png = await page.screenshot({ clip: { x: at.x + 4, y: edge === 'top' ? at.y + 1 : at.y + at.height - 4, width: at.width - 8, height: 3 } });
  await hidden(false);
  // Decoded in the page (no PNG decoder here; a Blob needs no URL, so the CSP allows it).
  return page.evaluate(async (bytes) => {
    const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    let darkest = 255;
    for (let i = 0; i < data.length; i += 4) darkest = Math.min(darkest, data[i + 2]!);
    return darkest;
  }, [...png]);
}
