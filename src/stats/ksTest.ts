/**
 * One-sample Kolmogorov–Smirnov test against a continuous CDF. The p-value uses the
 * asymptotic Kolmogorov distribution with Stephens' small-sample correction
 * λ = (√n + 0.12 + 0.11/√n)·D, accurate to about 1% for n ≥ 5 at the usual levels.
 */
import { sortAscending } from './sortAscending.ts';
import { assertFiniteSamples } from './validate.ts';

export interface KsResult {
  statistic: number;
  pValue: number;
  n: number;
}

export function ksTest(samples: ArrayLike<number>, cdf: (x: number) => number): KsResult {
  assertFiniteSamples('ksTest', samples, 5);
  return ksTestSorted(sortAscending(Float64Array.from(samples)), cdf);
}

/** ksTest on values already sorted ascending: one sort serves several CDFs. */
export function ksTestSorted(sorted: Float64Array, cdf: (x: number) => number): KsResult {
  const n = sorted.length;
  let statistic = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i] as number;
    const f = cdf(x);
    if (!(f >= 0 && f <= 1)) throw new RangeError(`ksTest: cdf(${x}) = ${f} is not a probability`);
    statistic = Math.max(statistic, (i + 1) / n - f, f - i / n);
  }
  return { statistic, pValue: kolmogorovSurvival((Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * statistic), n };
}

/**
 * Two-sample Kolmogorov–Smirnov: D = max |F_a − F_b| over the pooled values (ties stepped
 * together), p from the Kolmogorov distribution at the effective size nm/(n+m) with Stephens'
 * correction. For data whose exact null is not a known CDF, e.g. values standardised by their
 * own draw's estimates, compared with a reference treated the same way.
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  assertFiniteSamples('ksTwoSample', a, 5);
  assertFiniteSamples('ksTwoSample', b, 5);
  const [x, y] = [sortAscending(Float64Array.from(a)), sortAscending(Float64Array.from(b))];
  const [n, m] = [x.length, y.length];
  let [i, j, statistic] = [0, 0, 0];
  while (i < n && j < m) {
    const v = Math.min(x[i] as number, y[j] as number);
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
    statistic = Math.max(statistic, Math.abs(i / n - j / m));
  }
  const effective = (n * m) / (n + m);
  const root = Math.sqrt(effective);
  return { statistic, pValue: kolmogorovSurvival((root + 0.12 + 0.11 / root) * statistic), n: effective };
}

/** P(K > λ) = 2 Σ_{k≥1} (-1)^{k-1} exp(-2k²λ²). */
export function kolmogorovSurvival(lambda: number): number {
  if (Number.isNaN(lambda)) throw new RangeError('kolmogorovSurvival: lambda is NaN');
  if (lambda < 0.2) return 1; // the series is 1 to double precision here and converges slowly
  let sum = 0;
  // from λ = 0.2 the terms fall below 1e-16 by k = 22
  for (let k = 1; ; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-16) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** The CDF of U(low, high). */
export function uniformCdf(low: number, high: number): (x: number) => number {
  if (!(low < high)) throw new RangeError(`uniformCdf: low must be < high, got ${low}, ${high}`);
  return (x) => Math.min(1, Math.max(0, (x - low) / (high - low)));
}
