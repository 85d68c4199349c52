import { useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';

/** Keys that move a closed select from option to option (Chromium on Linux and Windows fires change at each). */
const BROWSING = /^(Arrow|Home$|End$|Page)/;

/**
 * A select whose pick does something (loads a lesson, makes an intervention) only once the learner
 * settles on it. Arrowing through a closed Scenario select loaded every lesson passed, each read
 * aloud, and a skew select recorded an intervention per option (WCAG 3.2.2). Arrows now only show
 * the option; Enter or leaving the select picks it. A pick with the mouse or in the open list acts at once.
 */
export function useSettledSelect(current: string, pick: (value: string) => void) {
  const [shown, setShown] = useState<string | null>(null);
  const browsing = useRef(false);
  const settle = () => {
    if (shown === null) return;
    setShown(null);
    if (shown !== current) pick(shown);
  };
  return {
    value: shown ?? current,
    onKeyDown: (e: KeyboardEvent<HTMLSelectElement>) => {
      browsing.current = !e.altKey && BROWSING.test(e.key);
      if (e.key === 'Enter') settle();
    },
    onPointerDown: () => (browsing.current = false),
    onChange: (e: ChangeEvent<HTMLSelectElement>) => (browsing.current ? setShown(e.target.value) : pick(e.target.value)),
    onBlur: settle,
  };
}
