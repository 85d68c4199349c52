// In a frame, what the page around it posts before the host API's code has come (a command sent
// from the frame's load event, ~200 ms before it) is kept for it, not lost. Part of the first load.
const early: MessageEvent[] = [];
const keep = (e: MessageEvent) => early.length < MAX_KEPT && early.push(e);
const MAX_KEPT = 50;
if (window.parent !== window) addEventListener('message', keep);

/** What came so far (at most MAX_KEPT messages); from now on the caller listens. */
export function takeEarlyMessages(): MessageEvent[] {
  removeEventListener('message', keep);
  return early.splice(0);
}
