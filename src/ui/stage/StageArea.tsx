import type { Ref } from 'react';
import type { Mode } from '../../sim/types';
import { QuestionCard } from '../narration/QuestionCard';
import { Stage } from './Stage';

/** The region the skip link targets: the world(s) shown, a placeholder while loading, and a question over them. */
export function StageArea({ shown, preparing, busy, ref }: { shown: Mode[]; preparing: boolean; busy: boolean; ref?: Ref<HTMLDivElement> }) {
  return (
    <div className="stage-area" id="stage" ref={ref} tabIndex={-1} aria-label="The cluster" role="region" aria-busy={busy}>
      <div className="stages">
        {preparing && <p className="muted stage-placeholder">Preparing the cluster and its keys…</p>}
        {shown.map((mode) => (
          <Stage key={mode} mode={mode} compact={shown.length > 1} />
        ))}
      </div>
      <QuestionCard />
    </div>
  );
}
