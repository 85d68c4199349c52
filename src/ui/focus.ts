// Focus that never falls to <body>: a control that disables or removes itself (Ban, Remove
// server) hands focus to the nearest control that is still there. Reusable by any panel.

const FOCUSABLE =
  'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Whether focus has been lost (it sits on <body>, or on nothing). */
export const focusLost = (): boolean => !document.activeElement || document.activeElement === document.body;

/**
 * If focus fell to <body>, moves it to the first focusable control still inside `scope` (e.g. the
 * fieldset the removed button was in), else to the element with id `fallbackId` (focused as is:
 * give it tabIndex={-1} if it is not a control).
 */
export function keepFocusIn(scope: Element | null, fallbackId?: string): void {
  if (!focusLost()) return;
  const inScope = scope?.isConnected ? scope.querySelector<HTMLElement>(FOCUSABLE) : null;
  const target = inScope ?? (fallbackId ? document.getElementById(fallbackId) : null);
  target?.focus();
}

/** Moves focus to the element with this id (a skip link's target, a panel); false if it is not there. */
export function focusById(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  if (!el.matches(FOCUSABLE) && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus();
  el.scrollIntoView?.({ block: 'start' });
  return true;
}

/** A dialog, native or ARIA: keys pressed inside one belong to it, never to the page behind. */
const DIALOG = 'dialog, [role=dialog], [role=alertdialog]';

/** Whether `el` is inside a dialog (the Share dialog), open or not. */
export const inDialog = (el: Element): boolean => el.closest(DIALOG) !== null;

/**
 * Whether a modal dialog (Share) is open: the page behind it is inert, and so are its shortcuts,
 * wherever the key lands (a click on the dialog's text leaves focus on the dialog or on <body>).
 */
export function modalOpen(doc: Document = document): boolean {
  try {
    return doc.querySelector('dialog:modal, [aria-modal="true"]') !== null;
  } catch {
    // A browser without :modal: every open native dialog here is opened with showModal().
    return doc.querySelector('dialog[open], [aria-modal="true"]') !== null;
  }
}
