/**
 * Runs once before the workers start: picks the backend by the same rules the workers use,
 * fails at once on a bad INITSPEC_BACKEND or INITSPEC_SEED, and says what will run.
 */
import type { TestProject } from 'vitest/node';
import { describeBackend, formatBackend } from '../../src/backend/describe.ts';
import { useBackend } from '../../src/backend/select.ts';
import { ALPHA_TOTAL } from '../../src/claim/budget.ts';
import { masterSeed } from '../../src/rng/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    backend: string;
    masterSeed: number;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const seed = masterSeed();
  const backend = await useBackend();
  console.log(`initspec: backend ${formatBackend(describeBackend())}; master seed ${seed}; α_total ${ALPHA_TOTAL}`);
  project.provide('backend', backend);
  project.provide('masterSeed', seed);
}
