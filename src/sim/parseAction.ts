// The one gate every action from outside the code passes (a link's a=, the runner's --actions,
// the interventions panel): each field checked against its type, enum and range, ids and text
// free of control characters, so nothing malformed or hostile reaches the engine. Ids are only
// checked for shape here; whether they exist is the engine's question (it logs an unknown one).
import { ALGS } from '../auth/alg';
import { LIMITS } from './options';
import type { Action, Delivery, FailMode, ForgeHow, LbPolicy, SessionStorage, SimOptions } from './types';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Documented limits of what an action may carry (docs/ARCHITECTURE.md). */
export const ACTION_LIMITS = {
  idChars: 40,
  pathChars: 200,
  roleChars: 30,
  noteChars: 500,
  extraClaims: 64,
  claimValueChars: 256,
  skewMs: 60 * 60_000,
  // From 1, its own speed: a factor of 0.5 passed the gate and the engine logged "slows down 1x".
  storeSlowFactor: { min: 1, max: 100_000 },
  clockToleranceMs: 5 * 60_000,
  trafficEveryMs: { min: 1, max: 60 * 60_000 },
  trafficCount: 100_000,
} as const;

type Fields = Record<string, unknown>;
type Check<T> = (value: unknown, name: string) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (problem: string): Parsed<never> => ({ ok: false, problem });
export const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const id: Check<string> = (v, name) =>
  typeof v === 'string' && v.length <= ACTION_LIMITS.idChars && ID.test(v) && !RESERVED.has(v) ? ok(v) : bad(`${name} must be an id (letters, digits, . _ -; at most ${ACTION_LIMITS.idChars})`);

const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v, name) =>
    typeof v === 'string' && (values as readonly string[]).includes(v) ? ok(v as T) : bad(`${name} must be one of ${values.join(', ')}`);

const number =
  (min: number, max: number, integer = false): Check<number> =>
  (v, name) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v)) ? ok(v) : bad(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);

const boolean: Check<boolean> = (v, name) => (typeof v === 'boolean' ? ok(v) : bad(`${name} must be true or false`));

/** Printable text on one line: no CR/LF (no header injection), no other control characters. */
const text =
  (maxChars: number, pattern?: RegExp): Check<string> =>
  (v, name) =>
    // eslint-disable-next-line no-control-regex
    typeof v === 'string' && v.length <= maxChars && !/[\u0000-\u001f\u007f]/.test(v) && (!pattern || pattern.test(v)) ? ok(v) : bad(`${name} must be one line of text, at most ${maxChars} characters${pattern ? ' of the allowed kind' : ''}`);

const path = text(ACTION_LIMITS.pathChars, /^\/[\x21-\x7e]*$/);
const role = text(ACTION_LIMITS.roleChars, /^[A-Za-z0-9_-]+$/);
const CLAIM_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
/** Registered claims the server sets itself: extra claims may not overwrite them. */
const REGISTERED_CLAIMS = new Set(['sub', 'role', 'jti', 'iat', 'exp', 'nbf', 'iss', 'aud', 'pwv', 'typ']);

const claims: Check<Record<string, string>> = (v, name) => {
  if (!isRecord(v)) return bad(`${name} must be an object of claim names to strings`);
  const entries = Object.entries(v);
  if (entries.length > ACTION_LIMITS.extraClaims) return bad(`${name} may hold at most ${ACTION_LIMITS.extraClaims} claims`);
  const out: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (!CLAIM_NAME.test(key) || RESERVED.has(key) || REGISTERED_CLAIMS.has(key)) return bad(`${name}: "${key.slice(0, 40)}" is not a claim name an app may add`);
    const checked = text(ACTION_LIMITS.claimValueChars)(value, `${name}.${key}`);
    if (!checked.ok) return checked;
    out[key] = checked.value;
  }
  return ok(out);
};

const LB_POLICIES: readonly LbPolicy[] = ['round-robin', 'random', 'least-connections', 'sticky'];
const DELIVERIES: readonly Delivery[] = ['header', 'cookie'];
const FAIL_MODES: readonly FailMode[] = ['open', 'closed'];
const STORAGES: readonly SessionStorage[] = ['shared', 'local'];
const FORGERIES: readonly ForgeHow[] = ['role-admin', 'alg-none', 'guess-session'];

export type OptionsPatch = Extract<Action, { type: 'setOptions' }>['patch'];

/** What setOptions may change mid-run; `mode` is not among them (a world does not change kind). */
const PATCHABLE: { [K in keyof Required<OptionsPatch>]: Check<SimOptions[K]> } = {
  lbPolicy: oneOf(LB_POLICIES),
  denylist: boolean,
  denylistFailMode: oneOf(FAIL_MODES),
  refreshTokens: boolean,
  tokenTtlMs: number(LIMITS.tokenTtlMs.min, LIMITS.tokenTtlMs.max),
  delivery: oneOf(DELIVERIES),
  clockToleranceMs: number(0, ACTION_LIMITS.clockToleranceMs),
  sessionStorage: oneOf(STORAGES),
  alg: oneOf(ALGS),
};

export function parseOptionsPatch(v: unknown): Parsed<OptionsPatch> {
  if (!isRecord(v)) return bad('patch must be an object of settings');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) {
    if (!Object.hasOwn(PATCHABLE, key)) return bad(`patch: "${key.slice(0, 40)}" is not a setting that can change during a run`);
    const checked = PATCHABLE[key as keyof OptionsPatch](value, `patch.${key}`);
    if (!checked.ok) return checked;
    out[key] = checked.value;
  }
  if (Object.keys(out).length === 0) return bad('patch changes nothing');
  return ok(out as OptionsPatch);
}

/** Each action type's fields and their checks (a field not listed is refused). */
const SCHEMAS: { [T in Action['type']]: { [K in Exclude<keyof Extract<Action, { type: T }>, 'type'>]-?: Check<Extract<Action, { type: T }>[K]> } } = {
  login: { clientId: id },
  request: { clientId: id, path },
  traffic: { clientId: id, everyMs: number(ACTION_LIMITS.trafficEveryMs.min, ACTION_LIMITS.trafficEveryMs.max), count: number(1, ACTION_LIMITS.trafficCount, true) },
  logout: { clientId: id },
  refresh: { clientId: id },
  logoutEverywhere: { userId: id },
  banUser: { userId: id },
  changePassword: { userId: id },
  changeRole: { userId: id, role },
  setExtraClaims: { userId: id, claims },
  addServer: {},
  removeServer: { serverId: id },
  killServer: { serverId: id },
  restartServer: { serverId: id },
  storeDown: {},
  storeUp: {},
  storeSlow: { factor: number(ACTION_LIMITS.storeSlowFactor.min, ACTION_LIMITS.storeSlowFactor.max) },
  rotateKey: {},
  tamper: { clientId: id, how: oneOf(FORGERIES) },
  steal: { fromClientId: id, attackerId: id },
  setSkew: { serverId: id, skewMs: number(-ACTION_LIMITS.skewMs, ACTION_LIMITS.skewMs) },
  setOptions: { patch: (v) => parseOptionsPatch(v) },
  note: { text: text(ACTION_LIMITS.noteChars) },
};

/** Each action type and the names of its fields, as the gate checks them (what a fuzzer of actions needs to know). */
export const actionFields = (): { [T in Action['type']]: string[] } => Object.fromEntries(Object.entries(SCHEMAS).map(([type, schema]) => [type, Object.keys(schema)])) as { [T in Action['type']]: string[] };

/** Fields a type may leave out. */
const OPTIONAL: ReadonlySet<string> = new Set(['request.path']);

export function parseAction(v: unknown): Parsed<Action> {
  if (!isRecord(v) || typeof v.type !== 'string' || !Object.hasOwn(SCHEMAS, v.type)) return bad(`an action needs a known "type"${isRecord(v) && typeof v.type === 'string' ? ` (not "${v.type.slice(0, 30)}")` : ''}`);
  const type = v.type as Action['type'];
  const schema = SCHEMAS[type] as Record<string, Check<unknown>>;
  const out: Record<string, unknown> = { type };
  for (const key of Object.keys(v)) if (key !== 'type' && !Object.hasOwn(schema, key)) return bad(`${type}: "${key.slice(0, 30)}" is not one of its fields`);
  for (const [key, check] of Object.entries(schema)) {
    if (v[key] === undefined && OPTIONAL.has(`${type}.${key}`)) continue;
    const checked = check(v[key], `${type}.${key}`);
    if (!checked.ok) return checked;
    out[key] = checked.value;
  }
  return ok(out as Action);
}

export interface TimedAction {
  atMs: number;
  action: Action;
}

/** A list of timed actions (a link's a=, the runner's --actions): each one named if it is refused. */
export function parseTimedActions(v: unknown, { maxActions, maxTimeMs }: { maxActions: number; maxTimeMs: number }): Parsed<TimedAction[]> {
  if (!Array.isArray(v)) return bad('the interventions must be a JSON list of {"atMs": …, "action": {…}}');
  if (v.length > maxActions) return bad(`at most ${maxActions} interventions (got ${v.length})`);
  const out: TimedAction[] = [];
  for (const [i, item] of v.entries()) {
    const n = `intervention ${i + 1}`;
    if (!isRecord(item)) return bad(`${n} must be {"atMs": …, "action": {…}}`);
    const at = number(0, maxTimeMs)(item.atMs, 'atMs');
    if (!at.ok) return bad(`${n}: ${at.problem}`);
    const action = parseAction(item.action);
    if (!action.ok) return bad(`${n}: ${action.problem}`);
    out.push({ atMs: at.value, action: action.value });
  }
  return ok(out);
}

/** What interventions may do (a link's a=, the runner's --actions): what the panel can do, no self-repeating traffic. */
const INTERVENTIONS: ReadonlySet<Action['type']> = new Set<Action['type']>([
  'login', 'request', 'logout', 'refresh', 'logoutEverywhere', 'banUser', 'changePassword', 'changeRole', 'setExtraClaims',
  'addServer', 'removeServer', 'killServer', 'restartServer', 'storeDown', 'storeUp', 'storeSlow', 'rotateKey', 'tamper', 'steal', 'setSkew', 'setOptions', 'note',
]);
export const MAX_INTERVENTIONS = 200;

/** Interventions as JSON text: the same list and the same checks for a link and for the runner. */
export function parseInterventions(json: string, maxTimeMs: number): Parsed<TimedAction[]> {
  // An empty a= (a link cut short, a template left unfilled) is no broken JSON.
  if (json.trim() === '') return bad('the list is empty');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return bad('they are not JSON');
  }
  const parsed = parseTimedActions(value, { maxActions: MAX_INTERVENTIONS, maxTimeMs });
  if (!parsed.ok) return parsed;
  const i = parsed.value.findIndex((r) => !INTERVENTIONS.has(r.action.type));
  if (i >= 0) return bad(`intervention ${i + 1}: ${parsed.value[i]!.action.type} cannot be replayed as an intervention`);
  // In time order once checked (a stable sort keeps a moment's own order; a problem names the one as
  // listed): the app applies a list in turn, so a hand-written link's later-listed earlier ban landed
  // late, and differently after a seek back.
  return ok(parsed.value.sort((a, b) => a.atMs - b.atMs));
}
