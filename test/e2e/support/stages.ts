import type { Frame, Page } from '@playwright/test';

/** What a learner's eye gets: each world's hidden share, the smallest stage text, overlapping labels. */
export function measureStages(frame: Page | Frame) {
  return frame.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    return [...document.querySelectorAll<HTMLElement>('.stage')].map((stage) => {
      const r = stage.getBoundingClientRect();
      const visible = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0)) * Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0));
      const texts = [...stage.querySelectorAll<SVGTextElement>('.node text')].filter((t) => t.getBoundingClientRect().width > 0);
      const fonts = [...stage.querySelectorAll<SVGTextElement>('svg text')]
        .filter((t) => t.getBoundingClientRect().width > 0)
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1));
      const boxes = texts.map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }));
      const overlaps: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.box;
          const b = boxes[j]!.box;
          if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps.push(`"${boxes[i]!.text}" / "${boxes[j]!.text}"`);
        }
      // Nodes the canvas cuts off (an embed's canvas never scrolls).
      const canvas = stage.querySelector('.stage-canvas')?.getBoundingClientRect() ?? r;
      const clippedNodes = [...stage.querySelectorAll('.node')].filter((n) => {
        const b = n.getBoundingClientRect();
        return b.left < canvas.left - 0.5 || b.right > canvas.right + 0.5 || b.top < canvas.top - 0.5 || b.bottom > canvas.bottom + 0.5;
      }).length;
      return { world: stage.className, clippedNodes, hiddenShare: 1 - visible / (r.width * r.height), minFontPx: Math.min(...fonts), overlaps };
    });
  });
}
