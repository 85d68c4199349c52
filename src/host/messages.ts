// The host page API's words (docs/embedding.md): what the simulator posts to window.parent, and
// the commands it accepts from it. Commands are validated here, where they enter; nothing else
// in the app sees a message that has not passed `parseCommand`.
import { findMeta } from '../scenarios/catalog';
import { LIMITS } from '../sim/options';
import { isRecord } from '../sim/parseAction';
import type { RunReport } from '../sim/report';
import type { View } from '../store/createAppStore';
import { isView, MAX_LINK_TIME_MS } from '../store/urlState';

/** A count of the learner's predictions in this lesson. */
export interface Score {
  asked: number;
  answered: number;
  correct: number;
  /** The lesson's questions for the worlds shown, asked or not: fewer asked means some were skipped (a seek, or questions turned off). */
  total: number;
}

export type OutMessage =
  | { type: 'authsim:ready'; scenario: string; mode: View; title: string; notice: string }
  /** The load lab (?lab=load) in a frame, instead of authsim:ready: it has no scenario or mode. */
  | { type: 'authsim:lab-ready'; lab: 'load'; title: string }
  | { type: 'authsim:resize'; height: number }
  | { type: 'authsim:caption'; text: string; timeMs: number }
  | { type: 'authsim:question'; id: string; text: string; choices: { id: string; text: string }[] }
  | { type: 'authsim:answer'; id: string; choice: string; correct: boolean }
  | { type: 'authsim:complete'; scenario: string; mode: View; summary: RunReport; score: Score };

export type Command =
  | { type: 'authsim:play' }
  | { type: 'authsim:pause' }
  | { type: 'authsim:step' }
  | { type: 'authsim:seek'; timeMs: number }
  | { type: 'authsim:load'; scenario: string; mode?: View; seed?: number };

export type Parsed = { command: Command } | { problem: string };



/** A message from the host page, checked field by field; a bad one is named, never half-applied. */
export function parseCommand(data: unknown): Parsed {
  if (!isRecord(data) || typeof data.type !== 'string') return { problem: 'a message without a string "type"' };
  const type = data.type;
  switch (type) {
    case 'authsim:play':
    case 'authsim:pause':
    case 'authsim:step':
      return { command: { type } };
    case 'authsim:seek': {
      const t = data.timeMs;
      if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > MAX_LINK_TIME_MS) return { problem: `authsim:seek needs timeMs, a number of milliseconds from 0 to ${MAX_LINK_TIME_MS}` };
      return { command: { type, timeMs: t } };
    }
    case 'authsim:load': {
      // Read whatever their case, as a link's are: a teacher copies them from one (teacher review).
      const { seed } = data;
      const [scenario, mode] = [data.scenario, data.mode].map((v) => (typeof v === 'string' ? v.toLowerCase() : v));
      if (typeof scenario !== 'string' || !findMeta(scenario)) return { problem: `authsim:load names no known scenario (${typeof scenario === 'string' ? scenario.slice(0, 40) : typeof scenario})` };
      if (mode !== undefined && !isView(mode)) return { problem: 'authsim:load mode must be session, jwt or both' };
      if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed) || seed < LIMITS.seed.min || seed > LIMITS.seed.max)) return { problem: `authsim:load seed must be a whole number from ${LIMITS.seed.min} to ${LIMITS.seed.max}` };
      return { command: { type, scenario, ...(mode !== undefined ? { mode } : {}), ...(seed !== undefined ? { seed } : {}) } };
    }
    default:
      return { problem: `an unknown message type "${type.slice(0, 40)}"` };
  }
}
