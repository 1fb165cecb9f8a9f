/**
 * The test set StrykerJS runs against each mutant of src/init, src/stats and src/theory: the
 * harness unit tests (fast, deterministic seeds). The claims (minutes each) are left out; the
 * unit tests are what must tell a wrong formula from a right one.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['spec/harness/**/*.test.ts'],
    // spawns a whole vitest run per mutant otherwise
    exclude: ['spec/harness/backend.test.ts'],
    setupFiles: ['spec/setup/mutationBackend.ts'],
    pool: 'forks',
    testTimeout: 60_000,
  },
});
