/**
 * Moments of float32 data computed in float64 on the host. Squaring in float32 overflows
 * above ~1.8e19 and underflows below ~1e-23 long before the values themselves do, so a
 * float32 std can read 0 or Infinity while x is fine; here the three cases stay apart.
 */
export interface HostMoments {
  count: number;
  mean: number;
  /** Mean of x² (the second moment about 0). */
  secondMoment: number;
  /** Unbiased sample variance, as torch.std / numpy ddof=1. */
  variance: number;
  std: number;
  /** Largest |x| among finite entries. */
  maxAbs: number;
  /** Every entry is exactly 0. */
  allZero: boolean;
  /** Entries that are NaN or ±Infinity. */
  nonFinite: number;
}

export function hostMoments(values: ArrayLike<number>): HostMoments {
  const count = values.length;
  if (count === 0) throw new RangeError('hostMoments requires at least 1 value, got 0');
  let sum = 0;
  let sumSquares = 0;
  let maxAbs = 0;
  let nonFinite = 0;
  for (let i = 0; i < count; i++) {
    const x = values[i] as number;
    if (!Number.isFinite(x)) {
      nonFinite++;
      continue;
    }
    sum += x;
    sumSquares += x * x;
    maxAbs = Math.max(maxAbs, Math.abs(x));
  }
  if (nonFinite > 0) {
    // a NaN or ±∞ entry makes every moment undefined; maxAbs still describes the finite entries
    return { count, mean: Number.NaN, secondMoment: Number.NaN, variance: Number.NaN, std: Number.NaN, maxAbs, allZero: false, nonFinite };
  }
  const mean = sum / count;
  let centred = 0; // second pass: no cancellation when |mean| ≫ std
  for (let i = 0; i < count; i++) centred += ((values[i] as number) - mean) ** 2;
  const variance = count > 1 ? centred / (count - 1) : 0;
  return { count, mean, secondMoment: sumSquares / count, variance, std: Math.sqrt(variance), maxAbs, allZero: maxAbs === 0, nonFinite };
}

/** Arithmetic mean of finite numbers (float64). */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

/** Unbiased sample variance (float64, two-pass). */
export function sampleVariance(values: ArrayLike<number>): number {
  return pooledSampleVariance([values]);
}

/** sampleVariance of the parts joined end to end, without joining them: the same sums in the same order. */
export function pooledSampleVariance(parts: ReadonlyArray<ArrayLike<number>>): number {
  let [count, sum] = [0, 0];
  for (const part of parts) {
    count += part.length;
    for (let i = 0; i < part.length; i++) sum += part[i] as number;
  }
  if (count < 2) throw new RangeError(`sampleVariance requires at least 2 values, got ${count}`);
  const m = sum / count;
  let centred = 0;
  for (const part of parts) for (let i = 0; i < part.length; i++) centred += ((part[i] as number) - m) ** 2;
  return centred / (count - 1);
}

/** (x − mean)/sd with the sample's own mean and unbiased sd: a family's shape, whatever its scale. */
export function standardised(values: Float64Array): Float64Array {
  const m = mean(values);
  const sd = Math.sqrt(sampleVariance(values));
  return values.map((v) => (v - m) / sd);
}
