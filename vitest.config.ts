import { defineConfig } from 'vitest/config';
import { HeavyFirstSequencer } from './spec/setup/heavyFirstSequencer.ts';

export default defineConfig({
  test: {
    include: ['spec/**/*.{spec,test}.ts'],
    globalSetup: ['spec/setup/globalSetup.ts'],
    // mutants.ts applies an init-library mutant only when INITSPEC_MUTANT names one (npm run power)
    setupFiles: ['spec/setup/backend.ts', 'spec/setup/mutants.ts'],
    // Both cores: each worker process owns one backend instance.
    pool: 'forks',
    sequence: { sequencer: HeavyFirstSequencer },
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // claimsReporter last: it writes reports/claims.{json,md} and prints the closing count line.
    reporters: ['default', 'html', 'junit', 'json', './src/report/claimsReporter.ts'],
    outputFile: {
      html: 'reports/index.html',
      junit: 'reports/junit.xml',
      json: 'reports/results.json',
    },
  },
});
