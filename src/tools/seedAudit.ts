/**
 * `npm run audit:seeds -- --runs 20 [--base N] [--tier fast|full|tails] [--range 1-10] [--resume] [--filter "^C6c · "] [--out FILE] [spec files…]`:
 * the fresh-seed audit. Runs the suite under `runs` master seeds derived from a base (each
 * printed, each rerunnable with INITSPEC_SEED=…), then reports per claim how many runs failed,
 * the suite's measured false-fail rate against its declared α_total with a Clopper–Pearson
 * bound, and the claims whose failures exceed their α, with the seeds that broke them. Saves
 * its record (reports/audit.json, or --out) after every run (`complete: false` until the last),
 * so a long audit can be read while it runs, and prints after each run where it stands and how long
 * the rest take at its latest runs' pace.
 * - `--range 11-20` runs only those run numbers (one machine's share; the record says which);
 *   `npm run audit:seeds -- --merge part1.json part2.json … [--out FILE]` merges the parts into
 *   the record one run over all of them writes (src/tools/auditRecord.ts).
 * - `--resume` reuses finished runs instead of rerunning them: the per-run reports in
 *   reports/audit/, or else the run records of an earlier record (--out) of the same base.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ALPHA_TOTAL } from '../claim/budget.ts';
import { tier as parseTier } from '../claim/tier.ts';
import { parseSeed, seedFor } from '../rng/seed.ts';
import {
  auditProgress,
  falseFailCI,
  mergeAuditParts,
  parseRange,
  summariseAudit,
  type AuditRecord,
  type RunRecord,
} from './auditRecord.ts';
import { claimIdOf, logFileOf, readVitestJson, reportSeconds, runVitestToJson, testsOf } from './vitestJsonRun.ts';

const { values, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    base: { type: 'string', default: '1' },
    tier: { type: 'string', default: 'fast' },
    range: { type: 'string' },
    resume: { type: 'boolean', default: false },
    // a vitest -t pattern: audit only the claims it names (e.g. "^C6c · ")
    filter: { type: 'string' },
    out: { type: 'string', default: path.join('reports', 'audit.json') },
    merge: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const out = values.out;

if (values.merge) {
  const parts = positionals.map((file) => JSON.parse(readFileSync(file, 'utf8')) as AuditRecord);
  const merged = mergeAuditParts(parts);
  writeFileSync(out, `${JSON.stringify(merged, null, 2)}\n`);
  report(merged, `merged ${positionals.length} part(s): ${parts.map((p) => p.range ?? 'all').join(', ')}`);
} else {
  await audit();
}

async function audit(): Promise<void> {
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs must be a positive integer, got ${values.runs}`);
  const base = parseSeed(values.base, '--base');
  const tier = parseTier({ INITSPEC_TIER: values.tier });
  const { first, last } = parseRange(values.range, runs);
  const header = {
    runs,
    base,
    commit: gitCommit(),
    tier,
    ...(values.range === undefined ? {} : { range: `${first}-${last}` }),
    ...(values.filter === undefined ? {} : { filter: values.filter }),
  };
  const dir = path.join('reports', 'audit');
  mkdirSync(dir, { recursive: true });
  const claimIds = new Set<string>();
  const runRecords: RunRecord[] = [];
  const earlier = values.resume ? earlierRecords(base, claimIds) : new Map<number, RunRecord>();
  const save = (complete: boolean) => {
    const record = summariseAudit(header, runRecords, claimIds, complete);
    writeFileSync(out, `${JSON.stringify(record, null, 2)}\n`);
    return record;
  };
  for (let run = first; run <= last; run++) {
    const seed = seedFor('audit', run - 1, base);
    const file = path.join(dir, `run-${seed}.json`);
    const recorded = earlier.get(seed);
    const label = `audit run ${run}/${runs}${values.range ? ` (range ${first}-${last})` : ''}: INITSPEC_SEED=${seed}`;
    if (recorded !== undefined && !existsSync(file)) {
      console.log(`${label} (from ${out})`);
      runRecords.push({ ...recorded, run });
      save(false);
      continue;
    }
    const reused = values.resume && existsSync(file);
    console.log(`${label}${reused ? ' (reused)' : ''}`);
    const seconds = reused
      ? undefined
      : runVitestToJson([...positionals, ...(values.filter ? ['-t', values.filter] : [])], file, {
          INITSPEC_SEED: String(seed),
          INITSPEC_TIER: tier,
        });
    if (!existsSync(file)) {
      // vitest died before writing its report: a crash is a failed run, never a silent pass
      console.log(`audit run ${run}: no report; its console output is in ${logFileOf(file)}`);
      runRecords.push({ run, seed, failed: ['(run crashed: no report)'], seconds: seconds ?? 0, crashed: true });
      console.log(auditProgress(save(false)));
      continue;
    }
    const result = readVitestJson(file);
    const failed = new Set<string>();
    const backend = testsOf(result).find((t) => t.meta?.claim?.backend)?.meta?.claim?.backend;
    for (const test of testsOf(result)) {
      const id = claimIdOf(test);
      claimIds.add(id);
      if (test.status === 'failed') failed.add(id);
    }
    runRecords.push({
      run,
      seed,
      failed: [...failed],
      // a resumed run keeps the wall time its record has (the report's own time leaves out vitest's start, ~1 s)
      seconds: seconds ?? recorded?.seconds ?? reportSeconds(result),
      ...(backend ? { backend: backend.split(' (')[0] } : {}),
    });
    const record = save(false);
    if (!reused) console.log(auditProgress(record));
  }
  report(save(true), `runs ${first}-${last} of ${runs}`);
}

/** Finished runs of the same base in an earlier record, by seed, with the claim ids they saw. */
function earlierRecords(base: number, claimIds: Set<string>): Map<number, RunRecord> {
  if (!existsSync(out)) return new Map();
  const audit = JSON.parse(readFileSync(out, 'utf8')) as AuditRecord;
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

/** The closing lines, for a record already saved to `out`. */
function report(record: AuditRecord, what: string): void {
  console.log(
    `\naudit (${what}, ${record.tier} tier): false-fail rate ${record.runsWithAFailure}/${record.runsDone} runs = ${record.falseFailRate.toFixed(3)}, ` +
      `95% CI ${falseFailCI(record)} against α_total ${ALPHA_TOTAL}: ${record.withinBudget ? 'consistent with the budget' : 'OVER the budget'}`,
  );
  for (const c of record.fragile)
    console.log(`fragile: ${c.id} failed ${c.failedRuns}/${record.runsDone} (α ${c.alpha}); seeds ${c.seeds.join(', ')}`);
  console.log(`saved ${out}${record.complete ? '' : ' (complete: false: runs are missing)'}`);
}
