/**
 * Confidence intervals on plain float64 arrays, with quantiles from jstat. Each returns
 * `{ estimate, lower, upper, confidence, n, method }`; `sided: 'lower'` gives a one-sided
 * lower bound (upper = the parameter's maximum), `'upper'` the mirror.
 */
import jStat from 'jstat';
import { median } from './median.ts';
import { mean, pooledSampleVariance, sampleVariance } from './moments.ts';
import { assertConfidence, assertFiniteSamples, assertSamples } from './validate.ts';
import { chiSquareQuantile } from './chiSquareQuantile.ts';

export type Sided = 'two-sided' | 'lower' | 'upper';

export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
  n: number;
  method: string;
}

export interface IntervalOptions {
  confidence?: number;
  sided?: Sided;
}

/** Tail probabilities below and above the interval. */
function tails(confidence: number, sided: Sided): { below: number; above: number } {
  const alpha = 1 - confidence;
  if (sided === 'lower') return { below: alpha, above: 0 };
  if (sided === 'upper') return { below: 0, above: alpha };
  if (sided === 'two-sided') return { below: alpha / 2, above: alpha / 2 };
  throw new RangeError(`sided must be 'two-sided', 'lower' or 'upper', got ${JSON.stringify(sided)}`);
}

/**
 * Student-t interval for the mean.
 * @example meanCI([1, 2, 3, 4], { confidence: 0.95 }) // { estimate: 2.5, lower: 0.446, upper: 4.554, ... }
 */
export function meanCI(samples: ArrayLike<number>, { confidence = 0.95, sided = 'two-sided' }: IntervalOptions = {}): Interval {
  assertFiniteSamples('meanCI', samples, 2);
  assertConfidence('meanCI', confidence);
  const n = samples.length;
  const estimate = mean(samples);
  const standardError = Math.sqrt(sampleVariance(samples) / n);
  const { below, above } = tails(confidence, sided);
  // jStat's t quantile at 1 is +∞, so a one-sided interval needs no special case
  return {
    estimate,
    lower: estimate - jStat.studentt.inv(1 - below, n - 1) * standardError,
    upper: estimate + jStat.studentt.inv(1 - above, n - 1) * standardError,
    confidence,
    n,
    method: 'Student t',
  };
}

/**
 * Chi-square interval for the variance, exact for normal data. For lighter-tailed data
 * (uniform: excess kurtosis -1.2) it is conservative — wider than needed — never too narrow.
 */
export function varianceCI(samples: ArrayLike<number>, options: IntervalOptions = {}): Interval {
  return pooledVarianceCI([samples], options);
}

/**
 * varianceCI of the parts joined end to end, without joining them: the same sums in the same
 * order, so the same numbers (the claims pool millions of values over trials).
 */
export function pooledVarianceCI(
  parts: ReadonlyArray<ArrayLike<number>>,
  { confidence = 0.95, sided = 'two-sided' }: IntervalOptions = {},
): Interval {
  let offset = 0;
  for (const part of parts) {
    assertFiniteSamples('varianceCI', part, 0, offset);
    offset += part.length;
  }
  if (offset < 2) throw new RangeError(`varianceCI requires at least 2 samples, got ${offset}`);
  assertConfidence('varianceCI', confidence);
  const n = offset;
  const estimate = pooledSampleVariance(parts);
  const dof = n - 1;
  const { below, above } = tails(confidence, sided);
  return {
    estimate,
    lower: below === 0 ? 0 : (dof * estimate) / chiSquareQuantile(1 - below, dof),
    // chi-square quantile at 0 is 0, so the one-sided upper end is +∞ (its quantile at 1 is finite in jStat: hence the guard above)
    upper: (dof * estimate) / chiSquareQuantile(above, dof),
    confidence,
    n,
    method: 'chi-square',
  };
}

/** The chi-square interval for the standard deviation (square root of varianceCI's). */
export function stdCI(samples: ArrayLike<number>, options: IntervalOptions = {}): Interval {
  return pooledStdCI([samples], options);
}

/** stdCI of the parts joined end to end, without joining them (pooledVarianceCI). */
export function pooledStdCI(parts: ReadonlyArray<ArrayLike<number>>, options: IntervalOptions = {}): Interval {
  const v = pooledVarianceCI(parts, options);
  return { ...v, estimate: Math.sqrt(v.estimate), lower: Math.sqrt(v.lower), upper: Math.sqrt(v.upper) };
}

/** Clopper–Pearson ("exact") interval for a binomial proportion, from beta quantiles. */
export function proportionCI(
  successes: number,
  trials: number,
  { confidence = 0.95, sided = 'two-sided' }: IntervalOptions = {},
): Interval {
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`proportionCI: trials must be a positive integer, got ${trials}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`proportionCI: successes must be an integer in [0, ${trials}], got ${successes}`);
  }
  assertConfidence('proportionCI', confidence);
  const { below, above } = tails(confidence, sided);
  const x = successes;
  return {
    estimate: x / trials,
    // at x = 0 (or x = n) the beta parameter is 0 and jStat returns NaN, so that end is set;
    // a one-sided end needs no case: the beta quantiles at 0 and 1 are 0 and 1
    lower: x === 0 ? 0 : jStat.beta.inv(below, x, trials - x + 1),
    upper: x === trials ? 1 : jStat.beta.inv(1 - above, x + 1, trials - x),
    confidence,
    n: trials,
    method: 'Clopper-Pearson',
  };
}

/**
 * Distribution-free interval for the median from order statistics: [x_(l), x_(n+1-l)] with the
 * largest l such that P(Bin(n, ½) ≤ l-1) ≤ α/2. Its exact coverage, 1 - 2·P(Bin(n, ½) ≤ l-1)
 * ≥ confidence, is returned as `achievedConfidence`. Infinite samples are allowed (a
 * chain that never vanished counts as +∞).
 */
export function medianCI(
  samples: ArrayLike<number>,
  { confidence = 0.95 }: { confidence?: number } = {},
): Interval & { achievedConfidence: number; ranks: [number, number] } {
  assertConfidence('medianCI', confidence);
  const n = samples.length;
  const needed = minimumSamplesForMedianCI(confidence);
  assertSamples('medianCI', samples, needed);
  const sorted = Array.from(samples).sort((a, b) => a - b);
  const halfAlpha = (1 - confidence) / 2;
  let l = 1;
  // stops before n/2: there P(Bin(n, ½) ≤ l) ≥ ½ > α/2
  while (jStat.binomial.cdf(l, n, 0.5) <= halfAlpha) l++;
  const u = n + 1 - l;
  return {
    estimate: median(sorted),
    lower: sorted[l - 1] as number,
    upper: sorted[u - 1] as number,
    confidence,
    achievedConfidence: 1 - 2 * jStat.binomial.cdf(l - 1, n, 0.5),
    ranks: [l, u],
    n,
    method: 'order statistics',
  };
}

/** The smallest n for which the order-statistic median interval exists: 2·2^-n ≤ 1 - confidence. */
export function minimumSamplesForMedianCI(confidence: number): number {
  assertConfidence('minimumSamplesForMedianCI', confidence);
  return Math.ceil(Math.log2(2 / (1 - confidence)));
}

/**
 * F interval for the ratio of two standard deviations, σ_a/σ_b, from independent normal
 * samples: (s_a²/s_b²)/F quantiles, square-rooted.
 */
export function stdRatioCI(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  { confidence = 0.95, sided = 'two-sided' }: IntervalOptions = {},
): Interval {
  assertFiniteSamples('stdRatioCI', a, 2);
  assertFiniteSamples('stdRatioCI', b, 2);
  assertConfidence('stdRatioCI', confidence);
  const ratio = sampleVariance(a) / sampleVariance(b);
  const [dfA, dfB] = [a.length - 1, b.length - 1];
  const { below, above } = tails(confidence, sided);
  return {
    estimate: Math.sqrt(ratio),
    // jStat's F quantiles at 1 and 0 are +∞ and 0: one-sided ends come out as 0 and +∞
    lower: Math.sqrt(ratio / jStat.centralF.inv(1 - below, dfA, dfB)),
    upper: Math.sqrt(ratio / jStat.centralF.inv(above, dfA, dfB)),
    confidence,
    n: a.length + b.length,
    method: 'F (ratio of variances)',
  };
}

/** Welch–Satterthwaite degrees of freedom for two independent means with variances va/na and vb/nb. */
export function welchDegreesOfFreedom(va: number, na: number, vb: number, nb: number): number {
  const a = va / na;
  const b = vb / nb;
  if (a + b === 0) return na + nb - 2;
  return (a + b) ** 2 / (a ** 2 / (na - 1) + b ** 2 / (nb - 1));
}

/**
 * Welch's t interval for mean(a) − mean(b), two independent samples of possibly unequal
 * variance (e.g. trials against a reference ensemble).
 * @example meanDifferenceCI([1, 2, 3], [0, 1, 2, 3, 4]) // estimate 0
 */
export function meanDifferenceCI(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  { confidence = 0.95 }: { confidence?: number } = {},
): Interval {
  assertFiniteSamples('meanDifferenceCI', a, 2);
  assertFiniteSamples('meanDifferenceCI', b, 2);
  assertConfidence('meanDifferenceCI', confidence);
  const [va, vb] = [sampleVariance(a), sampleVariance(b)];
  const estimate = mean(a) - mean(b);
  const standardError = Math.sqrt(va / a.length + vb / b.length);
  const df = welchDegreesOfFreedom(va, a.length, vb, b.length);
  const half = standardError === 0 ? 0 : jStat.studentt.inv(1 - (1 - confidence) / 2, df) * standardError;
  return { estimate, lower: estimate - half, upper: estimate + half, confidence, n: a.length, method: 'Welch t' };
}
