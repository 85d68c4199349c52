// In a frame, what the page around it posts before the host API's code has come (a command sent
// from the frame's load event, ~200 ms before it) is kept for it, not lost. Part of the first load.
const MAX_KEPT = 50;
const early: MessageEvent[] = [];
// The parent's only: the frame's own chatter (an extension) must not fill the places.
const keep = (e: MessageEvent) => e.source === parent && early.length < MAX_KEPT && early.push(e);
if (parent !== window) addEventListener('message', keep);

/** What the parent sent so far (at most MAX_KEPT messages); from now on the caller listens. */
export function takeEarlyMessages(): MessageEvent[] {
  removeEventListener('message', keep);
  return early.splice(0);
}
