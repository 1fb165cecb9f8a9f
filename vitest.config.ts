import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { tfThreadsPerWorker } from './src/backend/computeThreads.ts';
import { HeavyFirstSequencer } from './spec/setup/heavyFirstSequencer.ts';

// Per worker: the backend check and tensor hygiene; mutants.ts applies an init-library mutant
// only when INITSPEC_MUTANT names one (npm run power).
const setupFiles = ['spec/setup/backend.ts', 'spec/setup/mutants.ts'];

const WORKERS = 2;
// The cores shared out between the workers' TensorFlow (src/backend/computeThreads.ts), set before they start.
process.env.TF_NUM_INTRAOP_THREADS = tfThreadsPerWorker(WORKERS);
// glibc serves allocations over its mmap threshold with fresh pages: every 512² draw (1–2 MB)
// page-faulted in anew, and two workers faulting at once slowed each other. Kept in the heap
// and reused instead (the workers inherit these before glibc starts; other C libraries ignore them).
process.env.MALLOC_MMAP_THRESHOLD_ ??= String(64 * 2 ** 20);
process.env.MALLOC_TRIM_THRESHOLD_ ??= String(2 ** 30);

export default defineConfig({
  resolve: {
    // tfjs-core's ESM entry is ESM in a package without "type": "module", so Node cannot load it
    // and vite transformed its ~1000 modules in every process (the global setup spent 2.4 s on it
    // before one claim could start); its CommonJS bundle, the one tfjs-node itself loads, is one
    // file Node loads as is. The same code: tfjs keeps its engine and kernels in one global.
    alias: [{ find: /^@tensorflow\/tfjs-core$/, replacement: createRequire(import.meta.url).resolve('@tensorflow/tfjs-core') }],
  },
  test: {
    // One project: a worker reuses its process only for the next file of the same project, so
    // separate harness/integration/claims projects, interleaved heavy-first, made vitest start
    // ~13 processes instead of 2 (each loading tfjs and the backend again, ~1.5 s). The folders
    // still select: `npm run test:harness` runs spec/harness (the unit tests of src, seconds),
    // spec/integration holds whole recipes and processes, spec/*.spec.ts the claims (one file
    // per notebook section).
    include: ['spec/harness/**/*.test.ts', 'spec/integration/**/*.test.ts', 'spec/*.spec.ts'],
    setupFiles,
    globalSetup: ['spec/setup/globalSetup.ts'],
    // Both cores: each worker process owns one backend instance, and keeps it from file to file
    // (isolate: false): per-file processes loaded tfjs and the backend 45 times (setup 36 s + import
    // 21 s of worker time on tensorflow, against 4 s + 11 s), and the reference ensembles, memoised
    // per process, are now shared by the files of a worker. Tensor hygiene is still checked per file.
    pool: 'forks',
    isolate: false,
    sequence: { sequencer: HeavyFirstSequencer },
    maxWorkers: WORKERS,
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
