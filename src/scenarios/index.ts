// The scenario library. Ids are a public contract (links, the headless runner): keep them, and
// keep their order (the picker shows them in this order, from the basics to the trade-offs).
import { basic } from './basic';
import { clockSkew } from './clockSkew';
import { jwtInCookie } from './jwtInCookie';
import { keyRotation } from './keyRotation';
import { load } from './load';
import { microservices } from './microservices';
import { refreshTokens } from './refreshTokens';
import { revocation } from './revocation';
import { scaleOut } from './scaleOut';
import { staleClaims } from './staleClaims';
import { stolenCredential } from './stolenCredential';
import { storeOutage } from './storeOutage';
import { tampering } from './tampering';
import { tokenSize } from './tokenSize';
import type { Scenario } from './scenario';

export const SCENARIOS: Scenario[] = [
  basic,
  jwtInCookie,
  revocation,
  stolenCredential,
  scaleOut,
  storeOutage,
  refreshTokens,
  keyRotation,
  tampering,
  staleClaims,
  clockSkew,
  tokenSize,
  microservices,
  load,
];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
