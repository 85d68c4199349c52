// What the panel needs from the snapshots, reduced to a small plain object. The store hook keeps
// it as a JSON string, so the panel re-renders only when one of these facts changes, not on
// every published frame of the run.
import { use, useMemo } from 'react';
import { plural } from '../../format';
import { seconds } from '../../formatSpans';
import type { RecordedAction } from '../../sim/history';
import type { Action, LogEntry, Mode, SimOptions } from '../../sim/types';
import type { AppStoreState } from '../../store/createAppStore';
import { shownModes } from '../../store/selectors';
import { linesSince, MOST_LINES_SAID, newsOf } from '../../store/news';
import { useApp, useAppStore } from '../storeContext';
import { SayNews } from './InterventionNews';
import { sayAnswersTo } from './answerNews';

/** The settings the engine lets `setOptions` change while a run goes on. */
export type LiveOptions = Required<Extract<Action, { type: 'setOptions' }>['patch']>;
export type LiveKey = keyof LiveOptions;

/** Which world a setting means something in ('any': both). */
export const SETTING_SCOPE: Record<LiveKey, Mode | 'any'> = {
  lbPolicy: 'any',
  sessionStorage: 'session',
  denylist: 'jwt',
  denylistFailMode: 'jwt',
  refreshTokens: 'jwt',
  tokenTtlMs: 'jwt',
  clockToleranceMs: 'jwt',
  delivery: 'jwt',
  alg: 'jwt',
};

const LIVE_KEYS = Object.keys(SETTING_SCOPE) as LiveKey[];

export interface PanelModel {
  modes: Mode[];
  users: { id: string; role: string; banned: boolean }[];
  clients: { id: string; userId: string; kind: 'browser' | 'attacker' }[];
  servers: { id: string; up: boolean; skewMs: number }[];
  store: { up: boolean; slowFactor: number };
  /** The JWT world's key set; null when no JWT world is loaded. */
  keys: { activeKid: string | null; kids: string[] } | null;
  settings: LiveOptions;
}

/** Null until a run is ready: actions dispatched while loading would land in the next run. */
export function panelModel(s: AppStoreState): PanelModel | null {
  const primary = s.worlds.session ?? s.worlds.jwt;
  if (s.status !== 'ready' || !primary) return null;
  const optionsFor = (key: LiveKey): SimOptions => {
    const scope = SETTING_SCOPE[key];
    return (scope === 'any' ? primary : (s.worlds[scope] ?? primary)).options;
  };
  const settings = Object.fromEntries(LIVE_KEYS.map((key) => [key, optionsFor(key)[key]])) as LiveOptions;
  const jwt = s.worlds.jwt;
  return {
    modes: (['session', 'jwt'] as const).filter((m) => s.worlds[m] !== undefined),
    users: primary.users.map((u) => ({ id: u.id, role: u.role, banned: u.banned })),
    clients: primary.clients.map((c) => ({ id: c.id, userId: c.userId, kind: c.kind })),
    servers: primary.servers.map((sv) => ({ id: sv.id, up: sv.up, skewMs: sv.skewMs })),
    store: { up: primary.store.up, slowFactor: primary.store.slowFactor },
    keys: jwt ? { activeKid: jwt.keys.activeKid, kids: jwt.keys.keys.map((k) => k.kid) } : null,
    settings,
  };
}

const selectPanelKey = (s: AppStoreState): string => JSON.stringify(panelModel(s));

export function usePanelModel(): PanelModel | null {
  const key = useApp(selectPanelKey);
  return useMemo(() => JSON.parse(key) as PanelModel | null, [key]);
}

/**
 * Sends one action to every loaded world at the current time; the engine logs what happened. Made
 * after a seek back, it starts the run anew from there, without the later interventions (the
 * learner's, or a link's): a notice says which went (they went without a word). The page's first
 * says the captions stay as written. A notice already on screen is not said twice.
 */
export function useIntervene(): (action: Action) => Promise<void> {
  const store = useAppStore();
  const say = use(SayNews);
  return async (action) => {
    const before = [...store.player.recordedActions()];
    const logged = { session: store.getState().worlds.session?.log.at(-1), jwt: store.getState().worlds.jwt?.log.at(-1) };
    await store.getState().dispatch(action);
    const now = store.getState();
    if (now.playing) {
      say(newsOf(shownModes(now).map((mode) => ({ mode, lines: linesOfAction(now.worlds[mode]?.log ?? [], store.player.timeMs, logged[mode]) }))));
      if ('clientId' in action) sayAnswersTo(store, action.clientId, store.player.timeMs, say);
    }
    const kept = store.player.recordedActions();
    const dropped = before.filter((r) => !kept.includes(r));
    // Said where the captions are read, once a page: key-rotation's "No server has k2…" beside a k3 token read as a bug.
    const first = !toldCaptions.has(store) && kept.length > 0;
    if (first) toldCaptions.add(store);
    const said = [...(first ? [FIRST_INTERVENTION] : []), ...(dropped.length ? [droppedNotice(dropped, store.player.timeMs)] : [])];
    store.setState((s) => ({ notices: [...s.notices, ...said.filter((n) => !s.notices.includes(n))] }));
  };
}

/**
 * What was logged at the action's millisecond (its own lines, a request it sent among them), at most
 * MOST_LINES_SAID: the lines since the last publish took in up to 100 ms of a playing lesson's
 * traffic (~20 lines in the load lesson at 1x), and at 16x the log's tail rolled past the last one
 * seen, and nothing was said.
 */
const linesOfAction = (log: readonly LogEntry[], atMs: number, lastBefore: LogEntry | undefined): LogEntry[] =>
  // Only what this action logged: held for a caption's reading time, the clock stood still, and each
  // intervention said the ones made there before it again (a11y review: the third said all three).
  (linesSince(log, lastBefore) ?? log).filter((e) => e.timeMs === atMs).slice(0, MOST_LINES_SAID);

/** The pages (stores) whose learner has been told the captions stay as written. */
const toldCaptions = new WeakSet<object>();

export const FIRST_INTERVENTION = 'You changed this run: the captions go on telling the lesson as written; what just happened, the event log and the takeaway tell your run.';

/** "Made at 12.0 s, this intervention replaces the 2 interventions made later in the run (at 20.0 s and 34.0 s): …" (a link's, perhaps: not "you made"). */
export function droppedNotice(dropped: readonly RecordedAction[], atMs: number): string {
  // Each moment once, and a long list as its span: a random walk read "at 129.0 s, 129.0 s, … and 129.0 s".
  const times = [...new Set(dropped.map((r) => seconds(r.atMs)))];
  const when = times.length > 3 ? `from ${times[0]} to ${times.at(-1)}` : times.length > 1 ? `at ${times.slice(0, -1).join(', ')} and ${times.at(-1)}` : `at ${times[0]}`;
  return `Made at ${seconds(atMs)}, this intervention replaces the ${dropped.length > 1 ? plural(dropped.length, 'intervention') : 'one'} made later in the run (${when}): the run goes on from here without ${dropped.length > 1 ? 'them' : 'it'}.`;
}
