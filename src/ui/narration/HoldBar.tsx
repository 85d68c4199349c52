import { useEffect, useRef } from 'react';
import { useAppStore } from '../storeContext';

/**
 * While playback waits for a caption to be read, a bar along the caption box's foot fills with its
 * reading time: the clock stood still under "Pause" with only the border's colour to say why, and a
 * learner took it for a hang. Drawn each frame from the hold itself (the player's `holdProgress`),
 * so it keeps to it through a change of speed or a slow frame; paused, no frame comes and it stands
 * still. It comes with the stage's code (a hold needs a lesson playing), not in the first load.
 */
export function HoldBar() {
  const store = useAppStore();
  const bar = useRef<HTMLSpanElement>(null);
  useEffect(() => store.player.onFrame(() => bar.current?.style.setProperty('transform', `scaleX(${store.player.holdProgress()})`)), [store]);
  return <span ref={bar} className="caption-hold" aria-hidden="true" />;
}
