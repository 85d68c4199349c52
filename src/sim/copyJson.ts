// A deep copy of plain JSON data that shares its strings (they are immutable) where structuredClone
// would copy each: a log line or a token is then held once, however many copies point at it, and a
// copy costs the objects only (checkpoints in history.ts, the UI's snapshots in store/snapshot.ts).
// ById rings (the state's requests and messages by id) are copied with their values.
import { ById } from './byId';

export function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  if (value instanceof ById) return new ById([...value].map(([k, v]) => [k, copyJson(v)] as const)) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyJson((value as Record<string, unknown>)[key]);
  return out as T;
}
