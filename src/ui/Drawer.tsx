import { lazy, Suspense } from 'react';
import type { AppStoreState } from '../store/createAppStore';
import { ErrorBoundary } from './ErrorBoundary';
import { useApp } from './storeContext';

// Its code comes when it first opens: no part of the first screen.
const DrawerPanels = lazy(() => import('./DrawerPanels'));

const selectOpen = (s: AppStoreState) => s.drawer !== 'closed';

/**
 * The inspector and the interventions, in a panel over the right of the stage (a bottom sheet on
 * phones), so the worlds keep their place. The panel is always in the page (the skip link and the
 * Interventions button name it); what it holds (`DrawerPanels.tsx`) only while it is open.
 */
export function Drawer() {
  const open = useApp(selectOpen);
  return (
    <aside id="drawer" className={`drawer${open ? ' is-open' : ''}`} aria-label="Inspector and interventions" hidden={!open}>
      {open && (
        <ErrorBoundary what="inspector and interventions">
          <Suspense fallback={<p className="muted">Loading the panel…</p>}>
            <DrawerPanels />
          </Suspense>
        </ErrorBoundary>
      )}
    </aside>
  );
}
