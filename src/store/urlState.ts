// The part of the app's state a link carries: scenario, mode, seed, speed and playback position.
// Parsing never throws: a bad value is dropped with a sentence saying why, the rest still loads.
import { findMeta } from '../scenarios/catalog';
import { LIMITS } from '../sim/options';
import { SPEED_MAX, SPEED_MIN } from './clock';
import type { View } from './createAppStore';

export interface LinkState {
  scenarioId?: string;
  view?: View;
  seed?: number;
  speed?: number;
  timeMs?: number;
  autoplay?: boolean;
}

export interface ParsedLink {
  state: LinkState;
  problems: string[];
}

const VIEWS: Record<string, View> = { session: 'session', jwt: 'jwt', both: 'both' };

export function parseLink(search: string): ParsedLink {
  const params = new URLSearchParams(search);
  const state: LinkState = {};
  const problems: string[] = [];
  const scenario = params.get('scenario');
  if (scenario !== null) {
    if (findMeta(scenario)) state.scenarioId = scenario;
    else problems.push(`The link names a scenario "${scenario.slice(0, 40)}" that does not exist; showing the first one instead.`);
  }
  const mode = params.get('mode');
  if (mode !== null) {
    if (VIEWS[mode]) state.view = VIEWS[mode];
    else problems.push(`The link's mode "${mode.slice(0, 20)}" is not session, jwt or both; showing both.`);
  }
  const number = (name: string, min: number, max: number, integer: boolean, set: (n: number) => void) => {
    const raw = params.get(name);
    if (raw === null) return;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) problems.push(`The link's ${name} "${raw.slice(0, 20)}" must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; it was ignored.`);
    else set(n);
  };
  number('seed', LIMITS.seed.min, LIMITS.seed.max, true, (n) => (state.seed = n));
  number('speed', SPEED_MIN, SPEED_MAX, false, (n) => (state.speed = n));
  number('t', 0, 24 * 60 * 60_000, false, (n) => (state.timeMs = n));
  if (params.get('play') === '1') state.autoplay = true;
  return { state, problems };
}

export function linkFor(s: { scenarioId: string; view: View; seed: number | null; speed: number; timeMs: number }): string {
  const params = new URLSearchParams({ scenario: s.scenarioId, mode: s.view });
  if (s.seed !== null) params.set('seed', String(s.seed));
  if (s.speed !== 1) params.set('speed', String(Math.round(s.speed * 100) / 100));
  if (s.timeMs > 0) params.set('t', String(Math.round(s.timeMs)));
  return `?${params.toString()}`;
}
