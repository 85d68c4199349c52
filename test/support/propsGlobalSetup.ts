// Once per vitest project: the property tests' seed and run factor are settled here (a random seed
// is drawn once, not per file) and printed, so any failure can be replayed with FC_SEED.
import type { TestProject } from 'vitest/node';
import { propsRunsFactor, propsSeed } from './props';

declare module 'vitest' {
  export interface ProvidedContext {
    fcSeed: number;
    fcRunsFactor: number;
  }
}

export default function setup(project: TestProject): void {
  if (!project.name) return; // the root of the projects runs no test
  const seed = propsSeed();
  const factor = propsRunsFactor();
  project.provide('fcSeed', seed);
  project.provide('fcRunsFactor', factor);
  console.log(`[${project.name}] property tests: fast-check seed ${seed}, runs x${factor} (FC_SEED=${seed} replays them)`);
}
