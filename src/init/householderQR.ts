/**
 * Thin QR of a tall m×n matrix (m ≥ n) by Householder reflections, in float64 on the host.
 * Used by `orthogonal`: float64 keeps QᵀQ = I to ~1e-15 before the float32 rounding, and the
 * host makes the result identical on every backend.
 *
 * Each column meets a chain of reflections x ← x − 2(v·x)v, and a reflection's dot product is a
 * pass over x, its update a second one. Here the update by one reflector and the dot product with
 * the next share one pass (the next dot reads each entry just after its update, in the same
 * ascending order a pass of its own would), so every column sums in the same order as reflector
 * by reflector: the same bits, in one pass a reflection instead of two.
 *
 * The passes run in WebAssembly (householder.wat), two columns to an f64x2 vector, each column
 * with the same operations in the same order as the JS loops before it (the harness holds the two
 * to the same bits: spec/support/referenceHouseholderQR.ts). Here: the reflectors, and the order.
 */
import { timed } from '../clock/phaseClock.ts';
import { ensureBytes, instantiate, type KernelMemory } from '../wasm/instantiate.ts';
import { HOUSEHOLDER_WASM } from './householder.wasm.ts';

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

/** Unit Householder vector v (v·v = 1) that reflects `column` onto α·e₁, and α (R's diagonal entry). */
export interface Reflector {
  v: Float64Array;
  alpha: number;
}

/** The reflector of one column (rows k…m-1 of column k once H_0…H_{k-1} have reflected it). */
export function reflectorOf(column: Float64Array): Reflector {
  const norm = euclideanNorm(column);
  const first = column[0] as number;
  const alpha = first >= 0 ? -norm : norm; // reflect away from x to avoid cancellation
  const v = Float64Array.from(column);
  v[0] = first - alpha;
  const vNorm = euclideanNorm(v);
  if (vNorm > 0) for (let i = 0; i < v.length; i++) (v[i] as number) /= vNorm;
  return { v, alpha };
}

/** householder.wat's exports; matrices are pair-stored (see there), pointers are byte offsets. */
interface Kernel {
  memory: KernelMemory;
  dot(base: number, m: number, col: number, row: number, v: number, len: number): number;
  update(base: number, m: number, col: number, row: number, v: number, len: number, vDotX: number): void;
  reflectAndDot(
    base: number,
    m: number,
    k: number,
    from: number,
    to: number,
    v: number,
    len: number,
    next: number,
    shift: number,
    dots: number,
  ): void;
}
let kernel: Kernel | undefined;
const householder = (): Kernel => (kernel ??= instantiate<Kernel>(HOUSEHOLDER_WASM));

/**
 * The kernel's memory laid out for one m×n QR: the matrix being factored (A) and Q, both
 * pair-stored, the reflectors v_0…v_{n-1} one after another (lengths m, m−1, …), and dots[col].
 */
class Workspace {
  readonly k = householder();
  readonly a = 0;
  readonly q: number;
  readonly dots: number;
  private reflectorEnd: number;
  /** Byte offset of each reflector written so far. */
  readonly reflectors: number[] = [];

  constructor(
    readonly m: number,
    readonly n: number,
  ) {
    const matrixBytes = Math.ceil(n / 2) * m * 16;
    this.q = matrixBytes;
    this.dots = 2 * matrixBytes;
    this.reflectorEnd = this.dots + n * 8;
    ensureBytes(this.k.memory, this.reflectorEnd + n * m * 8);
  }

  get f64(): Float64Array {
    return new Float64Array(this.k.memory.buffer);
  }

  /** Index in f64 units of entry (row, col) of the pair-stored matrix at byte offset `base`. */
  index(base: number, row: number, col: number): number {
    return base / 8 + ((col >> 1) * this.m + row) * 2 + (col & 1);
  }

  /** Writes the column-major m×n `values` into the matrix at `base`. */
  store(base: number, values: Float64Array): void {
    const f64 = this.f64;
    for (let col = 0; col < this.n; col++)
      for (let row = 0; row < this.m; row++) f64[this.index(base, row, col)] = values[col * this.m + row] as number;
  }

  /** The matrix at `base`, column-major. */
  load(base: number): Float64Array {
    const f64 = this.f64;
    const out = new Float64Array(this.m * this.n);
    for (let col = 0; col < this.n; col++)
      for (let row = 0; row < this.m; row++) out[col * this.m + row] = f64[this.index(base, row, col)] as number;
    return out;
  }

  /** Rows from… of column `col` of the matrix at `base`, copied out. */
  column(base: number, col: number, from: number): Float64Array {
    const f64 = this.f64;
    const out = new Float64Array(this.m - from);
    for (let row = from; row < this.m; row++) out[row - from] = f64[this.index(base, row, col)] as number;
    return out;
  }

  /** Appends reflector v_k (k = the count so far; m − k entries). */
  addReflector(v: Float64Array): void {
    this.f64.set(v, this.reflectorEnd / 8);
    this.reflectors.push(this.reflectorEnd);
    this.reflectorEnd += v.length * 8;
  }

  setDot(col: number, value: number): void {
    this.f64[this.dots / 8 + col] = value;
  }

  /** dots[col], as the last pass left it (not the kernel's dot product, k.dot). */
  dotOf(col: number): number {
    return this.f64[this.dots / 8 + col] as number;
  }
}

function factor(a: Float64Array, m: number, n: number): ThinQR {
  if (m < n) throw new RangeError(`householderQR: needs rows >= columns, got ${m}×${n}`);
  if (a.length !== m * n) throw new RangeError(`householderQR: expected ${m * n} entries, got ${a.length}`);
  const ws = new Workspace(m, n);
  const { k } = ws;
  ws.store(ws.a, a);
  const rDiagonal = new Float64Array(n);
  let current = reflectorOf(ws.column(ws.a, 0, 0));
  ws.addReflector(current.v);
  // dots[j]: v_k·(column j) for the reflector k about to be applied
  for (let j = 1; j < n; j++) ws.setDot(j, k.dot(ws.a, m, j, 0, ws.reflectors[0] as number, m));
  for (let c = 0; c < n; c++) {
    const v = ws.reflectors[c] as number;
    rDiagonal[c] = current.alpha;
    if (c + 1 === n) break;
    // column c+1 first: it gives the next reflector, whose dots the trailing columns' pass takes
    k.update(ws.a, m, c + 1, c, v, m - c, ws.dotOf(c + 1));
    current = reflectorOf(ws.column(ws.a, c + 1, c + 1));
    ws.addReflector(current.v);
    // column c itself would become (α, 0, …): only α is kept, so it is not reflected
    k.reflectAndDot(ws.a, m, c, c + 2, n, v, m - c, ws.reflectors[c + 1] as number, 1, ws.dots);
  }
  return { q: accumulate(ws), rDiagonal };
}

/**
 * The first n columns of H_0·H_1⋯H_{n-1}, column-major m×n, for unit reflectors v_k of length m − k.
 * Column j of Q is H_0·H_1⋯H_j·e_j (H_k for k > j is zero on e_j's rows): four columns share
 * one pass per reflector once they have met the reflectors only some of them need.
 */
export function accumulateQ(reflectors: readonly Float64Array[], m: number, n: number): Float64Array {
  const ws = new Workspace(m, n);
  for (const v of reflectors.slice(0, n)) ws.addReflector(v);
  return accumulate(ws);
}

function accumulate(ws: Workspace): Float64Array {
  const { k, m, n, q } = ws;
  const v = (r: number) => ws.reflectors[r] as number;
  // reflector r and, for the fused pass, the one applied after it (v_{r-1}: one row longer) or none
  const pass = (r: number, from: number, to: number) =>
    k.reflectAndDot(q, m, r, from, to, v(r), m - r, r > 0 ? v(r - 1) : 0, r > 0 ? -1 : 0, ws.dots);
  ws.f64.fill(0, q / 8, ws.dots / 8);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    for (let c = 0; c < 4; c++) ws.f64[ws.index(q, j + c, j + c)] = 1;
    for (let r = j + 3; r > j; r--) {
      for (let c = r; c < j + 4; c++) k.update(q, m, c, r, v(r), m - r, k.dot(q, m, c, r, v(r), m - r));
    }
    for (let c = 0; c < 4; c++) ws.setDot(j + c, k.dot(q, m, j + c, j, v(j), m - j));
    for (let r = j; r >= 0; r--) pass(r, j, j + 4);
  }
  for (; j < n; j++) {
    ws.f64[ws.index(q, j, j)] = 1;
    ws.setDot(j, k.dot(q, m, j, j, v(j), m - j));
    for (let r = j; r >= 0; r--) pass(r, j, j + 1);
  }
  return ws.load(q);
}

function euclideanNorm(x: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i] as number) ** 2;
  return Math.sqrt(sum);
}
