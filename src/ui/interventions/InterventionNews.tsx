import { createContext, useCallback, useRef, type ReactNode } from 'react';
import { spoken } from '../../store/news';

/** Says what an intervention made while the lesson plays did (`useIntervene`). */
export const SayNews = createContext<(text: string) => void>(() => {});

/**
 * The panel's voice while the lesson plays: the moment's news region is silent then (the lesson line
 * speaks), and a screen reader heard nothing of a press of Ban or Kill. Paused, that region says it.
 */
export function InterventionNews({ children }: { children: ReactNode }) {
  const region = useRef<HTMLParagraphElement>(null);
  // The same words twice (Request pressed again) are a change too, or the second press is unsaid.
  const say = useCallback((words: string) => {
    const el = region.current;
    const text = spoken(words);
    if (el && text) el.textContent = el.textContent === text ? `${text}\u00a0` : text;
  }, []);
  return (
    <SayNews value={say}>
      {children}
      <p ref={region} className="visually-hidden" role="status" data-testid="intervention-news" />
    </SayNews>
  );
}
