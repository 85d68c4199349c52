import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../store/createAppStore';
import { modesFromKey, shownModes } from '../store/selectors';
import { EmbedControls } from './controls/EmbedControls';
import { Drawer } from './Drawer';
import { Caption } from './narration/Caption';
import { Notices } from './narration/Notices';
import { preparingStage, StageArea } from './LazyStageArea';
import { SkipToPlayback } from './SkipLinks';
import { useApp } from './storeContext';
import { useShownWorlds } from './useShownWorlds';

const selectEmbed = (s: AppStoreState) => ({ status: s.status, error: s.error, modesKey: shownModes(s).join(' '), inspect: s.presentation.inspect, title: s.scenario?.title ?? '' });

/**
 * The embed layout (embed=1): what a course page needs and nothing more. The caption on top, the
 * world(s) filling the frame, one row of controls at the bottom; no page scroll, so the wheel
 * goes on to the page around the frame.
 */
export function EmbedShell() {
  const { status, error, modesKey, inspect, title } = useApp(useShallow(selectEmbed));
  const modes = modesFromKey(modesKey);
  const area = useRef<HTMLDivElement>(null);
  // Side by side or one world at a time (a frame's worlds never stack: it does not scroll).
  const { shown, toggle } = useShownWorlds(area, modes, false);
  return (
    <div className={`app embed${shown.length > 1 ? ' is-both' : ''}`}>
      <SkipToPlayback />
      <main className="embed-main">
        {/* The course page shows its own heading; a screen reader still learns what this frame is. */}
        <h1 className="visually-hidden">Sessions vs JWT{title ? `: ${title}` : ''}</h1>
        <Caption />
        <Notices />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <StageArea ref={area} shown={shown} preparing={preparingStage(modes, status)} busy={status === 'loading'} />
        <EmbedControls toggle={toggle} />
      </main>
      {inspect && <Drawer />}
    </div>
  );
}
