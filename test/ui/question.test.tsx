import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import { parseLink } from '../../src/store/urlState';
import { QuestionCard } from '../../src/ui/narration/QuestionCard';
import { Caption } from '../../src/ui/narration/Caption';
import { Transcript } from '../../src/ui/narration/Transcript';
import { watchLesson } from '../../src/host/lessonEvents';
import { lessonSteps } from '../../src/store/lesson';
import { shownModes } from '../../src/store/selectors';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { runFrames, fakeFrames } from './support/frames';

/** Plays on a fake clock (one animation frame per 16 ms) until `done` or the lesson ends. */
async function playUntil(store: AppStore, done: () => boolean) {
  store.getState().play();
  await runFrames(store, 20_000, done);
}

async function setup(link = '?scenario=revocation&mode=both&speed=4') {
  fakeFrames();
  const { state } = parseLink(link);
  const store = createAppStore({ ...state, questionsOn: state.questionsOn ?? true });
  await store.getState().load();
  render(
    <AppStoreProvider store={store}>
      <Caption />
      <Transcript />
      <QuestionCard />
    </AppStoreProvider>,
  );
  return store;
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('predict, then see', () => {
  it('pauses at the key moment, asks, and marks the answer from what the run then does', async () => {
    const store = await setup();
    const question = store.getState().scenario!.questions![0]!;
    await playUntil(store, () => store.getState().question !== null);
    expect(store.getState().playing).toBe(false);
    expect(store.player.timeMs).toBe(question.atMs);
    const group = screen.getByRole('radiogroup', { name: question.prompt });
    expect(group.querySelectorAll('input[type=radio]')).toHaveLength(question.choices.length);
    // Nothing is revealed before the run has decided.
    expect(screen.queryByText(/Right|Not this time/)).toBeNull();

    const picked = question.choices[0]!;
    fireEvent.click(screen.getByRole('radio', { name: picked.text }));
    expect(store.getState().playing).toBe(true);
    await playUntil(store, () => store.getState().question?.result != null);

    const result = store.getState().question!.result!;
    // The run's own answer: the same outcome read from the worlds now on screen.
    expect(result.choiceId).toBe(question.outcome(store.getState().worlds, question.atMs)!.choiceId);
    expect(result.correct).toBe(result.choiceId === picked.id);
    expect(screen.getByRole('status').textContent).toContain(result.correct ? '✓ Right.' : '✗ Not this time');
    expect(screen.getByRole('status').textContent).toContain(result.why);
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.queryByRole('radiogroup')).toBeNull();
  }, 60_000);

  it('"Skip all questions" turns them off: playback then runs past every key moment', async () => {
    const store = await setup();
    await playUntil(store, () => store.getState().question !== null);
    fireEvent.click(screen.getByRole('button', { name: 'Skip all questions' }));
    expect(store.getState().questionsOn).toBe(false);
    expect(screen.queryByRole('radiogroup')).toBeNull();
    const asked = vi.fn();
    store.subscribe((s) => s.question && asked());
    await playUntil(store, () => false);
    expect(store.getState().ended).toBe(true);
    expect(asked).not.toHaveBeenCalled();
  }, 60_000);

  it('a link with q=0 never asks', async () => {
    const store = await setup('?scenario=revocation&mode=both&speed=16&q=0');
    expect(store.getState().questionsOn).toBe(false);
    const question = store.getState().scenario!.questions![0]!;
    await playUntil(store, () => store.player.timeMs > question.atMs + 1_000);
    expect(store.player.timeMs).toBeGreaterThan(question.atMs);
    expect(store.getState().question).toBeNull();
  }, 60_000);

  it('no caption answers the question before the learner has predicted: not the lesson line, not what just happened, not the host page', async () => {
    const store = await setup('?scenario=store-outage&mode=both&speed=4');
    const question = store.getState().scenario!.questions![0]!;
    // The caption the question is about: "the store goes down … everyone is refused" (the last one at or before its moment).
    const about = lessonSteps(store.getState().scenario, shownModes(store.getState())).filter((st) => st.atMs <= question.atMs).at(-1)!;
    const told: string[] = [];
    watchLesson(store, { caption: (text) => told.push(text) });
    const lesson = screen.getByTestId('lesson-caption');
    const seen: string[] = [];
    new MutationObserver(() => seen.push(lesson.textContent ?? '')).observe(lesson, { childList: true, subtree: true, characterData: true });
    await playUntil(store, () => store.getState().question !== null);
    await Promise.resolve();
    const line = about.lines[0]!.text;
    expect(seen.some((text) => text.includes(line))).toBe(false);
    expect(told).not.toContain(about.caption);
    expect(lesson.textContent).toContain('Your prediction first');
    expect(screen.getByTestId('caption').textContent).toBe('What just happened is hidden until you answer.');
    expect(screen.getByRole('region', { name: /lesson so far/i }).textContent).not.toContain(line);

    fireEvent.click(screen.getByRole('radio', { name: question.choices[0]!.text }));
    expect(lesson.textContent).toContain(line);
    expect(told.at(-1)).toBe(about.caption);
  }, 60_000);

  it('a question played again after a seek back keeps its caption back again, and Step past an unanswered card closes it', async () => {
    const store = await setup('?scenario=store-outage&mode=both&speed=4');
    const question = store.getState().scenario!.questions![0]!;
    const about = lessonSteps(store.getState().scenario, shownModes(store.getState())).filter((st) => st.atMs <= question.atMs).at(-1)!;
    const lesson = screen.getByTestId('lesson-caption');
    await playUntil(store, () => store.getState().question !== null);
    fireEvent.click(screen.getByRole('button', { name: 'Skip this question' }));
    expect(lesson.textContent).toContain(about.lines[0]!.text);
    // Back before the question, and on to the moment before it is put again: kept back again.
    await act(() => store.getState().seek(about.atMs - 500));
    await playUntil(store, () => store.player.timeMs >= about.atMs || store.getState().question !== null);
    if (store.getState().question === null) expect(lesson.textContent).not.toContain(about.lines[0]!.text);
    await playUntil(store, () => store.getState().question !== null);
    expect(lesson.textContent).toContain('Your prediction first');
    await act(() => store.getState().step());
    expect(store.getState().question).toBeNull();
    expect(lesson.textContent).not.toContain('Your prediction first');
  }, 60_000);
});
