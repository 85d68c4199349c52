import { domAnimation, LazyMotion, MotionConfig } from 'framer-motion';
import { lazy, Suspense } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Mode } from '../sim/types';
import type { AppStore, AppStoreState } from '../store/createAppStore';
import { shownModes } from '../store/selectors';
import { Controls } from './controls/Controls';
import { ErrorBoundary } from './ErrorBoundary';
import { ScenarioBar } from './controls/ScenarioBar';
import { Caption } from './narration/Caption';
import { Notices } from './narration/Notices';
import { DiffStrip } from './narration/DiffStrip';
import { EventLog } from './narration/EventLog';
import { Stage } from './stage/Stage';
import { AppStoreProvider, useApp } from './storeContext';
import { usePageSignals, useShortcuts } from './useShortcuts';
import './layout.css';

// Not needed for the first paint: loaded once the stage is up.
const InspectorPanel = lazy(() => import('./inspectors/InspectorPanel'));
const InterventionsPanel = lazy(() => import('./interventions/InterventionsPanel').then((m) => ({ default: m.InterventionsPanel })));
const ComparisonTable = lazy(() => import('./compare/ComparisonTable').then((m) => ({ default: m.ComparisonTable })));

const selectShell = (s: AppStoreState) => ({ status: s.status, error: s.error, modesKey: shownModes(s).join(' ') });

function Shell() {
  const { status, error, modesKey } = useApp(useShallow(selectShell));
  const modes = modesKey ? (modesKey.split(' ') as Mode[]) : [];
  const both = modes.length > 1;
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Sessions <span className="vs">vs</span> JWT
        </h1>
        <p className="tagline">A wristband the staff must look up, or a badge anyone can check: watch both at work in a small cluster.</p>
        <ScenarioBar />
      </header>
      <main>
        <Controls />
        <Notices />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {status === 'loading' && <p className="muted">Preparing the cluster and its keys…</p>}
        <Caption />
        <div className={`workspace${both ? ' is-both' : ''}`}>
          <div className="stages">
            {modes.map((mode) => (
              <Stage key={mode} mode={mode} compact={both} />
            ))}
            <DiffStrip />
          </div>
          <aside className="sidebar">
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
        </div>
        <ErrorBoundary what="comparison table">
          <Suspense fallback={null}>
            <ComparisonTable />
          </Suspense>
        </ErrorBoundary>
        <div className="logs">
          {modes.map((mode) => (
            <EventLog key={mode} mode={mode} />
          ))}
        </div>
      </main>
    </div>
  );
}

export function App({ store }: { store: AppStore }) {
  useShortcuts(store);
  usePageSignals(store);
  return (
    <AppStoreProvider store={store}>
      <MotionConfig reducedMotion="user">
        <LazyMotion features={domAnimation} strict>
          <Shell />
        </LazyMotion>
      </MotionConfig>
    </AppStoreProvider>
  );
}
