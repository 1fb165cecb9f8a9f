import { defineConfig } from 'vitest/config';
import { HeavyFirstSequencer } from './spec/setup/heavyFirstSequencer.ts';

// Per worker: the backend check and tensor hygiene; mutants.ts applies an init-library mutant
// only when INITSPEC_MUTANT names one (npm run power). Given per project, not at the root: a
// project that extends the root would get a root-level list a second time.
const setupFiles = ['spec/setup/backend.ts', 'spec/setup/mutants.ts'];

export default defineConfig({
  test: {
    // `npm run test:harness` runs the unit tests of src alone, in seconds; `npm test` runs all
    // three: + integration (whole recipes and processes, a minute) + the claims (spec/*.spec.ts,
    // one file per notebook section).
    projects: [
      { extends: true, test: { name: 'harness', include: ['spec/harness/**/*.test.ts'], setupFiles } },
      { extends: true, test: { name: 'integration', include: ['spec/integration/**/*.test.ts'], setupFiles } },
      { extends: true, test: { name: 'claims', include: ['spec/*.spec.ts'], setupFiles } },
    ],
    globalSetup: ['spec/setup/globalSetup.ts'],
    // Both cores: each worker process owns one backend instance.
    pool: 'forks',
    sequence: { sequencer: HeavyFirstSequencer },
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // claimsReporter last: it writes reports/claims.{json,md} and prints the closing count line.
    // On GitHub Actions, failed claims also become annotations on the commit.
    reporters: [
      'default',
      ...(process.env.GITHUB_ACTIONS ? ['github-actions'] : []),
      'html',
      'junit',
      'json',
      './src/report/claimsReporter.ts',
    ],
    outputFile: {
      html: 'reports/index.html',
      junit: 'reports/junit.xml',
      json: 'reports/results.json',
    },
  },
});
