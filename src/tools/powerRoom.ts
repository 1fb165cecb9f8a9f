/**
 * `npm run audit:power-room [-- reports/audit]`: the room of every ±δ power control, from the
 * claim records of seed-audit runs (reports/audit/run-*.json, the vitest JSON keeps each claim's
 * record). Per control and run: its best decisive check's room in SEs at the claim's own trial
 * count (src/claim/powerRoom.ts); over the runs the median, the smallest, and Φ(−median), its
 * miss probability, summed over the suite: the false-fail rate the power controls add to α.
 * And the claims' own checks: each one's bias over the runs (its offsets' mean) and the fail
 * probability that bias leaves at its median half-width, against the check's α: a check whose
 * measured value sits off its theory (finite width, say) fails more often than its α states.
 * Writes reports/power-room.json and reports/power-room.md.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { claimRoom, intervalQuantile, missProbability, powerRoom } from '../claim/powerRoom.ts';
import { median } from '../stats/median.ts';
import { markdownTable } from '../text/format.ts';
import { readVitestJson, testsOf } from './vitestJsonRun.ts';

interface CheckRecord {
  label: string;
  method: string;
  informational?: boolean;
  confidence?: number;
  margin?: number;
  target?: number;
  estimate?: number;
  lower?: number;
  upper?: number;
  showsError?: boolean;
}
interface ClaimRecord {
  id: string;
  /** The checks a claim expects to fail (a false notebook claim): not a false fail, left out of the claims' room. */
  expectedFailure?: { checks: string[] };
  role: string;
  trials: number;
  checks: CheckRecord[];
}

const dir = path.relative(process.cwd(), process.argv[2] ?? path.join('reports', 'audit')) || '.';
const files = readdirSync(dir)
  .filter((f) => /^run-\d+\.json$/.test(f))
  .map((f) => path.join(dir, f));
if (files.length === 0) throw new Error(`audit:power-room: no run-*.json in ${dir}; run npm run audit:seeds first`);

const rooms = new Map<string, number[]>();
// the claims' own interval checks over the runs: offsets from the target, half-widths, trials
const own = new Map<
  string,
  { margin: number; confidence: number; method: string; offsets: number[]; halfWidths: number[]; trials: number[] }
>();
// controls whose error showed in a check with no interval (a KS distance): no room to measure
const otherwise = new Map<string, string>();
for (const file of files) {
  const tests = testsOf(readVitestJson(file));
  const records = tests.flatMap((t) => {
    const record = t.meta?.claim as ClaimRecord | undefined;
    return record ? [{ record, name: t.fullName }] : [];
  });
  const claims = new Map(records.filter((r) => r.record.role === 'claim').map((r) => [r.record.id, r.record]));
  for (const claim of claims.values()) {
    for (const check of claim.checks) {
      if (claim.expectedFailure?.checks.includes(check.label) || !isInterval(check) || !hasEstimate(check)) continue;
      const key = `${claim.id} · ${check.label}`;
      const entry = own.get(key) ?? {
        margin: check.margin,
        confidence: check.confidence,
        method: check.method,
        offsets: [],
        halfWidths: [],
        trials: [],
      };
      entry.offsets.push(check.estimate - check.target);
      entry.halfWidths.push((check.upper - check.lower) / 2);
      entry.trials.push(claim.trials);
      own.set(key, entry);
    }
  }
  for (const { record, name } of records.filter((r) => r.record.role === 'power')) {
    const claim = claims.get(record.id);
    if (!claim) continue;
    const factor = /×[\d.]+/.exec(name)?.[0] ?? '×?';
    let best = Number.NEGATIVE_INFINITY;
    let bestLabel = '';
    const measured = new Set<string>();
    for (const check of record.checks) {
      const claimCheck = claim.checks.find((c) => c.label === check.label);
      if (!claimCheck || !isInterval(claimCheck) || !hasEstimate(check)) continue;
      const room = powerRoom({
        controlEstimate: check.estimate,
        target: claimCheck.target,
        margin: claimCheck.margin,
        claimHalfWidth: (claimCheck.upper - claimCheck.lower) / 2,
        quantile: quantileOf(claimCheck, claim.trials),
      });
      measured.add(check.label);
      if (room > best) [best, bestLabel] = [room, check.label];
    }
    const shownBy = record.checks.filter((c) => c.showsError);
    if (shownBy.length > 0 && !shownBy.some((c) => measured.has(c.label))) {
      otherwise.set(`${record.id} ${factor}`, shownBy.map((c) => `${c.label} (${c.method})`).join(', '));
      continue;
    }
    if (!Number.isFinite(best)) continue;
    const key = `${record.id} ${factor} · ${bestLabel}`;
    rooms.set(key, [...(rooms.get(key) ?? []), best]);
  }
}

/** A decisive check with an interval and a margin. */
function isInterval(
  c: CheckRecord,
): c is Required<Pick<CheckRecord, 'confidence' | 'margin' | 'target' | 'lower' | 'upper'>> & CheckRecord {
  return (
    !c.informational &&
    [c.confidence, c.margin, c.target, c.lower, c.upper].every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    (c.margin as number) > 0
  );
}

function hasEstimate(c: CheckRecord): c is CheckRecord & { estimate: number } {
  return c.estimate !== undefined && Number.isFinite(c.estimate);
}

/** The quantile that made a check's interval: t on the trials for a t interval; chi-square (std) and large samples: normal. */
function quantileOf(check: { method: string; confidence: number }, trials: number): number {
  return intervalQuantile(check.confidence, /\bt\b/.test(check.method) && trials < 1000 ? trials - 1 : undefined);
}

const rows = [...rooms]
  .map(([control, values]) => {
    const middle = median(values);
    return { control, runs: values.length, median: middle, min: Math.min(...values), miss: missProbability(middle) };
  })
  .sort((a, b) => a.median - b.median);
const total = rows.reduce((sum, r) => sum + r.miss, 0);
const summary = `${rows.length} power controls over ${files.length} runs: projected miss probability summed ${total.toExponential(2)} a run (Φ(−median room) each)`;
const checks = [...own]
  .map(([check, e]) => {
    const room = claimRoom({
      offsets: e.offsets,
      halfWidths: e.halfWidths,
      quantile: quantileOf(e, median(e.trials)),
      margin: e.margin,
    });
    return { check, runs: e.offsets.length, margin: e.margin, alpha: 1 - e.confidence, ...room };
  })
  .sort((a, b) => b.failProbability / b.alpha - a.failProbability / a.alpha);
// a point estimate over a few runs is noisy: flag a check whose bias is also 3 of its SEs from 0
const over = checks.filter((c) => c.failProbability > 2 * c.alpha && Math.abs(c.bias) > 3 * c.biasSE);
const checksSummary =
  `${checks.length} claim checks with a margin: projected false-fail probability summed ${checks.reduce((s, c) => s + c.failProbability, 0).toExponential(2)} a run; ` +
  `${over.length} above twice their α with a bias 3 SEs from 0${over.length ? ` (${over.map((c) => c.check.split(' · ')[0]).join(', ')})` : ''}`;
const unmeasured = [...otherwise].map(([control, shownBy]) => ({ control, shownBy }));
writeFileSync(
  path.join('reports', 'power-room.json'),
  `${JSON.stringify({ dir, runs: files.length, totalMiss: total, rows, unmeasured, checks }, null, 2)}\n`,
);
writeFileSync(
  path.join('reports', 'power-room.md'),
  `# Power controls' room\n\nFrom the claim records of ${files.length} seed-audit runs in ${dir}. ${summary}.\n\n` +
    markdownTable(
      ['control · its best check', 'runs', 'median room (SEs)', 'smallest', 'miss ≈ Φ(−median)'],
      rows.map((r) => [r.control, String(r.runs), r.median.toFixed(2), r.min.toFixed(2), r.miss.toExponential(1)]),
    ).join('\n') +
    '\n' +
    (unmeasured.length
      ? `\nShown by a check without an interval (no room to measure here): ${unmeasured.map((u) => `${u.control} by ${u.shownBy}`).join('; ')}.\n`
      : '') +
    `\n## The claims' own checks: bias and room\n\n${checksSummary}. Bias: the mean offset from the theory over the runs (± its SE), in the check's SEs at its median half-width; ` +
    `fail ≈ Φ(−(margin − hw − bias)/SE) + Φ(−(margin − hw + bias)/SE).\n\n` +
    markdownTable(
      ['claim · check', 'runs', 'margin', 'bias ± SE', 'bias (SEs)', 'half-width / margin', 'fail ≈', 'α'],
      checks.map((c) => [
        c.check,
        String(c.runs),
        c.margin.toPrecision(3),
        `${c.bias.toPrecision(2)} ± ${c.biasSE.toPrecision(2)}`,
        (c.bias / c.standardError).toFixed(2),
        (c.halfWidth / c.margin).toFixed(2),
        c.failProbability.toExponential(1),
        c.alpha.toExponential(1),
      ]),
    ).join('\n') +
    '\n',
);
console.log(summary);
for (const r of rows.slice(0, 12))
  console.log(`  ${r.median.toFixed(2).padStart(6)} SEs (min ${r.min.toFixed(2)})  miss ${r.miss.toExponential(1)}  ${r.control}`);
console.log(checksSummary);
for (const c of checks.slice(0, 8))
  console.log(
    `  fail ${c.failProbability.toExponential(1)} (α ${c.alpha.toExponential(1)}), bias ${(c.bias / c.standardError).toFixed(2)} SEs  ${c.check}`,
  );
console.log('saved reports/power-room.md, reports/power-room.json');
