// The state as JSON text: what it would take to save or send it. Its Maps (requests and messages
// by id) are written as lists of their values; JSON.stringify alone would write them as `{}`.
import type { SimState } from './types';

export const stateJson = (s: SimState): string => JSON.stringify(s, (_key, value: unknown) => (value instanceof Map ? [...value.values()] : value));
