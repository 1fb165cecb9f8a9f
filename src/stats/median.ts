/**
 * The one median of initspec: the sample median, the mean of the two middle values when n is
 * even (the conventional definition, numpy's and torch.quantile's at 0.5). Every report and
 * the CLI use it; medianCI's estimate is this value. It does not sort its input in place.
 * @example median([3, 1, 2]) // 2
 * @example median([4, 1, 3, 2]) // 2.5
 */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new RangeError('median requires at least 1 value, got 0');
  const sorted = Array.from(values).sort((a, b) => a - b);
  return n % 2 === 1 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
}

/** The median of the finite values, NaN when there are none: a report's summary, not a decision. */
export function finiteMedian(values: ArrayLike<number>): number {
  const finite = Array.from(values).filter(Number.isFinite);
  return finite.length ? median(finite) : Number.NaN;
}

/** The median of the measured values (NaN left out), ±Infinity kept as censored values that keep their rank; NaN when none. */
export function measuredMedian(values: ArrayLike<number>): number {
  const measured = Array.from(values).filter((v) => !Number.isNaN(v));
  return measured.length ? median(measured) : Number.NaN;
}
