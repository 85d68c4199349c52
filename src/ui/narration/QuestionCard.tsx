import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { spoken } from '../../store/news';
import { newlyAsked } from '../../store/selectors';
import { keepFocusIn } from '../focus';
import { useApp, useAppStore } from '../storeContext';
import { useNoStopsUnder } from './useNoStopsUnder';

const selectQuestion = (s: AppStoreState) => ({ asked: s.question, answer: s.answer, dismiss: s.dismissQuestion, setQuestionsOn: s.setQuestionsOn, holding: s.holding });

/**
 * Below 1024 px the card is pinned to the viewport's foot, as tall as the sticky bar (controls and
 * caption, `--sticky-h`) leaves room for; but the bar sticks only once the page is scrolled down to
 * it. At the page's top the header above pushed it down, and the card covered the caption (800x600:
 * "Your prediction first…" under the card). So the page scrolls up to where the bar sticks, only as
 * far as the card needs: all the way, the header (the lesson's picker, Options) went out of sight,
 * and the screen jumped 42 px, under every card of a phone or tablet, most of which fitted below it.
 */
function bringStickyBarUp(card: Element | null | undefined): void {
  const bar = document.querySelector('.sticky-top');
  if (!bar || getComputedStyle(bar).position !== 'sticky') return;
  const { top: below, bottom } = bar.getBoundingClientRect();
  if (below <= 1) return;
  const pinned = card && getComputedStyle(card).position === 'fixed';
  const overlap = pinned ? bottom + CARD_GAP_PX - card.getBoundingClientRect().top : below;
  if (overlap > 0) window.scrollBy({ top: Math.min(below, overlap), behavior: 'instant' });
}

/** Room left between the caption and a card pinned under it. */
const CARD_GAP_PX = 4;

/**
 * Focus goes to a new card's question when playback stops at it, so a keyboard or screen reader
 * user is there (Play was ~25 Tabs away at 1280x800). Only on the store's change from no card (or
 * another one) to a new unanswered card: a re-render or a remount moves nothing.
 */
function useFocusWhenAsked(heading: React.RefObject<HTMLHeadingElement | null>): void {
  const store = useAppStore();
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (!newlyAsked(s, prev)) return;
        // After React has drawn the card; not away from a panel or dialog the learner is working in
        // (the caption's live line says a prediction is asked).
        requestAnimationFrame(() => {
          if (document.activeElement?.closest('.drawer, dialog')) return;
          bringStickyBarUp(heading.current?.closest('.question'));
          heading.current?.focus();
        });
      }),
    [store, heading],
  );
}

/**
 * A seek (a host's, a timeline's) takes the card away with the focus in it: the focus goes on to the
 * stage, not to <body> (a11y review: Left on the question stepped back, the card gone, Tab then went
 * to the transcript at the page's foot). Chromium blurs a removed element only in a focused document,
 * so not in a course page's frame: the card's own record of the focus says where it was.
 */
function useFocusOnStageWhenGone(asked: boolean) {
  const focusedRef = useRef(false);
  useEffect(() => {
    if (asked || !focusedRef.current) return;
    focusedRef.current = false;
    requestAnimationFrame(() => keepFocusIn(null, 'stage'));
  }, [asked]);
  return {
    onFocus: () => (focusedRef.current = true),
    // Taken away, the card still holds the focus to give back; left (a click elsewhere, on the page around
    // a frame too: a host's seek then took the focus back into the frame), it gives it up.
    onBlur: (e: React.FocusEvent) => {
      const card = e.currentTarget;
      requestAnimationFrame(() => {
        if (card.isConnected && !card.contains(document.activeElement)) focusedRef.current = false;
      });
    },
  };
}

/**
 * Predict, then see: the question at a key moment, over the stage while playback waits. Looking
 * through the choices (arrows, clicks) only marks one; "Lock in my prediction" answers, so the
 * first arrow press no longer answers with the second choice. The answer is marked from what the
 * run then does (the scenario's `outcome`), never from a stored key.
 */
export function QuestionCard() {
  const q = useApp(useShallow(selectQuestion));
  const promptId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const group = useRef<HTMLDivElement>(null);
  // The choice marked but not locked in, per card (a new card starts with none).
  const [draft, setDraft] = useState<{ card: unknown; choiceId: string } | null>(null);
  // The verdict folded away to look at the stage it speaks of: whole, it lay over the servers and
  // browsers whose answers it names, and the lesson waits under it (learner review). Per decided card,
  // not per question: asked again after a seek back, its new verdict opened folded (code review).
  const [peeking, setPeeking] = useState<unknown>(null);
  const card = useRef<HTMLElement>(null);
  useFocusWhenAsked(heading);
  const focusKept = useFocusOnStageWhenGone(q.asked !== null);
  useNoStopsUnder(card, q.asked !== null);
  if (!q.asked) return null;
  const { question, choiceId, result } = q.asked;
  const peek = result !== null && peeking === q.asked;
  const marked = choiceId ?? (draft?.card === q.asked.question ? draft.choiceId : null);
  const textOf = (id: string) => question.choices.find((c) => c.id === id)?.text ?? id;
  // The card goes away with the button that closed it: focus goes on to the stage, not to <body>.
  const refocus = () => requestAnimationFrame(() => keepFocusIn(null, 'stage'));
  const close = () => {
    q.dismiss();
    refocus();
  };
  const lockIn = () => {
    if (choiceId !== null || marked === null) return;
    // The button goes once answered: focus stays on the pick, where the result is read next to it.
    group.current?.querySelector<HTMLInputElement>(`input[value="${CSS.escape(marked)}"]`)?.focus();
    q.answer(marked);
  };
  return (
    <section
      ref={card}
      className={`question${result ? (result.correct ? ' is-right' : ' is-wrong') : choiceId !== null ? ' is-watching' : ''}${peek ? ' is-peeking' : ''}`}
      // About one world: where two are side by side, layout.css asks over the other one.
      data-about={question.modes.length === 1 ? question.modes[0] : undefined}
      aria-labelledby={promptId}
      {...focusKept}
    >
      <h2 id={promptId} className="question-prompt" ref={heading} tabIndex={-1}>
        {question.prompt}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          lockIn();
        }}
      >
        {/* Inert while folded: its focused radio, clipped to nothing, was still a Tab stop (code review). */}
        <div role="radiogroup" aria-labelledby={promptId} className="question-choices" ref={group} inert={peek}>
          {question.choices.map((choice) => (
            <label key={choice.id} className={`question-choice${result?.choiceId === choice.id ? ' is-answer' : ''}${marked === choice.id ? ' is-picked' : ''}`}>
              {/* aria-disabled once answered, not disabled: the picked radio keeps focus (answer() takes one pick only). */}
              <input
                type="radio"
                name={question.id}
                value={choice.id}
                checked={marked === choice.id}
                aria-disabled={choiceId !== null || undefined}
                onChange={() => choiceId === null && setDraft({ card: question, choiceId: choice.id })}
              />
              <span>{choice.text}</span>
              {/* Not by colour alone: the run's answer, where it is not the pick, is marked in words (the verdict says it to a screen reader). */}
              {result && !result.correct && result.choiceId === choice.id && (
                <strong className="question-ran" aria-hidden="true">
                  ✓ what the run did
                </strong>
              )}
            </label>
          ))}
        </div>
        <div className="question-foot" role="status">
          {choiceId === null ? (
            <p className="muted">Pick what you expect, then lock it in; playback goes on and the run will show what really happens.</p>
          ) : result === null ? (
            // While the caption it kept back gets its reading time the clock stands still: said, or the card
            // read "Watching the run…" over a clock stopped for 10 s (stolen-credential, review).
            <p>{q.holding ? 'Locked in. The run goes on once the caption has had its reading time…' : 'Locked in. Watching the run…'}</p>
          ) : (
            <p>
              {/* The run's answer is the marked choice above; said, not drawn twice (the card covered the servers its verdict names). */}
              <strong>
                {result.correct ? (
                  '✓ Right. '
                ) : (
                  <>
                    ✗ Not this time.<span className="visually-hidden"> The run's answer: “{textOf(result.choiceId)}”.</span>{' '}
                  </>
                )}
              </strong>
              {/* A status region, so said: a reason code in its words ("503 store unavailable"; a11y review). */}
              {spoken(result.why)}
            </p>
          )}
        </div>
        <div className="question-actions">
          {choiceId === null && (
            <button type="submit" disabled={marked === null}>
              Lock in my prediction
            </button>
          )}
          {result && (
            <span className="question-mark" aria-hidden="true">
              {result.correct ? '✓ Right' : '✗ Not this time'}
            </span>
          )}
          {(choiceId === null || result !== null) && (
            <button type="button" onClick={close}>
              {result ? 'Continue' : 'Skip this question'}
            </button>
          )}
          {/* One button whose words change, so focus stays on it. */}
          {result && (
            <button type="button" onClick={() => setPeeking(peek ? null : q.asked)}>
              {peek ? 'Show the verdict' : 'See the stage'}
            </button>
          )}
          {/* Not in the folded row: it stays one row over no node. */}
          {!peek && (
            <button
              type="button"
              onClick={() => {
                q.setQuestionsOn(false);
                refocus();
              }}
            >
              Skip all questions
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
