import { lazy, Suspense } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Mode } from '../sim/types';
import type { AppStore, AppStoreState } from '../store/createAppStore';
import { shownModes } from '../store/selectors';
import { Controls } from './controls/Controls';
import { HeaderActions } from './controls/HeaderActions';
import { ErrorBoundary } from './ErrorBoundary';
import { ScenarioBar } from './controls/ScenarioBar';
import { Caption } from './narration/Caption';
import { Notices } from './narration/Notices';
import { DiffStrip } from './narration/DiffStrip';
import { EventLog } from './narration/EventLog';
import { Transcript } from './narration/Transcript';
import { Drawer } from './Drawer';
import { EmbedShell } from './EmbedShell';
import { Legend } from './stage/Legend';
import { StageArea } from './stage/StageArea';
import { SkipLinks } from './SkipLinks';
import { AppStoreProvider, useApp } from './storeContext';
import { usePageSignals, useShortcuts } from './useShortcuts';
import { useStickyHeight } from './useStickyHeight';
import './layout.css';

// Not needed for the first paint: loaded once the stage is up.
const ComparisonTable = lazy(() => import('./compare/ComparisonTable').then((m) => ({ default: m.ComparisonTable })));

const selectShell = (s: AppStoreState) => ({ status: s.status, error: s.error, modesKey: shownModes(s).join(' ') });

/**
 * The first screen holds what a lesson needs to be seen: the controls, the caption and both
 * worlds side by side (from 1024 px wide), sized to the viewport. Everything else (the strip,
 * the logs, the table) lies below; the inspector and the interventions open in a drawer.
 */
function Shell() {
  const { status, error, modesKey } = useApp(useShallow(selectShell));
  const modes = modesKey ? (modesKey.split(' ') as Mode[]) : [];
  const both = modes.length > 1;
  const { root, bar } = useStickyHeight();
  return (
    <div className={`app${both ? ' is-both' : ''}`} ref={root}>
      <SkipLinks />
      <div className="screen">
        <header className="app-header">
          <h1>
            Sessions <span className="vs">vs</span> JWT
          </h1>
          <ScenarioBar />
          <HeaderActions />
        </header>
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
        <StageArea shown={modes} preparing={modes.length === 0} busy={status === 'loading'} />
        <Legend />
        </main>
      </div>
      <section className="below" aria-label="The run in detail">
        <DiffStrip />
        <div className="logs">
          <Transcript />
          {modes.map((mode) => (
            <EventLog key={mode} mode={mode} />
          ))}
        </div>
        <ErrorBoundary what="comparison table">
          <Suspense fallback={null}>
            <ComparisonTable />
          </Suspense>
        </ErrorBoundary>
        <p className="tagline">A wristband the staff must look up, or a badge anyone can check: watch both at work in a small cluster.</p>
      </section>
      <Drawer />
    </div>
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
