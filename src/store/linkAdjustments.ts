// What a link asked for that the lesson it opened could not show, said once the lesson is loaded.
// Its own module, fetched only for a link with parameters: no part of the first load.
import { plural } from '../format';
import { duration } from '../formatSpans';
import type { RecordedAction } from '../sim/history';
import { LIMITS } from '../sim/options';
import { SCHEME_WORDS, type Mode } from '../sim/schemes/names';
import { serverId } from '../sim/serverIds';
import type { Action } from '../sim/types';
import type { AppStore } from './createAppStore';
import type { LinkState } from './urlState';

/** A value quoted back in a notice, cut with "…" where it is long. */
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** What the loaded lesson has: the names a link's interventions may use. */
export interface LessonCast {
  clientIds: readonly string[];
  userIds: readonly string[];
  /** Servers at its start and those its script adds: named server-1, server-2, … (a new one takes the next number). */
  servers: number;
  /** Its attackers, from the start (`atMs` -1) or a steal of its script: each new name is one more. */
  steals?: readonly { atMs: number; attackerId: string }[];
}

/** The steals among timed actions (a link's, a lesson script's): each under a new name brings in an attacker. */
const stealsIn = (steps: readonly { atMs: number; action: Action }[]): { atMs: number; attackerId: string }[] =>
  steps.flatMap(({ atMs, action }) => (action.type === 'steal' ? [{ atMs, attackerId: action.attackerId }] : []));

/** The names an action uses, by what they name. */
function namesIn(action: Action): { clients: string[]; users: string[]; servers: string[] } {
  const a = action as Partial<Record<'clientId' | 'fromClientId' | 'userId' | 'serverId', string>>;
  return { clients: [a.clientId, a.fromClientId].filter((n) => n !== undefined), users: a.userId === undefined ? [] : [a.userId], servers: a.serverId === undefined ? [] : [a.serverId] };
}

/** "zed", "zed and ann", "zed, ann, bo and 4 more": a link may name hundreds. */
const quoted = (names: readonly string[]): string => {
  const shown = names.slice(0, 3).map((n) => `"${clip(n, 24)}"`);
  const more = names.length - shown.length;
  const all = more > 0 ? [...shown, `${more} more`] : shown;
  return all.length === 1 ? all[0]! : `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`;
};

/**
 * A link's interventions that cannot do what they say in this lesson: a client, user or server it
 * does not have, a moment after its end, servers past the most the stage draws. The engine also
 * logs each when its moment comes ("There is no client called zed"), down in the event log; a
 * teacher who wrote the link learns it here, when the lesson opens.
 */
export function interventionProblems(actions: readonly RecordedAction[], lesson: LessonCast & { endMs: number }): string[] {
  const unknown = { clients: new Set<string>(), users: new Set<string>(), servers: new Set<string>() };
  const added = actions.filter(({ action }) => action.type === 'addServer').length;
  const serverIds = new Set(Array.from({ length: lesson.servers + added }, (_, i) => serverId(i + 1)));
  // An attacker the link's own steal brings in is a client it may name (the panel's Steal, then "mallory replays").
  const linkSteals = stealsIn(actions);
  const clientIds = new Set([...lesson.clientIds, ...linkSteals.map((t) => t.attackerId)]);
  let late = 0;
  for (const { atMs, action } of actions) {
    if (atMs > lesson.endMs) late++;
    const names = namesIn(action);
    for (const c of names.clients) if (!clientIds.has(c)) unknown.clients.add(c);
    for (const u of names.users) if (!lesson.userIds.includes(u)) unknown.users.add(u);
    for (const v of names.servers) if (!serverIds.has(v)) unknown.servers.add(v);
  }
  const notes: string[] = [];
  const named = (what: string, names: Set<string>, has: string) => {
    if (names.size) notes.push(`The link's interventions name ${plural(names.size, what)} this lesson does not have (${quoted([...names])}; it has ${has}): those do nothing.`);
  };
  named('client', unknown.clients, quoted(lesson.clientIds));
  named('user', unknown.users, quoted(lesson.userIds));
  named('server', unknown.servers, `server-1 to server-${lesson.servers}${added ? `, and the link adds ${added}` : ''}`);
  if (late) notes.push(`${late === 1 ? 'One of the link\'s interventions comes' : `${late} of the link's interventions come`} after the lesson's end (${duration(lesson.endMs)}): ${late === 1 ? 'it happens' : 'they happen'} only if the run goes on that long.`);
  // Each steal under a new name brings in an attacker; past the most the stage draws, the engine refuses the later ones.
  const steals = [...(lesson.steals ?? []), ...linkSteals];
  const attackers = [...new Set(steals.sort((a, b) => a.atMs - b.atMs).map((t) => t.attackerId))];
  const refused = attackers.slice(LIMITS.drawnAttackers);
  if (refused.length) notes.push(`The link brings in ${plural(attackers.length, 'attacker')}; the stage draws at most ${LIMITS.drawnAttackers}, so the ${refused.length === 1 ? 'last to come steals' : `last ${refused.length} to come steal`} nothing (${quoted(refused)}).`);
  const beyond = lesson.servers + added - LIMITS.drawnServers;
  if (added && beyond > 0) notes.push(`The link adds ${plural(added, 'server')} to the lesson's ${lesson.servers}; the stage draws at most ${LIMITS.drawnServers}, so the last ${beyond} ${beyond === 1 ? 'does' : 'do'} not join.`);
  return notes;
}

/**
 * A mode the lesson has no world for, a moment past the lesson's end: said, not silently changed.
 * A seek past the end goes as far as the run does (player.ts jumpTo): to the link's moment where
 * something is still to happen there (a key's overlap an intervention began, a store slowed
 * 100,000x answering minutes later), else to the run's last moment: `reachedMs`, the moment the
 * page opened on. Not judged on the worlds shown: a page without WebCrypto hides the JWT world and
 * says so itself.
 */
export function linkAdjustments(link: Pick<LinkState, 'view' | 'timeMs'>, lesson: { modes: readonly Mode[]; endMs: number; reachedMs?: number }): string[] {
  const notes: string[] = [];
  if (link.view && link.view !== 'both' && !lesson.modes.includes(link.view))
    notes.push(`This lesson has no ${SCHEME_WORDS[link.view].world}, which the link's mode asked for; it shows the ${lesson.modes.map((m) => SCHEME_WORDS[m].world).join(' and ')}.`);
  if (link.timeMs !== undefined && link.timeMs > lesson.endMs) {
    const reached = lesson.reachedMs ?? lesson.endMs;
    const where = reached <= lesson.endMs ? '; it opens at the end' : reached >= link.timeMs ? ': its run still goes on there' : `; it opens at ${duration(reached)}, where its run ends`;
    notes.push(`The link's moment (${duration(link.timeMs)}) is past the end of this lesson (${duration(lesson.endMs)})${where}.`);
  }
  return notes;
}

/**
 * URLSearchParams.get takes the first of a repeated parameter: said, as a link pasted twice into one
 * ("scenario=revocation&scenario=basic") opened revocation without a word. Here, not in parseLink:
 * the first load's code is held to issue 10's budget.
 */
export function repeatedParameters(search: string): string[] {
  const params = new URLSearchParams(search);
  return [...new Set(params.keys())].flatMap((name) => {
    const given = params.getAll(name);
    return given.length > 1 ? [`The link gives ${clip(name, 20)} ${given.length} times (${given.slice(0, 3).map((v) => `"${clip(v, 20)}"`).join(', ')}${given.length > 3 ? ', …' : ''}); the first is used.`] : [];
  });
}

/**
 * The loaded lesson's notices gain what it could not show of the link (after the link's seek; the
 * player's moment, not the store's `ended`, which a link's autoplay has cleared by now). `search`:
 * the address as the page opened, before the page rewrote it.
 */
export function noticeLinkAdjustments(store: AppStore, link: Pick<LinkState, 'view' | 'timeMs' | 'actions'>, search: string): void {
  const { scenario, endMs, worlds } = store.getState();
  const { player } = store;
  const world = Object.values(worlds)[0];
  // The servers its script adds count as its own (scale-out's and the load lesson's).
  const scriptAdds = scenario ? Math.max(...scenario.modes.map((m) => scenario.timeline(m).filter((step) => step.action.type === 'addServer').length)) : 0;
  // Its attackers: those there from the start (stolen-credential's mallory), then those its script's steals bring in.
  const mode = scenario?.modes[0];
  const steals =
    scenario && mode
      ? [...(scenario.options(mode).clients ?? []).filter((c) => c.kind === 'attacker').map((c) => ({ atMs: -1, attackerId: c.id })), ...stealsIn(scenario.timeline(mode))]
      : [];
  const cast: LessonCast | null = world ? { clientIds: world.clients.map((c) => c.id), userIds: world.users.map((u) => u.id), servers: world.options.servers + scriptAdds, steals } : null;
  const adjusted = [...repeatedParameters(search), ...(scenario ? linkAdjustments(link, { modes: scenario.modes, endMs, reachedMs: player.timeMs }) : []), ...(cast && link.actions ? interventionProblems(link.actions, { ...cast, endMs }) : [])];
  if (adjusted.length) store.setState((s) => ({ notices: [...s.notices, ...adjusted] }));
}
