// `npm run mutate`: StrykerJS over the formula modules, with the vitest runner on the harness
// tests (src/tools/vitest.mutation.config.ts). HTML report: reports/mutation/index.html.
// One module at a time: MUTATE=src/stats npm run mutate
const scope = process.env.MUTATE ?? '{src/init,src/stats,src/theory}';

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'src/tools/vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [`${scope}/**/*.ts`, '!**/index.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10000,
  reporters: ['html', 'clear-text', 'progress', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
