import { useEffect, useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { focusLost, keepFocusIn } from '../focus';
import { useApp } from '../storeContext';

/**
 * What just happened is clamped to the lines the caption box leaves it (layout.css). Cut short while
 * paused, a "Show all" button at the box's foot opens the whole of it over the caption box
 * (scrolling past its height) until closed (Close, Escape) or until the run moves on. On a phone,
 * store-outage's "…with a cut-off of 00:19.0, so…" hid why a token of that second is refused too,
 * and nothing opened it. Its words are said whole anyway (MomentNews) and kept in the event logs:
 * this is for the eyes. With the stage's code (the line is the first load's, Caption.tsx). An
 * embed without its controls lets clicks through to the caption (a controls=0 frame's Space): it has
 * no button; with them, its line (one line at 800x600, cut) opens as a page's does, where it shows at all.
 */
export function WholeNowLine({ line, text }: { line: RefObject<HTMLParagraphElement | null>; text: string }) {
  const paused = useApp((s) => !s.playing);
  const bare = useApp((s) => s.presentation.embed && !s.presentation.controls);
  const [measuredCut, setCut] = useState(false);
  const cut = paused && !bare && measuredCut;
  const [openFor, setOpenFor] = useState<string | null>(null);
  const open = cut && openFor === text;
  // Gone by any path (the run moved on, a Close), it is forgotten: back at the same words later, it stays shut.
  if (openFor !== null && !open) setOpenFor(null);
  const more = useRef<HTMLButtonElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const id = useId();

  // Measured while paused only (playing, it changes ten times a second: no layout read per publish),
  // at each new text and whenever the line's box changes (useNowLines sets its lines after this runs).
  useLayoutEffect(() => {
    const el = line.current;
    if (!el || bare || !paused) return;
    // An embed's line has no lines where the caption leaves none (clientHeight 0): nothing to open then.
    const measure = () => setCut(el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 1);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [line, text, paused, bare]);

  // Cut, the line leaves the button its last line's end (layout.css).
  useLayoutEffect(() => {
    line.current?.classList.toggle('is-cut', cut);
  }, [line, cut]);

  // Open, the focus is on Close; closed by any path, a focus left on nothing goes back to "Show all"
  // (or, if it is gone, to the stage).
  useEffect(() => {
    if (open) close.current?.focus();
    else if (wasOpen.current && focusLost()) {
      if (more.current) more.current.focus();
      else keepFocusIn(null, 'stage');
    }
    wasOpen.current = open;
  }, [open]);

  if (!cut) return null;
  return (
    <>
      <button ref={more} type="button" className="caption-now-more" aria-expanded={open} aria-controls={open ? id : undefined} aria-label="Show all of what just happened" onClick={() => setOpenFor(text)}>
        Show all
      </button>
      {open && (
        <div id={id} className="caption-now-whole" tabIndex={-1} onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), setOpenFor(null))}>
          <p>{text}</p>
          <button ref={close} type="button" aria-label="Close what just happened" onClick={() => setOpenFor(null)}>
            Close
          </button>
        </div>
      )}
    </>
  );
}
