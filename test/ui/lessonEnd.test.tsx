import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import { lessonSteps } from '../../src/store/lesson';
import { spoken } from '../../src/store/news';
import { parseLink } from '../../src/store/urlState';
import { Caption } from '../../src/ui/narration/Caption';
import { Controls } from '../../src/ui/controls/Controls';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { runFrames, fakeFrames } from './support/frames';

async function setup(link = '?scenario=revocation&mode=both&speed=16&q=0') {
  fakeFrames();
  const store = createAppStore(parseLink(link).state);
  await store.getState().load();
  render(
    <AppStoreProvider store={store}>
      <Controls />
      <Caption />
    </AppStoreProvider>,
  );
  return store;
}

const lessonLine = () => screen.getByTestId('lesson-caption').textContent ?? '';
const nowLine = () => screen.getByTestId('caption');
const news = () => screen.getByTestId('moment-news');
const button = (name: string) => screen.getByRole('button', { name });
const off = (name: string) => button(name).getAttribute('aria-disabled') === 'true';
const seek = (store: AppStore, ms: number) => act(() => store.getState().seek(ms));

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the end of a lesson', () => {
  it('Play at the end plays the lesson again from its start (it did nothing)', async () => {
    const store = await setup();
    store.getState().play();
    await runFrames(store, 20_000);
    expect(store.getState().ended).toBe(true);
    const takeaway = lessonLine();
    // Until the start lands, the end stays on screen, as a video's last frame does: the takeaway gave
    // way to the last caption for a frame or two, and a phone's caption box shrank with it.
    act(() => button('Play').click());
    expect(store.getState().playing).toBe(true);
    expect(lessonLine()).toBe(takeaway);
    await act(() => store.player.settled());
    expect(store.getState().playing).toBe(true);
    expect(store.getState().ended).toBe(false);
    expect(store.player.timeMs).toBeLessThan(1_000);
    await runFrames(store, 60);
    expect(store.player.timeMs).toBeGreaterThan(0);
    expect(lessonLine()).not.toMatch(/Takeaway/);
  });

  it('a seek back from the end leaves it (no takeaway over an earlier moment), and a seek to the end shows the same takeaway', async () => {
    const store = await setup();
    store.getState().play();
    await runFrames(store, 20_000);
    expect(store.getState().ended).toBe(true);
    // Playback stops at the lesson's end, not past it (the clock used to run on to 43-45 s of 42).
    expect(store.player.timeMs).toBe(store.getState().endMs);
    const played = lessonLine();
    expect(played).toMatch(/^Takeaway: .*still accepted [1-9]/);
    expect(off('Step')).toBe(true);

    await seek(store, 5_001);
    expect(store.getState().ended).toBe(false);
    expect(lessonLine()).not.toMatch(/Takeaway/);
    expect(nowLine().textContent).not.toMatch(/finished/);
    expect(off('Step')).toBe(false);

    // The end reached by a seek is the end playback reaches: the same words and numbers.
    await seek(store, store.getState().endMs);
    expect(store.getState().ended).toBe(true);
    expect(lessonLine()).toBe(played);

    // A seek past the end (a link's t of a day, a host page's seek) stops there too: it went 10 s past, the timeline stretched with it.
    await seek(store, 86_400_000);
    expect(store.player.timeMs).toBe(store.getState().endMs);
    expect(store.getState().ended).toBe(true);
    expect(lessonLine()).toBe(played);
  }, 60_000);

  it('Step reaches the end and finishes the lesson there; Step back leaves it; at 0 Step back has nowhere to go', async () => {
    const store = await setup();
    await seek(store, store.getState().endMs - 1_500);
    let steps = 0;
    while (!store.getState().ended && steps++ < 200) await act(() => store.getState().step());
    expect(store.getState().ended).toBe(true);
    expect(store.player.timeMs).toBe(store.getState().endMs);
    expect(lessonLine()).toMatch(/^Takeaway: /);

    await act(() => store.getState().stepBack());
    expect(store.getState().ended).toBe(false);
    expect(lessonLine()).not.toMatch(/Takeaway/);

    await seek(store, 0);
    expect(off('Step back')).toBe(true);
    expect(off('Previous key moment')).toBe(true);
    expect(off('Step')).toBe(false);
  }, 60_000);

  it('past the last key moment, Next key moment says there is none', async () => {
    const store = await setup();
    expect(off('Next key moment')).toBe(false);
    await seek(store, store.getState().endMs - 10);
    expect(off('Next key moment')).toBe(true);
  }, 60_000);
});

describe('what just happened', () => {
  it('names both worlds when both did something at the same moment (the ban); a seek there is said so, paused only', async () => {
    const store = await setup();
    const banAt = store.getState().scenario!.timeline('jwt').find((st) => st.action?.type === 'banUser')!.atMs;
    await seek(store, banAt);
    // What both worlds begin with (the ban) is said once, then what each made of it.
    expect(nowLine().textContent).toMatch(/^The admin bans alice\. Session: \S.* JWT: \S/);
    expect(nowLine().textContent?.match(/bans alice/g)).toHaveLength(1);
    // Seen, not said: what a screen reader hears is the moment's news (a jump: this summary).
    expect(nowLine().hasAttribute('aria-live')).toBe(false);
    await vi.waitFor(() => expect(news().textContent).toBe(spoken(nowLine().textContent)));
    expect(news().getAttribute('aria-live')).toBe('polite');
    act(() => store.getState().play());
    expect(news().getAttribute('aria-live')).toBe('off');
  }, 60_000);

  // Learner review: the JWT world answers a few ms before the session world's store lookup, so the
  // newest line alone told the session world in 23 of 29 moments of the ban, the JWT world's 200 OK never.
  it('under a caption, says what each world has done since its moment, not only the world that acted last', async () => {
    const store = await setup();
    const banAt = store.getState().scenario!.timeline('jwt').find((st) => st.action?.type === 'banUser')!.atMs;
    for (const after of [650, 1650, 4650]) {
      await seek(store, banAt + after);
      expect(nowLine().textContent, `${after} ms after the ban`).toMatch(/^Session: alice .* JWT: alice /);
    }
  }, 60_000);

  // A11y review: the event logs are silent (with both worlds a Step read each line three times), so
  // the news is what a screen reader hears of a Step or of an intervention made while paused.
  it('says every line a Step or an intervention logs, naming the worlds, though the caption is about another node', async () => {
    const store = await setup();
    // "Bob logs in and starts browsing": the line on screen follows Bob, who has acted since.
    const step = lessonSteps(store.getState().scenario, ['session', 'jwt']).find((st) => st.about.jwt === 'bob')!;
    await seek(store, step.atMs + 600);
    expect(nowLine().textContent).toMatch(/bob/);
    await vi.waitFor(() => expect(news().textContent).toBe(spoken(nowLine().textContent)));
    await act(() => store.getState().dispatch({ type: 'killServer', serverId: 'server-2' }));
    await vi.waitFor(() => expect(news().textContent).toMatch(/^Both worlds: server-2 crashes/));
    // Each Step's lines, whoever logged them (the line on screen stays Bob's), each world named.
    const log = (mode: 'session' | 'jwt') => store.getState().worlds[mode]!.log;
    let said = 0;
    for (let i = 0; i < 8; i++) {
      const before = { session: log('session').length, jwt: log('jwt').length };
      await act(() => store.getState().step());
      const fresh = (['session', 'jwt'] as const).map((mode) => ({ mode, texts: log(mode).slice(before[mode]).map((e) => e.text) })).filter((f) => f.texts.length);
      if (fresh.length === 0 || fresh.some((f) => f.texts.length > 3)) continue;
      said++;
      await vi.waitFor(() => {
        for (const f of fresh) for (const text of f.texts) expect(news().textContent).toContain(spoken(text));
      });
      const alike = fresh.length === 2 && fresh[0]!.texts.join(' ') === fresh[1]!.texts.join(' ');
      expect(news().textContent).toMatch(alike ? /^Both worlds: / : fresh.length === 2 ? /^Session: .* JWT: / : fresh[0]!.mode === 'session' ? /^Session: / : /^JWT: /);
    }
    expect(said).toBeGreaterThan(3);
  }, 60_000);

  // Second diff review: at the end the region said "The scenario has finished…" again, never the crash.
  it('at the end says that it has ended once, then an intervention\'s lines', async () => {
    const store = await setup();
    await seek(store, store.getState().endMs);
    await vi.waitFor(() => expect(news().textContent).toMatch(/^The scenario has finished/));
    await act(() => store.getState().dispatch({ type: 'killServer', serverId: 'server-2' }));
    await vi.waitFor(() => expect(news().textContent).toMatch(/server-2 crashes/));
  }, 60_000);

  it('says once what both worlds did alike at the same moment (a login sent), and each world\'s own line where they differ', async () => {
    const store = await setup('?scenario=basic&mode=both&q=0');
    const last = (mode: 'session' | 'jwt') => store.getState().worlds[mode]!.log.at(-1)!;
    // Just after the login left both browsers: the same words, said once.
    await seek(store, 1);
    expect(last('jwt').text).toMatch(/^alice sends a [\d,]+-byte POST \/login /);
    expect(last('session').text).toBe(last('jwt').text);
    expect(nowLine().textContent).toBe(`Both worlds: ${last('jwt').text}`);
    // The first API request, sent at 3 s: a cookie in one world, a token in the other, each said with its size.
    await seek(store, 3_000);
    expect([last('session').text, last('jwt').text]).toEqual([expect.stringMatching(/sends a \d+-byte GET \/api\/profile carrying their session cookie/), expect.stringMatching(/sends a \d+-byte GET \/api\/profile carrying their JWT/)]);
    expect(nowLine().textContent).toBe(`Session: ${last('session').text} JWT: ${last('jwt').text}`);
  }, 60_000);
});
