import { useEffect } from 'react';
import { useAppStore } from '../storeContext';

/**
 * On a phone a link's or an intervention's notices float over the foot of the screen, the JWT
 * world's servers and key set (layout.css): once the learner, having seen them, plays on by hand
 * (Play, or Space), they have been read, and give the world back. Only a press of Play counts: a
 * pause, a question or an intervention moves the clock too. A link's play=1, with no hand on it
 * since they came, is none; nor is a press while they stand aside (a stage node focused). In the
 * flow (a wider screen, an embed) they take no world's room, and stay until dismissed. With the
 * stage's code: no part of the first load.
 */
export function useNoticesGiveWay(): void {
  const store = useAppStore();
  useEffect(() => {
    let handled = false;
    const touch = () => {
      handled = true;
    };
    window.addEventListener('pointerdown', touch, true);
    window.addEventListener('keydown', touch, true);
    const unsubscribe = store.subscribe((s, was) => {
      // New notices: no hand has moved since they came.
      if (s.notices !== was.notices) handled = false;
      if (!handled || !s.playing || was.playing || s.notices.length === 0) return;
      const box = document.querySelector('.screen .notices');
      const style = box && getComputedStyle(box);
      if (style?.position === 'absolute' && style.visibility !== 'hidden') s.dismissNotices();
    });
    return () => {
      unsubscribe();
      window.removeEventListener('pointerdown', touch, true);
      window.removeEventListener('keydown', touch, true);
    };
  }, [store]);
}
