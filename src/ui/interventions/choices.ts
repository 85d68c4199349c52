// The fixed menus of the panel (values and their labels). Data only: what each value does is the
// engine's business.
import type { Alg, Delivery, FailMode, LbPolicy, SessionStorage } from '../../sim/types';

export interface Choice<T extends string | number> {
  value: T;
  label: string;
}

/** Attacker the Steal button creates: the engine adds the client on first theft. */
export const ATTACKER_ID = 'mallory';

const MINUS = '\u2212';

/** 10 s, 90 s, 2 min: whole minutes from two minutes up, seconds below. */
export function formatDuration(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** A signed clock offset: "0 s", "+5 s", "−2 min". */
export function formatOffset(ms: number): string {
  if (ms === 0) return '0 s';
  return `${ms > 0 ? '+' : MINUS}${formatDuration(Math.abs(ms))}`;
}

const durations = (values: number[], format = formatDuration): Choice<number>[] => values.map((value) => ({ value, label: format(value) }));

export const SKEW_CHOICES = durations([-120_000, -30_000, -5_000, 0, 5_000, 30_000, 120_000], formatOffset);
export const TTL_CHOICES = durations([10_000, 30_000, 60_000, 300_000]);
export const TOLERANCE_CHOICES = durations([0, 5_000, 30_000]);

export const LB_CHOICES: Choice<LbPolicy>[] = [
  { value: 'round-robin', label: 'Round robin' },
  { value: 'random', label: 'Random' },
  { value: 'least-connections', label: 'Least connections' },
  { value: 'sticky', label: 'Sticky (by client)' },
];
export const FAIL_MODE_CHOICES: Choice<FailMode>[] = [
  { value: 'closed', label: 'Closed (reject)' },
  { value: 'open', label: 'Open (accept)' },
];
export const DELIVERY_CHOICES: Choice<Delivery>[] = [
  { value: 'header', label: 'Header (Bearer)' },
  { value: 'cookie', label: 'Cookie' },
];
export const ALG_CHOICES: Choice<Alg>[] = [
  { value: 'HS256', label: 'HS256 (shared secret)' },
  { value: 'ES256', label: 'ES256 (P-256)' },
  { value: 'EdDSA', label: 'EdDSA (Ed25519)' },
];
export const STORAGE_CHOICES: Choice<SessionStorage>[] = [
  { value: 'shared', label: 'Shared store' },
  { value: 'local', label: 'Each server\u2019s memory' },
];
export const ROLE_CHOICES: Choice<string>[] = [
  { value: 'user', label: 'user' },
  { value: 'admin', label: 'admin' },
];

/** The menu plus the current value when a scenario set one the menu lacks (numbers stay sorted). */
export function withCurrent<T extends string | number>(choices: Choice<T>[], current: T, label: (v: T) => string = String): Choice<T>[] {
  if (choices.some((c) => c.value === current)) return choices;
  const all = [...choices, { value: current, label: label(current) }];
  return typeof current === 'number' ? all.sort((a, b) => (a.value as number) - (b.value as number)) : all;
}
