/**
 * `npm run audit:seeds -- --runs 20 [--base N] [--resume] [--filter "^C6c · "] [spec files…]`: the fresh-seed audit. Runs
 * the fast tier under `runs` master seeds derived from a base (each printed, each rerunnable
 * with INITSPEC_SEED=…), then reports per claim how many runs failed, the suite's measured
 * false-fail rate against its declared α_total with a Clopper–Pearson bound, and the claims
 * whose failures exceed their α, with the seeds that broke them. Writes reports/audit.json
 * after every run (`complete: false` until the last), so a long audit can be read while it runs;
 * `--resume` reuses finished runs instead of rerunning them: the per-run reports in
 * reports/audit/, or else the run records of a committed reports/audit.json of the same base
 * (so an audit longer than one session continues in the next).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ALPHA_LEDGER, ALPHA_TOTAL } from '../claim/budget.ts';
import { parseSeed, seedFor } from '../rng/seed.ts';
import { proportionCI } from '../stats/intervals.ts';
import { claimIdOf, logFileOf, readVitestJson, reportSeconds, runVitestToJson, testsOf } from './vitestJsonRun.ts';

const { values, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    base: { type: 'string', default: '1' },
    resume: { type: 'boolean', default: false },
    // a vitest -t pattern: audit only the claims it names (e.g. "^C6c · ")
    filter: { type: 'string' },
  },
  allowPositionals: true,
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs must be a positive integer, got ${values.runs}`);
const base = parseSeed(values.base, '--base');
const dir = path.join('reports', 'audit');
mkdirSync(dir, { recursive: true });

/** `backend`: what the run's claims ran on, from their records (the default is whatever loads). */
type RunRecord = { seed: number; failed: string[]; seconds: number; crashed?: boolean; backend?: string };
const failures = new Map<string, number[]>();
const claimIds = new Set<string>();
const runRecords: RunRecord[] = [];
const earlier = values.resume ? earlierRecords() : new Map<number, RunRecord>();
for (let r = 0; r < runs; r++) {
  const seed = seedFor('audit', r, base);
  const file = path.join(dir, `run-${seed}.json`);
  const recorded = earlier.get(seed);
  if (recorded !== undefined && !existsSync(file)) {
    console.log(`audit run ${r + 1}/${runs}: INITSPEC_SEED=${seed} (from reports/audit.json)`);
    for (const id of recorded.failed) failures.set(id, [...(failures.get(id) ?? []), seed]);
    runRecords.push(recorded);
    save(false);
    continue;
  }
  const reused = values.resume && existsSync(file);
  console.log(`audit run ${r + 1}/${runs}: INITSPEC_SEED=${seed}${reused ? ' (reused)' : ''}`);
  const seconds = reused
    ? undefined
    : runVitestToJson([...positionals, ...(values.filter ? ['-t', values.filter] : [])], file, {
        INITSPEC_SEED: String(seed),
        INITSPEC_TIER: 'fast',
      });
  if (!existsSync(file)) {
    // vitest died before writing its report: a crash is a failed run, never a silent pass
    console.log(`audit run ${r + 1}: no report; its console output is in ${logFileOf(file)}`);
    runRecords.push({ seed, failed: ['(run crashed: no report)'], seconds: seconds ?? 0, crashed: true });
    save(false);
    continue;
  }
  const report = readVitestJson(file);
  const failed = new Set<string>();
  const backend = testsOf(report).find((t) => t.meta?.claim?.backend)?.meta?.claim?.backend;
  for (const test of testsOf(report)) {
    const id = claimIdOf(test);
    claimIds.add(id);
    if (test.status === 'failed') failed.add(id);
  }
  for (const id of failed) failures.set(id, [...(failures.get(id) ?? []), seed]);
  runRecords.push({
    seed,
    failed: [...failed],
    seconds: seconds ?? reportSeconds(report),
    ...(backend ? { backend: backend.split(' (')[0] } : {}),
  });
  save(false);
}
save(true);

/** Finished runs of the same base in reports/audit.json, by seed, with the claim ids they saw. */
function earlierRecords(): Map<number, RunRecord> {
  const file = path.join('reports', 'audit.json');
  if (!existsSync(file)) return new Map();
  const audit = JSON.parse(readFileSync(file, 'utf8')) as { base: number; runRecords: RunRecord[]; perClaim: Array<{ id: string }> };
  if (audit.base !== base) return new Map();
  for (const c of audit.perClaim) claimIds.add(c.id);
  return new Map(audit.runRecords.filter((r) => !r.crashed).map((r) => [r.seed, r]));
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function save(complete: boolean): void {
  const audit = summarise(complete);
  writeFileSync(path.join('reports', 'audit.json'), `${JSON.stringify(audit, null, 2)}\n`);
  if (!complete) return;
  const [lo, hi] = audit.falseFailRate95;
  console.log(
    `\nfalse-fail rate: ${audit.runsWithAFailure}/${audit.runsDone} runs = ${audit.falseFailRate.toFixed(3)}, 95% CI [${lo.toFixed(3)}, ${hi.toFixed(3)}] ` +
      `against α_total ${ALPHA_TOTAL}: ${audit.withinBudget ? 'consistent with the budget' : 'OVER the budget'}`,
  );
  for (const c of audit.fragile)
    console.log(`fragile: ${c.id} failed ${c.failedRuns}/${audit.runsDone} (α ${c.alpha}); seeds ${c.seeds.join(', ')}`);
  console.log('saved reports/audit.json');
}

function summarise(complete: boolean) {
  const done = runRecords.length;
  const runsWithFailure = runRecords.filter((r) => r.failed.length > 0).length;
  const rate = proportionCI(runsWithFailure, done, { confidence: 0.95 });
  const perClaim = [...claimIds].sort().map((id) => {
    const seeds = failures.get(id) ?? [];
    const alpha = ALPHA_LEDGER[id];
    // fragile: more failures than a claim at its α would produce with 95% probability
    const fragile =
      alpha !== undefined ? proportionCI(seeds.length, done, { confidence: 0.95, sided: 'lower' }).lower > alpha : seeds.length > 0;
    return { id, alpha: alpha ?? null, failedRuns: seeds.length, seeds, fragile };
  });
  return {
    complete,
    runs,
    runsDone: done,
    base,
    commit: gitCommit(),
    // as the runs' claim records name it (INITSPEC_BACKEND, else tensorflow where tfjs-node loads, else wasm)
    backend: [...new Set(runRecords.map((r) => r.backend ?? 'unknown'))].join(', ') || (process.env.INITSPEC_BACKEND ?? 'default'),
    alphaTotal: ALPHA_TOTAL,
    runsWithAFailure: runsWithFailure,
    falseFailRate: rate.estimate,
    falseFailRate95: [rate.lower, rate.upper] as [number, number],
    // the budget is met unless the data rule out a rate of α_total (95% lower bound above it)
    withinBudget: rate.lower <= ALPHA_TOTAL,
    fragile: perClaim.filter((c) => c.fragile),
    perClaim,
    runRecords,
  };
}
