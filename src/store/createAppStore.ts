// The app's one store (zustand/vanilla): what is loaded, playback settings, the latest world
// snapshots and what is selected. Actions call the Player; nothing here simulates anything.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { CATALOG, findMeta } from '../scenarios/catalog';
import type { Question, Scenario } from '../scenarios/scenario';
import type { RecordedAction } from '../sim/history';
import type { Action, Mode, SimOptions } from '../sim/types';
import { MODES } from '../sim/schemes/names';
import { clampSpeed } from './clock';
import { askable, jumpTarget, lessonSteps, nextMomentAfter } from './lesson';
import { pacingFor } from './pacing';
import { Player, type Worlds } from './player';
import { DEFAULT_PRESENTATION, type Presentation } from './presentation';
import { hasWebCrypto, runnableModes } from './secureContext';

export type View = Mode | 'both';

export type Selection =
  | { kind: 'request'; mode: Mode; requestId: number }
  | { kind: 'server'; mode: Mode; serverId: string }
  | { kind: 'store'; mode: Mode }
  | { kind: 'keys'; mode: Mode }
  | { kind: 'client'; mode: Mode; clientId: string };

/** A prediction on screen: asked, maybe answered, then revealed from the run. */
export interface AskedQuestion {
  question: Question;
  choiceId: string | null;
  /** What the run did (read from the worlds, never from a key); null until it has happened. */
  result: { choiceId: string; why: string; correct: boolean } | null;
}

/** What the drawer shows: nothing, or the inspector and the interventions (opened from one of them). */
export type Drawer = 'closed' | 'inspector' | 'interventions';

export interface AppState {
  scenarioId: string;
  /** The loaded lesson (its script arrives on demand); null until the first load finishes. */
  scenario: Scenario | null;
  view: View;
  /** The view the user asked for; \`view\` is what the loaded lesson can show of it. */
  wantedView: View;
  /** null: the scenario's own seed. */
  seed: number | null;
  overrides: Partial<SimOptions>;
  speed: number;
  playing: boolean;
  reducedMotion: boolean;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  timeMs: number;
  endMs: number;
  worlds: Worlds;
  /**
   * The worlds the lesson being loaded will show, known from the catalog before its script and the
   * engine come: the first screen lays itself out for them from the first paint (a phone's world
   * toggle is there at once), so nothing moves when they are drawn.
   */
  comingModes: Mode[];
  /** The interventions the lesson being loaded replays: the link's, or those of the run another view of it goes on with. */
  comingActions: readonly RecordedAction[];
  selection: Selection | null;
  ended: boolean;
  /** Sentences about input that could not be used (a bad link parameter), shown until dismissed. */
  notices: string[];
  /** Predictions are asked at key moments unless the learner (or a link's q=0) turned them off. */
  questionsOn: boolean;
  question: AskedQuestion | null;
  /** Playback is holding so a caption can be read. */
  holding: boolean;
  drawer: Drawer;
  /** Whether playback has ever started in this lesson (before: the lesson's opening is shown). */
  started: boolean;
  /** The questions put to the learner in this lesson (ids, once each), and their marked answers. */
  asked: string[];
  answers: Answer[];
  /** How this page presents the lesson (a teacher's link or embed); fixed for the page's life. */
  presentation: Presentation;
}

export interface Answer {
  id: string;
  choiceId: string;
  correct: boolean;
}

export interface AppActions {
  /** Resolves true once this lesson is ready, false if a newer load superseded it (or it failed). A patch of only `view` keeps the run's moment, interventions and answers. */
  load(patch?: Partial<Pick<AppState, 'scenarioId' | 'view' | 'seed' | 'overrides'>>): Promise<boolean>;
  /** `keepEnd`: the end stays on screen until the next publish (Play at the end, behind its seek to 0). */
  play(keepEnd?: boolean): void;
  /** The stage then shows the paused moment once the player settles (what the publish throttle held back, drawn). */
  pause(): void;
  togglePlay(): void;
  step(): Promise<void>;
  stepBack(): Promise<void>;
  seek(timeMs: number): Promise<void>;
  /** A seek by `deltaMs` from where the last queued seek lands (a held key goes one step further each time), from 0 to as far as the run goes. */
  seekBy(deltaMs: number): Promise<void>;
  setSpeed(speed: number): void;
  reset(): Promise<void>;
  dispatch(action: Action): Promise<void>;
  select(selection: Selection | null): void;
  setReducedMotion(on: boolean): void;
  dismissNotices(): void;
  /** The learner's prediction; playback goes on and the run reveals the answer. */
  answer(choiceId: string): void;
  /** Close the question card (skipped, or read). */
  dismissQuestion(): void;
  setQuestionsOn(on: boolean): void;
  /** Let a held caption go and move to the next key moment (a chapter). */
  nextMoment(): Promise<void>;
  previousMoment(): Promise<void>;
  openDrawer(drawer: Exclude<Drawer, 'closed'>): void;
  closeDrawer(): void;
}

export type AppStoreState = AppState & AppActions;
export type AppStore = StoreApi<AppStoreState> & { player: Player };

export const modesOf = (view: View): Mode[] => (view === 'both' ? [...MODES] : [view]);

const TIME_PUBLISH_EVERY_MS = 100;

/** The worlds a lesson of these modes shows for a wanted view here (without WebCrypto, no JWT world). */
const modesToShow = (modes: readonly Mode[], wantedView: View, webCrypto: boolean): Mode[] => {
  const runnable = runnableModes(modes, webCrypto);
  const wanted = modesOf(wantedView).filter((m) => runnable.includes(m));
  return wanted.length ? wanted : runnable;
};

/** `linkTimeMs`: a link's moment (t=), where the first load opens. */
export function createAppStore(initial: Partial<Pick<AppState, 'scenarioId' | 'view' | 'seed' | 'overrides' | 'speed' | 'notices' | 'questionsOn'>> & { actions?: readonly RecordedAction[]; linkTimeMs?: number; webCrypto?: boolean; presentation?: Partial<Presentation> } = {}): AppStore {
  const first = findMeta(initial.scenarioId ?? '') ?? CATALOG[0]!;
  let speedFromLink = initial.speed !== undefined;
  let loadTicket = 0;
  // What a load starts from: the interventions, the moment, the questions asked and the answers.
  // A link's belong to the lesson it names: the first load, and a change of its mode.
  let carried: [readonly RecordedAction[], number, string[], Answer[]] = [initial.actions ?? [], initial.linkTimeMs ?? 0, [], []];
  // The gate for the panel's actions comes with the engine (which checks with it too), not with the
  // first load: fetched beside the first lesson, so a click never waits for it.
  let gate: typeof import('../sim/parseAction').parseAction | null = null;
  const loadGate = async () => (gate ??= (await import('../sim/parseAction')).parseAction);
  // Not a secure context (plain http on a LAN): no crypto.subtle, so the JWT world cannot run here.
  const webCrypto = initial.webCrypto ?? hasWebCrypto();
  // The player reports back into the store; it is only called after the store exists.
  const player: Player = new Player({
    publish: (worlds, timeMs) => {
      // Paused, the lesson is over exactly when its end is on screen: a seek, Step or Step back moves
      // into or out of it (and an intervention there gives it more to do). Playing, the player says when (\`ended\` hook).
      store.setState({ worlds, timeMs, ended: !player.playing && player.atEnd });
      revealIfDecided();
    },
    ended: () => store.setState({ playing: false, ended: true, timeMs: player.timeMs }),
    failed: (message) => store.setState({ playing: false, status: 'error', error: message }),
    ask: (id) => {
      const question = store.getState().scenario?.questions?.find((q) => q.id === id);
      if (question) store.setState((s) => ({ playing: false, question: { question, choiceId: null, result: null }, asked: s.asked.includes(id) ? s.asked : [...s.asked, id] }));
    },
    holding: (on) => store.setState({ holding: on }),
  });
  /**
   * Once the learner has answered and the run has decided, mark the answer and pause until the card is
   * closed (Continue, or Play): held only for the verdict's reading time, the lesson went on under the card,
   * over the browsers and the balancer where the replays it is about were happening (learner review).
   * Paused, not held for good: under a held card Play read "Pause", the clock "reading time", and
   * Pause then Play did nothing (learner review).
   */
  const revealIfDecided = () => {
    const { question: asked, worlds } = store.getState();
    if (!asked || asked.choiceId === null || asked.result) return;
    const outcome = asked.question.outcome(worlds, asked.question.atMs);
    if (!outcome) return;
    const correct = outcome.choiceId === asked.choiceId;
    player.pause();
    store.setState((s) => ({ playing: false, question: { ...asked, result: { ...outcome, correct } }, answers: [...s.answers.filter((a) => a.id !== asked.question.id), { id: asked.question.id, choiceId: asked.choiceId!, correct }] }));
  };
  /**
   * Moving by hand (a step, a seek, a key moment) leaves the question on screen behind: an unanswered
   * card closes (the caption waits for no prediction then), and so does a decided one (kept, the
   * lesson ran on under it after a seek).
   */
  const closeCard = () => {
    if (store.getState().question) store.setState({ question: null });
  };
  /**
   * A move by hand while a question waits for its prediction: its card stays up until the move lands.
   * Closed at once, the caption it keeps back (which all but answers it) was drawn, and told to a
   * host page, until the move landed on the question and asked it again (teacher review: a seek back
   * while stolen-credential asked). Landed at its question's moment (asked again there), it stays; elsewhere it closes.
   */
  const movingBy = async (move: () => Promise<void>) => {
    if (store.getState().question?.result) {
      closeCard();
      return move();
    }
    await move();
    const card = store.getState().question;
    if (!card) return;
    // A prediction locked in stays through a move forward (one locked in while the move ran too: the
    // learner answered it): landed past the run's decision, the publish gives its verdict
    // (revealIfDecided); closed, Next while "Watching the run…" lost it for good (learner review).
    // Moved back before its question, it closes, to be asked again on the way. A move that lands on
    // the next question's moment asks that one in its place, the first unmarked: playback and Next
    // stop at each question, so only a seek there does that.
    if (card.choiceId !== null) {
      if (!card.result && player.timeMs < card.question.atMs) closeCard();
      return;
    }
    // Unanswered, kept only where its question stands: overlapping moves (a host's seek, then a step)
    // left a card over a moment past its question (review).
    if (card.question.atMs !== player.timeMs) closeCard();
  };
  /** The lesson's reading pace and questions, for the worlds on screen. */
  const pace = () => {
    const { scenario } = store.getState();
    if (scenario) player.setPacing(pacingFor(chapters(), questionsAhead()));
  };
  const chapters = () => lessonSteps(store.getState().scenario, player.modes);
  /** The questions playback asks, and a jump to a key moment may land on. */
  const questionsAhead = () => {
    const { scenario, questionsOn } = store.getState();
    return questionsOn && scenario ? askable(scenario, player.modes) : [];
  };
  const store = createStore<AppState & AppActions>()((set, get) => ({
    scenarioId: first.id,
    scenario: null,
    view: initial.view ?? 'both',
    wantedView: initial.view ?? 'both',
    seed: initial.seed ?? null,
    overrides: initial.overrides ?? {},
    speed: clampSpeed(initial.speed ?? 1),
    playing: false,
    reducedMotion: false,
    status: 'loading',
    error: null,
    timeMs: 0,
    endMs: 0,
    worlds: {},
    comingModes: modesToShow(first.modes, initial.view ?? 'both', webCrypto),
    comingActions: carried[0],
    selection: null,
    ended: false,
    notices: initial.notices ?? [],
    questionsOn: initial.questionsOn ?? true,
    question: null,
    holding: false,
    drawer: 'closed',
    started: false,
    asked: [],
    answers: [],
    presentation: { ...DEFAULT_PRESENTATION, ...initial.presentation },

    async load(patch = {}) {
      const next = { ...get(), ...patch };
      const entry = findMeta(next.scenarioId);
      if (!entry) {
        set({ status: 'error', error: `There is no scenario called "${next.scenarioId}".` });
        return false;
      }
      const ticket = ++loadTicket;
      // Another mode of the lesson on screen, or loading, is the same run seen otherwise: it starts
      // where that one is (or was going). Another lesson, or a reset, starts afresh.
      const was = get();
      const onlyView = Object.keys(patch).join() === 'view';
      if (onlyView && was.status === 'ready') carried = [player.recordedActions(), player.timeMs, was.asked, was.answers];
      else if (!onlyView && ticket > 1) carried = [[], 0, [], []];
      const [actions, atMs, asked, answers] = carried;
      player.pause();
      // Wanted from now: a load that supersedes this one before it lands, naming no mode, keeps it.
      const wantedView = patch.view ?? next.wantedView;
      set({ ...patch, wantedView, comingModes: modesToShow(entry.modes, wantedView, webCrypto), comingActions: actions, status: 'loading', error: null, playing: false, ended: false, selection: null, timeMs: 0, question: null, started: false, holding: false, asked: [], answers: [] });
      let sc: Scenario;
      try {
        [sc] = await Promise.all([entry.load(), loadGate()]);
      } catch (e) {
        set({ status: 'error', error: `The scenario could not be loaded (${e instanceof Error ? e.message : String(e)}). Check the connection and reload.` });
        return false;
      }
      if (ticket !== loadTicket) return false; // the user picked another lesson meanwhile
      const runnable = runnableModes(sc.modes, webCrypto);
      if (runnable.length === 0) {
        const { jwtOnlyNeedsWebCrypto } = await import('./noWebCryptoWords').catch(() => ({ jwtOnlyNeedsWebCrypto: () => 'This lesson needs WebCrypto, which this page does not have.' }));
        if (ticket !== loadTicket) return false;
        set({ scenario: sc, status: 'error', error: jwtOnlyNeedsWebCrypto(get().presentation.embed), worlds: {} });
        return false;
      }
      const modes = modesToShow(sc.modes, wantedView, webCrypto);
      // Say which worlds are really shown: a JWT-only lesson asked for side by side shows JWT.
      const view: View = modes.length > 1 ? 'both' : modes[0]!;
      // A new lesson opens at its own tempo, unless a link chose the speed.
      if (sc !== get().scenario && !speedFromLink) get().setSpeed(sc.speed ?? 1);
      speedFromLink = false;
      set({ scenario: sc, endMs: sc.durationMs, view, wantedView });
      await player.load(sc, modes, next.seed ?? sc.seed, next.overrides, actions);
      if (ticket !== loadTicket) return false;
      // A superseded load's link seek, queued before this lesson's, may have asked its question meanwhile.
      set({ question: null, asked, answers });
      pace();
      // Ready at the link's moment, not at 0 first: a host page heard the opening caption, then the one at t.
      if (atMs > 0) {
        await get().seek(atMs);
        if (ticket !== loadTicket) return false;
      }
      if (get().status === 'loading') set({ status: 'ready' });
      return get().status === 'ready';
    },
    play(keepEnd) {
      if (get().status !== 'ready') return;
      // An unanswered question waits for its answer (or to be closed) before playback goes on.
      const asked = get().question;
      if (asked && asked.choiceId === null) return;
      // Play under a decided card goes on as Continue does: the card was read.
      if (asked?.result) closeCard();
      set({ playing: true, ended: keepEnd === true, started: true });
      player.play();
    },
    pause() {
      player.pauseHere();
      set({ playing: false, timeMs: player.timeMs });
    },
    togglePlay() {
      if (get().playing) return get().pause();
      // At the end, the Play button (or Space) plays the lesson again from its start, as a media
      // player does: it did nothing. Not play() itself: a link's autoplay at its end keeps that moment.
      // Played at once, behind the queued seek: played once the seek had landed, it undid a Pause sent meanwhile.
      const replay = get().ended && get().status === 'ready';
      if (replay) void get().seek(0);
      // Replayed, the end stays on screen until the start lands, as a video's last frame does (the
      // publish clears it): cleared at once, the takeaway gave way to the last caption for a frame or two.
      get().play(replay);
    },
    step: () => movingBy(() => player.step()),
    stepBack: () => movingBy(() => player.stepBack()),
    async seek(timeMs) {
      // Past the end, as far as the run goes on (a key's overlap an intervention began, its requests'
      // timeouts): the player lands on its last moment from further, and a quiet stretch costs nothing
      // to cross (history.ts). A link's t and a host's seek stop at a day (urlState, messages).
      await movingBy(() => player.seek(timeMs));
    },
    async seekBy(deltaMs) {
      // Past the lesson's end as the run goes on there (a seek lands no further than its last moment),
      // but not from the end itself: clamped to the end, a press 60 s past it jumped back there.
      await movingBy(() => player.seekFrom((now) => (deltaMs > 0 && player.atEnd ? undefined : Math.max(0, now + deltaMs))));
    },
    setSpeed(speed) {
      player.speed = clampSpeed(speed);
      set({ speed: player.speed });
    },
    async reset() {
      await get().load();
    },
    async dispatch(action) {
      // The panel's actions pass the same gate as a link's: a refused one is named, never applied.
      // Synchronous once the gate is here: the action is queued on the player before anything the
      // caller does next (a seek), as a click is recorded at the moment it was made.
      const parsed = (gate ?? (await loadGate()))(action);
      if (!parsed.ok) {
        set((st) => ({ notices: [...st.notices, `That intervention was not applied: ${parsed.problem}.`] }));
        return;
      }
      await player.dispatch(parsed.value);
    },
    select: (selection) => set(selection ? { selection, drawer: 'inspector' } : { selection }),
    dismissNotices: () => set({ notices: [] }),
    answer(choiceId) {
      const asked = get().question;
      if (!asked || asked.choiceId !== null || !asked.question.choices.some((c) => c.id === choiceId)) return;
      set({ question: { ...asked, choiceId } });
      player.predicted(asked.question.atMs);
      revealIfDecided();
      // Decided at once, the verdict waits to be read (paused); else the run goes on to decide it.
      if (!get().question?.result) get().play();
    },
    dismissQuestion() {
      const asked = get().question;
      // Not release(): that marked the caption on screen read, and the one the card had kept back
      // (skipped) or had just revealed (Continue) went in seconds, before it could be read.
      closeCard();
      // Skipped, the lesson goes on, as after a prediction (it stood paused, nothing saying so); and
      // after a verdict (Continue), which it waited under.
      if (asked && (asked.choiceId === null || asked.result)) get().play();
    },
    setQuestionsOn(on) {
      set({ questionsOn: on });
      pace();
      // Off, the card closes as Skip or Continue closes it, and the lesson goes on.
      if (!on) get().dismissQuestion();
    },
    async nextMoment() {
      player.release();
      await movingBy(() =>
        player.seekFrom((now) => {
          const next = nextMomentAfter(chapters(), now);
          return next === undefined ? undefined : jumpTarget(next, now, questionsAhead());
        }),
      );
    },
    async previousMoment() {
      // The moment before the one on screen (a chapter starts 1 ms after its caption's time).
      await movingBy(() =>
        player.seekFrom((now) => {
          const earlier = chapters().map((st) => st.atMs).filter((t) => t + 1 <= now);
          // Back before a question, it is asked again on the way, as playback would (one within 1 s before the moment is landed on).
          return earlier.length >= 2 ? jumpTarget(earlier.at(-2)!, -Infinity, questionsAhead()) : 0;
        }),
      );
    },
    openDrawer: (drawer) => set({ drawer }),
    closeDrawer: () => set({ drawer: 'closed', selection: null }),
    setReducedMotion(on) {
      player.reducedMotion = on;
      set({ reducedMotion: on });
    },
  }));
  player.speed = store.getState().speed;
  let lastTimePublish = 0;
  player.onFrame((timeMs) => {
    if (Math.abs(timeMs - lastTimePublish) >= TIME_PUBLISH_EVERY_MS) {
      lastTimePublish = timeMs;
      store.setState({ timeMs });
    }
  });
  // Said first, before the link's notices, once its words arrive (a moment after the first paint).
  if (!webCrypto) import('./noWebCryptoWords').then((w) => store.setState((s) => ({ notices: [w.noWebCryptoNotice(), ...s.notices] })), () => {});
  return Object.assign(store, { player });
}
