/**
 * The one Haar-orthogonal draw: Householder QR of a seeded Gaussian with the sign(diag R)
 * correction (Mezzadri 2007), in float64 on the host. Without the correction Q is orthogonal but
 * not Haar (its first row leans towards QR's sign convention): the power run's mutant asks for that.
 */
import { standardNormals } from '../rng/draw.ts';
import { householderQR } from './householderQR.ts';

/** `tall`×`wide` with orthonormal columns, column-major (Q[j*tall + i] = Q(i, j)). */
export function haarColumns(tall: number, wide: number, seed: number, { signCorrection = true } = {}): Float64Array {
  const { q, rDiagonal } = householderQR(standardNormals(tall * wide, seed), tall, wide);
  if (!signCorrection) return q;
  for (let j = 0; j < wide; j++) {
    if ((rDiagonal[j] as number) >= 0) continue; // sign(0) taken as +1: a zero diagonal has probability 0
    for (let i = 0; i < tall; i++) (q[j * tall + i] as number) *= -1;
  }
  return q;
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
  const q = haarColumns(tall, wide, seed, { signCorrection });
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
