// The CPU cost of one signature check in this runtime, measured with real jose verifications: the
// lab charges it per check in virtual time, so a sweep speaks for this device. (Wall-clock time
// measures the device here; the model's time stays virtual.)
import type { Alg } from '../auth/alg';
import { createKey, signToken, verifyToken } from '../auth/tokens';

const WARMUP = 20;

/** Median ms of `runs` sequential verifications of one token with `alg`, rounded to 1 us. */
export async function measureVerifyMs(alg: Alg, runs = 200): Promise<number> {
  const key = await createKey('calibration', alg, new Uint8Array(32).fill(7));
  const nowSec = 1_700_000_000;
  const token = await signToken({ sub: 'alice', role: 'user', jti: 'calibration', iat: nowSec, exp: nowSec + 60, iss: 'https://app.example', aud: 'app.example/api' }, key);
  const options = { resolveKey: () => key, algorithms: [alg], issuer: 'https://app.example', audience: 'app.example/api', nowMs: nowSec * 1000, clockToleranceMs: 0 };
  const times: number[] = [];
  for (let i = 0; i < WARMUP + runs; i++) {
    const start = performance.now();
    const result = await verifyToken(token, options);
    const took = performance.now() - start;
    if (!result.ok) throw new Error(`calibration: the ${alg} check failed (${result.reason})`);
    if (i >= WARMUP) times.push(took);
  }
  times.sort((a, b) => a - b);
  return Math.max(0.001, Math.round(times[Math.floor(times.length / 2)]! * 1000) / 1000);
}
