import { lazy, Suspense } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import { useApp } from './storeContext';

const DrawerPanel = lazy(() => import('./DrawerPanel'));

/** The drawer as the first screen has it, closed: an empty panel (what aria-controls names). */
const closed = <aside id="drawer" className="drawer" aria-label="Inspector and interventions" hidden />;

/** The inspector and interventions panel: its code comes when it first opens, not with the first load. */
export function Drawer() {
  const open = useApp((s) => s.drawer !== 'closed');
  if (!open) return closed;
  return (
    <ErrorBoundary what="inspector and interventions panel">
      <Suspense fallback={closed}>
        <DrawerPanel />
      </Suspense>
    </ErrorBoundary>
  );
}
