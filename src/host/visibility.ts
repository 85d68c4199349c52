// An embed plays only while a learner can see it: a lesson scrolled out of view pauses (and
// resumes when it comes back, if it was playing), and a link's autoplay waits until it is seen.
import type { AppStore } from '../store/createAppStore';

export function playWhileVisible(store: AppStore, root: Element, autoplay: boolean): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    if (autoplay) store.getState().play();
    return () => {};
  }
  let waitingToStart = autoplay;
  let pausedOutOfView = false;
  const observer = new IntersectionObserver((entries) => {
    const visible = entries.some((e) => e.isIntersecting);
    const s = store.getState();
    if (!visible) {
      if (s.playing) {
        s.pause();
        pausedOutOfView = true;
      }
      return;
    }
    if (waitingToStart || pausedOutOfView) s.play();
    waitingToStart = false;
    pausedOutOfView = false;
  }, { threshold: 0.25 });
  observer.observe(root);
  // A learner's own Pause wins: no resuming behind their back.
  const unsubscribe = store.subscribe((s, prev) => {
    if (prev.playing && !s.playing && !document.hidden) pausedOutOfView = false;
  });
  return () => {
    observer.disconnect();
    unsubscribe();
  };
}
