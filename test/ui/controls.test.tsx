import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clockTime } from '../../src/format';
import { createAppStore } from '../../src/store/createAppStore';
import { lessonSteps } from '../../src/store/lesson';
import { Controls } from '../../src/ui/controls/Controls';
import { markerName, spacedMarkers } from '../../src/ui/controls/TimelineMarkers';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { useShortcuts } from '../../src/ui/useShortcuts';
import type { AppStore } from '../../src/store/createAppStore';
import { runFrames, fakeFrames } from './support/frames';

function Harness({ store }: { store: AppStore }) {
  useShortcuts(store);
  return (
    <AppStoreProvider store={store}>
      <Controls />
    </AppStoreProvider>
  );
}

async function setup(scenarioId = 'basic') {
  const store = createAppStore({ scenarioId, view: 'both' });
  await store.getState().load();
  render(<Harness store={store} />);
  return store;
}

afterEach(cleanup);

describe('playback controls', () => {
  it('Play becomes Pause and back, and the clock runs only while playing', async () => {
    fakeFrames();
    try {
      const store = await setup();
      fireEvent.click(screen.getByRole('button', { name: 'Play' }));
      expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
      await runFrames(store, 25); // 400 ms of frames
      fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
      const paused = store.player.timeMs;
      expect(paused).toBeGreaterThan(0);
      await runFrames(store, 12); // 200 ms more
      expect(store.player.timeMs).toBe(paused);
    } finally {
      vi.useRealTimers();
    }
  });

  it("on a phone, where only the glyphs show, Play, Step and Step back each have their own", async () => {
    await setup();
    // The words (button-word, play-word) are what a phone hides (controls.css).
    const glyph = (name: string) => [...screen.getByRole('button', { name }).childNodes].filter((n) => !(n instanceof HTMLElement && /(?:button|play)-word/.test(n.className))).map((n) => n.textContent).join('').trim();
    const glyphs = ['Play', 'Step', 'Step back'].map(glyph);
    expect(new Set(glyphs).size).toBe(3);
    expect(glyphs.every((g) => g.length > 0)).toBe(true);
  });

  it('Step moves to the next logged moment and Step back returns to the one before', async () => {
    const store = await setup();
    // Step stops at the next moment either world logs something.
    const logged = () => store.getState().worlds.session!.logTotal + store.getState().worlds.jwt!.logTotal;
    const click = (name: string) => act(async () => fireEvent.click(screen.getByRole('button', { name })));
    await click('Step');
    await waitFor(() => expect(logged()).toBeGreaterThan(0));
    const afterOne = logged();
    await click('Step');
    await waitFor(() => expect(logged()).toBeGreaterThan(afterOne));
    const t2 = store.player.timeMs;
    await click('Step back');
    await waitFor(() => expect(store.player.timeMs).toBeLessThan(t2));
  });

  it('side by side, Step back goes through the moments Step went through, in reverse, whichever world logged them', async () => {
    const store = await setup();
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      await act(() => store.getState().step());
      times.push(store.player.timeMs);
    }
    const back: number[] = [];
    for (let i = 0; i < 5; i++) {
      await act(() => store.getState().stepBack());
      back.push(store.player.timeMs);
    }
    expect(back).toEqual(times.slice(0, 5).reverse());
    // Pressed in quick succession (each before the last one's seek is done), each goes one further back.
    for (let i = 0; i < 5; i++) await act(() => store.getState().step());
    await act(() => Promise.all([0, 1, 2, 3].map(() => store.getState().stepBack())));
    expect(store.player.timeMs).toBe(times[1]);
  });

  it('Next and Previous key moment pressed in quick succession go one moment per press', async () => {
    const store = createAppStore({ scenarioId: 'revocation', view: 'both', questionsOn: false });
    await store.getState().load();
    // A key moment starts 1 ms after its caption (the opening, at 0, is where the lesson starts).
    const moments = lessonSteps(store.getState().scenario, ['session', 'jwt']).map((st) => st.atMs + 1);
    expect(moments.length).toBeGreaterThanOrEqual(4);
    await act(() => Promise.all([store.getState().nextMoment(), store.getState().nextMoment()]));
    expect(store.player.timeMs).toBe(moments[1]);
    await act(() => Promise.all([store.getState().nextMoment(), store.getState().previousMoment(), store.getState().previousMoment()]));
    expect(store.player.timeMs).toBe(moments[0]);
  });

  it('seeks asked for faster than they run are one seek, to the last place asked (a host page posting seeks in a loop)', async () => {
    const store = await setup();
    let published = 0;
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.worlds !== prev.worlds) published++;
    });
    // A host scrubbing may send a pause before each seek: paused already, a pause queues nothing between them (review).
    await act(() => Promise.all(Array.from({ length: 50 }, (_, i) => (store.getState().pause(), store.getState().seek(100 * (i + 1))))));
    unsubscribe();
    expect(store.player.timeMs).toBe(5_000);
    expect(published).toBe(1);
    // Work queued in between keeps its place: a step between two seeks is not jumped over.
    const order: number[] = [];
    await act(() => Promise.all([store.getState().seek(1_000).then(() => order.push(store.player.timeMs)), store.getState().step(), store.getState().seek(2_000)]));
    expect(order).toEqual([1_000]);
    expect(store.player.timeMs).toBe(2_000);
  });

  it('the speed slider runs from 0.25x to 16x on a log scale and announces its value', async () => {
    const store = await setup();
    const slider = screen.getByRole('slider', { name: 'Speed' });
    fireEvent.change(slider, { target: { value: '1' } });
    expect(store.getState().speed).toBeCloseTo(16);
    expect(slider.getAttribute('aria-valuetext')).toBe('16x');
    fireEvent.change(slider, { target: { value: '0' } });
    expect(store.getState().speed).toBeCloseTo(0.25);
  });

  it('keyboard: Space plays and pauses, + and - double and halve the speed from the playback controls, within limits', async () => {
    const store = await setup();
    // The shortcuts' code comes just after the first render (useShortcuts imports it).
    await act(() => import('../../src/ui/shortcuts'));
    fireEvent.keyDown(window, { key: ' ' });
    expect(store.getState().playing).toBe(true);
    fireEvent.keyDown(window, { key: ' ' });
    expect(store.getState().playing).toBe(false);
    // Page-wide, single characters are not shortcuts (WCAG 2.1.4: a speech user's "minus" changed the speed; a11y review).
    fireEvent.keyDown(document.body, { key: '+' });
    expect(store.getState().speed).toBe(1);
    const play = screen.getByRole('button', { name: 'Play' });
    // Each control names its key to assistive technology (the README alone listed them).
    const keysOf = (name: string) => screen.getByRole('button', { name }).getAttribute('aria-keyshortcuts');
    expect([keysOf('Play'), keysOf('Step'), keysOf('Step back')]).toEqual(['Space', 'ArrowRight', 'ArrowLeft']);
    fireEvent.keyDown(play, { key: '+' });
    expect(store.getState().speed).toBe(2);
    for (let i = 0; i < 10; i++) fireEvent.keyDown(play, { key: '+' });
    expect(store.getState().speed).toBe(16);
    fireEvent.keyDown(play, { key: '-' });
    expect(store.getState().speed).toBe(8);
  });

  it('the timeline scrubber seeks, and markers jump to the scenario steps', async () => {
    const store = await setup();
    fireEvent.change(screen.getByRole('slider', { name: 'Timeline' }), { target: { value: '1200' } });
    await waitFor(() => expect(store.player.timeMs).toBe(1200));
    fireEvent.click(screen.getByRole('button', { name: /Jump to 00:00.500/ }));
    await waitFor(() => expect(store.player.timeMs).toBe(501));
    // The slider stays on its 10 ms grid: a value off it made the browser snap the next key press to the grid (Home went nowhere).
    const slider = screen.getByRole<HTMLInputElement>('slider', { name: 'Timeline' });
    expect(Number(slider.value) % 10).toBe(0);
    expect(Number(slider.max) % 10).toBe(0);
    expect(slider.getAttribute('aria-valuetext')).toBe(`00:00.501 of ${clockTime(store.getState().endMs)}`);
  });

  // Embed review: revocation's 21 s marker, pressed before its 5.1 s question, went past it, and the captions there told its answer.
  it('a marker past a question still to come lands on that question, as its name promises', async () => {
    const store = await setup('revocation');
    const asked = store.getState().scenario!.questions![0]!;
    const later = screen.getAllByRole('button', { name: /^Jump to .*: a key moment, told after your prediction/ }).at(-1)!;
    expect(Number(/Jump to 00:(\d\d)/.exec(later.title)![1]) * 1000).toBeGreaterThan(asked.atMs + 5_000);
    fireEvent.click(later);
    await waitFor(() => expect(store.getState().question?.question.id).toBe(asked.id));
    expect(store.player.timeMs).toBe(asked.atMs);
  });

  it('a marker keeps a moment\u2019s words back while a question before it waits, and jumps to that question, as Next key moment does', async () => {
    // basic asks at 0.4 s about its 0.5 s moment: its one marker's name said the answer from the first
    // screen, and its jump (1 ms past the moment) went over the question and showed the answer (embed review).
    const store = await setup();
    const asked = store.getState().scenario!.questions![0]!;
    const marker = screen.getByRole('button', { name: /^Jump to 00:00\.500/ });
    // Named by its title alone (as aria-label too, a screen reader read it twice: a11y review).
    expect(marker.title).toBe('Jump to 00:00.500: a key moment, told after your prediction');
    expect(marker.getAttribute('aria-label')).toBeNull();
    expect(screen.getByRole('button', { name: 'Jump to 00:00.500: a key moment, told after your prediction' })).toBe(marker);
    fireEvent.click(marker);
    await waitFor(() => expect(store.getState().question?.question.id).toBe(asked.id));
    expect(store.player.timeMs).toBe(asked.atMs);
    // Past the question, the marker says its moment's caption.
    act(() => store.getState().setQuestionsOn(false));
    expect(screen.getByRole('button', { name: /^Jump to 00:00\.500/ }).title).toMatch(/^Jump to 00:00\.500: Session: /);
    // Next key moment, from the opening (1 ms in), stops at the question too; with questions off, just past the moment.
    act(() => store.getState().pause());
    await act(() => store.getState().seek(1));
    act(() => store.getState().setQuestionsOn(true));
    await act(() => store.getState().nextMoment());
    expect(store.player.timeMs).toBe(asked.atMs);
    expect(store.getState().question?.question.id).toBe(asked.id);
    await act(() => store.getState().seek(1));
    act(() => store.getState().setQuestionsOn(false));
    await act(() => store.getState().nextMoment());
    expect(store.player.timeMs).toBe(501);
  });

  it('Previous key moment, back to a moment a question asks about just before, stops at the question too', async () => {
    // Found, not named: a lesson asking within 1 s before one of its moments, with a moment after it.
    const { SCENARIOS } = await import('../../src/scenarios');
    const found = SCENARIOS.flatMap((sc) => {
      if (!sc.modes.includes('session') || !sc.modes.includes('jwt')) return [];
      const steps = lessonSteps(sc, ['session', 'jwt']);
      return (sc.questions ?? []).flatMap((q) => {
        const i = steps.findIndex((st) => st.atMs > q.atMs && st.atMs - q.atMs <= 1_000);
        return i > 0 && steps[i + 1] ? [{ id: sc.id, question: q, after: steps[i + 1]!.atMs }] : [];
      });
    })[0]!;
    const store = createAppStore({ scenarioId: found.id, view: 'both', questionsOn: true });
    await store.getState().load();
    await act(() => store.getState().seek(found.after + 1));
    await act(() => store.getState().previousMoment());
    expect(store.player.timeMs).toBe(found.question.atMs);
    expect(store.getState().question?.question.id).toBe(found.question.id);
  });

  it('Step, its Right-arrow key, Next key moment and a marker past the question wait while a question waits for its prediction: each closed the card and showed the caption that answers it', async () => {
    const store = await setup();
    const asked = store.getState().scenario!.questions![0]!;
    await act(() => store.getState().seek(asked.atMs));
    expect(store.getState().question?.choiceId).toBeNull();
    const step = screen.getByRole('button', { name: 'Step' });
    expect(step.getAttribute('aria-disabled')).toBe('true');
    expect(step.title).toBe('Answer or skip the question first');
    // Next went to the moment after, whose caption answers it (learner review); a marker there too.
    const next = screen.getByRole('button', { name: 'Next key moment' });
    expect([next.getAttribute('aria-disabled'), next.title]).toEqual(['true', 'Answer or skip the question first']);
    fireEvent.click(next);
    const marker = screen.getByRole('button', { name: /^Jump to 00:00\.500: .*\(answer or skip the question first\)$/ });
    expect(marker.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(marker);
    // So does Play, which does nothing then (it looked enabled, and a click looked like a freeze: review).
    const play = screen.getByRole('button', { name: 'Play' });
    expect([play.getAttribute('aria-disabled'), play.title]).toEqual(['true', 'Answer or skip the question first']);
    fireEvent.click(play);
    fireEvent.click(step);
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    await act(() => store.player.settled());
    expect(store.player.timeMs).toBe(asked.atMs);
    expect(store.getState().question?.question.id).toBe(asked.id);
    // Predicted, a step goes on.
    act(() => store.getState().answer(asked.choices[0]!.id));
    expect(screen.getByRole('button', { name: 'Step' }).getAttribute('aria-disabled')).toBeNull();
    expect(screen.getByRole('button', { name: /^(Play|Pause)$/ }).getAttribute('aria-disabled')).toBeNull();
    expect(screen.getByRole('button', { name: 'Next key moment' }).getAttribute('aria-disabled')).toBeNull();
    expect(screen.getByRole('button', { name: /^Jump to 00:00\.500/ }).getAttribute('aria-disabled')).toBeNull();
  });

  it('an arrow key on the timeline moves half a second, not the slider\u2019s 10 ms (a 42 s lesson took 4,200 presses); Shift keeps the fine step', async () => {
    const store = await setup();
    const slider = screen.getByRole('slider', { name: 'Timeline' });
    fireEvent.change(slider, { target: { value: '1200' } });
    await waitFor(() => expect(store.player.timeMs).toBe(1200));
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    await waitFor(() => expect(store.player.timeMs).toBe(1700));
    fireEvent.keyDown(slider, { key: 'ArrowLeft' });
    fireEvent.keyDown(slider, { key: 'ArrowDown' });
    await waitFor(() => expect(store.player.timeMs).toBe(700));
    // Not past either end.
    for (let i = 0; i < 3; i++) fireEvent.keyDown(slider, { key: 'ArrowLeft' });
    await waitFor(() => expect(store.player.timeMs).toBe(0));
    // Shift+arrow is left to the slider itself (its 10 ms grid): this handler does not seek, so the plain press after it lands at 500, not 1,000.
    fireEvent.keyDown(slider, { key: 'ArrowRight', shiftKey: true });
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    await waitFor(() => expect(store.player.timeMs).toBe(500));
    // Presses in quick succession each go one step further, from where the last one lands.
    for (let i = 0; i < 4; i++) fireEvent.keyDown(slider, { key: 'ArrowRight' });
    await waitFor(() => expect(store.player.timeMs).toBe(2_500));
  });

  it('past the lesson\u2019s end, where an intervention keeps the run going, an arrow key still moves half a second from where the clock is', async () => {
    const store = await setup();
    const end = store.getState().endMs;
    await act(() => store.getState().seek(end));
    const slider = screen.getByRole('slider', { name: 'Timeline' });
    // At the end, with nothing left to happen, there is nowhere further to go.
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    await act(() => store.player.seekFrom(() => undefined));
    expect(store.player.timeMs).toBe(end);
    // A rotation's 120 s overlap goes on past the end.
    await act(() => store.getState().dispatch({ type: 'rotateKey' }));
    await act(() => store.getState().seek(end + 20_000));
    expect(store.player.timeMs).toBe(end + 20_000);
    fireEvent.keyDown(slider, { key: 'ArrowLeft' });
    await waitFor(() => expect(store.player.timeMs).toBe(end + 19_500));
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    await waitFor(() => expect(store.player.timeMs).toBe(end + 20_500));
  });

  it('markers too close to tell apart become one, whose name counts the moments it stands for', () => {
    // A 10 s lesson on a 200 px track: 1 s is 20 px, closer than one 26 px target.
    const steps = [300, 1_000, 1_200, 5_000].map((atMs) => ({ atMs, caption: `moment at ${atMs}` }));
    const markers = spacedMarkers(steps, 10_000, 200);
    expect(markers.map((m) => [m.step.atMs, m.alsoHere])).toEqual([[300, 2], [5_000, 0]]);
    // Up to when: a 640x400 embed's 90 px track put moments 12-28 s apart under one marker, "just after".
    expect(markerName(markers[0]!)).toBe('Jump to 00:00.300: moment at 300 (and 2 more moments up to 00:01.200)');
    expect(markerName(markers[1]!)).toBe('Jump to 00:05.000: moment at 5000');
    // Review: the start, where the track begins, gives its marker to the moment after it (a narrow
    // embed's revocation read "0:00 (and 1 more moment just after)", its ban at 5 s).
    const fromStart = spacedMarkers([0, ...steps.slice(1).map((s) => s.atMs)].map((atMs) => ({ atMs, caption: `moment at ${atMs}` })), 10_000, 200);
    expect(fromStart.map((m) => [m.step.atMs, m.alsoHere])).toEqual([[1_000, 1], [5_000, 0]]);
    // A wide track, or one not measured yet, keeps every marker.
    expect(spacedMarkers(steps, 10_000, 2_000)).toHaveLength(4);
    expect(spacedMarkers(steps, 10_000, 0)).toHaveLength(4);
  });
});
