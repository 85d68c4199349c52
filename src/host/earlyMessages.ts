// In a frame, what the page around it posts before the host API's code has come (a command sent
// from the frame's load event, ~200 ms before it) is kept for it, not lost. Part of the first load.
export const MAX_KEPT = 50;
const early: MessageEvent[] = [];
// The parent's only: the frame's own chatter (an extension) must not fill the places. One more is
// kept, so the taker knows that more came and can say so (hostApi.ts).
const keep = (e: MessageEvent) => e.source === parent && early.length <= MAX_KEPT && early.push(e);
if (parent !== window) addEventListener('message', keep);

/** What the parent sent so far (MAX_KEPT messages, and one more if more came); from now on the caller listens. */
export function takeEarlyMessages(): MessageEvent[] {
  removeEventListener('message', keep);
  return early.splice(0);
}
