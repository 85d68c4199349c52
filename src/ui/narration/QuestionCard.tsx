import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { keepFocusIn } from '../focus';
import { useApp } from '../storeContext';

const selectQuestion = (s: AppStoreState) => ({ asked: s.question, answer: s.answer, dismiss: s.dismissQuestion, setQuestionsOn: s.setQuestionsOn, play: s.play, playing: s.playing });

/**
 * Predict, then see: the question at a key moment, over the stage while playback waits. The answer
 * is marked from what the run then does (the scenario's `outcome`), never from a stored key.
 */
export function QuestionCard() {
  const q = useApp(useShallow(selectQuestion));
  const promptId = useId();
  if (!q.asked) return null;
  const { question, choiceId, result } = q.asked;
  const textOf = (id: string) => question.choices.find((c) => c.id === id)?.text ?? id;
  // The card goes away with the button that closed it: focus goes on to the stage, not to <body>.
  const refocus = () => requestAnimationFrame(() => keepFocusIn(null, 'stage'));
  const close = () => {
    q.dismiss();
    if (result && !q.playing) q.play();
    refocus();
  };
  return (
    <section className={`question${result ? (result.correct ? ' is-right' : ' is-wrong') : ''}`} aria-labelledby={promptId}>
      <h2 id={promptId} className="question-prompt">
        {question.prompt}
      </h2>
      <div role="radiogroup" aria-labelledby={promptId} className="question-choices">
        {question.choices.map((choice) => (
          <label key={choice.id} className={`question-choice${result?.choiceId === choice.id ? ' is-answer' : ''}${choiceId === choice.id ? ' is-picked' : ''}`}>
            {/* aria-disabled once answered, not disabled: the picked radio keeps focus (answer() takes one pick only). */}
            <input type="radio" name={question.id} value={choice.id} checked={choiceId === choice.id} aria-disabled={choiceId !== null || undefined} onChange={() => q.answer(choice.id)} />
            <span>{choice.text}</span>
          </label>
        ))}
      </div>
      <div className="question-foot" role="status">
        {choiceId === null ? (
          <p className="muted">Pick what you expect; playback goes on and the run will show what really happens.</p>
        ) : result === null ? (
          <p>Your prediction: “{textOf(choiceId)}”. Watching the run…</p>
        ) : (
          <p>
            <strong>{result.correct ? '✓ Right. ' : `✗ Not this time: the run did “${textOf(result.choiceId)}”. `}</strong>
            {result.why}
          </p>
        )}
      </div>
      <div className="question-actions">
        {(choiceId === null || result !== null) && (
          <button type="button" onClick={close}>
            {result ? 'Continue' : 'Skip this question'}
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            q.setQuestionsOn(false);
            refocus();
          }}
        >
          Skip all questions
        </button>
      </div>
    </section>
  );
}
