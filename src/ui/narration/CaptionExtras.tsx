import { HoldBar } from './HoldBar';
import { MomentNews } from './MomentNews';

/**
 * What the caption box draws with the stage's code (one lazy part of the first load's caption, not
 * two): the reading hold's bar, and what a paused moment says aloud.
 */
export function CaptionExtras({ holding, summary, fixed }: { holding: boolean; summary: string; fixed: string | null }) {
  return (
    <>
      {holding && <HoldBar />}
      <MomentNews summary={summary} fixed={fixed} />
    </>
  );
}
