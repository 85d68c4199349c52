import type { AppStore } from '../store/createAppStore';
import { inDialog, modalOpen } from './focus';
import { openOptionsToggle } from './optionsMenu';
import { predicting } from '../store/selectors';

/**
 * Controls that own their keys: Space or an arrow on a focused link, form field, choice or
 * disclosure (on a button, Space; see PAGE_KEYS) acts on that control only, so the page-wide
 * shortcuts stay out of its way.
 */
const CONTROLS = [
  'button', 'a[href]', 'input', 'select', 'textarea', 'summary', 'iframe', 'audio[controls]', 'video[controls]',
  '[contenteditable=""]', '[contenteditable="true"]',
  ...['button', 'link', 'checkbox', 'radio', 'radiogroup', 'slider', 'spinbutton', 'switch', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'listbox', 'combobox', 'textbox', 'searchbox', 'treeitem', 'gridcell', 'scrollbar'].map((role) => `[role=${role}]`),
].join(', ');
/**
 * So does anything reached by Tab on purpose (tabindex 0 or more) while it scrolls: an event log,
 * table or caption, whose Space and arrows scroll it; an event log even when its request line is the
 * tab stop (tabindex -1 then: a click on its words focuses it). One with nothing to scroll leaves
 * them to the page: a click on an embed's caption took Space from a teacher's controls=0 frame, its one key.
 */
const TAB_STOP = '[tabindex]:not([tabindex^="-"]), [role=log]';
/** Whether `el`, or a box it scrolls in (short of the page, whose scrolling Space is the page's), has more to show. */
function scrolls(el: Element | null): boolean {
  for (; el && el !== document.body && el !== document.documentElement; el = el.parentElement) {
    const { overflowX, overflowY } = getComputedStyle(el);
    if ((/auto|scroll/.test(overflowY) && el.scrollHeight > el.clientHeight + 1) || (/auto|scroll/.test(overflowX) && el.scrollWidth > el.clientWidth + 1)) return true;
  }
  return false;
}

/**
 * Keys a button has no use for (it acts on Space and Enter): on the playback buttons, a stage node
 * or an event log line they step and change speed (+ and - only there: `inPlayer`). Keyboard users are
 * nearly always on a control, and Step's own hint says "Right arrow". Nowhere else: Right on the
 * question card's "Lock in" stepped past the question unanswered.
 */
const PAGE_KEYS = new Set(['ArrowLeft', 'ArrowRight', '+', '=', '-', '_']);
const PLAIN_BUTTON = 'button, [role=button]';
/** The question card, whose question takes the focus as it is asked: Left there stepped back, the card and the focus gone with it (a11y review). */
const QUESTION = '.question';
const LESSON_VIEW = '[role=group][aria-label=Playback], .stage, .eventlog';

/** Whether `key` (any key when omitted) pressed with focus on `target` belongs to that control rather than to the page. */
export function ownsKeys(target: EventTarget | null, key?: string): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as Element;
  if (inDialog(el)) return true;
  const button = key !== undefined && PAGE_KEYS.has(key) ? el.closest(PLAIN_BUTTON) : null;
  if (button?.closest(LESSON_VIEW)) return false;
  if (key !== undefined && PAGE_KEYS.has(key) && el.closest(QUESTION)) return true;
  if (el.closest(CONTROLS) !== null || (el instanceof HTMLElement && el.isContentEditable)) return true;
  const stop = el.closest(TAB_STOP);
  return stop !== null && scrolls(stop);
}

/**
 * Escape in the phone's open Options menu (AppHeader.tsx) closes it and gives the focus back to
 * Options, as a disclosure menu does (on the Mode select, the browsed option taken back first:
 * useSettledSelect). Here and not in the header: the first load has no bytes to spare.
 */
function closedOptions(target: EventTarget | null): boolean {
  const toggle = openOptionsToggle(target);
  if (!toggle) return false;
  toggle.click();
  toggle.focus();
  return true;
}

/**
 * Where + and - change the speed: the lesson's view (its playback controls, a stage or an event log), focused. Single
 * characters heard page-wide changed the speed as a screen reader's user typed or a speech user
 * said "minus", with no way to turn them off (WCAG 2.1.4; a11y review).
 */
const inPlayer = (target: EventTarget | null): boolean => target instanceof Element && target.closest(LESSON_VIEW) !== null;

/**
 * Space: play/pause; Left/Right: step back/forward; + and -: faster/slower, from the player (`inPlayer`). Never while a modal
 * dialog is open, nor for a key a focused control or a dialog owns (`ownsKeys`). An embed with
 * `controls=0` offers Play only, so Space is its one shortcut: the teacher chose the pace.
 */
export function listenForShortcuts(store: AppStore): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented && !modalOpen() && closedOptions(e.target)) return e.preventDefault();
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || ownsKeys(e.target, e.key) || modalOpen()) return;
    const s = store.getState();
    if (e.key === ' ') s.togglePlay();
    else if (!s.presentation.controls) return;
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      // Stepping means looking closely: stop the clock first, as the disabled buttons imply.
      if (s.playing) s.pause();
      if (e.key === 'ArrowLeft') void s.stepBack();
      else if (!predicting(s)) void s.step(); // a Step closed a waiting card, and showed the caption that answers it
    }
    else if (!inPlayer(e.target)) return;
    else if (e.key === '+' || e.key === '=') s.setSpeed(s.speed * 2);
    else if (e.key === '-' || e.key === '_') s.setSpeed(s.speed / 2);
    else return;
    e.preventDefault();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
