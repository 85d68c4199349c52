// The captioned steps of a lesson for the worlds on screen. Side by side, a step whose caption
// differs between the worlds reads "Session: … JWT: …", and steps only one world has still show.
import type { Scenario } from '../scenarios/scenario';
import type { Mode } from '../sim/types';

export interface LessonStep {
  atMs: number;
  caption: string;
}

const LABEL: Record<Mode, string> = { session: 'Session', jwt: 'JWT' };

export function lessonSteps(scenario: Scenario | null, modes: Mode[]): LessonStep[] {
  if (!scenario) return [];
  const shown = modes.filter((m) => scenario.modes.includes(m));
  const byTime = new Map<number, Map<Mode, string>>();
  for (const mode of shown) {
    for (const step of scenario.timeline(mode)) {
      if (!step.caption) continue;
      const at = byTime.get(step.atMs) ?? new Map<Mode, string>();
      if (!at.has(mode)) at.set(mode, step.caption);
      byTime.set(step.atMs, at);
    }
  }
  return [...byTime.entries()]
    .sort(([a], [b]) => a - b)
    .map(([atMs, captions]) => {
      const distinct = new Set(captions.values());
      const caption = distinct.size === 1 && captions.size === shown.length ? [...distinct][0]! : [...captions].map(([m, c]) => `${LABEL[m]}: ${c}`).join(' ');
      return { atMs, caption };
    });
}
