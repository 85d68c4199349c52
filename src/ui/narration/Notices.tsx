import { useEffect, useRef, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { keepFocusIn } from '../focus';
import { useApp, useAppStore } from '../storeContext';

const selectNotices = (s: AppStoreState) => ({ notices: s.notices, dismiss: s.dismissNotices, embed: s.presentation.embed });

/** Input the app could not use (a bad link parameter), said plainly, with what it did instead. */
export function Notices() {
  const { notices, dismiss, embed } = useApp(useShallow(selectNotices));
  const box = useRef<HTMLDivElement>(null);
  useGiveWayOnceMovedOn(box, notices, dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-label="Notices" ref={box}>
      {/* An embed's list holds three lines (layout.css) and scrolls, from the keyboard too: a link with ten bad values left an 800x600 embed's worlds ~130 px tall until dismissed. */}
      <ul tabIndex={embed ? 0 : undefined}>
        {notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          dismiss();
          // The notices (and this button) are gone: focus goes on to the stage, not to <body>.
          requestAnimationFrame(() => keepFocusIn(null, 'stage'));
        }}
      >
        Dismiss
      </button>
    </div>
  );
}

/**
 * On a phone the notices float over the foot of the screen, the JWT world's servers and key set
 * (layout.css): once the learner, seeing them, moves the run on by hand (Play, a step, a seek while
 * paused), they have been read, and give the world back. A link's play=1 moves the run with no hand
 * on it, and notices said while it plays are not read yet: those stay. In the flow (a wider screen,
 * an embed) they take no world's room, and stay until dismissed.
 */
function useGiveWayOnceMovedOn(box: RefObject<HTMLElement | null>, notices: readonly string[], dismiss: () => void) {
  const store = useAppStore();
  useEffect(() => {
    if (notices.length === 0) return;
    let handled = false;
    const touch = () => { handled = true; };
    window.addEventListener('pointerdown', touch, true);
    window.addEventListener('keydown', touch, true);
    const unsubscribe = store.subscribe((s, was) => {
      const movedOn = (s.playing && !was.playing) || (!s.playing && !was.playing && s.timeMs !== was.timeMs);
      if (movedOn && handled && box.current && getComputedStyle(box.current).position === 'absolute') dismiss();
    });
    return () => {
      unsubscribe();
      window.removeEventListener('pointerdown', touch, true);
      window.removeEventListener('keydown', touch, true);
    };
  }, [store, box, notices, dismiss]);
}
