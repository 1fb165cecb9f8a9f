/**
 * The seed audit's record, from its runs alone: what `npm run audit:seeds` saves after each run
 * and what `--merge` makes of the parts that separate machines ran (one range of runs each).
 * The record depends only on the runs and the claim ids they saw, never on which machine ran
 * which range, so merging parts gives the record of one run over all of them.
 */
import { ALPHA_LEDGER, ALPHA_TOTAL } from '../claim/budget.ts';
import { proportionCI } from '../stats/intervals.ts';
import { median } from '../stats/median.ts';

/** One run: its number (1-based, in seedFor('audit', run − 1, base) order), seed, failed claim ids, wall time. */
export interface RunRecord {
  run?: number;
  seed: number;
  failed: string[];
  seconds: number;
  crashed?: boolean;
  /** what the run's claims ran on, from their records (the default is whatever loads) */
  backend?: string;
}

export interface AuditHeader {
  /** the runs the whole audit asks for */
  runs: number;
  base: number;
  commit: string;
  tier: string;
  /** the run numbers this record covers, `first-last` (absent: all of them) */
  range?: string;
  /** a vitest -t pattern the runs were limited to */
  filter?: string;
}

export type AuditRecord = ReturnType<typeof summariseAudit>;

/** The record of `runRecords` (any order; sorted by run number) and every claim id the runs saw. */
export function summariseAudit(header: AuditHeader, runRecords: readonly RunRecord[], claimIds: Iterable<string>, complete: boolean) {
  const runs = [...runRecords].sort((a, b) => (a.run ?? 0) - (b.run ?? 0));
  const done = runs.length;
  const runsWithFailure = runs.filter((r) => r.failed.length > 0).length;
  const rate = proportionCI(runsWithFailure, done, { confidence: 0.95 });
  const perClaim = [...new Set(claimIds)].sort().map((id) => {
    const seeds = runs.filter((r) => r.failed.includes(id)).map((r) => r.seed);
    const alpha = ALPHA_LEDGER[id];
    // fragile: more failures than a claim at its α would produce with 95% probability
    const fragile =
      alpha !== undefined ? proportionCI(seeds.length, done, { confidence: 0.95, sided: 'lower' }).lower > alpha : seeds.length > 0;
    return { id, alpha: alpha ?? null, failedRuns: seeds.length, seeds, fragile };
  });
  return {
    complete,
    runs: header.runs,
    ...(header.range === undefined ? {} : { range: header.range }),
    runsDone: done,
    base: header.base,
    tier: header.tier,
    ...(header.filter === undefined ? {} : { filter: header.filter }),
    commit: header.commit,
    // as the runs' claim records name it (INITSPEC_BACKEND, else tensorflow where tfjs-node loads, else wasm)
    backend: [...new Set(runs.map((r) => r.backend ?? 'unknown'))].join(', ') || (process.env.INITSPEC_BACKEND ?? 'default'),
    alphaTotal: ALPHA_TOTAL,
    runsWithAFailure: runsWithFailure,
    falseFailRate: rate.estimate,
    falseFailRate95: [rate.lower, rate.upper] as [number, number],
    // the budget is met unless the data rule out a rate of α_total (95% lower bound above it)
    withinBudget: rate.lower <= ALPHA_TOTAL,
    fragile: perClaim.filter((c) => c.fragile),
    perClaim,
    runRecords: runs,
  };
}

/** The false-fail rate's 95% interval as the audit prints it, e.g. `[0.000, 0.080]`. */
export function falseFailCI(record: AuditRecord): string {
  const [lo, hi] = record.falseFailRate95;
  return `[${lo.toFixed(3)}, ${hi.toFixed(3)}]`;
}

/**
 * One line on where a resumable audit stands: runs done and failed, and how long the rest take at
 * the pace of its latest runs (a long audit spans sessions, and machines of one kind differ ~2×).
 */
export function auditProgress(record: AuditRecord): string {
  const { first, last } = parseRange(record.range, record.runs);
  const toGo = last - first + 1 - record.runsDone;
  const done = `${record.runsDone} of ${last - first + 1} runs${record.range ? ` (range ${record.range})` : ''} done, ${record.runsWithAFailure} failed (false-fail rate 95% CI ${falseFailCI(record)})`;
  const latest = record.runRecords.slice(-5).map((r) => r.seconds);
  if (toGo <= 0 || latest.length === 0) return `audit: ${done}`;
  const pace = median(latest);
  return `audit: ${done}; ${toGo} to go, ~${((toGo * pace) / 3600).toFixed(1)} h at ${pace.toFixed(0)} s a run (median of the last ${latest.length})`;
}

/** `first-last` (1-based, inclusive) within `runs`; absent: every run. */
export function parseRange(text: string | undefined, runs: number): { first: number; last: number } {
  if (text === undefined) return { first: 1, last: runs };
  const match = /^(\d+)-(\d+)$/.exec(text.trim());
  const first = Number(match?.[1]);
  const last = Number(match?.[2]);
  if (!match || first < 1 || last < first || last > runs)
    throw new RangeError(`--range "${text}" is not first-last with 1 ≤ first ≤ last ≤ --runs (${runs})`);
  return { first, last };
}

/**
 * Parts of one audit (the same base, runs, tier, filter and commit; ranges that do not overlap)
 * merged into its record. Anything that disagrees is an error naming the field.
 */
export function mergeAuditParts(parts: ReadonlyArray<AuditRecord & { range?: string }>): AuditRecord {
  if (parts.length === 0) throw new RangeError('audit merge: no parts given');
  const first = parts[0] as AuditRecord;
  for (const key of ['base', 'runs', 'tier', 'filter', 'commit'] as const) {
    const values = new Set(parts.map((p) => JSON.stringify(p[key as keyof AuditRecord] ?? null)));
    if (values.size > 1) throw new RangeError(`audit merge: the parts disagree on ${key}: ${[...values].join(' vs ')}`);
  }
  const seen = new Map<number, string>();
  for (const part of parts)
    for (const run of part.runRecords) {
      if (run.run === undefined)
        throw new RangeError(`audit merge: part ${part.range ?? '(whole)'} has a run without its number (seed ${run.seed})`);
      const other = seen.get(run.run);
      if (other !== undefined) throw new RangeError(`audit merge: run ${run.run} is in both ${other} and ${part.range ?? '(whole)'}`);
      seen.set(run.run, part.range ?? '(whole)');
    }
  const runRecords = parts.flatMap((p) => p.runRecords);
  const claimIds = parts.flatMap((p) => p.perClaim.map((c) => c.id));
  const header = { runs: first.runs, base: first.base, commit: first.commit, tier: first.tier, filter: first.filter };
  return summariseAudit(header, runRecords, claimIds, runRecords.length === first.runs);
}
