/**
 * `npm run audit:power-room [-- reports/audit]`: the room of every ±δ power control, from the
 * claim records of seed-audit runs (reports/audit/run-*.json, the vitest JSON keeps each claim's
 * record). Per control and run: its best decisive check's room in SEs at the claim's own trial
 * count (src/claim/powerRoom.ts); over the runs the median, the smallest, and Φ(−median), its
 * miss probability, summed over the suite: the false-fail rate the power controls add to α.
 * Writes reports/power-room.json and reports/power-room.md.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { intervalQuantile, missProbability, powerRoom } from '../claim/powerRoom.ts';
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
  role: string;
  trials: number;
  checks: CheckRecord[];
}

const dir = process.argv[2] ?? path.join('reports', 'audit');
const files = readdirSync(dir)
  .filter((f) => /^run-\d+\.json$/.test(f))
  .map((f) => path.join(dir, f));
if (files.length === 0) throw new Error(`audit:power-room: no run-*.json in ${dir}; run npm run audit:seeds first`);

const rooms = new Map<string, number[]>();
// controls whose error showed in a check with no interval (a KS distance): no room to measure
const otherwise = new Map<string, string>();
for (const file of files) {
  const tests = testsOf(readVitestJson(file));
  const records = tests.flatMap((t) => {
    const record = t.meta?.claim as ClaimRecord | undefined;
    return record ? [{ record, name: t.fullName }] : [];
  });
  const claims = new Map(records.filter((r) => r.record.role === 'claim').map((r) => [r.record.id, r.record]));
  for (const { record, name } of records.filter((r) => r.record.role === 'power')) {
    const claim = claims.get(record.id);
    if (!claim) continue;
    const factor = /×[\d.]+/.exec(name)?.[0] ?? '×?';
    let best = Number.NEGATIVE_INFINITY;
    let bestLabel = '';
    const measured = new Set<string>();
    for (const check of record.checks) {
      const own = claim.checks.find((c) => c.label === check.label);
      if (!own || check.informational || !isInterval(own) || check.estimate === undefined || !Number.isFinite(check.estimate)) continue;
      // t intervals on the claim's trials; chi-square (std) and large samples: normal
      const df = /\bt\b/.test(own.method) && claim.trials < 1000 ? claim.trials - 1 : undefined;
      const room = powerRoom({
        controlEstimate: check.estimate,
        target: own.target,
        margin: own.margin,
        claimHalfWidth: (own.upper - own.lower) / 2,
        quantile: intervalQuantile(own.confidence, df),
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

function isInterval(
  c: CheckRecord,
): c is Required<Pick<CheckRecord, 'confidence' | 'margin' | 'target' | 'lower' | 'upper'>> & CheckRecord {
  return (
    [c.confidence, c.margin, c.target, c.lower, c.upper].every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    (c.margin as number) > 0
  );
}

const rows = [...rooms]
  .map(([control, values]) => {
    const middle = median(values);
    return { control, runs: values.length, median: middle, min: Math.min(...values), miss: missProbability(middle) };
  })
  .sort((a, b) => a.median - b.median);
const total = rows.reduce((sum, r) => sum + r.miss, 0);
const summary = `${rows.length} power controls over ${files.length} runs: projected miss probability summed ${total.toExponential(2)} a run (Φ(−median room) each)`;
const unmeasured = [...otherwise].map(([control, shownBy]) => ({ control, shownBy }));
writeFileSync(
  path.join('reports', 'power-room.json'),
  `${JSON.stringify({ dir, runs: files.length, totalMiss: total, rows, unmeasured }, null, 2)}\n`,
);
writeFileSync(
  path.join('reports', 'power-room.md'),
  `# Power controls' room\n\n${summary}.\n\n` +
    markdownTable(
      ['control · its best check', 'runs', 'median room (SEs)', 'smallest', 'miss ≈ Φ(−median)'],
      rows.map((r) => [r.control, String(r.runs), r.median.toFixed(2), r.min.toFixed(2), r.miss.toExponential(1)]),
    ).join('\n') +
    '\n' +
    (unmeasured.length
      ? `\nShown by a check without an interval (no room to measure here): ${unmeasured.map((u) => `${u.control} by ${u.shownBy}`).join('; ')}.\n`
      : ''),
);
console.log(summary);
for (const r of rows.slice(0, 12))
  console.log(`  ${r.median.toFixed(2).padStart(6)} SEs (min ${r.min.toFixed(2)})  miss ${r.miss.toExponential(1)}  ${r.control}`);
console.log('saved reports/power-room.md, reports/power-room.json');
