import type { Locator } from '@playwright/test';

/**
 * The picker's options whose text its box cuts (a select cuts silently): each option's own width
 * (the select alone with it, unconstrained, in its place) against the box, as "title (needs in has)".
 */
export function titlesCut(picker: Locator): Promise<string[]> {
  return picker.evaluate((select: HTMLSelectElement) => {
    const shown = select.getBoundingClientRect().width;
    return [...select.options].flatMap((option) => {
      const alone = select.cloneNode(false) as HTMLSelectElement;
      alone.append(option.cloneNode(true));
      alone.style.cssText = 'position: absolute; width: auto; max-width: none; flex: none';
      select.after(alone);
      const needs = alone.getBoundingClientRect().width;
      alone.remove();
      return needs > shown + 0.5 ? [`${option.text} (${Math.round(needs)} px in ${Math.round(shown)})`] : [];
    });
  });
}
