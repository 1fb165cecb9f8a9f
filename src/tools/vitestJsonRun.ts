/**
 * One vitest run into a JSON report, and the report read back by claim: what the seed audit and
 * the power run both do for each seed or mutant.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';

export interface VitestTest {
  fullName: string;
  status: string;
  meta?: { claim?: { id: string; backend?: string; masterSeed?: number }; mutantCalls?: number };
}

export interface VitestJson {
  startTime: number;
  testResults: Array<{ endTime: number; assertionResults: VitestTest[] }>;
}

/** Where runVitestToJson keeps a run's console output (dot reporter, errors): beside its JSON report. */
export const logFileOf = (file: string): string => file.replace(/\.json$/, '') + '.log';

/**
 * `npx vitest run ARGS` with the JSON report in `file` and the console output (dot reporter,
 * stderr) in logFileOf(file), so a run that dies before its report leaves its reason behind;
 * failing tests are what the callers count, so a non-zero exit is not an error (a missing
 * report is, for the caller to say). Returns the wall time in s.
 */
export function runVitestToJson(args: readonly string[], file: string, env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  // a report left by an earlier run must not stand in for a run that crashes
  rmSync(file, { force: true });
  const log = openSync(logFileOf(file), 'w');
  try {
    execFileSync('npx', ['vitest', 'run', ...args, '--reporter=dot', '--reporter=json', `--outputFile.json=${file}`], {
      env: { ...process.env, ...env },
      stdio: ['ignore', log, log],
    });
  } catch {
    // failed tests are the data; the JSON report says which
  } finally {
    closeSync(log);
  }
  return (performance.now() - started) / 1000;
}

export function readVitestJson(file: string): VitestJson {
  return JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
}

/** Every test of the report. */
export function testsOf(report: VitestJson): VitestTest[] {
  return report.testResults.flatMap((t) => t.assertionResults);
}

/** The claim a test belongs to: its record's id, else the describe name's id before " · ". */
export function claimIdOf(test: VitestTest): string {
  return test.meta?.claim?.id ?? test.fullName.split(' · ')[0] ?? test.fullName;
}

/** The run's own wall time, from vitest's report: a reused report keeps the time it took to make. */
export function reportSeconds(report: VitestJson): number {
  return (Math.max(...report.testResults.map((t) => t.endTime)) - report.startTime) / 1000;
}
