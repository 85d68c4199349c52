import { useEffect, useRef, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MODES, type Mode } from '../../sim/schemes/names';
import { isServerId } from '../../sim/serverIds';
import type { LogEntry } from '../../sim/types';
import type { AppStoreState } from '../../store/createAppStore';
import { perWorldLine, type LessonStep } from '../../store/lesson';
import { spoken } from '../../store/news';
import { predicting, shownModes } from '../../store/selectors';
import { useApp } from '../storeContext';

// A prediction locked in waits for its verdict, which says the answers it names: said here as they
// came too, and again after Continue, a learner heard them three times (a11y review).
const awaitingVerdict = (s: AppStoreState): boolean => !!s.question && s.question.choiceId !== null && !s.question.result;
const selectOutcomes = (s: AppStoreState) => ({ session: s.worlds.session?.log, jwt: s.worlds.jwt?.log, timeMs: s.timeMs, playing: s.playing, hides: predicting(s) || awaitingVerdict(s), oneWorld: shownModes(s).length === 1 });

/**
 * The first answer from `fromMs` on (after it, where `fromMs` is a Play press), if it has come: of a
 * browser, the answer it got (a 200 or a refusal, with its reason); of a server, what it logged of a
 * request (a refusal, an acceptance, a login, work lost); of a caption about no one node ("From now on
 * each server checks…"), the first refusal any browser gets: in a crowd a first 200 is anyone's, and
 * says nothing. Captions about a server or about everyone were followed by silence: clock-skew's six
 * token_expired refusals from server-2, tampering's 401s (a11y review).
 */
function firstAnswer(log: readonly LogEntry[] | undefined, who: string | undefined, fromMs: number, after: boolean): LogEntry | undefined {
  const from = (e: LogEntry) => (after ? e.timeMs > fromMs : e.timeMs >= fromMs);
  const answers =
    who === undefined
      ? (e: LogEntry) => e.kind === 'response' && e.ok === false
      : isServerId(who)
        ? (e: LogEntry) => e.kind === 'server' && e.nodeId === who && e.requestId !== undefined && e.ok !== undefined
        : (e: LogEntry) => e.kind === 'response' && e.nodeId === who;
  return log?.find((e) => answers(e) && from(e));
}

/**
 * While playing, what the caption on screen asks to watch, said as it comes: each world's first answer
 * to the node the caption is about, once per caption. The lesson line says only captions, and the
 * moment's news only a paused moment: revocation's "Watch whether her next requests still get in"
 * was followed by 9 s of silence, the 401 and the 200 on the stage never said (a11y review).
 */
export function OutcomeNews({ step, saidRef }: { step: LessonStep | undefined; saidRef: RefObject<string> }) {
  const { session, jwt, timeMs, playing, hides, oneWorld } = useApp(useShallow(selectOutcomes));
  // Answers from `fromMs` on: the caption's moment, or where Play was pressed under it (played from a
  // link at 4.9 s, revocation said Alice's login of 0.2 s as news).
  // From a press, answers after it: the one a verdict's pause stopped on was said again after Continue.
  const told = useRef<{ step: LessonStep | undefined; fromMs: number; pressed: boolean; said: { mode: Mode; text: string; atMs: number }[] }>({ step: undefined, fromMs: 0, pressed: false, said: [] });
  const wasPlaying = useRef(false);
  const region = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const started = playing && !wasPlaying.current;
    wasPlaying.current = playing;
    if (told.current.step !== step) {
      told.current = { step, fromMs: started ? timeMs : (step?.atMs ?? 0), pressed: started, said: [] };
      saidRef.current = '';
    } else if (told.current.said.some((said) => said.atMs > timeMs)) {
      // Moved back before an answer said (a seek under the same caption, playing or paused): it is news
      // again, a world's answer still behind the clock is not (code review: a replay went silent).
      told.current = { step, fromMs: timeMs, pressed: true, said: told.current.said.filter((said) => said.atMs <= timeMs) };
      saidRef.current = perWorldLine(told.current.said, oneWorld);
    } else if (started) Object.assign(told.current, { fromMs: timeMs, pressed: true });
    if (!step || !playing || hides || !region.current) return;
    const logs = { session, jwt };
    const fresh = MODES.flatMap((mode) => {
      // Only a world the caption speaks of: a JWT-only line ("The operators turn the denylist on…") was followed by the session world's news.
      const captioned = step.lines.some((line) => line.mode === null || line.mode === mode);
      const answer = !captioned || told.current.said.some((said) => said.mode === mode) ? undefined : firstAnswer(logs[mode], step.about[mode], told.current.fromMs, told.current.pressed);
      return answer ? [{ mode, text: answer.text, atMs: answer.timeMs }] : [];
    });
    if (!fresh.length) return;
    told.current.said = [...told.current.said, ...fresh].sort((a, b) => MODES.indexOf(a.mode) - MODES.indexOf(b.mode));
    region.current.textContent = spoken(perWorldLine(fresh, oneWorld));
    saidRef.current = perWorldLine(told.current.said, oneWorld);
  }, [step, session, jwt, timeMs, playing, hides, oneWorld, saidRef]);
  return <p ref={region} className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="outcome-news" />;
}
