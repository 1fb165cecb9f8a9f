/**
 * Applies the init-library mutant named by INITSPEC_MUTANT (npm run power), by wrapping one
 * src/init module with vi.doMock before the spec file imports it (or, for init code outside
 * src/init, patching it in place). Without the variable it does nothing. Each test's count of
 * calls into the mutated code lands in its meta.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { mutantModulePath, requestedMutant } from '../../src/power/mutants.ts';

declare module 'vitest' {
  interface TaskMeta {
    mutantCalls?: number;
  }
}

// One counter per worker process: the workers keep their modules from file to file (isolate: false),
// so the mutated module a later file uses may be the one an earlier file's mock created.
const counter: { calls: number } = ((globalThis as { __initspecMutantCalls?: { calls: number } }).__initspecMutantCalls ??= {
  calls: 0,
});

// A patch mutant changes code outside src/init in place: once per worker process.
const patched = ((globalThis as { __initspecMutantPatched?: Set<string> }).__initspecMutantPatched ??= new Set());

const mutant = requestedMutant();
if (mutant) {
  if ('module' in mutant) {
    vi.doMock(`../../src/${mutantModulePath(mutant.module)}`, async (importOriginal) =>
      mutant.mutate(await importOriginal(), () => counter.calls++),
    );
  } else if (!patched.has(mutant.name)) {
    patched.add(mutant.name);
    mutant.patch(() => counter.calls++);
  }
  beforeEach(() => {
    counter.calls = 0;
  });
  afterEach((context) => {
    context.task.meta.mutantCalls = counter.calls;
  });
}
