import { useEffect, useRef, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LogEntry, Mode } from '../../sim/types';
import type { AppStoreState } from '../../store/createAppStore';
import { modesFromKey, predicting, shownModes } from '../../store/selectors';
import { useApp, useAppStore } from '../storeContext';
import { linesSince, MOST_LINES_SAID, newsOf, spoken } from '../../store/news';

/**
 * News waits this long for the next move before it is said: an arrow held on the timeline or on Step
 * said every moment it passed (32 announcements in 2 s, a11y review); once the keys stop, the moment
 * reached is said, as its summary where more than one move's lines were waiting.
 */
export const NEWS_QUIET_MS = 250;

const selectLogs = (s: AppStoreState) => ({ session: s.worlds.session?.log, jwt: s.worlds.jwt?.log, modesKey: shownModes(s).join(' '), playing: s.playing, hides: predicting(s), verdict: !!s.question?.result });

/**
 * What a screen reader hears of a paused moment, the one voice of it (the event logs are silent):
 * every line a Step or an intervention logged, naming the worlds (a key fetch, another node's
 * refusal: the caption's "what just happened" follows the node its caption is about); where there
 * are more than MOST_LINES_SAID, or the log no longer holds the last line said (a seek back, another
 * lesson), that summary (`summary`). `fixed` stands instead where it changes (the end; lines an
 * intervention adds there are said after it), and alone while a prediction is pending (nothing
 * then says what the question asks about). Silent while playing: the lesson line speaks.
 */
export function MomentNews({ summary, fixed, outcomesSaid }: { summary: string; fixed: string | null; outcomesSaid: RefObject<string> }) {
  const store = useAppStore();
  const { session, jwt, modesKey, playing, hides, verdict } = useApp(useShallow(selectLogs));
  const seen = useRef<Partial<Record<Mode, LogEntry>>>({});
  const saidFixed = useRef<string | null>(null);
  // Said once the player's work is done, the latest news winning: a seek onto a question draws its
  // moment before it asks, and the lines said in between gave the answer away.
  const pending = useRef<{ text: string; fixed: boolean } | null>(null);
  const region = useRef<HTMLParagraphElement>(null);
  const quiet = useRef<ReturnType<typeof setTimeout>>(undefined);
  const wasPlaying = useRef(playing);
  const hadVerdict = useRef(verdict);
  useEffect(() => {
    // Paused by the learner, the moment it stopped at is said: the lesson line had not said what
    // happened since its caption (revocation's refusals, "Watch whether…"), and Pause said nothing (a11y review).
    const paused = wasPlaying.current && !playing;
    wasPlaying.current = playing;
    const verdictCame = verdict && !hadVerdict.current;
    hadVerdict.current = verdict;
    const logs = { session, jwt };
    const modes = modesFromKey(modesKey);
    const fresh = modes.map((mode) => ({ mode, lines: linesSince(logs[mode] ?? [], seen.current[mode]) }));
    for (const mode of modes) seen.current[mode] = logs[mode]?.at(-1);
    const count = fresh.reduce((n, f) => n + (f.lines?.length ?? MOST_LINES_SAID + 1), 0);
    const newFixed = fixed !== saidFixed.current;
    saidFixed.current = fixed;
    // A move's lines while another's wait unsaid: the moment reached is said by its summary.
    const piledUp = pending.current !== null && !pending.current.fixed;
    if (playing) pending.current = { text: '', fixed: true };
    // While a prediction waits, emptied, not said: the question's heading, the caption's "Your prediction
    // first" and the card's hint already speak, and "What just happened is hidden…" was a third voice (a11y review).
    else if (fixed && newFixed) pending.current = { text: hides ? '' : fixed, fixed: true };
    // Where a verdict comes (playback's pause, a Step), the verdict speaks: said here too, its answers were heard twice (a11y review).
    else if (verdictCame) pending.current = null;
    // A Pause says what just happened, unless the outcome news has just said it (a11y review: basic's two 200s, said as they came, then again at Pause).
    else if (!hides && paused && !fixed) pending.current = summary === outcomesSaid.current ? null : { text: summary, fixed: false };
    else if (!hides && count > 0) pending.current = { text: count > MOST_LINES_SAID || piledUp ? summary : newsOf(fresh as { mode: Mode; lines: readonly LogEntry[] }[]), fixed: false };
    void store.player.settled().then(() => {
      clearTimeout(quiet.current);
      quiet.current = setTimeout(() => {
        const news = pending.current;
        pending.current = null;
        if (news && region.current && !(predicting(store.getState()) && !news.fixed)) region.current.textContent = spoken(news.text);
      }, NEWS_QUIET_MS);
    });
  }, [store, session, jwt, modesKey, playing, fixed, hides, verdict, summary, outcomesSaid]);
  useEffect(() => () => clearTimeout(quiet.current), []);
  return <p ref={region} className="visually-hidden" aria-live={playing ? 'off' : 'polite'} aria-atomic="true" data-testid="moment-news" />;
}
