// The registry of auth models: a world runs the one its `mode` names.
import type { SimState } from '../types';
import type { Mode } from './names';
import { jwtScheme } from './jwt';
import type { AuthScheme } from './scheme';
import { sessionScheme } from './session';

const SCHEMES: Record<Mode, AuthScheme> = {
  session: sessionScheme,
  jwt: jwtScheme,
};

export const schemeOf = (s: SimState): AuthScheme => SCHEMES[s.options.mode];
