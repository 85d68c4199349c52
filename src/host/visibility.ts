// An embed plays only while a learner can see it: a lesson scrolled out of view pauses (and
// resumes when it comes back, if it was playing), and a link's autoplay waits until it is seen.
// Any Play or Pause that is not this observer's own (the learner, the host page, a question, the
// hidden-tab pause) is the last word: nothing here starts playback after it.
import type { AppStore } from '../store/createAppStore';

export function playWhileVisible(store: AppStore, root: Element, autoplay: boolean): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    if (autoplay) store.getState().play();
    return () => {};
  }
  let waitingToStart = autoplay;
  let pausedOutOfView = false;
  let acting = false;
  const act = (what: 'play' | 'pause') => {
    acting = true;
    try {
      store.getState()[what]();
    } finally {
      acting = false;
    }
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (acting || s.playing === prev.playing) return;
    waitingToStart = false;
    pausedOutOfView = false;
  });
  const observer = new IntersectionObserver(
    (entries) => {
      const visible = entries.some((e) => e.isIntersecting);
      if (!visible) {
        if (store.getState().playing) {
          act('pause');
          pausedOutOfView = true;
        }
        return;
      }
      if (waitingToStart || pausedOutOfView) act('play');
      waitingToStart = false;
      pausedOutOfView = false;
    },
    { threshold: 0.25 },
  );
  observer.observe(root);
  return () => {
    observer.disconnect();
    unsubscribe();
  };
}
