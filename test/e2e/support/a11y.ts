import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

// Shared accessibility checks for the e2e suite (issue 7, item 7).

// axe-core's rules that are off by default, switched on: label-content-name-mismatch is one.
const EXPERIMENTAL_RULES = ['css-orientation-lock', 'focus-order-semantics', 'hidden-content', 'label-content-name-mismatch', 'p-as-heading', 'table-fake-caption', 'td-has-header'];

/**
 * Runs axe-core (every rule, experimental ones included) on the whole page and fails softly (the
 * test goes on to its next state) with a readable list: rule id, impact, targets and help.
 */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .options({ rules: Object.fromEntries(EXPERIMENTAL_RULES.map((id) => [id, { enabled: true }])) })
    .analyze();
  const lines = violations.map((v) => {
    const targets = v.nodes.slice(0, 30).map((n) => `    ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`);
    const more = v.nodes.length > 30 ? [`    … and ${v.nodes.length - 30} more`] : [];
    return [`  ${v.id} (${v.impact ?? 'no impact'}, ${v.nodes.length} nodes): ${v.help} (${v.helpUrl})`, ...targets, ...more].join('\n');
  });
  const count = violations.reduce((n, v) => n + v.nodes.length, 0);
  const summary = violations.map((v) => `${v.id} ${v.nodes.length}`).join(', ');
  expect.soft(violations.map((v) => v.id), `${count} axe violations ${what} (${summary || 'none'}):\n${lines.join('\n')}`).toEqual([]);
}

/** Every visible pointer target (button, link, form control, role=button/radio) is at least 24x24 CSS px. */
export async function expectTargetsAtLeast24(page: Page, what: string): Promise<void> {
  const small = await page.evaluate(() => {
    const out: string[] = [];
    const selector = 'button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=radio], [role=checkbox], [role=tab], [role=link]';
    for (const el of Array.from(document.querySelectorAll<Element>(selector))) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
      // Visually hidden (skip links before they get focus, screen-reader-only controls): not a pointer target.
      if (r.width <= 1 && r.height <= 1) continue;
      if (el.closest('[aria-hidden=true], [inert]')) continue;
      // WCAG 2.5.8 "inline" exception: a link inside a sentence (marked with .inline-link).
      if (el.matches('.inline-link')) continue;
      if (r.width < 24 || r.height < 24) {
        const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${name}" ${r.width.toFixed(1)}x${r.height.toFixed(1)}`);
      }
    }
    return out;
  });
  expect.soft(small, `pointer targets under 24x24 ${what}:\n${small.join('\n')}`).toEqual([]);
}

/** WCAG relative luminance contrast of two CSS colours (rgb()/rgba() as getComputedStyle gives them). */
export function contrastRatio(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The focused element's focus ring against the background behind it: the outline colour, and (for a
 * two-colour ring) the box-shadow colour; the better of the two must reach 3:1.
 */
export async function focusRingContrast(page: Page): Promise<{ element: string; ring: string[]; background: string; ratio: number }> {
  const info = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const ring: string[] = [];
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ring.push(style.outlineColor);
    const shadow = style.boxShadow.match(/rgba?\([^)]*\)/g);
    if (shadow) ring.push(...shadow);
    // A stage node (an SVG group) shows focus as its box's stroke.
    const box = el instanceof SVGElement ? el.querySelector('rect') : null;
    if (box) ring.push(getComputedStyle(box).stroke);
    // The first opaque background among the ancestors (the ring is drawn outside the element).
    let bg = 'rgb(255, 255, 255)';
    for (let node = el.parentElement; node; node = node.parentElement) {
      const c = getComputedStyle(node).backgroundColor;
      if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) {
        bg = c;
        break;
      }
    }
    // Opacity fades the ring with the element (a faded aria-disabled button's ring was 2.7:1).
    let opacity = 1;
    for (let node: Element | null = el; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
    return { element: `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? ''}`, ring, background: bg, opacity };
  });
  if (!info) return { element: 'body', ring: [], background: '', ratio: 0 };
  const seen = (ring: string) => {
    const [c, b] = [ring, info.background].map((css) => (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number));
    return `rgb(${c!.map((v, i) => v * info.opacity + b![i]! * (1 - info.opacity)).join(', ')})`;
  };
  const ratio = Math.max(0, ...info.ring.map((c) => contrastRatio(seen(c), info.background)));
  return { ...info, ratio };
}
