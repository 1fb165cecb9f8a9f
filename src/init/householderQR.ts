/**
 * Thin QR of a tall m×n matrix (m ≥ n) by Householder reflections, in float64 on the host.
 * Used by `orthogonal`: float64 keeps QᵀQ = I to ~1e-15 before the float32 rounding, and the
 * host makes the result identical on every backend.
 */
import { timed } from '../bench/phaseClock.ts';

export interface ThinQR {
  /** Q, column-major m×n: Q[j*m + i] = Q(i, j). */
  q: Float64Array;
  /** The diagonal of R. */
  rDiagonal: Float64Array;
}

/** `a` is column-major m×n and is overwritten. */
export function householderQR(a: Float64Array, m: number, n: number): ThinQR {
  return timed('Householder QR', () => factor(a, m, n));
}

function factor(a: Float64Array, m: number, n: number): ThinQR {
  if (m < n) throw new RangeError(`householderQR: needs rows >= columns, got ${m}×${n}`);
  if (a.length !== m * n) throw new RangeError(`householderQR: expected ${m * n} entries, got ${a.length}`);
  const reflectors: Float64Array[] = [];
  const rDiagonal = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const column = a.subarray(k * m + k, k * m + m);
    const norm = euclideanNorm(column);
    const first = column[0] as number;
    const alpha = first >= 0 ? -norm : norm; // reflect away from x to avoid cancellation
    const v = Float64Array.from(column);
    v[0] = first - alpha;
    const vNorm = euclideanNorm(v);
    if (vNorm > 0) for (let i = 0; i < v.length; i++) (v[i] as number) /= vNorm;
    reflectors.push(v);
    rDiagonal[k] = alpha;
    reflectColumns(a, m, k, k, n, v);
  }
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * m + j] = 1;
  // Q = H_0·…·H_{n-1}·I, applied right to left: when H_k comes, columns j < k are still e_j, zero
  // in the rows H_k touches (≥ k), so it leaves them as they are exactly and need not visit them
  for (let k = n - 1; k >= 0; k--) {
    const v = reflectors[k] as Float64Array;
    reflectColumns(q, m, k, k, n, v);
  }
  return { q, rDiagonal };
}

/**
 * Columns from..to-1 of the column-major m-row `matrix`, rows k…: x ← (I - 2vvᵀ)x. Four columns
 * share one pass over v, so their four dot products run as independent chains (the CPU overlaps
 * them); each column still sums in the same order as alone, so the result is bit-identical.
 */
function reflectColumns(matrix: Float64Array, m: number, k: number, from: number, to: number, v: Float64Array): void {
  const length = v.length;
  let j = from;
  for (; j + 4 <= to; j += 4) {
    const o0 = j * m + k;
    const o1 = o0 + m;
    const o2 = o1 + m;
    const o3 = o2 + m;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    for (let i = 0; i < length; i++) {
      const vi = v[i] as number;
      d0 += vi * (matrix[o0 + i] as number);
      d1 += vi * (matrix[o1 + i] as number);
      d2 += vi * (matrix[o2 + i] as number);
      d3 += vi * (matrix[o3 + i] as number);
    }
    const s0 = 2 * d0;
    const s1 = 2 * d1;
    const s2 = 2 * d2;
    const s3 = 2 * d3;
    for (let i = 0; i < length; i++) {
      const vi = v[i] as number;
      (matrix[o0 + i] as number) -= s0 * vi;
      (matrix[o1 + i] as number) -= s1 * vi;
      (matrix[o2 + i] as number) -= s2 * vi;
      (matrix[o3 + i] as number) -= s3 * vi;
    }
  }
  for (; j < to; j++) reflect(matrix, j * m + k, v);
}

/** x ← (I - 2vvᵀ)x on the slice of `matrix` starting at `offset` with v's length. */
function reflect(matrix: Float64Array, offset: number, v: Float64Array): void {
  let dot = 0;
  for (let i = 0; i < v.length; i++) dot += (v[i] as number) * (matrix[offset + i] as number);
  const scale = 2 * dot;
  for (let i = 0; i < v.length; i++) (matrix[offset + i] as number) -= scale * (v[i] as number);
}

function euclideanNorm(x: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i] as number) ** 2;
  return Math.sqrt(sum);
}
