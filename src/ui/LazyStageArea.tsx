import { lazy, Suspense, type Ref } from 'react';
import type { Mode } from '../sim/types';
import type { AppStoreState } from '../store/createAppStore';

// The stage's code (diagram, dots, question card) is no part of the first load: it is fetched
// beside the engine (`fetchStageCode`, called as the lesson starts loading), and a world can be
// drawn only once both have come. Fetched only when React first reached the stage, it came a second
// after the engine on a 4x-throttled first visit, and the page took no input until it had.
let stageCode: Promise<typeof import('./stage/StageArea')> | undefined;
export const fetchStageCode = () =>
  (stageCode ??= import('./stage/StageArea').catch((error: unknown) => {
    stageCode = undefined; // fetched again next time (back online, say)
    throw error;
  }));
const StageContent = lazy(() => fetchStageCode().then((m) => ({ default: m.StageContent })));

/** Whether the stage says the cluster is being prepared: no world drawn yet, and no lesson that failed to load (or cannot run here) saying why. */
export const preparingStage = (drawn: readonly Mode[], status: AppStoreState['status']): boolean => drawn.length === 0 && status !== 'error';

/**
 * The region the skip link targets, there from the first paint. Only its content waits for the
 * stage's code, so the region itself is never replaced: focus handed to it early (a dismissed
 * notice, the skip link) stays on it when the worlds come.
 */
export function StageArea({ shown, preparing, busy, ref }: { shown: Mode[]; preparing: boolean; busy: boolean; ref?: Ref<HTMLDivElement> }) {
  return (
    <div className="stage-area" id="stage" ref={ref} tabIndex={-1} aria-label="The cluster" role="region" aria-busy={busy}>
      <Suspense
        fallback={
          <div className="stages">
            <p className="muted stage-placeholder">Preparing the cluster and its keys…</p>
          </div>
        }
      >
        <StageContent shown={shown} preparing={preparing} />
      </Suspense>
    </div>
  );
}
