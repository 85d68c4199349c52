// The state as JSON text: what it would take to save or send it. Its requests and messages by id
// (ById rings, byId.ts) are written as lists of their values by their own `toJSON`.
import type { SimState } from './types';

export const stateJson = (s: SimState): string => JSON.stringify(s);
