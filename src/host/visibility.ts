// An embed plays only while a learner can see it: a lesson scrolled out of view pauses (and
// resumes when it comes back, if it was playing), and a link's autoplay waits until it is seen.
// Any Play or Pause that is not this observer's own (the learner, the host page, a question, the
// hidden-tab pause) is the last word: nothing here starts playback after it.
// A caption seen while paused counts as read for that long: an embed shows its first caption before
// Play, and basic at 1x held it ~11 s after Play for a learner who had read it (teacher review).
import type { AppStore, AppStoreState } from '../store/createAppStore';
import { lessonSteps } from '../store/lesson';
import { captionAt } from './lessonEvents';

/** The share of the frame on screen for it to count as seen. */
const VISIBLE_SHARE = 0.25;

/** The caption on screen can be read: paused at a moment of the lesson, no question or takeaway over it. */
const readable = (s: AppStoreState) => s.status === 'ready' && !s.playing && !s.ended && s.question === null;

export function playWhileVisible(store: AppStore, root: Element, autoplay: boolean): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    if (autoplay) store.getState().play();
    return () => {};
  }
  let waitingToStart = autoplay;
  let pausedOutOfView = false;
  let acting = false;
  let inView = false;
  // Real ms the caption on screen has been seen while paused, and since when it is being seen.
  let seenMs = 0;
  let seenSince: number | null = null;
  let seenCaption = store.player.captionIndex;
  const shownAt = (s: AppStoreState) => captionAt(s)?.atMs ?? null;
  // The caption whose reading time the player counts (its pacing's captions are the lesson's steps for
  // its worlds): a question still to come keeps it off the screen. Worked out here, not in the player,
  // which is in the first load: embeds alone need it.
  const countedAt = (s: AppStoreState) => lessonSteps(s.scenario, store.player.modes)[store.player.captionIndex]?.atMs ?? null;
  let seenShown = shownAt(store.getState());
  const watch = (s: AppStoreState) => {
    const now = performance.now();
    if (seenSince !== null) seenMs += now - seenSince;
    seenSince = inView && !document.hidden && readable(s) ? now : null;
  };
  const onTabChange = () => watch(store.getState());
  document.addEventListener('visibilitychange', onTabChange);
  const act = (what: 'play' | 'pause') => {
    acting = true;
    try {
      store.getState()[what]();
    } finally {
      acting = false;
    }
  };
  const unsubscribe = store.subscribe((s, prev) => {
    watch(s);
    // Another caption (a step or seek past this one, another lesson or its other worlds), counted or
    // shown: not read yet. A step within the caption keeps it, as the player keeps its reading time.
    const shown = shownAt(s);
    if (store.player.captionIndex !== seenCaption || shown !== seenShown || s.scenarioId !== prev.scenarioId || s.view !== prev.view) {
      seenCaption = store.player.captionIndex;
      seenShown = shown;
      seenMs = 0;
    }
    if (s.playing && !prev.playing) {
      // Called by the store's play() before its player moves: the caption keeps what is left of its
      // reading time, if it is the one that was seen (a question to come kept the screen on an earlier one).
      if (seenShown === countedAt(s)) store.player.creditSeen(seenMs);
      seenMs = 0;
    }
    if (acting || s.playing === prev.playing) return;
    waitingToStart = false;
    pausedOutOfView = false;
  });
  const observer = new IntersectionObserver(
    (entries) => {
      // A quarter of the frame on screen, as embedding.md says (isIntersecting is true for a sliver).
      const visible = entries.some((e) => e.isIntersecting && e.intersectionRatio >= VISIBLE_SHARE);
      inView = visible;
      watch(store.getState());
      if (!visible) {
        if (store.getState().playing) {
          act('pause');
          pausedOutOfView = true;
        }
        return;
      }
      // Not over a verdict (decided while out of view, by the publish the pause sent): Play goes on past
      // it, and the learner came back to a lesson playing on, its verdict never seen (code review).
      if ((waitingToStart || pausedOutOfView) && !store.getState().question?.result) act('play');
      waitingToStart = false;
      pausedOutOfView = false;
    },
    { threshold: VISIBLE_SHARE },
  );
  observer.observe(root);
  return () => {
    observer.disconnect();
    unsubscribe();
    document.removeEventListener('visibilitychange', onTabChange);
  };
}
