import { lazy, Suspense } from 'react';
import type { StageArea as Loaded } from './stage/StageArea';

// The stage's code (diagram, dots, question card) is no part of the first load: it is fetched
// beside the engine, and a world can be drawn only once both have come.
const StageAreaChunk = lazy(() => import('./stage/StageArea').then((m) => ({ default: m.StageArea })));

type Props = Parameters<typeof Loaded>[0];

/** The stage region, or until its code is here what it shows while preparing (same box, same words): nothing moves when it comes. */
export function StageArea({ ref, shown, preparing, busy }: Props) {
  return (
    <Suspense fallback={<Preparing ref={ref} />}>
      <StageAreaChunk ref={ref} shown={shown} preparing={preparing} busy={busy} />
    </Suspense>
  );
}

/** StageArea's own markup with no world yet (src/ui/stage/StageArea.tsx): the skip link's target exists from the first paint. */
function Preparing({ ref }: Pick<Props, 'ref'>) {
  return (
    <div className="stage-area" id="stage" ref={ref} tabIndex={-1} aria-label="The cluster" role="region" aria-busy>
      <div className="stages">
        <p className="muted stage-placeholder">Preparing the cluster and its keys…</p>
      </div>
    </div>
  );
}
