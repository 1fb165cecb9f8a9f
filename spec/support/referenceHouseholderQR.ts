/**
 * The Householder QR as src/init/householderQR.ts computed it in JS before its WebAssembly kernel
 * (src/init/householder.wat): the harness holds the kernel to this bit for bit. The reflector of a
 * column (reflectorOf) is still the JS one, shared.
 *
 * Thin QR of a tall m×n matrix (m ≥ n) by Householder reflections, in float64 on the host.
 * Used by `orthogonal`: float64 keeps QᵀQ = I to ~1e-15 before the float32 rounding, and the
 * host makes the result identical on every backend.
 *
 * Each column meets a chain of reflections x ← x − 2(v·x)v, and a reflection's dot product is a
 * pass over x, its update a second one. Here the update by one reflector and the dot product with
 * the next share one pass (the next dot reads each entry just after its update, in the same
 * ascending order a pass of its own would), so every column sums in the same order as reflector
 * by reflector: the same bits, in one pass a reflection instead of two.
 */

import { reflectorOf, type ThinQR } from '../../src/init/householderQR.ts';

/** `a` is column-major m×n and is overwritten. */
export function householderQR(a: Float64Array, m: number, n: number): ThinQR {
  return factor(a, m, n);
}

const columnOf = (a: Float64Array, m: number, k: number) => a.subarray(k * m + k, k * m + m);

function factor(a: Float64Array, m: number, n: number): ThinQR {
  if (m < n) throw new RangeError(`householderQR: needs rows >= columns, got ${m}×${n}`);
  if (a.length !== m * n) throw new RangeError(`householderQR: expected ${m * n} entries, got ${a.length}`);
  const reflectors: Float64Array[] = [];
  const rDiagonal = new Float64Array(n);
  // dots[j]: v_k·(column j) for the reflector k about to be applied
  const dots = new Float64Array(n);
  let current = reflectorOf(columnOf(a, m, 0));
  for (let j = 1; j < n; j++) dots[j] = dot(current.v, a, j * m);
  for (let k = 0; k < n; k++) {
    const v = current.v;
    reflectors.push(v);
    rDiagonal[k] = current.alpha;
    if (k + 1 === n) break;
    // column k+1 first: it gives the next reflector, whose dots the trailing columns' pass takes
    update(a, (k + 1) * m + k, v, dots[k + 1] as number);
    current = reflectorOf(columnOf(a, m, k + 1));
    // column k itself would become (α, 0, …): only α is kept, so it is not reflected
    reflectAndDot(a, m, k, k + 2, n, v, current.v, dots);
  }
  return { q: accumulateQ(reflectors, m, n), rDiagonal };
}

/**
 * The first n columns of H_0·H_1⋯H_{n-1}, column-major m×n, for unit reflectors v_k of length m − k.
 * Column j of Q is H_0·H_1⋯H_j·e_j (H_k for k > j is zero on e_j's rows): four columns share
 * one pass per reflector once they have met the reflectors only some of them need.
 */
export function accumulateQ(reflectors: readonly Float64Array[], m: number, n: number): Float64Array {
  const q = new Float64Array(m * n);
  const dots = new Float64Array(n);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    for (let c = 0; c < 4; c++) q[(j + c) * m + j + c] = 1;
    for (let k = j + 3; k > j; k--) {
      const v = reflectors[k] as Float64Array;
      for (let c = k; c < j + 4; c++) update(q, c * m + k, v, dot(v, q, c * m + k));
    }
    for (let c = 0; c < 4; c++) dots[j + c] = dot(reflectors[j] as Float64Array, q, (j + c) * m + j);
    for (let k = j; k >= 0; k--) {
      reflectAndDot(q, m, k, j, j + 4, reflectors[k] as Float64Array, k > 0 ? (reflectors[k - 1] as Float64Array) : undefined, dots);
    }
  }
  for (; j < n; j++) {
    q[j * m + j] = 1;
    dots[j] = dot(reflectors[j] as Float64Array, q, j * m + j);
    for (let k = j; k >= 0; k--) {
      reflectAndDot(q, m, k, j, j + 1, reflectors[k] as Float64Array, k > 0 ? (reflectors[k - 1] as Float64Array) : undefined, dots);
    }
  }
  return q;
}

/** v·x for x the slice of `matrix` at `offset` with v's length, summed in ascending order. */
function dot(v: Float64Array, matrix: Float64Array, offset: number): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] as number) * (matrix[offset + i] as number);
  return sum;
}

/** x ← x − 2·(v·x)·v on the slice at `offset`, given v·x. */
function update(matrix: Float64Array, offset: number, v: Float64Array, vDotX: number): void {
  const scale = 2 * vDotX;
  for (let i = 0; i < v.length; i++) (matrix[offset + i] as number) -= scale * (v[i] as number);
}

/**
 * Columns from..to-1 of the column-major m-row `matrix`, rows k…: x ← x − 2·dots[j]·v (v = v_k,
 * dots[j] = v_k·x given), and in the same pass dots[j] ← next·x over rows k-1… when `next` is the
 * reflector applied after v_k in Q's accumulation (v_{k-1}, one row longer: its first row is not
 * touched by v_k), or over rows k+1… in the factorization (v_{k+1}, one row shorter). Four columns
 * share a pass, so their dot products run as independent chains.
 */
function reflectAndDot(
  matrix: Float64Array,
  m: number,
  k: number,
  from: number,
  to: number,
  v: Float64Array,
  next: Float64Array | undefined,
  dots: Float64Array,
): void {
  const length = v.length;
  // where next's first row sits relative to v's: -1 (one row above, Q's accumulation) or +1
  const shift = next === undefined ? 0 : next.length - length === 1 ? -1 : 1;
  const nextOffset = -shift; // next's index of row k + i is i + nextOffset
  let j = from;
  for (; j + 4 <= to; j += 4) {
    const o0 = j * m + k;
    const o1 = o0 + m;
    const o2 = o1 + m;
    const o3 = o2 + m;
    const s0 = 2 * (dots[j] as number);
    const s1 = 2 * (dots[j + 1] as number);
    const s2 = 2 * (dots[j + 2] as number);
    const s3 = 2 * (dots[j + 3] as number);
    if (next === undefined) {
      for (let i = 0; i < length; i++) {
        const vi = v[i] as number;
        (matrix[o0 + i] as number) -= s0 * vi;
        (matrix[o1 + i] as number) -= s1 * vi;
        (matrix[o2 + i] as number) -= s2 * vi;
        (matrix[o3 + i] as number) -= s3 * vi;
      }
      continue;
    }
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    let i = 0;
    if (shift === -1) {
      // next's first row (k-1) is untouched by v
      const n0 = next[0] as number;
      d0 += n0 * (matrix[o0 - 1] as number);
      d1 += n0 * (matrix[o1 - 1] as number);
      d2 += n0 * (matrix[o2 - 1] as number);
      d3 += n0 * (matrix[o3 - 1] as number);
    } else {
      // row k is v's only: update it alone
      const vi = v[0] as number;
      (matrix[o0] as number) -= s0 * vi;
      (matrix[o1] as number) -= s1 * vi;
      (matrix[o2] as number) -= s2 * vi;
      (matrix[o3] as number) -= s3 * vi;
      i = 1;
    }
    for (; i < length; i++) {
      const vi = v[i] as number;
      const ni = next[i + nextOffset] as number;
      const x0 = (matrix[o0 + i] as number) - s0 * vi;
      const x1 = (matrix[o1 + i] as number) - s1 * vi;
      const x2 = (matrix[o2 + i] as number) - s2 * vi;
      const x3 = (matrix[o3 + i] as number) - s3 * vi;
      matrix[o0 + i] = x0;
      matrix[o1 + i] = x1;
      matrix[o2 + i] = x2;
      matrix[o3 + i] = x3;
      d0 += ni * x0;
      d1 += ni * x1;
      d2 += ni * x2;
      d3 += ni * x3;
    }
    dots[j] = d0;
    dots[j + 1] = d1;
    dots[j + 2] = d2;
    dots[j + 3] = d3;
  }
  for (; j < to; j++) {
    const o = j * m + k;
    const s = 2 * (dots[j] as number);
    if (next === undefined) {
      for (let i = 0; i < length; i++) (matrix[o + i] as number) -= s * (v[i] as number);
      continue;
    }
    let d = 0;
    let i = 0;
    if (shift === -1) d += (next[0] as number) * (matrix[o - 1] as number);
    else {
      (matrix[o] as number) -= s * (v[0] as number);
      i = 1;
    }
    for (; i < length; i++) {
      const x = (matrix[o + i] as number) - s * (v[i] as number);
      matrix[o + i] = x;
      d += (next[i + nextOffset] as number) * x;
    }
    dots[j] = d;
  }
}
