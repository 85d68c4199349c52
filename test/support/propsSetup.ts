// Every test file: fast-check draws from the seed the global setup settled, with its run factor.
import fc from 'fast-check';
import { inject } from 'vitest';

fc.configureGlobal({ seed: inject('fcSeed'), numRuns: 100 * inject('fcRunsFactor') });

/** The runs a property asks for, times the run factor (npm run test:props). */
export const runs = (n: number): number => n * inject('fcRunsFactor');

/** A test's time limit, stretched as its runs are. */
export const propsTimeout = (ms: number): number => ms * inject('fcRunsFactor');
