import { useRef, useState, type ChangeEvent, type FocusEvent, type KeyboardEvent } from 'react';

/** Keys that move a closed select from option to option (Chromium on Linux and Windows fires change at each), a letter too (type-ahead). */
const BROWSING = /^(Arrow|Home$|End$|Page|[^ ]$)/;

/**
 * A select whose pick does something (loads a lesson, makes an intervention) only once the learner
 * settles on it. Arrowing through a closed Scenario select loaded every lesson passed, each read
 * aloud, and a skew select recorded an intervention per option (WCAG 3.2.2). Keys now only show
 * the option; Enter or leaving the select picks it (`left`: by leaving), Escape takes it back. A
 * pick with the pointer or in the open list acts at once.
 */
export function useSettledSelect(current: string, pick: (value: string, left: boolean) => void) {
  const [shown, setShown] = useState<{ value: string; against: string } | null>(null);
  const browsing = useRef(false);
  // Shown against another value: the value changed from outside meanwhile (a seek, a host's load), which wins.
  const pending = shown?.against === current ? shown.value : null;
  const settle = (left: boolean) => {
    setShown(null);
    if (pending !== null && pending !== current) pick(pending, left);
  };
  return {
    value: pending ?? current,
    onKeyDown: (e: KeyboardEvent<HTMLSelectElement>) => {
      browsing.current = !e.altKey && !e.ctrlKey && !e.metaKey && BROWSING.test(e.key);
      if (e.key === 'Enter') settle(false);
      if (e.key === 'Escape') setShown(null);
    },
    onPointerDown: () => (browsing.current = false),
    onChange: (e: ChangeEvent<HTMLSelectElement>) => (browsing.current ? setShown({ value: e.target.value, against: current }) : pick(e.target.value, false)),
    // A select disabled while an option was shown (an intervention's target gone) drops it.
    onBlur: (e: FocusEvent<HTMLSelectElement>) => (e.currentTarget.disabled ? setShown(null) : settle(true)),
  };
}
