/**
 * Runs once before the workers start: picks the backend by the same rules the workers use,
 * fails at once on a bad INITSPEC_BACKEND or INITSPEC_SEED, and says what will run.
 */
import type { TestProject } from 'vitest/node';
import { ALPHA_TOTAL } from '../../src/claim/budget.ts';
import { masterSeed } from '../../src/rng/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    backend: string;
    masterSeed: number;
  }
}

/**
 * vitest runs a global setup once per project, each in its own module graph: the backend is
 * loaded (dynamic imports) and announced by the first only, or tfjs would register it again.
 */
const shared = globalThis as { initspecBackend?: Promise<string> };

async function announceBackend(seed: number): Promise<string> {
  const { useBackend } = await import('../../src/backend/select.ts');
  const { describeBackend, formatBackend } = await import('../../src/backend/describe.ts');
  const backend = await useBackend();
  console.log(`initspec: backend ${formatBackend(describeBackend())}; master seed ${seed}; α_total ${ALPHA_TOTAL}`);
  return backend;
}

export default async function setup(project: TestProject): Promise<void> {
  const seed = masterSeed();
  shared.initspecBackend ??= announceBackend(seed);
  project.provide('backend', await shared.initspecBackend);
  project.provide('masterSeed', seed);
}
