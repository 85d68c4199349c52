import { useRef, type RefObject } from 'react';
import { HoldBar } from './HoldBar';
import { MomentNews } from './MomentNews';
import { WholeNowLine } from './WholeNowLine';
import { OutcomeNews } from './OutcomeNews';
import type { LessonStep } from '../../store/lesson';

/**
 * What the caption box draws with the stage's code (one lazy part of the first load's caption, not
 * two): the reading hold's bar, what a paused moment says aloud, what the caption asks to watch said as
 * it comes while playing, and the whole of what just happened where its line is cut short.
 */
export function CaptionExtras({ holding, summary, fixed, line, step }: { holding: boolean; summary: string; fixed: string | null; line: RefObject<HTMLParagraphElement | null>; step: LessonStep | undefined }) {
  // What the outcome news said of the caption on screen, so a Pause does not say it again.
  const saidRef = useRef('');
  return (
    <>
      {holding && <HoldBar />}
      <MomentNews summary={summary} fixed={fixed} outcomesSaid={saidRef} />
      <OutcomeNews step={step} saidRef={saidRef} />
      <WholeNowLine line={line} text={fixed ?? summary} />
    </>
  );
}
