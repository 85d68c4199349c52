import { lazy, Suspense, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { findMeta } from '../../scenarios/catalog';
import { unitsKept } from '../../format';
import type { AppStoreState } from '../../store/createAppStore';
import type { Mode } from '../../sim/schemes/names';
import { asksAbout, firstSteps, lessonSteps, perWorldLine, stepAt, WORLD_LABEL, type LessonStep } from '../../store/lesson';
import { atMsList, modesFromKey, predicting, questionsToComeKey, shownModes } from '../../store/selectors';
import { useApp } from '../storeContext';
import { fetchStageCode } from '../LazyStageArea';
import { useNowLines } from './useNowLines';

/**
 * What just happened: each world's newest line since the caption's moment (named when both are on
 * screen), or, where neither has done anything since, the newest of all; said once when it is the
 * same in both (a login's request: the two lines did not fit a phone's two). While
 * a caption about one node is on screen, that node's newest line since the caption's moment (until
 * it acts, the caption's own note, if any): Bob's "200 OK" under "Alice's next refresh fails" read
 * as a contradiction.
 */
function whatJustHappened(s: AppStoreState, modes: readonly Mode[], step: LessonStep | undefined): string | null {
  const last = modes.flatMap((mode) => {
    const log = s.worlds[mode]?.log ?? [];
    const who = step?.about[mode];
    let entry = log.findLast((e) => e.kind !== 'key');
    // Until that node acts, the caption's own note, if it has one: clock-skew's "server-2 reads the
    // token as expired" stood over server-3's token_not_yet_valid until server-2's next request.
    // A change to the cluster since (a crash, a rotation; a learner's intervention while paused) is news too.
    for (let i = log.length - 1; who && i >= 0 && log[i]!.timeMs >= step.atMs; i--) {
      if (log[i]!.nodeId === who || log[i]!.kind === 'action' || (log[i]!.timeMs === step.atMs && log[i]!.kind === 'note')) {
        entry = log[i];
        break;
      }
    }
    return entry ? [{ mode, entry }] : [];
  });
  // Each world's line since the caption's moment, not only the newest: the JWT world, which answers
  // a few ms before the session's store lookup, was told in 6 of 29 moments of revocation's ban, and
  // tampering's refused unsigned token not at all ("Session: alice gets 200 OK" alone under it).
  const atMs = Math.max(...last.map((l) => l.entry.timeMs));
  const then = last.filter((l) => l.entry.timeMs === atMs || (step !== undefined && l.entry.timeMs >= step.atMs));
  return then.length ? perWorldLine(then.map((l) => ({ mode: l.mode, text: l.entry.text })), modes.length === 1) : null;
}

const selectCaption = (s: AppStoreState) => {
  const modes = shownModes(s);
  // While a newly picked lesson's script loads, the old one is still `s.scenario`: its words would
  // stand under the new lesson's name, so none are shown until the new one is here. Its worlds are
  // the old one's too until the new ones come: what they logged does not count as this one moving.
  const scenario = s.scenario?.id === s.scenarioId ? s.scenario : null;
  // While a lesson loads (or after it failed to), its worlds are not drawn (or those drawn are the
  // last lesson's): its words are said for the worlds that are coming. Under a verdict, which waits
  // for Continue or Play, no hold is shown: the clock said "reading time" while nothing would move.
  return { scenario, scenarioId: s.scenarioId, failed: s.status === 'error', modesKey: (s.status === 'loading' || !scenario ? s.comingModes : modes).join(' '), timeMs: s.timeMs, untouched: !s.started && (s.status !== 'ready' || !modes.some((m) => s.worlds[m]?.log.some((e) => e.kind !== 'key'))), playing: s.playing, ended: s.ended, holding: s.holding && !s.question?.result, worlds: s.ended ? s.worlds : null, predicting: predicting(s), coming: questionsToComeKey(s), watchingFrom: watchingFrom(s) };
};

/** The moment of the question on the card, once predicted and the run is at or past it. */
const watchingFrom = (s: AppStoreState): number | null => {
  const q = s.question;
  return q && q.choiceId !== null && s.timeMs >= q.question.atMs ? q.question.atMs : null;
};

/** The reading hold's bar and what a paused moment says aloud, with the stage's code. */
const CaptionExtras = lazy(() => fetchStageCode().then((m) => ({ default: m.CaptionExtras })));

/**
 * The lesson's words: its opening (what to watch), the caption of the moment (one labelled line
 * per world when they differ), and at the end its takeaway with this run's numbers. The lesson
 * line is announced to screen readers; so is what just happened.
 */
export function Caption() {
  const c = useApp(useShallow(selectCaption));
  const [boxRef, lessonRef, nowRef] = [useRef<HTMLDivElement>(null), useRef<HTMLDivElement>(null), useRef<HTMLParagraphElement>(null)];
  useNowLines(boxRef, lessonRef, nowRef);
  const modes = useMemo(() => modesFromKey(c.modesKey), [c.modesKey]);
  // The opening is the catalog's (the lesson spreads the same fields), so it is drawn on the first
  // paint, before the lesson's script and the engine arrive: the page's largest text, drawn once.
  const opening = findMeta(c.scenarioId);
  // So is the first moment's caption (the script says the same words at 0 s): where it stands in
  // for the opening (an embed), the first paint shows it, and the script changes nothing.
  const steps = useMemo(() => (c.scenario ? lessonSteps(c.scenario, modes) : firstSteps(opening, modes)), [c.scenario, opening, modes]);
  const step = stepAt(steps, c.timeMs, atMsList(c.coming));
  // Predicted, the run goes on from the question's moment: the caption read before the question is
  // not shown (and said) again until the next one comes (most lessons ask just before it: "Twenty
  // more users arrive" came 100 ms after, the read caption blinking back in between). One the
  // question kept back is new: it shows.
  const readBefore = c.watchingFrom !== null && step === stepAt(steps, c.watchingFrom, [{ atMs: c.watchingFrom }]);
  // Asked just before the caption it is about (within ASKED_ABOUT_WITHIN_MS), that caption shows as
  // the prediction is made: "Prediction made…" stood for the 30-100 ms before it, a flicker.
  const about = readBefore ? steps.find((st) => st.atMs > c.watchingFrom!) : undefined;
  const shown = about && asksAbout(c.watchingFrom!, about) ? about : step;
  const reread = readBefore && shown === step;
  // A lesson that cannot run here (the alert says why) has no Play to press.
  const now = useApp((s) => whatJustHappened(s, shownModes(s), step)) ?? (c.failed ? '' : 'Press Play to start.');
  // Every caption of the lesson, unseen in the same place: on a phone, a tablet or in an embed the box is as
  // tall as the longest of them (layout.css), so each is read whole and the worlds below never move.
  const sizers = useMemo(
    () =>
      steps.map((st) => (
        <div key={st.atMs} className="caption-sizer" aria-hidden="true">
          <StepLines step={st} />
        </div>
      )),
    [steps],
  );
  const sc = c.scenario;
  // Until the lesson moves (Play, a step, a seek: anything happens), its opening says what to watch
  // (the first moment's caption used to take its place as soon as the script came, a few hundred ms
  // after the first paint, before anyone could read it). On a phone or a tablet, where the box is
  // as tall as the lesson's captions, a longer opening scrolls in it (a shadow at its foot says so):
  // with the first caption standing in, a phone never showed what to watch. An embed's box, sized
  // for its captions in a frame that cannot scroll, keeps that stand-in (layout.css, `has-stand-in`):
  // drawn in the same element it keeps once the lesson moves, so a screen reader does not hear it again.
  const showOpening = !!opening && !c.ended && c.untouched;
  let lesson;
  if (sc && c.ended && c.worlds) {
    const reports = Object.fromEntries(modes.map((m) => [m, c.worlds![m]?.report]));
    lesson = (
      <p className="caption-line caption-takeaway">
        <strong>Takeaway: </strong>
        {unitsKept(sc.takeaway ? sc.takeaway(reports) : sc.summary)}
      </p>
    );
  } else if (c.predicting || reread) {
    lesson = (
      <p className="caption-line caption-predict">
        <strong>{reread ? 'Prediction made: ' : 'Your prediction first: '}</strong>
        {reread ? 'watch the worlds' : 'answer the question'}, then this caption tells what happened.
      </p>
    );
  } else {
    lesson = (
      <>
        {showOpening && (
          <p className="caption-line caption-opening">
            <strong>{opening.title}. </strong>
            What to watch: {unitsKept(opening.notice)}
          </p>
        )}
        {shown ? (
          <div className="caption-step">
            <StepLines step={shown} />
          </div>
        ) : (
          !showOpening && <p className="caption-line">{unitsKept(sc?.summary ?? '')}</p>
        )}
      </>
    );
  }
  const fixed = c.ended ? 'The scenario has finished. Step back, scrub the timeline, or try an intervention.' : c.predicting ? 'What just happened is hidden until you answer.' : null;
  return (
    <div ref={boxRef} className={`caption${c.holding ? ' is-holding' : ''}`}>
      <div className="caption-stack">
        {/* An opening or a takeaway may be longer than every caption: on a phone, a tablet or in an embed it then scrolls in the box (layout.css), so a keyboard can reach it. */}
        <div
          ref={lessonRef}
          // No caption to size an embed's box (a lesson that cannot run here): the opening sizes it. Only
          // then: while a lesson without a first caption in the catalog loads, its box is sized by the
          // lesson's captions once they come, and sized by the opening meanwhile it would shrink under it.
          className={`caption-lesson${showOpening && step ? ' has-stand-in' : ''}${c.failed && !steps.length ? ' has-no-captions' : ''}`}
          aria-live="polite"
          aria-atomic="true"
          data-testid="lesson-caption"
          // -1 otherwise, not none: focused (a click) as the lesson moves on, it keeps the focus.
          tabIndex={showOpening || c.ended ? 0 : -1}
          {...(showOpening || c.ended ? { role: 'region', 'aria-label': 'Lesson caption' } : {})}
        >
          {lesson}
        </div>
        {sizers}
      </div>
      {/* Seen, not said: MomentNews says a paused moment aloud, every line of it, naming the worlds
          (this line follows the node the caption is about; live beside both event logs, a Step's
          line was heard three times). */}
      <p ref={nowRef} className="caption-now" data-testid="caption">
        {fixed ?? now}
      </p>
      <Suspense fallback={null}>
        <CaptionExtras holding={c.holding} summary={now} fixed={fixed} line={nowRef} step={c.ended ? undefined : shown} />
      </Suspense>
    </div>
  );
}

/** A moment's caption: one line, or one labelled line per world when they differ. */
function StepLines({ step }: { step: LessonStep }) {
  return step.lines.map((line, i) => (
    <p key={i} className={`caption-line${line.mode ? ` caption-${line.mode}` : ''}`}>
      {line.mode && <strong className="caption-world">{WORLD_LABEL[line.mode]}: </strong>}
      {unitsKept(line.text)}
    </p>
  ));
}
