/**
 * The notebook's all-zero end, below float32's normal range. A vanishing chain leaves the normal
 * range when max|x| < 2^-126 and is all-zero some steps later; how many depends on the chain's
 * rate and on how the backend rounds in the denormal range, where every value is an integer
 * number of units u = 2^-149:
 * - a matmul that rounds each product to float32 before adding (no fused multiply-add: tfjs-wasm,
 *   PyTorch's CPU kernels mostly) loses every product below u/2 on its own, so x is all-zero once
 *   max|m|·max|x| < 2^-150, although the exact sum of those products would still round to units;
 * - one that sums in a wider type and rounds once (tfjs's cpu backend) gives all-zero once the
 *   exact max|M·x| < 2^-150;
 * - one that flushes denormals to zero (tfjs-node's TensorFlow) is all-zero as soon as it leaves
 *   the normal range: there is no tail to measure.
 */
import jStat from 'jstat';
import { FLOAT32_SMALLEST_DENORMAL, FLOAT32_SMALLEST_NORMAL } from './float32.ts';
import type { SchemeFamily } from './schemeFamily.ts';

export type TailRounding = 'eachProduct' | 'onceForTheSum';

/**
 * The median of the largest |entry| among the n entries of one column of a matrix of the family
 * with entry std σ: P(max ≤ t) = ½. Uniform(±b), b = √3σ: b·½^(1/n); normal (and Haar
 * orthogonal, whose entries are N(0, 1/n) to O(1/n)): σ·Φ⁻¹((1 + ½^(1/n))/2).
 */
export function medianColumnMax({ family, std, n }: { family: SchemeFamily; std: number; n: number }): number {
  if (!(std > 0) || !Number.isFinite(std)) throw new RangeError(`medianColumnMax: std must be a positive finite number, got ${std}`);
  if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`medianColumnMax: n must be a positive integer, got ${n}`);
  const q = 0.5 ** (1 / n);
  if (family === 'uniform') return Math.sqrt(3) * std * q;
  return std * (jStat.normal.inv((1 + q) / 2, 0, 1) as number);
}

export interface TailEnds {
  /** First loop index with max|x| < 2^-126, or NaN. */
  belowNormal: number;
  /** First loop index at which x is all-zero under the rounding rule, or NaN. */
  allZero: number;
}

/**
 * Along a trajectory of log10 max|x_i| (exact arithmetic), where the chain leaves the normal range
 * and where float32 makes it all-zero. `log10ColumnMax` is log10 of the largest |m| a product meets
 * (medianColumnMax), used by 'eachProduct' only.
 */
export function tailEnds(
  log10MaxAbs: ArrayLike<number>,
  { rounding, log10ColumnMax }: { rounding: TailRounding; log10ColumnMax: number },
): TailEnds {
  const normal = Math.log10(FLOAT32_SMALLEST_NORMAL);
  const half = Math.log10(FLOAT32_SMALLEST_DENORMAL / 2);
  let belowNormal = Number.NaN;
  for (let i = 0; i < log10MaxAbs.length; i++) {
    const here = log10MaxAbs[i] as number;
    if (Number.isNaN(belowNormal) && here < normal) belowNormal = i;
    const lost = rounding === 'onceForTheSum' ? here < half : i > 0 && (log10MaxAbs[i - 1] as number) + log10ColumnMax < half;
    if (lost) return { belowNormal: Number.isNaN(belowNormal) ? i : belowNormal, allZero: i };
  }
  return { belowNormal, allZero: Number.NaN };
}

/**
 * The closed-form tail length in steps for a chain falling at `rate` decades per step (< 0):
 * from 2^-126 to 2^-150 (one rounding of the sum) or to 2^-150/max|m| (each product rounded).
 * It shows how a scale error moves the tail; the claims decide against the reference ensemble.
 */
export function closedFormTailSteps({
  rate,
  rounding,
  log10ColumnMax,
}: {
  rate: number;
  rounding: TailRounding;
  log10ColumnMax: number;
}): number {
  if (!(rate < 0)) throw new RangeError(`closedFormTailSteps: a vanishing chain's rate must be < 0 decades per step, got ${rate}`);
  const normal = Math.log10(FLOAT32_SMALLEST_NORMAL);
  const end = Math.log10(FLOAT32_SMALLEST_DENORMAL / 2) - (rounding === 'eachProduct' ? log10ColumnMax : 0);
  return (normal - end) / -rate;
}
