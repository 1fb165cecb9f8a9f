/**
 * How far a weight is from (semi-)orthogonal: torch's orthogonal_(gain) makes the rows of the
 * weight seen as [shape[0], rest] orthonormal ×gain where there are fewer rows than columns, the
 * columns otherwise. The largest entry of |WWᵀ − gain²·I| (or WᵀW), over gain², in float64: a
 * float32 orthogonal matrix sits at ~1e-6, a Gaussian one of the same std at ~1/√n. An exact
 * property up to rounding, so it spends no α.
 */

/** Weights above this size are not checked (the Gram matrix costs rows·cols·min(rows, cols)). */
export const MAX_ORTHOGONALITY_VALUES = 2 ** 24;
/** float32 rounding over a dot product of up to a few thousand terms stays well below this. */
export const ORTHOGONALITY_TOLERANCE = 1e-3;

export function orthogonalityError(values: ArrayLike<number>, rows: number, cols: number, gain: number): number {
  if (values.length !== rows * cols) throw new RangeError(`orthogonalityError: ${values.length} values for ${rows}×${cols}`);
  const byRows = rows <= cols;
  const [n, m] = byRows ? [rows, cols] : [cols, rows];
  // vectors to compare: rows (contiguous) or columns (strided)
  const vector = (i: number, k: number) => (byRows ? (values[i * cols + k] as number) : (values[k * cols + i] as number));
  const g2 = gain * gain;
  let worst = 0;
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let dot = 0;
      for (let k = 0; k < m; k++) dot += vector(i, k) * vector(j, k);
      worst = Math.max(worst, Math.abs(dot - (i === j ? g2 : 0)) / g2);
    }
  return worst;
}
