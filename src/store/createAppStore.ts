// The app's one store (zustand/vanilla): what is loaded, playback settings, the latest world
// snapshots and what is selected. Actions call the Player; nothing here simulates anything.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { CATALOG, findMeta } from '../scenarios/catalog';
import type { Scenario } from '../scenarios/scenario';
import type { RecordedAction } from '../sim/history';
import type { Action, Mode, SimOptions } from '../sim/types';
import { clampSpeed } from './clock';
import { Player, type Worlds } from './player';

export type View = Mode | 'both';

export type Selection =
  | { kind: 'request'; mode: Mode; requestId: number }
  | { kind: 'server'; mode: Mode; serverId: string }
  | { kind: 'store'; mode: Mode }
  | { kind: 'keys'; mode: Mode }
  | { kind: 'client'; mode: Mode; clientId: string };

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
  selection: Selection | null;
  ended: boolean;
  /** Sentences about input that could not be used (a bad link parameter), shown until dismissed. */
  notices: string[];
}

export interface AppActions {
  load(patch?: Partial<Pick<AppState, 'scenarioId' | 'view' | 'seed' | 'overrides'>>): Promise<void>;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(): Promise<void>;
  stepBack(): Promise<void>;
  seek(timeMs: number): Promise<void>;
  setSpeed(speed: number): void;
  reset(): Promise<void>;
  dispatch(action: Action): Promise<void>;
  select(selection: Selection | null): void;
  setReducedMotion(on: boolean): void;
  dismissNotices(): void;
}

export type AppStoreState = AppState & AppActions;
export type AppStore = StoreApi<AppStoreState> & { player: Player };

export const modesOf = (view: View): Mode[] => (view === 'both' ? ['session', 'jwt'] : [view]);

const TIME_PUBLISH_EVERY_MS = 100;

export function createAppStore(initial: Partial<Pick<AppState, 'scenarioId' | 'view' | 'seed' | 'overrides' | 'speed' | 'notices'>> & { actions?: readonly RecordedAction[] } = {}): AppStore {
  const first = findMeta(initial.scenarioId ?? '') ?? CATALOG[0]!;
  let speedFromLink = initial.speed !== undefined;
  let loadTicket = 0;
  // A link's interventions belong to the lesson it names: replayed on the first load only.
  let linkActions = initial.actions ?? [];
  // The player reports back into the store; it is only called after the store exists.
  const player: Player = new Player({
    publish: (worlds, timeMs) => store.setState({ worlds, timeMs }),
    ended: () => store.setState({ playing: false, ended: true, timeMs: player.timeMs }),
    failed: (message) => store.setState({ playing: false, status: 'error', error: message }),
  });
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
    selection: null,
    ended: false,
    notices: initial.notices ?? [],

    async load(patch = {}) {
      const next = { ...get(), ...patch };
      const entry = findMeta(next.scenarioId);
      if (!entry) {
        set({ status: 'error', error: `There is no scenario called "${next.scenarioId}".` });
        return;
      }
      const ticket = ++loadTicket;
      player.pause();
      set({ ...patch, status: 'loading', error: null, playing: false, ended: false, selection: null, timeMs: 0 });
      let sc: Scenario;
      try {
        sc = await entry.load();
      } catch (e) {
        set({ status: 'error', error: `The scenario could not be loaded (${e instanceof Error ? e.message : String(e)}). Check the connection and reload.` });
        return;
      }
      if (ticket !== loadTicket) return; // the user picked another lesson meanwhile
      const wantedView = patch.view ?? next.wantedView;
      const wanted = modesOf(wantedView).filter((m) => sc.modes.includes(m));
      const modes = wanted.length ? wanted : sc.modes;
      // Say which worlds are really shown: a JWT-only lesson asked for side by side shows JWT.
      const view: View = modes.length > 1 ? 'both' : modes[0]!;
      // A new lesson opens at its own tempo, unless a link chose the speed.
      if (sc !== get().scenario && !speedFromLink) get().setSpeed(sc.speed ?? 1);
      speedFromLink = false;
      set({ scenario: sc, endMs: sc.durationMs, view, wantedView });
      await player.load(sc, modes, next.seed ?? sc.seed, next.overrides, linkActions);
      linkActions = [];
      if (ticket === loadTicket && get().status === 'loading') set({ status: 'ready' });
    },
    play() {
      if (get().status !== 'ready') return;
      set({ playing: true, ended: false });
      player.play();
    },
    pause() {
      player.pause();
      set({ playing: false, timeMs: player.timeMs });
    },
    togglePlay() {
      if (get().playing) get().pause();
      else get().play();
    },
    step: () => player.step(),
    stepBack: () => player.stepBack(),
    seek: (timeMs) => player.seek(timeMs),
    setSpeed(speed) {
      player.speed = clampSpeed(speed);
      set({ speed: player.speed });
    },
    reset: () => get().load(),
    dispatch: (action) => player.dispatch(action),
    select: (selection) => set({ selection }),
    dismissNotices: () => set({ notices: [] }),
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
  return Object.assign(store, { player });
}
