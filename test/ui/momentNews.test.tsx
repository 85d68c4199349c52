import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { parseLink } from '../../src/store/urlState';
import { spoken } from '../../src/store/news';
import { Caption } from '../../src/ui/narration/Caption';
import { NEWS_QUIET_MS } from '../../src/ui/narration/MomentNews';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { fakeFrames, runFrames } from './support/frames';

async function setup(link = '?scenario=revocation&mode=both&q=0') {
  const store = createAppStore(parseLink(link).state);
  await store.getState().load();
  render(
    <AppStoreProvider store={store}>
      <Caption />
    </AppStoreProvider>,
  );
  // The caption's extras (the moment's news among them) come with the stage's code.
  await vi.waitFor(() => expect(screen.getByTestId('moment-news')).toBeTruthy());
  return store;
}

/** Every text the live region is given, in order. */
function listen(): string[] {
  const said: string[] = [];
  const region = screen.getByTestId('moment-news');
  new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("a paused moment's news", () => {
  it('is said once a held key stops, not at every moment it passed (a11y review: 15 announcements in 1.4 s of a held Step)', async () => {
    const store = await setup();
    const said = listen();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    for (let i = 0; i < 8; i++) {
      await act(() => store.getState().step());
      await act(() => vi.advanceTimersByTimeAsync(40));
    }
    expect(said).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(NEWS_QUIET_MS));
    expect(said).toHaveLength(1);
    expect(said[0]).not.toBe('');
  });

  it('of a single step is said by its own lines, once', async () => {
    const store = await setup();
    const said = listen();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await act(() => store.getState().step());
    await act(() => vi.advanceTimersByTimeAsync(NEWS_QUIET_MS + 10));
    expect(said).toHaveLength(1);
    const lines = [...(store.getState().worlds.session?.log ?? []), ...(store.getState().worlds.jwt?.log ?? [])].map((e) => e.text);
    expect(lines.some((text) => said[0]!.includes(text))).toBe(true);
  });

  it('of a pause is what just happened, the line under the caption, even with nothing new logged: playing, nothing had said revocation\u2019s refusals after "Watch whether…", and Pause said nothing (a11y review)', async () => {
    const store = await setup();
    const said = listen();
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'setTimeout', 'clearTimeout'] });
    act(() => store.getState().setSpeed(16));
    const pause = async () => {
      act(() => store.getState().pause());
      await act(() => store.player.settled());
      await act(() => vi.advanceTimersByTimeAsync(NEWS_QUIET_MS + 10));
    };
    act(() => store.getState().play());
    while (store.getState().timeMs < 6_000) await runFrames(store, 20);
    expect(said).toEqual([]);
    await pause();
    said.length = 0;
    // Played and paused again at once: no line logged since, and the moment is said again.
    act(() => store.getState().play());
    await pause();
    const line = screen.getByTestId('caption').textContent;
    expect(line).toMatch(/^Session: .* JWT: /);
    // Said as seen, its reason codes as words ("session unknown").
    expect(said).toEqual([spoken(line)]);
    expect(said[0]).not.toContain('_');
  }, 30_000);

  it('of a pause is not said again where the outcome news has just said it (a11y review: basic\u2019s two 200s, said as they came, then again at Pause)', async () => {
    const store = await setup('?scenario=basic&mode=both&q=0');
    const said = listen();
    const outcome = screen.getByTestId('outcome-news');
    const outcomes: string[] = [];
    new MutationObserver(() => outcomes.push(outcome.textContent ?? '')).observe(outcome, { childList: true, characterData: true, subtree: true });
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'setTimeout', 'clearTimeout'] });
    act(() => store.getState().setSpeed(4));
    act(() => store.getState().play());
    while (!(outcomes.join(' ').includes('Session: alice gets 200') && outcomes.join(' ').includes('JWT: alice gets 200'))) await runFrames(store, 1);
    act(() => store.getState().pause());
    await act(() => store.player.settled());
    await act(() => vi.advanceTimersByTimeAsync(NEWS_QUIET_MS + 10));
    // The line under the caption is what the outcome news said, world by world.
    expect(screen.getByTestId('caption').textContent).toBe(outcomes.join(' '));
    expect(said).toEqual([]);
  }, 30_000);
});

// A11y review: while revocation played, its "Watch whether her next requests still get in" was
// followed by 9 s of silence; the session's 401 and the JWT's 200 on the stage were never said.
describe('while playing, what a caption asks to watch', () => {
  it('is said as it comes: each world\u2019s first answer to the caption\u2019s subject, once', async () => {
    const store = await setup();
    await vi.waitFor(() => expect(screen.getByTestId('outcome-news')).toBeTruthy());
    const region = screen.getByTestId('outcome-news');
    const said: string[] = [];
    new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    fakeFrames();
    await act(() => store.getState().seek(4_900));
    store.getState().play();
    await runFrames(store, 2_000, () => store.player.timeMs >= 6_000);
    const ban = said.filter((text) => /alice gets/.test(text));
    // The ban's caption (5 s) is about Alice: her next answer in each world, refused and accepted.
    // A reason code is said as its words, not "session underscore unknown" (a11y review).
    expect(ban.join(' ')).toMatch(/Session: alice gets 401 session unknown/);
    expect(said.join(' ')).not.toContain('_');
    expect(ban.join(' ')).toMatch(/JWT: alice gets 200 OK/);
    // Once per world and caption: not her every answer.
    expect(said.filter((text) => /Session: alice/.test(text))).toHaveLength(1);
    expect(said.filter((text) => /JWT: alice/.test(text))).toHaveLength(1);
    // Played again from a seek back under the same caption, paused or not, it is said again (code reviews: silence).
    await act(() => store.getState().seek(5_050));
    await runFrames(store, 2_000, () => store.player.timeMs >= 6_000);
    expect(said.filter((text) => /Session: alice/.test(text))).toHaveLength(2);
    expect(said.filter((text) => /JWT: alice/.test(text))).toHaveLength(2);
  });
});

// A11y review: captions about a server or about every browser were followed by silence: clock-skew's
// server-2 refused six requests, token_expired, and tampering's 401s after "From now on each server checks…".
describe('while playing, a caption about a server or about no one node', () => {
  const heard = async (link: string, from: number, to: number) => {
    const store = await setup(link);
    await vi.waitFor(() => expect(screen.getByTestId('outcome-news')).toBeTruthy());
    const region = screen.getByTestId('outcome-news');
    const said: string[] = [];
    new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    fakeFrames();
    await act(() => store.getState().seek(from));
    store.getState().play();
    await runFrames(store, 3_000, () => store.player.timeMs >= to);
    return said;
  };

  it('says the server\'s first decision after it: clock-skew\'s server-2 refusing, token_expired', async () => {
    const said = await heard('?scenario=clock-skew&mode=jwt&q=0', 10_400, 13_000);
    expect(said.filter((text) => /^server-2 rejects \w+'s GET \/api\/profile: token expired/.test(text))).toHaveLength(1);
  });

  it('says nothing of a world the caption does not speak of: revocation\'s JWT-only denylist caption, no session news', async () => {
    const said = await heard('?scenario=revocation&mode=both&q=0', 21_900, 24_500);
    expect(said.some((text) => /^JWT: alice gets 200/.test(text) || /^alice gets 200/.test(text))).toBe(true);
    expect(said.filter((text) => text.includes('Session:'))).toEqual([]);
  });

  it('says the first refusal any browser gets after it: tampering\'s refused edited token, in each world', async () => {
    const said = await heard('?scenario=tampering&mode=both&q=0', 2_400, 4_500);
    expect(said.join(' ')).toMatch(/Session: alice gets 401 \w+/);
    expect(said.join(' ')).toMatch(/JWT: alice gets 401 signature invalid/);
  });
});

// A11y review: the caption's outcome news said the 401 and the 200 as they came, the verdict said them,
// 250 ms later the paused moment's news, and after Continue the outcome news again.
describe('a verdict', () => {
  it('is the one voice of the answers it names: neither the paused moment nor, after Continue, the outcome news says them again', async () => {
    const store = await setup('?scenario=revocation&mode=both');
    await vi.waitFor(() => expect(screen.getByTestId('outcome-news')).toBeTruthy());
    const said: string[] = [];
    for (const id of ['moment-news', 'outcome-news']) {
      const region = screen.getByTestId(id);
      new MutationObserver(() => region.textContent && said.push(`${id}: ${region.textContent}`)).observe(region, { childList: true, characterData: true, subtree: true });
    }
    // Frames and the news' quiet timer on one fake clock, advanced with the promises between timers.
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'setTimeout', 'clearTimeout'] });
    const frames = async (n: number, done: () => boolean = () => false) => {
      for (let i = 0; i < n && !done(); i++) await act(() => vi.advanceTimersByTimeAsync(16));
    };
    act(() => store.getState().play());
    await frames(5_000, () => store.getState().question !== null);
    const question = store.getState().question!.question;
    act(() => store.getState().answer(question.choices[0]!.id));
    const lockedIn = said.length;
    await frames(5_000, () => store.getState().question?.result != null);
    expect(store.getState().question?.result).toBeTruthy();
    await frames(Math.ceil(NEWS_QUIET_MS / 16) + 2);
    act(() => store.getState().dismissQuestion());
    await frames(60);
    // The verdict says the answers it names: nothing else does, before it, at its pause or after Continue.
    const decided = (['session', 'jwt'] as const).map((mode) => store.getState().worlds[mode]!.log.find((e) => e.kind === 'response' && e.nodeId === 'alice' && e.timeMs >= question.atMs)!);
    const after = said.slice(lockedIn);
    for (const entry of decided) expect(after.filter((text) => text.includes(entry.text))).toEqual([]);
    // Nor does the paused moment's news say the verdict's moment at all: its lines were the verdict's.
    expect(after.filter((text) => text.startsWith('moment-news'))).toEqual([]);
  }, 60_000);
});
