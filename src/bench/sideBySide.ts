/** Backends measured in one bench run, set side by side: the numbers and the speed-up between them. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SuiteTime } from '../report/claimsReporter.ts';
import { sig3 } from './measure.ts';

/** The parts of one backend's bench result (benchActive in main.ts) compared here. */
interface BenchResult {
  matmul: Array<Record<string, string | number>>;
  penalty?: { worst: number };
  chains: Array<Record<string, string | number>>;
  throughput: { rows: Array<Record<string, string | number>>; speedup: number };
}

/** A measure; `higherIsFaster` tells which way the speed-up is taken. */
interface Measure {
  label: string;
  higherIsFaster: boolean;
  read: (r: BenchResult, backend: string) => number | undefined;
}

const num = (v: string | number | undefined) => (v === undefined || v === '' ? undefined : Number(v));

const MEASURES: Measure[] = [
  {
    label: '512² matmul GFLOP/s (xᵀ @ Mᵀ, the suite layout)',
    higherIsFaster: true,
    read: (r) => num(r.matmul.find((row) => String(row.layout).includes('the suite'))?.['GFLOP/s']),
  },
  {
    label: '500-step chain s (randn/√dim, read every 8 steps)',
    higherIsFaster: false,
    read: (r) => num(r.chains[0]?.['suite, read every 8 steps s']),
  },
  { label: 'denormal penalty (worst × a normal-range matmul)', higherIsFaster: false, read: (r) => r.penalty?.worst },
  { label: 'chain GFLOP/s, 1 worker', higherIsFaster: true, read: (r) => num(r.throughput.rows[0]?.['aggregate GFLOP/s']) },
  { label: 'chain GFLOP/s, 2 workers', higherIsFaster: true, read: (r) => num(r.throughput.rows[1]?.['aggregate GFLOP/s']) },
];

/** Wall time of the last whole-suite run per backend and tier (written by the claims reporter). */
function suiteMeasures(): Measure[] {
  const file = path.join('reports', 'suite-times.json');
  if (!existsSync(file)) return [];
  const times = JSON.parse(readFileSync(file, 'utf8')) as Record<string, SuiteTime>;
  const tiers = [...new Set(Object.values(times).map((t) => t.tier))].sort();
  return tiers.flatMap((tier): Measure[] => [
    {
      label: `suite wall s, tier ${tier} (last npm test per backend)`,
      higherIsFaster: false,
      read: (_r, backend) => times[`${backend}/${tier}`]?.wallSeconds,
    },
    // a run filtered with -t records fewer claims: its wall time is not the suite's
    { label: `  claim records in that run`, higherIsFaster: true, read: (_r, backend) => times[`${backend}/${tier}`]?.claimRecords },
  ]);
}

/** Rows of measure × backend; with two backends, `speed-up` = how many times faster the second is. */
export function sideBySide(results: Record<string, unknown>) {
  const backends = Object.keys(results);
  const [first, second] = backends;
  const ratioLabel = backends.length === 2 ? `${second} speed-up over ${first}` : 'only with two backends';
  const rows = [...MEASURES, ...suiteMeasures()].map((m) => {
    const values = backends.map((b) => m.read(results[b] as BenchResult, b));
    const row: Record<string, string | number> = { measure: m.label };
    backends.forEach((b, i) => (row[b] = values[i] === undefined ? '—' : sig3(values[i] as number)));
    const [a, b] = values;
    const comparable = !m.label.startsWith('  ');
    if (backends.length === 2)
      row['speed-up'] = !comparable || a === undefined || b === undefined ? '—' : sig3(m.higherIsFaster ? b / a : a / b);
    return row;
  });
  return { ratioLabel, rows };
}
