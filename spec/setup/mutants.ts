/**
 * Applies the init-library mutant named by INITSPEC_MUTANT (npm run power), by wrapping one
 * src/init module with vi.doMock before the spec file imports it. Without the variable it does
 * nothing. Each test's count of calls into the mutated code lands in its meta.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { requestedMutant } from '../../src/power/mutants.ts';

declare module 'vitest' {
  interface TaskMeta {
    mutantCalls?: number;
  }
}

const mutant = requestedMutant();
if (mutant) {
  let calls = 0;
  vi.doMock(`../../src/init/${mutant.module}`, async (importOriginal) => mutant.mutate(await importOriginal(), () => calls++));
  beforeEach(() => {
    calls = 0;
  });
  afterEach((context) => {
    context.task.meta.mutantCalls = calls;
  });
}
