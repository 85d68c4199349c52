import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Mode } from '../sim/types';
import type { AppStore, AppStoreState } from '../store/createAppStore';
import { modesFromKey, shownModes } from '../store/selectors';
import { Controls } from './controls/Controls';
import { WorldToggle } from './controls/WorldToggle';
import { ErrorBoundary } from './ErrorBoundary';
import { AppHeader } from './controls/AppHeader';
import { Caption } from './narration/Caption';
import { Notices } from './narration/Notices';
import { Drawer } from './Drawer';
import { EmbedShell } from './EmbedShell';
import { Legend } from './stage/Legend';
import { preparingStage, StageArea } from './LazyStageArea';
import { SkipLinks } from './SkipLinks';
import { AppStoreProvider, useApp } from './storeContext';
import { usePageSignals } from './usePageSignals';
import { useShortcuts } from './useShortcuts';
import { useShownWorlds } from './useShownWorlds';
import { useStickyHeight } from './useStickyHeight';
import './layout.css';

// Below the first screen, so no part of the first load nor of what Play needs: fetched when the
// lesson first moves or the page is scrolled towards it (see Below).
const Details = lazy(() => import('./Details'));

// The worlds drawn, and the worlds the screen is laid out for: while a lesson loads (nothing drawn
// yet), the ones it will show, from the catalog, so a phone's toggle is there from the first paint.
const selectShell = (s: AppStoreState) => {
  const drawn = shownModes(s);
  return { status: s.status, error: s.error, modesKey: drawn.join(' '), layoutKey: (drawn.length || s.status !== 'loading' ? drawn : s.comingModes).join(' ') };
};
const selectMoved = (s: AppStoreState) => s.started || s.timeMs > 0;
const noChoice = () => {};

/**
 * The first screen holds what a lesson needs to be seen: the controls, the caption and both
 * worlds side by side (where each has 340 px), sized to the viewport; on a phone (and a window too
 * narrow for that) the worlds stack in it, under compact controls, or one is shown with a toggle when two would
 * not be legible. Everything else (the strip, the logs, the table) lies below; the inspector and
 * the interventions open in a drawer.
 */
function Shell() {
  const { status, error, modesKey, layoutKey } = useApp(useShallow(selectShell));
  const modes = modesFromKey(modesKey);
  const { root, bar } = useStickyHeight();
  const area = useRef<HTMLDivElement>(null);
  const layoutModes = modesFromKey(layoutKey);
  const { shown, side, toggle, toggleRowRef } = useShownWorlds(area, layoutModes, true);
  const preparing = preparingStage(modes, status);
  // A one-world lesson says which (its legend leaves out the other world's glyphs).
  const className = `app${shown.length > 1 ? ' is-both' : ''}${side ? ' is-side' : ''}${layoutModes.length === 1 ? ` only-${layoutModes[0]}` : ''}`;
  // Over the built first screen, src/firstScreenFit.js may have fitted the page to one world before
  // React came, and hydration keeps the attributes it finds: at the first commit the page is set back
  // to what React drew, and the measurement that follows (before any paint) decides either way. A
  // screen turned or resized while the code loaded then never keeps a stale fit.
  useLayoutEffect(() => {
    const page = root.current;
    if (!page) return;
    page.setAttribute('class', className);
    const worldToggle = page.querySelector<HTMLElement>('.world-toggle');
    if (worldToggle) worldToggle.hidden = !toggle;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the first commit only: later renders write these themselves
  }, []);
  return (
    <div className={className} ref={root}>
      <SkipLinks />
      <div className="screen">
        <AppHeader />
        <main className="screen-main">
        <div className="sticky-top" ref={bar}>
          <Controls />
          <Caption />
        </div>
        <Notices />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {/* Two worlds: the toggle is always there, unseen while both fit, so the page built with the first
            screen (src/firstScreenFit.js shows it where one world fits) and React's first render match. */}
        {layoutModes.length > 1 && <WorldToggle toggle={toggle ?? { modes: layoutModes, shown: layoutModes[0]!, show: noChoice }} labelled hidden={!toggle} ref={toggleRowRef} />}
        <StageArea ref={area} shown={preparing ? [] : shown} preparing={preparing} busy={status === 'loading'} />
        <Legend className="legend-first" />
        </main>
      </div>
      {/* A phone keeps its first screen for the worlds: the legend comes right under it (layout.css shows one of the two). */}
      <aside className="legend-below" aria-label="Key to the stage">
        <Legend />
      </aside>
      <Below modes={modes} />
      <Drawer />
    </div>
  );
}

/** At the latest this long after a lesson is drawn, the details come anyway (see Below). */
const DETAILS_ANYWAY_MS = 1_500;

/**
 * The run in detail (strip, transcript, logs, table), under the first screen. Its code comes when
 * it is wanted: once the lesson moves (played, stepped, sought), the page scrolls, or the section
 * shows (a tall frame), and at the latest DETAILS_ANYWAY_MS after the lesson is drawn. It grows at
 * the page's end, so nothing above it moves when it comes.
 */
function Below({ modes }: { modes: Mode[] }) {
  const moved = useApp(selectMoved);
  const [seen, setSeen] = useState(false);
  // Once wanted, kept: another lesson (back at 0 s, not started) still shows its details.
  if (moved && !seen) setSeen(true);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = section.current;
    if (seen || !el) return;
    const show = () => setSeen(true);
    // In view for real (not only touching the fold), e.g. the full app in a tall frame that the host page scrolls.
    const io = typeof IntersectionObserver === 'undefined' ? null : new IntersectionObserver((entries) => {
      if (entries.some((e) => e.intersectionRatio > 0)) show();
    });
    io?.observe(el);
    window.addEventListener('scroll', show, { once: true, passive: true });
    // And soon anyway, once the first drawing is done: a screen reader's cursor reaches the logs
    // and the table without scrolling the page, and they must be there when it does.
    const soon = setTimeout(show, DETAILS_ANYWAY_MS);
    return () => {
      io?.disconnect();
      window.removeEventListener('scroll', show);
      clearTimeout(soon);
    };
  }, [seen]);
  return (
    <section className="below" aria-label="The run in detail" ref={section}>
      {seen && (
        <ErrorBoundary what="details of the run">
          <Suspense fallback={null}>
            <Details modes={modes} section={section} />
          </Suspense>
        </ErrorBoundary>
      )}
    </section>
  );
}

export function App({ store }: { store: AppStore }) {
  useShortcuts(store);
  usePageSignals(store);
  const embed = store.getState().presentation.embed;
  return (
    <AppStoreProvider store={store}>
      {embed ? <EmbedShell /> : <Shell />}
    </AppStoreProvider>
  );
}
