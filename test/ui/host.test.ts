// The host page API and the SCORM reporter, driven by a real lesson on a fake frame clock: what a
// course page hears, which commands it may give, and what an LMS is told at the end.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectHost, reportSize, SHRINK_HOLD_MS, SHRINK_HOLD_PLAYING_MS } from '../../src/host/hostApi';
import { parseCommand, type OutMessage } from '../../src/host/messages';
import { connectScorm, findScormApi, scormTimespan, type Scorm12Api } from '../../src/host/scorm';
import { playWhileVisible } from '../../src/host/visibility';
import { findMeta } from '../../src/scenarios/catalog';
import { lessonSteps } from '../../src/store/lesson';
import { shownModes } from '../../src/store/selectors';
import { dwellMs } from '../../src/store/pacing';
import { findScenario } from '../../src/scenarios/index';
import { runScenario } from '../../src/scenarios/run';
import type { ModeRun } from '../../src/sim/report';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import { fakeFrames, FRAME_MS, runFrames } from './support/frames';
import { runs } from '../support/propsSetup';

type Listener = (e: { source: unknown; data: unknown }) => void;

/** A frame's window and its parent, as far as the API touches them. */
function windows() {
  const posted: OutMessage[] = [];
  let listener: Listener | null = null;
  const parent = { postMessage: (m: OutMessage) => posted.push(structuredClone(m)) } as unknown as Window;
  const self = {
    addEventListener: (_: string, fn: Listener) => (listener = fn),
    removeEventListener: () => (listener = null),
  } as unknown as Window;
  const content = { getBoundingClientRect: () => ({ height: 600 }) } as unknown as Element;
  const warn = vi.fn();
  const send = (data: unknown, source: unknown = parent) => listener?.({ source, data });
  return { posted, parent, self, content, warn, send, listening: () => listener !== null };
}

/** A lesson's store (not loaded yet), at top speed, questions off unless asked for. */
function lesson(id = 'basic', extra: Parameters<typeof createAppStore>[0] = {}): AppStore {
  return createAppStore({ scenarioId: id, view: 'both', questionsOn: false, speed: 16, ...extra });
}

/** Plays to the first question, answers it with its first choice, and waits for the run's verdict. */
async function answerFirstQuestion(store: AppStore): Promise<void> {
  store.getState().play();
  await runFrames(store, 4000, () => store.getState().question?.choiceId === null);
  store.getState().answer(store.getState().question!.question.choices[0]!.id);
  await runFrames(store, 4000, () => store.getState().question?.result != null);
}

/** The learner reads the verdict and presses Continue (the lesson waits for it). */
function carryOn(store: AppStore): void {
  store.getState().dismissQuestion();
  store.getState().play();
}

beforeEach(fakeFrames);
afterEach(() => vi.useRealTimers());

// Teacher review: a host following authsim:resize moved its course page 18 px back and forth as the
// comparison table's row lost a line and got it back with each request on its way.
describe('the height told to the host', () => {
  it('grows at once, and shrinks only once the smaller height has held, the lesson paused', () => {
    vi.useFakeTimers();
    let height = 600;
    let observed: (() => void) | null = null;
    vi.stubGlobal('ResizeObserver', class { constructor(fn: () => void) { observed = fn; } observe() {} disconnect() {} });
    try {
      const posted: number[] = [];
      const content = { getBoundingClientRect: () => ({ height }) } as unknown as Element;
      let playing = false;
      const stop = reportSize(content, (m) => m.type === 'authsim:resize' && posted.push(m.height), () => playing);
      const resizeTo = (h: number) => ((height = h), observed!());
      resizeTo(618);
      resizeTo(600);
      vi.advanceTimersByTime(SHRINK_HOLD_MS / 2);
      resizeTo(618);
      vi.advanceTimersByTime(SHRINK_HOLD_MS * 2);
      expect(posted).toEqual([600, 618]);
      playing = true;
      resizeTo(500);
      vi.advanceTimersByTime(SHRINK_HOLD_MS * 5);
      expect(posted).toEqual([600, 618]);
      playing = false;
      vi.advanceTimersByTime(SHRINK_HOLD_MS);
      expect(posted).toEqual([600, 618, 500]);
      // Held long enough, a smaller height is told while playing too (another lesson, loaded and played at once).
      playing = true;
      resizeTo(400);
      vi.advanceTimersByTime(SHRINK_HOLD_PLAYING_MS - SHRINK_HOLD_MS);
      expect(posted).toEqual([600, 618, 500]);
      vi.advanceTimersByTime(SHRINK_HOLD_MS);
      expect(posted).toEqual([600, 618, 500, 400]);
      stop();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('host page commands', () => {
  it('accepts exactly the documented commands, with valid fields', () => {
    expect(parseCommand({ type: 'authsim:play' })).toEqual({ command: { type: 'authsim:play' } });
    expect(parseCommand({ type: 'authsim:seek', timeMs: 1500 })).toEqual({ command: { type: 'authsim:seek', timeMs: 1500 } });
    expect(parseCommand({ type: 'authsim:load', scenario: 'revocation', mode: 'jwt', seed: 3 })).toEqual({ command: { type: 'authsim:load', scenario: 'revocation', mode: 'jwt', seed: 3 } });
    // As a link's: a teacher copies them from one (teacher review: "Revocation" was refused).
    expect(parseCommand({ type: 'authsim:load', scenario: 'Revocation', mode: 'JWT' })).toEqual({ command: { type: 'authsim:load', scenario: 'revocation', mode: 'jwt' } });
    for (const bad of [null, 'play', [], { type: 7 }, { type: 'authsim:seek' }, { type: 'authsim:seek', timeMs: -1 }, { type: 'authsim:seek', timeMs: Infinity }, { type: 'authsim:load', scenario: 'nope' }, { type: 'authsim:load', scenario: 'basic', mode: 'all' }, { type: 'authsim:load', scenario: 'basic', seed: 1.5 }, { type: 'authsim:explode' }])
      expect(parseCommand(bad)).toHaveProperty('problem');
  });

  it('never throws, whatever arrives', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true }), (data) => typeof parseCommand(data) === 'object'), { numRuns: runs(500) });
    fc.assert(fc.property(fc.record({ type: fc.constantFrom('authsim:seek', 'authsim:load', 'authsim:play'), timeMs: fc.anything(), scenario: fc.anything({ withNullPrototype: true }), mode: fc.anything(), seed: fc.anything() }, { requiredKeys: ['type'] }), (data) => typeof parseCommand(data) === 'object'), { numRuns: runs(500) });
  });
});

describe('host page API', () => {
  it('tells the page when the lesson is ready, its size, its captions and its completion', async () => {
    const store = lesson();
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    expect(w.posted.slice(0, 2)).toEqual([{ type: 'authsim:resize', height: 600 }, { type: 'authsim:ready', scenario: 'basic', mode: 'both', title: findMeta('basic')!.title, notice: findMeta('basic')!.notice }]);
    store.getState().play();
    await runFrames(store, 4000);
    expect(store.getState().ended).toBe(true);
    const captions = w.posted.filter((m) => m.type === 'authsim:caption');
    expect(captions.length).toBeGreaterThanOrEqual(2);
    // Each caption is sent once, when it comes up, with its own moment (a host seeks back to it there).
    expect(new Set(captions.map((c) => c.text)).size).toBe(captions.length);
    const moments = lessonSteps(store.getState().scenario, ['session', 'jwt']).map((s) => s.atMs);
    for (const c of captions) if (c.type === 'authsim:caption') expect(moments).toContain(c.timeMs);
    const complete = w.posted.find((m) => m.type === 'authsim:complete');
    expect(complete).toMatchObject({ scenario: 'basic', mode: 'both', summary: { scenario: 'basic', seed: 7 }, score: { asked: 0, answered: 0, correct: 0 } });
    // The summary is the run's report: the same numbers the headless runner gets for this seed.
    const headless = await runScenario(findScenario('basic')!, ['session', 'jwt'], 7);
    const counts = (runs: ModeRun[]) => runs.map((r) => [r.mode, r.requests, r.storeLookups, r.signatureVerifications]);
    if (complete?.type === 'authsim:complete') expect(counts(complete.summary.runs)).toEqual(counts(headless.runs));
    // Play again at the end: the lesson replays its last moment, it does not finish twice.
    store.getState().play();
    await runFrames(store, 50);
    expect(w.posted.filter((m) => m.type === 'authsim:complete')).toHaveLength(1);
  });

  it('asks and marks a prediction for the page, as the learner sees it, again after a seek back', async () => {
    const store = lesson('basic', { questionsOn: true });
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    await answerFirstQuestion(store);
    const asked = store.getState().question!.question;
    expect(w.posted.filter((m) => m.type === 'authsim:question')).toEqual([{ type: 'authsim:question', id: asked.id, text: asked.prompt, choices: asked.choices }]);
    const result = store.getState().question!.result!;
    expect(w.posted.filter((m) => m.type === 'authsim:answer')).toEqual([{ type: 'authsim:answer', id: asked.id, choice: asked.choices[0]!.id, correct: result.correct }]);
    // Back before the question: the learner is asked again, and so is the page.
    await store.getState().seek(0);
    await answerFirstQuestion(store);
    expect(w.posted.filter((m) => m.type === 'authsim:question')).toHaveLength(2);
    expect(w.posted.filter((m) => m.type === 'authsim:answer')).toHaveLength(2);
    // Asked twice, one question: the score counts it once.
    carryOn(store);
    await runFrames(store, 20000);
    expect(w.posted.find((m) => m.type === 'authsim:complete')).toMatchObject({ score: { asked: 1, answered: 1, correct: result.correct ? 1 : 0 } });
  });

  // Review: back before revocation's question, the page heard the caption it keeps back ("The admin
  // bans Alice. Watch whether…") before the question, for the moment the clock stood at it unasked.
  it('tells a question before the caption it keeps back, again after a seek back', async () => {
    const store = lesson('revocation', { questionsOn: true });
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    const told = (from: number) => w.posted.slice(from).flatMap((m) => (m.type === 'authsim:caption' ? [`caption@${m.timeMs}`] : m.type === 'authsim:question' ? ['question'] : []));
    await answerFirstQuestion(store);
    const first = told(0);
    expect(first.indexOf('question')).toBeLessThan(first.indexOf('caption@5000'));
    const mark = w.posted.length;
    await store.getState().seek(0);
    await answerFirstQuestion(store);
    expect(told(mark)).toEqual(first);
  });

  // Teacher review: seeks to the question, to the end and back to it told the caption it keeps back
  // ("The admin bans Alice. Watch whether…") before the question asked again; and the end reached
  // while the card waited said complete before the last caption.
  it('over seeks to a question, past it and back, keeps its caption back and says complete after the last caption', async () => {
    const store = lesson('revocation', { questionsOn: true });
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    const q = store.getState().scenario!.questions![0]!;
    const told = (from: number) => w.posted.slice(from).flatMap((m) => (m.type === 'authsim:caption' ? [`caption@${m.timeMs}`] : m.type === 'authsim:question' || m.type === 'authsim:complete' ? [m.type.slice(8)] : []));
    await store.getState().seek(q.atMs);
    expect(store.getState().question?.question.id).toBe(q.id);
    let mark = w.posted.length;
    await store.getState().seek(store.getState().endMs);
    const atEnd = told(mark);
    expect(atEnd.at(-1)).toBe('complete');
    expect(atEnd.filter((t) => t.startsWith('caption'))).toHaveLength(1);
    mark = w.posted.length;
    await store.getState().seek(q.atMs);
    // The caption on screen under the card: the one before the ban's, which the question keeps back.
    expect(told(mark)).toEqual(['caption@0', 'question']);
  });

  // Code review: a seek back onto an answered question while a later one waited told the earlier
  // one's caption (its answer) before asking it again: the later card stays up until the move lands.
  it('a seek back onto an answered question, while a later one waits, tells its caption only after it is asked again', async () => {
    const store = lesson('store-outage', { questionsOn: true });
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    const [first, second] = store.getState().scenario!.questions!;
    await answerFirstQuestion(store);
    carryOn(store);
    await runFrames(store, 20_000, () => store.getState().question?.question.id === second!.id);
    expect(store.getState().question?.choiceId).toBeNull();
    const about = lessonSteps(store.getState().scenario, shownModes(store.getState())).filter((st) => st.atMs <= first!.atMs).at(-1)!;
    const mark = w.posted.length;
    await store.getState().seek(first!.atMs);
    expect(store.getState().question?.question.id).toBe(first!.id);
    const told = w.posted.slice(mark).flatMap((m) => (m.type === 'authsim:caption' ? [`caption@${m.timeMs}`] : m.type === 'authsim:question' ? ['question'] : []));
    expect(told.indexOf('question')).toBeGreaterThanOrEqual(0);
    expect(told.slice(0, told.indexOf('question'))).not.toContain(`caption@${about.atMs}`);
  });

  // Teacher review: a play sent while a question waited did nothing, and nothing said why.
  it('says that a play sent while a question waits for its answer does nothing; a seek moves on', async () => {
    const store = lesson('basic', { questionsOn: true });
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    store.getState().play();
    await runFrames(store, 4000, () => store.getState().question?.choiceId === null);
    const at = store.getState().timeMs;
    w.send({ type: 'authsim:play' });
    await runFrames(store, 500);
    expect(store.getState().playing).toBe(false);
    expect(store.getState().timeMs).toBe(at);
    expect(w.warn).toHaveBeenCalledWith(expect.stringMatching(/^authsim: ignored authsim:play: a question waits for the learner's answer/));
    w.send({ type: 'authsim:seek', timeMs: at + 1000 });
    await runFrames(store, 500, () => store.getState().timeMs > at);
    expect(store.getState().question).toBeNull();
  });

  /** A lesson with a host page, played to its end. */
  async function playedToItsEnd() {
    const store = lesson();
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    store.getState().play();
    await runFrames(store, 20000, () => store.getState().ended);
    expect(store.getState().ended).toBe(true);
    return { store, w };
  }

  // Teacher review: a play sent at the end hid the takeaway for the last caption's reading time, "Pause" showing, then ended again.
  it('a play sent at the lesson\'s end plays it again from its start', async () => {
    const { store, w } = await playedToItsEnd();
    w.send({ type: 'authsim:play' });
    await store.player.settled();
    expect(store.getState().playing).toBe(true);
    expect(store.getState().ended).toBe(false);
    expect(store.player.timeMs).toBeLessThan(1000);
    expect(w.warn).not.toHaveBeenCalled();
  });

  // Review: played once its seek to the start had landed, the replay undid a Pause sent right after it.
  it('a pause sent right after a play at the end stops the replay', async () => {
    const { store, w } = await playedToItsEnd();
    w.send({ type: 'authsim:play' });
    w.send({ type: 'authsim:pause' });
    await store.player.settled();
    const at = store.player.timeMs;
    await runFrames(store, 30);
    expect(store.getState().playing).toBe(false);
    expect(store.getState().ended).toBe(false);
    expect(store.player.timeMs).toBe(at);
    expect(at).toBeLessThan(1000);
  });

  it('scores the questions put to the learner, even if they turn questions off afterwards', async () => {
    const store = lesson('basic', { questionsOn: true });
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    await answerFirstQuestion(store);
    const correct = store.getState().question!.result!.correct;
    store.getState().setQuestionsOn(false);
    store.getState().play();
    await runFrames(store, 20000);
    expect(w.posted.find((m) => m.type === 'authsim:complete')).toMatchObject({ score: { asked: 1, answered: 1, correct: correct ? 1 : 0 } });
  });

  it('holds commands sent while a lesson loads until it is ready', async () => {
    const store = lesson();
    const w = windows();
    connectHost(store, w);
    const loading = store.getState().load();
    w.send({ type: 'authsim:seek', timeMs: 2000 });
    w.send({ type: 'authsim:play' });
    await loading;
    await vi.waitFor(() => expect(store.getState().playing).toBe(true));
    expect(store.player.timeMs).toBeGreaterThanOrEqual(2000);
    expect(w.warn).not.toHaveBeenCalled();
  });

  // Teacher review: an embed linked to a moment (t=) told its host the lesson's opening caption,
  // then the one at t, and a seek the host sent while it loaded was undone by the link's.
  it('a link to a moment is ready there: the first caption told is the one at t, and the host\'s own seek comes after', async () => {
    const revocation = (await findScenario('revocation'))!;
    const t = lessonSteps(revocation, ['session', 'jwt']).find((st) => st.atMs >= 20_000)!.atMs + 100;
    const store = lesson('revocation', { linkTimeMs: t });
    const w = windows();
    connectHost(store, w);
    const loading = store.getState().load();
    await loading;
    const captions = w.posted.filter((m) => m.type === 'authsim:caption');
    expect(captions[0]).toMatchObject({ timeMs: t - 100 });
    expect(store.player.timeMs).toBe(t);
    // Nothing before ready (diff review): a link onto a question tells it after ready; one past the end, the completion.
    const asking = lesson('revocation', { linkTimeMs: revocation.questions![0]!.atMs, questionsOn: true });
    const w3 = windows();
    connectHost(asking, w3);
    await asking.getState().load();
    // The caption told is the one under the card, not the ban's, which the question keeps back.
    expect(w3.posted.map((m) => m.type).filter((type) => type !== 'authsim:resize')).toEqual(['authsim:ready', 'authsim:caption', 'authsim:question']);
    expect(w3.posted.find((m) => m.type === 'authsim:caption')).toMatchObject({ timeMs: 0 });
    const ended = lesson('basic', { linkTimeMs: 999_999 });
    const w4 = windows();
    connectHost(ended, w4);
    await ended.getState().load();
    const types = w4.posted.map((m) => m.type).filter((type) => type !== 'authsim:resize');
    expect(types[0]).toBe('authsim:ready');
    expect(types).toContain('authsim:complete');
    // The host's seek, sent while loading, is where the lesson ends up.
    const again = lesson('revocation', { linkTimeMs: t });
    const w2 = windows();
    connectHost(again, w2);
    const second = again.getState().load();
    w2.send({ type: 'authsim:seek', timeMs: 2000 });
    await second;
    await vi.waitFor(() => expect(again.player.timeMs).toBe(2000));
  });

  // Teacher review: a host's scrubber sent more than 20 seeks while the lesson loaded; its last one, where it stopped, was dropped.
  it('keeps the last of many seeks sent while a lesson loads', async () => {
    const store = lesson();
    const w = windows();
    connectHost(store, w);
    const loading = store.getState().load();
    for (let t = 100; t <= 4000; t += 100) w.send({ type: 'authsim:seek', timeMs: t });
    await loading;
    await vi.waitFor(() => expect(store.player.timeMs).toBe(4000));
    expect(w.warn).not.toHaveBeenCalled();
  });

  // Review: a host's load in JWT, then at once another lesson with no mode, opened the second side by side.
  it('keeps the mode of a load that another load without a mode supersedes', async () => {
    const store = lesson();
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    expect(store.getState().view).toBe('both');
    w.send({ type: 'authsim:load', scenario: 'revocation', mode: 'jwt' });
    w.send({ type: 'authsim:load', scenario: 'store-outage' });
    await vi.waitFor(() => expect(store.getState()).toMatchObject({ status: 'ready', view: 'jwt' }));
    expect(store.getState().scenario?.id).toBe('store-outage');
  });

  // Teacher review: a load asking for a world the lesson lacks showed the other without a word.
  it('says when a load asks for a world the lesson does not have', async () => {
    const store = lesson();
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    w.send({ type: 'authsim:load', scenario: 'key-rotation', mode: 'session' });
    await vi.waitFor(() => expect(store.getState()).toMatchObject({ status: 'ready', view: 'jwt' }));
    await vi.waitFor(() => expect(w.warn).toHaveBeenCalledWith('authsim: key-rotation has no session world to show here: it shows the JWT world (authsim:ready\'s mode says so).'));
    w.warn.mockClear();
    // A world the lesson has: no word (waited for until the host is told it is ready, after the check).
    w.send({ type: 'authsim:load', scenario: 'revocation', mode: 'session' });
    await vi.waitFor(() => expect(w.posted.filter((m) => m.type === 'authsim:ready').at(-1)).toMatchObject({ scenario: 'revocation', mode: 'session' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(w.warn).not.toHaveBeenCalled();
  });

  // Code review: without WebCrypto, basic's JWT world was said to be missing from the lesson.
  it('says a JWT world asked for is not shown because the page cannot run it, not because the lesson lacks it', async () => {
    const store = lesson('basic', { webCrypto: false });
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    w.send({ type: 'authsim:load', scenario: 'basic', mode: 'jwt' });
    await vi.waitFor(() => expect(w.warn).toHaveBeenCalledWith(expect.stringMatching(/^authsim: this page cannot run basic's JWT world: it signs with WebCrypto, which browsers allow only on a secure page: it shows the session world/)));
  });

  it('plays, pauses, steps, seeks and loads on the parent\'s word, and ignores everyone else', async () => {
    const store = lesson();
    const w = windows();
    const stop = connectHost(store, w);
    await store.getState().load();
    w.send({ type: 'authsim:play' }, { not: 'the parent' });
    expect(store.getState().playing).toBe(false);
    expect(w.warn).toHaveBeenCalledWith(expect.stringContaining('did not come from the page around this frame'));
    w.send({ type: 'authsim:play' });
    expect(store.getState().playing).toBe(true);
    w.send({ type: 'authsim:pause' });
    expect(store.getState().playing).toBe(false);
    w.send({ type: 'authsim:seek', timeMs: 2500 });
    await store.player.settled();
    expect(store.player.timeMs).toBe(2500);
    w.send({ type: 'authsim:seek', timeMs: 'later' });
    expect(w.warn).toHaveBeenLastCalledWith(expect.stringContaining('authsim:seek needs timeMs'));
    w.send({ type: 'authsim:load', scenario: 'revocation', mode: 'jwt', seed: 11 });
    await vi.waitFor(() => expect(store.getState().scenario?.id).toBe('revocation'));
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    expect(store.getState()).toMatchObject({ view: 'jwt', seed: 11 });
    expect(w.posted.filter((m) => m.type === 'authsim:ready').at(-1)).toEqual({ type: 'authsim:ready', scenario: 'revocation', mode: 'jwt', title: findMeta('revocation')!.title, notice: findMeta('revocation')!.notice });
    stop();
    expect(w.listening()).toBe(false);
  });
});

/** An LMS's SCORM 1.2 API that records what it is told. */
function fakeLms(status = 'not attempted') {
  const values = new Map<string, string>([['cmi.core.lesson_status', status]]);
  const calls: string[] = [];
  const api: Scorm12Api = {
    LMSInitialize: () => (calls.push('LMSInitialize'), 'true'),
    LMSFinish: () => (calls.push('LMSFinish'), 'true'),
    LMSGetValue: (k) => values.get(k) ?? '',
    LMSSetValue: (k, v) => (calls.push(`${k}=${v}`), values.set(k, v), 'true'),
    LMSCommit: () => (calls.push('LMSCommit'), 'true'),
  };
  return { api, calls, values };
}

describe('SCORM reporting', () => {
  it('finds the LMS API on a parent window, and nothing outside an LMS', () => {
    const { api } = fakeLms();
    const top = { API: api } as unknown as Window & { parent: Window };
    (top as { parent: Window }).parent = top;
    const frame = { parent: top } as unknown as Window;
    expect(findScormApi(frame)).toBe(api);
    const lone = {} as Window & { parent: Window };
    (lone as { parent: Window }).parent = lone;
    expect(findScormApi(lone)).toBeNull();
    // A cross-origin parent throws on access: no LMS, no crash.
    const foreign = new Proxy({}, { get: () => { throw new DOMException('Blocked', 'SecurityError'); } }) as Window;
    expect(findScormApi({ parent: foreign } as unknown as Window)).toBeNull();
  });

  it('marks the attempt incomplete, then completed with the score when the lesson ends', async () => {
    const store = lesson('basic', { questionsOn: true });
    const lms = fakeLms();
    const finish = connectScorm(store, lms.api);
    expect(lms.calls).toEqual(['LMSInitialize', 'cmi.core.lesson_status=incomplete', 'LMSCommit']);
    await store.getState().load();
    await answerFirstQuestion(store);
    carryOn(store);
    await runFrames(store, 20000);
    expect(store.getState().ended).toBe(true);
    const correct = store.getState().answers[0]!.correct;
    expect(lms.values.get('cmi.core.lesson_status')).toBe('completed');
    expect(lms.values.get('cmi.core.score.raw')).toBe(correct ? '100' : '0');
    expect(lms.calls.at(-1)).toBe('LMSCommit');
    // The lesson again, questions skipped this time: the better score stands.
    if (correct) {
      store.getState().setQuestionsOn(true);
      await store.getState().load();
      store.getState().play();
      await runFrames(store, 4000, () => store.getState().question !== null);
      store.getState().dismissQuestion();
      await runFrames(store, 20000);
      expect(lms.values.get('cmi.core.score.raw')).toBe('100');
    }
    finish();
    finish();
    expect(lms.calls.filter((c) => c === 'LMSFinish')).toHaveLength(1);
  });

  // Teacher review: a graded package was completed by dragging the timeline to its end, with no score.
  it('does not complete a lesson whose questions were skipped by a seek; going back and answering completes it', async () => {
    const store = lesson('basic', { questionsOn: true });
    const lms = fakeLms();
    let clock = 90_000;
    const finish = connectScorm(store, lms.api, () => clock);
    await store.getState().load();
    await store.getState().seek(store.getState().endMs);
    await vi.waitFor(() => expect(store.getState().ended).toBe(true));
    expect(lms.values.get('cmi.core.lesson_status')).toBe('incomplete');
    expect(lms.values.has('cmi.core.score.raw')).toBe(false);
    await store.getState().seek(0);
    await answerFirstQuestion(store);
    carryOn(store);
    await runFrames(store, 20000);
    expect(lms.values.get('cmi.core.lesson_status')).toBe('completed');
    expect(lms.values.get('cmi.core.score.raw')).toBe(store.getState().answers[0]!.correct ? '100' : '0');
    clock += 754_320;
    finish();
    expect(lms.values.get('cmi.core.session_time')).toBe('0000:12:34.32');
  });

  // Teacher review: with every server killed, "refused by the load balancer" came true and scored.
  it('counts an answer the learner made come true with their own interventions as not borne out, and keeps the first score', async () => {
    const store = lesson('basic', { questionsOn: true });
    const lms = fakeLms();
    connectScorm(store, lms.api);
    await store.getState().load();
    store.getState().play();
    await runFrames(store, 4000, () => store.getState().question?.choiceId === null);
    // With a denylist the JWT servers ask the store too: "asks the store in both worlds" comes true.
    await store.getState().dispatch({ type: 'setOptions', patch: { denylist: true } });
    store.getState().answer('both-store');
    await runFrames(store, 4000, () => store.getState().question?.result != null);
    expect(store.getState().answers[0]).toMatchObject({ choiceId: 'both-store', correct: true });
    carryOn(store);
    await runFrames(store, 20000);
    expect(lms.values.get('cmi.core.score.raw')).toBe('0');
    // Again, untouched and answered right: the first score stands.
    await store.getState().load();
    await answerFirstQuestion(store);
    carryOn(store);
    await runFrames(store, 20000);
    expect(lms.values.get('cmi.core.score.raw')).toBe('0');
  });

  it('writes SCORM time spans as HHHH:MM:SS.SS', () => {
    expect(scormTimespan(0)).toBe('0000:00:00.00');
    expect(scormTimespan(3_723_450)).toBe('0001:02:03.45');
    // Rounded before it is split: never "00:60.00"; and never past the format's 9999 hours.
    expect(scormTimespan(59_996)).toBe('0000:01:00.00');
    expect(scormTimespan(3_599_999)).toBe('0001:00:00.00');
    expect(scormTimespan(1e12)).toBe('9999:59:59.99');
  });

  // Review: with questions turned off (a remembered choice), a drag to the end still completed a graded lesson.
  it('does not complete a lesson played with its questions turned off', async () => {
    const store = lesson('basic');
    const lms = fakeLms();
    connectScorm(store, lms.api);
    await store.getState().load();
    store.getState().play();
    await runFrames(store, 20000);
    expect(store.getState().ended).toBe(true);
    expect(lms.values.get('cmi.core.lesson_status')).toBe('incomplete');
  });

  it('leaves an already passed attempt passed, and sends no score when no question was asked', async () => {
    const store = lesson('basic');
    const lms = fakeLms('passed');
    connectScorm(store, lms.api);
    await store.getState().load();
    store.getState().play();
    await runFrames(store, 20000);
    expect(lms.values.get('cmi.core.lesson_status')).toBe('passed');
    expect(lms.values.has('cmi.core.score.raw')).toBe(false);
  });
});

describe('an embed and its visibility', () => {
  /** An IntersectionObserver the test scrolls by hand: all of the frame in view, or none, or a share of it. */
  function fakeViewport() {
    type Entry = { isIntersecting: boolean; intersectionRatio: number };
    let report: ((entries: Entry[]) => void) | null = null;
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(cb: (entries: Entry[]) => void) {
          report = cb;
        }
        observe() {}
        disconnect() {}
      },
    );
    const show = (share: number) => report?.([{ isIntersecting: share > 0, intersectionRatio: share }]);
    return { scroll: (visible: boolean) => show(visible ? 1 : 0), show };
  }
  afterEach(() => vi.unstubAllGlobals());

  it('autoplays when first seen, pauses out of view, resumes in view, and the learner\'s Pause wins', async () => {
    const viewport = fakeViewport();
    const store = lesson('revocation');
    await store.getState().load();
    playWhileVisible(store, document.documentElement, true);
    expect(store.getState().playing).toBe(false);
    viewport.scroll(true);
    expect(store.getState().playing).toBe(true);
    viewport.scroll(false);
    expect(store.getState().playing).toBe(false);
    viewport.scroll(true);
    expect(store.getState().playing).toBe(true);
    store.getState().pause(); // the learner
    viewport.scroll(false);
    viewport.scroll(true);
    expect(store.getState().playing).toBe(false);
  });

  // Code review: a verdict decided while out of view was closed by the Play that resumed the embed.
  it('back in view, does not play on past a verdict decided while out of view', async () => {
    const viewport = fakeViewport();
    const store = lesson('revocation');
    await store.getState().load();
    playWhileVisible(store, document.documentElement, true);
    viewport.scroll(true);
    viewport.scroll(false);
    const question = store.getState().scenario!.questions![0]!;
    const choiceId = question.choices[0]!.id;
    store.setState({ question: { question, choiceId, result: { choiceId, why: 'as the run did', correct: true } } });
    viewport.scroll(true);
    expect(store.getState().playing).toBe(false);
    expect(store.getState().question?.result?.why).toBe('as the run did');
  });

  // Teacher review: an embed shows its first caption before Play; basic at 1x then held it ~11 s more.
  it('counts the time a paused caption was seen toward its reading time, and only while it was seen', async () => {
    const basic = (await findScenario('basic'))!;
    const [first, second] = lessonSteps(basic, ['session', 'jwt']);
    const reading = dwellMs(first!.lines.map((l) => l.text).join(' '));
    /** Real ms of playback at 1x from Play until the first caption gives way to the next, after `before` ms paused, seen or not. */
    const waitAfterPlay = async (seen: boolean, before: number) => {
      const viewport = fakeViewport();
      const store = lesson('basic', { speed: 1 });
      await store.getState().load();
      playWhileVisible(store, document.documentElement, false);
      viewport.scroll(seen);
      vi.advanceTimersByTime(before);
      store.getState().play();
      return (await runFrames(store, 2000, () => store.player.timeMs >= second!.atMs)) * FRAME_MS;
    };
    // Out of view, the caption was not read: it waits its whole reading time after Play.
    const unseen = await waitAfterPlay(false, 20_000);
    expect(unseen).toBeGreaterThanOrEqual(reading);
    // Seen for longer than its reading time: only the login's own travel (paced to be watched) is left.
    expect(await waitAfterPlay(true, 20_000)).toBeLessThan(reading / 2);
    // Seen for 5 s: 5 s less to wait.
    expect(Math.abs(unseen - 5_000 - (await waitAfterPlay(true, 5_000)))).toBeLessThanOrEqual(2 * FRAME_MS);
  });

  // Review: isIntersecting alone started a play=1 embed with a sliver of it on screen.
  it('autoplays only once a quarter of the frame is on screen', async () => {
    const viewport = fakeViewport();
    const store = lesson('revocation');
    await store.getState().load();
    playWhileVisible(store, document.documentElement, true);
    viewport.show(0.1);
    expect(store.getState().playing).toBe(false);
    viewport.show(0.25);
    expect(store.getState().playing).toBe(true);
    viewport.show(0.1);
    expect(store.getState().playing).toBe(false);
  });

  // Review: a Step within the first caption threw away the time it had been seen; a switch of worlds kept it.
  it('keeps the seen time over a Step that keeps the caption, not over a switch to other worlds', async () => {
    const basic = (await findScenario('basic'))!;
    const both = lessonSteps(basic, ['session', 'jwt']);
    const sessionOnly = lessonSteps(basic, ['session']);
    const reading = dwellMs(both[0]!.lines.map((l) => l.text).join(' '));
    const viewport = fakeViewport();
    const store = lesson('basic', { speed: 1 });
    await store.getState().load();
    playWhileVisible(store, document.documentElement, false);
    viewport.scroll(true);
    vi.advanceTimersByTime(20_000);
    const caption = store.player.captionIndex;
    // The lesson's opening moment is logged at 0: a Step goes to the next one.
    while (store.player.timeMs === 0) await store.getState().step();
    expect(store.player.captionIndex).toBe(caption);
    store.getState().play();
    const afterStep = (await runFrames(store, 2000, () => store.player.timeMs >= both[1]!.atMs)) * FRAME_MS;
    expect(afterStep).toBeLessThan(reading / 2);

    // Back at the opening moment, seen for 20 s side by side; then session only (a mode change keeps the moment).
    store.getState().pause();
    await store.getState().seek(0);
    vi.advanceTimersByTime(20_000);
    await store.getState().load({ view: 'session' });
    expect(store.player.timeMs).toBe(0);
    store.getState().play();
    const sessionReading = dwellMs(sessionOnly[0]!.lines.map((l) => l.text).join(' '));
    const afterSwitch = (await runFrames(store, 2000, () => store.player.timeMs >= sessionOnly[1]!.atMs)) * FRAME_MS;
    expect(afterSwitch).toBeGreaterThanOrEqual(sessionReading);
  });

  // Review: the seen time was kept by the player's caption, which a question to come keeps off the
  // screen: seen over "Alice logs in.", it was credited to the ban's caption, never shown.
  it('credits the seen time to the caption that was on screen, not one a question kept back', async () => {
    const viewport = fakeViewport();
    const store = lesson('revocation', { speed: 1, questionsOn: true });
    await store.getState().load();
    playWhileVisible(store, document.documentElement, false);
    viewport.scroll(true);
    // Just past the ban (5 s), before its question (5.1 s): the player counts the ban's caption, the screen keeps "Alice logs in.".
    await store.getState().seek(5_300);
    await store.getState().stepBack();
    expect(store.player.timeMs).toBeGreaterThanOrEqual(5_000);
    expect(store.player.timeMs).toBeLessThan(5_100);
    expect(lessonSteps(store.getState().scenario, ['session', 'jwt'])[store.player.captionIndex]!.atMs).toBe(5_000);
    vi.advanceTimersByTime(20_000);
    // A Step goes on to the question (asked, as playback would); skipped, the ban's caption shows: unread.
    while (store.player.timeMs < 5_100) await store.getState().step();
    expect(store.getState().question?.question.atMs).toBe(5_100);
    store.getState().dismissQuestion();
    expect(store.getState().question).toBeNull();
    store.getState().play();
    expect(store.player.holdProgress()).toBeLessThan(0.2);
  });

  it('does not autoplay after the learner (or the host page) already played and paused', async () => {
    const viewport = fakeViewport();
    const store = lesson('revocation');
    await store.getState().load();
    playWhileVisible(store, document.documentElement, true);
    store.getState().play();
    store.getState().pause();
    viewport.scroll(true);
    expect(store.getState().playing).toBe(false);
  });
});

describe('a link superseded by a host page', () => {
  it('does not replay the link\'s interventions on the lesson the host loaded instead', async () => {
    const store = createAppStore({ scenarioId: 'revocation', view: 'session', questionsOn: false, actions: [{ atMs: 0, action: { type: 'killServer', serverId: 'server-2' } }] });
    const first = store.getState().load();
    const second = store.getState().load({ scenarioId: 'basic' });
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    await store.getState().seek(500);
    expect(store.getState().worlds.session!.servers.find((sv) => sv.id === 'server-2')!.up).toBe(true);
  });
});

describe('the load lab in a frame', () => {
  it('says it is ready and its height, refuses lesson commands by name, and opens a lesson for a valid authsim:load only', async () => {
    const { connectLab } = await import('../../src/host/connectLab');
    const w = windows();
    const opened: string[] = [];
    const stop = connectLab({ ...w, title: 'Load lab', search: '?lab=load&embed=1&sweep=x&q=0', open: (link) => opened.push(link) });
    expect(w.posted).toEqual([{ type: 'authsim:lab-ready', lab: 'load', title: 'Load lab' }, { type: 'authsim:resize', height: 600 }]);
    w.send({ type: 'authsim:seek', timeMs: 10 });
    w.send({ type: 'authsim:load', scenario: 'nope' });
    w.send({ type: 'authsim:load', scenario: 'basic' }, {});
    expect(opened).toEqual([]);
    expect(w.warn.mock.calls.map(([m]) => m)).toEqual([expect.stringContaining('ignored authsim:seek: the load lab has no lesson'), expect.stringContaining('no known scenario'), expect.stringContaining('did not come from the page around')]);
    w.send({ type: 'authsim:load', scenario: 'store-outage', mode: 'both', seed: 7 });
    expect(opened).toEqual(['?scenario=store-outage&mode=both&seed=7&embed=1&q=0']);
    stop();
    expect(w.listening()).toBe(false);
  });
});
