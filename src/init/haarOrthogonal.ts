/**
 * The Haar-orthogonal draws: Householder QR of a seeded Gaussian with the sign(diag R)
 * correction (Mezzadri 2007), in float64 on the host, and Stewart's cheaper draw of the same law
 * for the reference ensembles. Without the correction Q is orthogonal but not Haar (its first row
 * leans towards QR's sign convention): the power run's mutant asks for that.
 */
import { standardNormals } from '../rng/draw.ts';
import { timed } from '../clock/phaseClock.ts';
import { accumulateQ, householderQR, reflectorOf } from './householderQR.ts';

/** `tall`×`wide` with orthonormal columns, column-major (Q[j*tall + i] = Q(i, j)). */
export function haarColumns(tall: number, wide: number, seed: number, { signCorrection = true } = {}): Float64Array {
  const { q, rDiagonal } = householderQR(standardNormals(tall * wide, seed), tall, wide);
  return signCorrection ? withSignCorrection(q, rDiagonal, tall) : q;
}

/** Q·sign(diag R): column j of the column-major `q` (`tall` rows) negated where R's diagonal is negative. */
function withSignCorrection(q: Float64Array, rDiagonal: ArrayLike<number>, tall: number): Float64Array {
  for (let j = 0; j < rDiagonal.length; j++) {
    if ((rDiagonal[j] as number) >= 0) continue; // sign(0) taken as +1: a zero diagonal has probability 0
    for (let i = 0; i < tall; i++) (q[j * tall + i] as number) *= -1;
  }
  return q;
}

/**
 * The same law as haarColumns by Stewart's method (1980): in the QR of a Gaussian, column k's
 * reflected rows k… are a fresh N(0, I) vector independent of the reflectors before it, so here
 * each reflector comes from a fresh Gaussian vector and the matrix is never factored. Half the
 * flops and tall·wide − wide(wide−1)/2 normals instead of tall·wide. For the reference ensembles;
 * orthogonal() keeps torch's QR of a whole Gaussian, so a seed gives torch's matrix.
 */
export function stewartHaarColumns(tall: number, wide: number, seed: number): Float64Array {
  if (!Number.isInteger(tall) || !Number.isInteger(wide) || wide < 1 || tall < wide)
    throw new RangeError(`stewartHaarColumns: needs integers tall >= wide >= 1, got ${tall}×${wide}`);
  const z = standardNormals(tall * wide - (wide * (wide - 1)) / 2, seed);
  return timed('Householder QR', () => {
    const reflectors: Float64Array[] = [];
    const rDiagonal = new Float64Array(wide);
    let offset = 0;
    for (let k = 0; k < wide; k++) {
      const { v, alpha } = reflectorOf(z.subarray(offset, offset + tall - k));
      offset += tall - k;
      reflectors.push(v);
      rDiagonal[k] = alpha;
    }
    return withSignCorrection(accumulateQ(reflectors, tall, wide), rDiagonal, tall);
  });
}

/**
 * gain × a Haar (semi-)orthogonal rows × cols matrix, row-major float32: WᵀW = gain²·I if
 * rows ≥ cols, else WWᵀ = gain²·I. The Gaussian is drawn column-major tall×wide, the same numbers
 * as a row-major wide×tall one, i.e. torch's transpose, so the seed's matrix matches torch's layout.
 */
export function haarWeights(
  rows: number,
  cols: number,
  { gain = 1, seed, signCorrection = true }: { gain?: number; seed: number; signCorrection?: boolean },
): Float32Array {
  const tall = Math.max(rows, cols);
  const wide = Math.min(rows, cols);
  return weightsOf(haarColumns(tall, wide, seed, { signCorrection }), rows, cols, gain);
}

/** A Haar (semi-)orthogonal rows × cols matrix by Stewart's method (stewartHaarColumns), row-major float32. */
export function stewartHaarWeights(rows: number, cols: number, seed: number): Float32Array {
  return weightsOf(stewartHaarColumns(Math.max(rows, cols), Math.min(rows, cols), seed), rows, cols, 1);
}

/** gain·Q as row-major rows × cols: Q itself when rows ≥ cols, else Qᵀ. */
function weightsOf(q: Float64Array, rows: number, cols: number, gain: number): Float32Array {
  const tall = Math.max(rows, cols);
  const wide = Math.min(rows, cols);
  const weights = new Float32Array(rows * cols);
  for (let j = 0; j < wide; j++) {
    for (let i = 0; i < tall; i++) {
      const value = (q[j * tall + i] as number) * gain;
      // rows ≥ cols: W(i, j) = Q(i, j); otherwise W = Qᵀ: W(j, i) = Q(i, j)
      weights[rows >= cols ? i * cols + j : j * cols + i] = value;
    }
  }
  return weights;
}
