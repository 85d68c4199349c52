import type { Mode } from '../../sim/types';
import { QuestionCard } from '../narration/QuestionCard';
import { Stage } from './Stage';
import { useNoticesGiveWay } from './useNoticesGiveWay';


/** Inside the stage region (src/ui/LazyStageArea.tsx): the world(s) shown, a placeholder while loading, and a question over them. */
export function StageContent({ shown, preparing }: { shown: Mode[]; preparing: boolean }) {
  useNoticesGiveWay();
  return (
    <>
      <div className="stages">
        {preparing && <p className="muted stage-placeholder">Preparing the cluster and its keys…</p>}
        {shown.map((mode) => (
          <Stage key={mode} mode={mode} compact={shown.length > 1} />
        ))}
      </div>
      <QuestionCard />
    </>
  );
}
export { CaptionExtras } from '../narration/CaptionExtras';
export { TimelineMarkers } from '../controls/TimelineMarkers';
