import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../store/createAppStore';
import { ErrorBoundary } from './ErrorBoundary';
import { focusById, focusLost, inDialog, modalOpen } from './focus';
import { openOptionsToggle } from './optionsMenu';
import { useApp } from './storeContext';

const InspectorPanel = lazy(() => import('./inspectors/InspectorPanel'));
const InterventionsPanel = lazy(() => import('./interventions/InterventionsPanel').then((m) => ({ default: m.InterventionsPanel })));

/**
 * The focus back on what opened the panel; hidden since (a phone's Options menu closes as the focus goes
 * into the panel), on the control that shows it (Options: its aria-controls names the part); else the stage.
 */
function focusBack(back: HTMLElement | SVGElement | null): void {
  const part = back?.isConnected ? back.closest('[id]') : null;
  const shower = part ? document.querySelector<HTMLElement>(`[aria-controls~="${part.id}"]`) : null;
  for (const target of [back, shower]) {
    if (!target?.isConnected) continue;
    target.focus();
    if (document.activeElement === target) return;
  }
  focusById('stage');
}

/** Whether the panel is what is drawn at the middle of `el` (off screen or not laid out: not covered). */
function coveredBy(panel: Element, el: Element): boolean {
  const box = el.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  if (!(box.width > 0) || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
  const top = document.elementFromPoint(x, y);
  return top !== null && panel.contains(top);
}

const selectDrawer = (s: AppStoreState) => ({ drawer: s.drawer, closeDrawer: s.closeDrawer, selectionKey: s.selection ? JSON.stringify(s.selection) : '' });

/**
 * The inspector and the interventions, in a panel over the right of the stage (a bottom sheet on
 * phones), so the worlds keep their place. Opening it moves focus in; Escape or Close puts focus
 * back where it was; while a modal dialog is open over it, Escape is that dialog's. Drawn only
 * while open (`Drawer.tsx` fetches it then): closed, the drawer is an empty panel.
 */
export default function DrawerPanel() {
  const { drawer, closeDrawer, selectionKey } = useApp(useShallow(selectDrawer));
  const panel = useRef<HTMLElement>(null);
  const opener = useRef<HTMLElement | SVGElement | null>(null);

  // Each new thing to inspect (or the drawer opening) brings focus in, remembering where it was.
  useEffect(() => {
    const active = document.activeElement;
    // A stage node is an SVG element: it can hold focus too.
    if ((active instanceof HTMLElement || active instanceof SVGElement) && active !== document.body && !panel.current?.contains(active)) opener.current = active;
    // Into the part that was asked for, once its lazy chunk has rendered.
    const target = drawer === 'interventions' ? 'interventions' : 'inspector';
    let tries = 0;
    const focusIn = () => {
      // A learner who moved focus meanwhile (into the drawn panel, on a busy machine) keeps it.
      if (document.activeElement !== active && !focusLost()) return;
      // Up to ~2 s of frames: on a busy phone the chunk can take longer than a few frames.
      if (!focusById(target) && tries++ < 120) frame = requestAnimationFrame(focusIn);
    };
    let frame = requestAnimationFrame(focusIn);
    return () => cancelAnimationFrame(frame);
  }, [drawer, selectionKey]);

  const close = useCallback(() => {
    closeDrawer();
    const back = opener.current;
    opener.current = null;
    // Once React has drawn the page without the panel (its render of the close is queued first), so the
    // focus lands where it can stay. Not flushSync: 10 B of the first load.
    queueMicrotask(() => focusBack(back));
  }, [closeDrawer]);

  // Not modal: what the panel leaves in sight stays at hand (a phone's Play above its sheet). But focus
  // that lands where the panel covers it closes the panel and stays where it went: Tab from the end of
  // a phone's sheet went on through the stage, logs and table under it, unseen (WCAG 2.4.11).
  useEffect(() => {
    let frame = 0;
    const onFocusIn = (e: FocusEvent) => {
      const to = e.target;
      // By keyboard only: a click on a node the panel half covers inspects it, and closed the panel it opens in.
      if (!(to instanceof Element) || panel.current?.contains(to) || !to.matches(':focus-visible')) return;
      cancelAnimationFrame(frame);
      // Judged once the browser has scrolled it into view.
      frame = requestAnimationFrame(() => {
        if (document.activeElement === to && panel.current && coveredBy(panel.current, to)) closeDrawer();
      });
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      cancelAnimationFrame(frame);
    };
  }, [closeDrawer]);

  // Listening from the commit that draws the panel (a layout effect): a passive one may run after
  // the paint, and a busy machine's Escape, pressed on the drawn inspector, found no listener (CI).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Escape closes the topmost thing only: a modal dialog over the drawer (Share) takes it, and
      // so does a dialog focus is in, or a control that used it already (e.g. a select's list).
      // The phone's Options menu open over the panel is on top too (`shortcuts.ts` closes it).
      if (e.key !== 'Escape' || e.defaultPrevented || modalOpen() || (e.target instanceof Element && inDialog(e.target)) || openOptionsToggle(e.target)) return;
      close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [close]);

  return (
    <aside id="drawer" ref={panel} className="drawer is-open" aria-label="Inspector and interventions">
      <div className="drawer-head">
        <button type="button" onClick={close} aria-keyshortcuts="Escape">
          Close panel
        </button>
      </div>
      <ErrorBoundary what="inspector">
        <Suspense fallback={<p className="muted">Loading the inspector…</p>}>
          <InspectorPanel />
        </Suspense>
      </ErrorBoundary>
      <ErrorBoundary what="interventions panel">
        <Suspense fallback={<p className="muted">Loading the interventions…</p>}>
          <InterventionsPanel />
        </Suspense>
      </ErrorBoundary>
    </aside>
  );
}
