/**
 * The phone's Options menu (controls/AppHeader.tsx) that a key pressed on `target` belongs to: the
 * open menu's toggle, when the key was pressed in the header or with the focus on no element (a
 * press on the menu's words leaves it open with the focus on the page). Escape closes it first
 * (`shortcuts.ts`), and only it: the drawer under it stays (`DrawerPanel.tsx`).
 */
export function openOptionsToggle(target: EventTarget | null): HTMLElement | null {
  const scope = target === document.body ? document : target instanceof Element ? target.closest('.app-header') : null;
  return scope?.querySelector<HTMLElement>('.app-header .more-toggle[aria-expanded="true"]') ?? null;
}
