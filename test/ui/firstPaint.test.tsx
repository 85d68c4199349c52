import { unitsKept } from '../../src/format';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { findMeta, firstCaption } from '../../src/scenarios/catalog';
import { createAppStore } from '../../src/store/createAppStore';
import { App } from '../../src/ui/App';

afterEach(cleanup);

/** The app on a lesson, drawn, its script loaded. */
async function opened(scenarioId: string) {
  const store = createAppStore({ scenarioId, view: 'both', questionsOn: false });
  const loaded = store.getState().load();
  render(<App store={store} />);
  await act(async () => {
    expect(await loaded).toBe(true);
  });
  return store;
}

// The page's first paint carries the lesson's opening (the largest text on the first screen) and its
// first moment's caption (shown instead where the box is too short), drawn from the catalog before
// the lesson's script or the engine has arrived; they stay until the lesson moves, and the run's
// words follow.
describe('the first paint', () => {
  it('shows the opening from the catalog while the lesson loads and until it plays, then the run takes over', async () => {
    const store = createAppStore({ scenarioId: 'revocation', view: 'both', questionsOn: false });
    const loaded = store.getState().load();
    render(<App store={store} />);
    const meta = findMeta('revocation')!;
    expect(store.getState().scenario).toBeNull();
    const lesson = screen.getByTestId('lesson-caption');
    const opening = lesson.querySelector('.caption-opening')!;
    expect(opening.textContent).toBe(`${meta.title}. What to watch: ${unitsKept(meta.notice)}`);
    // The first moment's caption, from the catalog, is drawn already: a box too short for the
    // opening (layout.css) shows it from the first paint, not once the script has come.
    expect(lesson.classList.contains('has-stand-in')).toBe(true);
    const standIn = lesson.querySelector('.caption-step')!;
    const standInLines = [...standIn.children];
    expect(standIn.textContent).toBe(meta.firstCaption);

    await act(async () => {
      expect(await loaded).toBe(true);
    });
    const sc = store.getState().scenario!;
    expect(sc.notice).toBe(meta.notice);
    await waitFor(() => expect(document.querySelector('.stage')).not.toBeNull());
    // Loaded, at 0 s, not yet played: still what to watch (the first moment's caption came a few
    // hundred ms after the first paint, and nobody could read the opening). A box too short for it
    // shows that first caption instead (layout.css): it is there, as the stand-in.
    // The script's arrival changes none of it: the same elements, the same words.
    const first = sc.timeline('session').find((st) => st.caption)!;
    expect(first.atMs).toBe(0);
    expect(lesson.querySelector('.caption-opening')).toBe(opening);
    expect(opening.textContent).toBe(`${meta.title}. What to watch: ${unitsKept(meta.notice)}`);
    expect(lesson.classList.contains('has-stand-in')).toBe(true);
    expect(lesson.querySelector('.caption-step')).toBe(standIn);
    expect(standIn.children).toHaveLength(standInLines.length);
    standInLines.forEach((line, i) => expect(standIn.children[i]).toBe(line));
    expect(standIn.textContent).toBe(first.caption);
    // Played: the run's first moment speaks, its caption from the lesson's own timeline, in the
    // element that stood in (a screen reader does not hear it again).
    act(() => store.getState().play());
    act(() => store.getState().pause());
    expect(lesson.querySelector('.caption-opening')).toBeNull();
    expect(lesson.classList.contains('has-stand-in')).toBe(false);
    expect(lesson.querySelector('.caption-step')).toBe(standIn);
    expect(lesson.textContent).toContain(first.caption!);

    // Another lesson picked: while its script loads, the opening is the new lesson's, never the
    // old one's under the new lesson's name.
    let next!: Promise<boolean>;
    act(() => {
      next = store.getState().load({ scenarioId: 'basic' });
    });
    const basic = findMeta('basic')!;
    expect(store.getState().scenario!.id).toBe('revocation');
    expect(lesson.querySelector('.caption-opening')!.textContent).toBe(`${basic.title}. What to watch: ${unitsKept(basic.notice)}`);
    // The new lesson's first moment stands in, one line per world (they say it differently).
    expect([...lesson.querySelectorAll('.caption-step > p')].map((p) => p.textContent)).toEqual([`Session: ${firstCaption('basic', 'session')}`, `JWT: ${firstCaption('basic', 'jwt')}`]);
    await act(async () => {
      expect(await next).toBe(true);
    });
  });

  it('lets the first moment speak after one step, though the clock is still at 0 s', async () => {
    const store = await opened('basic');
    const lesson = screen.getByTestId('lesson-caption');
    expect(lesson.querySelector('.caption-opening')).not.toBeNull();
    await act(async () => {
      await store.getState().step();
    });
    expect(store.getState().timeMs).toBe(0);
    expect(screen.getByTestId('caption').textContent).not.toBe('Press Play to start.');
    expect(lesson.querySelector('.caption-opening')).toBeNull();
    expect(lesson.textContent).toContain(store.getState().scenario!.timeline('session')[0]!.caption!);

    // Another lesson picked after this one moved: its opening, while its script loads and after
    // (the old worlds' log, still shown until the new ones come, is not the new lesson moving).
    const revocation = findMeta('revocation')!;
    let next!: Promise<boolean>;
    act(() => {
      next = store.getState().load({ scenarioId: 'revocation' });
    });
    expect(lesson.querySelector('.caption-opening')!.textContent).toBe(`${revocation.title}. What to watch: ${unitsKept(revocation.notice)}`);
    expect(lesson.querySelector('.caption-step')!.textContent).toBe(revocation.firstCaption);
    await act(async () => {
      expect(await next).toBe(true);
    });
    expect(lesson.querySelector('.caption-opening')!.textContent).toBe(`${revocation.title}. What to watch: ${unitsKept(revocation.notice)}`);
    expect(lesson.classList.contains('has-stand-in')).toBe(true);
  });

  it('keeps the picked lesson\'s words for its own worlds when its script fails to load', async () => {
    const store = await opened('key-rotation');
    // Basic's script cannot be fetched (offline): the JWT-only lesson's world stays drawn.
    const basic = findMeta('basic')!;
    const load = basic.load;
    basic.load = () => Promise.reject(new Error('offline'));
    try {
      let next!: Promise<boolean>;
      act(() => {
        next = store.getState().load({ scenarioId: 'basic' });
      });
      const lesson = screen.getByTestId('lesson-caption');
      const lines = () => [...lesson.querySelectorAll('.caption-step > p')].map((p) => p.textContent);
      const both = [`Session: ${firstCaption('basic', 'session')}`, `JWT: ${firstCaption('basic', 'jwt')}`];
      expect(lines()).toEqual(both);
      const words = lesson.textContent;
      await act(async () => {
        expect(await next).toBe(false);
      });
      expect(store.getState().status).toBe('error');
      // Still basic's words for the two worlds it would show, not for the one still drawn.
      expect(lines()).toEqual(both);
      expect(lesson.textContent).toBe(words);
    } finally {
      basic.load = load;
    }
  });
});
