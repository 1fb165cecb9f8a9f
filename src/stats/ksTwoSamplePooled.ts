/**
 * ksTwoSample of two pools of parts (trials' arrays), without joining or sorting the pools:
 * the same D to the last bit, in a tenth of the time on the matchers' pools (2 × 10 million values:
 * 2.9 → 0.3 s).
 *
 * ksTwoSample walks the pooled values in ascending order and takes D = max |i/n − j/m| over the
 * distinct values it passes, i and j the counts of a and b at or below the value. Here the values
 * go into K buckets by a monotone map, so a bucket holds a range of values and equal values share a
 * bucket. At a bucket's last value the counts are its cumulative counts, so those points give a
 * lower bound L on D. Inside bucket k, i and j stay within its cumulative counts before and after
 * it, which bounds every point there; only buckets whose bound exceeds L can hold a larger value,
 * and only their values are sorted and walked exactly. Each candidate point is the same
 * |i/n − j/m| of the same integers as in ksTwoSample, so D and p are the same numbers.
 */
import { kolmogorovSurvival, type KsResult } from './ksTest.ts';
import { assertFiniteSamples } from './validate.ts';

type Parts = ReadonlyArray<ArrayLike<number>>;

/** Values per bucket the map aims at: small sorts, and counts that stay in cache. */
const VALUES_PER_BUCKET = 64;
const MAX_BUCKETS = 1 << 18;

export function ksTwoSamplePooled(aParts: Parts, bParts: Parts): KsResult {
  const n = validated(aParts);
  const m = validated(bParts);
  let [lo, hi] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const part of [...aParts, ...bParts]) {
    for (let i = 0; i < part.length; i++) {
      const v = part[i] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const buckets = Math.max(1, Math.min(MAX_BUCKETS, Math.floor((n + m) / VALUES_PER_BUCKET)));
  // floor((v − lo)·scale) is monotone in v under rounding; all values equal, or a range too wide
  // or too narrow to scale, leave one bucket (then the walk below is ksTwoSample's whole walk)
  const scale = hi > lo && Number.isFinite(buckets / (hi - lo)) ? buckets / (hi - lo) : 0;
  const bucketOf = (v: number): number => Math.min(buckets - 1, Math.floor((v - lo) * scale));

  const countA = countsOf(aParts, buckets, bucketOf);
  const countB = countsOf(bParts, buckets, bucketOf);
  // cumulative counts below bucket k (index k); the walk is still going at bucket k while both are below n and m
  const belowA = new Float64Array(buckets + 1);
  const belowB = new Float64Array(buckets + 1);
  for (let k = 0; k < buckets; k++) {
    belowA[k + 1] = belowA[k]! + countA[k]!;
    belowB[k + 1] = belowB[k]! + countB[k]!;
  }
  const walked = (k: number): boolean => countA[k]! + countB[k]! > 0 && belowA[k]! < n && belowB[k]! < m;
  // at a walked bucket's last value the counts are belowA[k + 1], belowB[k + 1] (or the walk ended
  // inside it, where |i/n − j/m| was at least as large): a lower bound on D
  let lower = 0;
  for (let k = 0; k < buckets; k++) if (walked(k)) lower = Math.max(lower, Math.abs(belowA[k + 1]! / n - belowB[k + 1]! / m));
  // inside bucket k, i and j stay within its cumulative counts: the widest |i/n − j/m| they allow
  const candidates = new Uint8Array(buckets);
  for (let k = 0; k < buckets; k++) {
    if (!walked(k)) continue;
    const widest = Math.max(belowA[k + 1]! / n - belowB[k]! / m, belowB[k + 1]! / m - belowA[k]! / n);
    if (widest > lower) candidates[k] = 1;
  }
  const valuesA = gathered(aParts, candidates, bucketOf);
  const valuesB = gathered(bParts, candidates, bucketOf);
  let statistic = lower;
  for (let k = 0; k < buckets; k++) {
    if (candidates[k] !== 1) continue;
    const x = Float64Array.from(valuesA.get(k) ?? []).sort();
    const y = Float64Array.from(valuesB.get(k) ?? []).sort();
    const [baseA, baseB] = [belowA[k]!, belowB[k]!];
    // ksTwoSample's walk over this bucket's values, from its cumulative counts; it ends where either sample is used up
    let [i, j] = [0, 0];
    while ((i < x.length || j < y.length) && baseA + i < n && baseB + j < m) {
      const v = Math.min(x[i] ?? Number.POSITIVE_INFINITY, y[j] ?? Number.POSITIVE_INFINITY);
      while (i < x.length && x[i] === v) i++;
      while (j < y.length && y[j] === v) j++;
      statistic = Math.max(statistic, Math.abs((baseA + i) / n - (baseB + j) / m));
    }
  }
  const effective = (n * m) / (n + m);
  const root = Math.sqrt(effective);
  return { statistic, pValue: kolmogorovSurvival((root + 0.12 + 0.11 / root) * statistic), n: effective };
}

function validated(parts: Parts): number {
  let offset = 0;
  for (const part of parts) {
    assertFiniteSamples('ksTwoSample', part, 0, offset);
    offset += part.length;
  }
  if (offset < 5) throw new RangeError(`ksTwoSample requires at least 5 samples, got ${offset}`);
  return offset;
}

function countsOf(parts: Parts, buckets: number, bucketOf: (v: number) => number): Uint32Array {
  const counts = new Uint32Array(buckets);
  for (const part of parts) for (let i = 0; i < part.length; i++) counts[bucketOf(part[i] as number)]!++;
  return counts;
}

/** The values of the candidate buckets, by bucket. */
function gathered(parts: Parts, candidates: Uint8Array, bucketOf: (v: number) => number): Map<number, number[]> {
  const byBucket = new Map<number, number[]>();
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const v = part[i] as number;
      const k = bucketOf(v);
      if (candidates[k] !== 1) continue;
      const values = byBucket.get(k);
      if (values) values.push(v);
      else byBucket.set(k, [v]);
    }
  }
  return byBucket;
}
