// The seed and the number of runs of every property test (fast-check), read from the environment:
// fixed by default, so a CI run can be repeated exactly; FC_SEED=<n> replays another run's cases,
// FC_SEED=random draws a new seed (printed), FC_RUNS_FACTOR=<k> runs each property k times as often
// (npm run test:props: 10, with a new seed). No vitest here: the e2e suite reads it too.

/** The seed CI runs with. Any whole number would do; this one is written down so a failure replays. */
export const FIXED_SEED = 20_261_129;

export function propsSeed(env: Record<string, string | undefined> = process.env): number {
  const raw = env.FC_SEED?.trim();
  if (!raw) return FIXED_SEED;
  if (raw === 'random') return Math.floor(Math.random() * 2 ** 31);
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`FC_SEED must be a whole number or "random" (got "${raw}")`);
  return n;
}

export function propsRunsFactor(env: Record<string, string | undefined> = process.env): number {
  const raw = env.FC_RUNS_FACTOR?.trim();
  if (!raw) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1_000) throw new Error(`FC_RUNS_FACTOR must be a whole number from 1 to 1000 (got "${raw}")`);
  return n;
}
