// The CPU cost of one signature check in this runtime, measured with real jose verifications: the
// lab charges it per check in virtual time, so a sweep speaks for this device. (Wall-clock time
// measures the device here; the model's time stays virtual.)
import type { Alg } from '../auth/alg';
import { createKey, signToken, verifyToken } from '../auth/tokens';

const WARMUP = 20;
/**
 * Checks are timed in batches lasting at least this long: a page that is not cross-origin isolated
 * reads a clock Chromium coarsens to 0.1 ms, and one HS256 check (~0.02 ms) timed alone read 0 or
 * 0.1, so the median was 0 and the lab charged the 0.001 ms floor, 20x too little.
 */
const MIN_BATCH_MS = 5;
const BATCHES = 7;
/** A clock that never moves (or moves too little) still ends: a batch grows to this at most. */
const MAX_BATCH = 4_096;

/** Median ms a check over BATCHES batches of sequential verifications of one token with `alg`, rounded to 1 us. */
export async function measureVerifyMs(alg: Alg, now: () => number = () => performance.now()): Promise<number> {
  const key = await createKey('calibration', alg, new Uint8Array(32).fill(7));
  const nowSec = 1_700_000_000;
  const token = await signToken({ sub: 'alice', role: 'user', jti: 'calibration', iat: nowSec, exp: nowSec + 60, iss: 'https://app.example', aud: 'app.example/api' }, key);
  const options = { resolveKey: () => key, algorithms: [alg], issuer: 'https://app.example', audience: 'app.example/api', nowMs: nowSec * 1000, clockToleranceMs: 0 };
  /** Ms that `size` checks in a row took. */
  const batch = async (size: number): Promise<number> => {
    const start = now();
    for (let i = 0; i < size; i++) {
      const result = await verifyToken(token, options);
      if (!result.ok) throw new Error(`calibration: the ${alg} check failed (${result.reason})`);
    }
    return now() - start;
  };
  await batch(WARMUP);
  let size = 1;
  while (size < MAX_BATCH && (await batch(size)) < MIN_BATCH_MS) size *= 2;
  const perCheck: number[] = [];
  for (let i = 0; i < BATCHES; i++) perCheck.push((await batch(size)) / size);
  perCheck.sort((a, b) => a - b);
  return Math.max(0.001, Math.round(perCheck[BATCHES >> 1]! * 1000) / 1000);
}
