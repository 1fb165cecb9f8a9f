/**
 * The input–output Jacobian of a deep linear network at init, J = W_L⋯W_1 (fresh n×n W per
 * layer), built in float32 on the backend; the eigenvalue moments of JJᵀ at the depths asked
 * for are taken on the host in float64 from JJᵀ itself (traces need no eigendecomposition).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WeightInit } from '../init/types.ts';
import { deriveSeed } from '../rng/seed.ts';

export interface SpectrumAtDepth {
  depth: number;
  /** tr(JJᵀ)/n: the mean squared singular value. */
  mean: number;
  /** tr((JJᵀ)²)/n - mean²: their variance. */
  variance: number;
  /** √(tr((JJᵀ - I)²)/n): the rms distance of the squared singular values from 1. */
  rmsFromOne: number;
}

/** Moments of JJᵀ's eigenvalues from its n×n entries (row-major), in float64. */
export function spectrumMoments(a: ArrayLike<number>, n: number): Omit<SpectrumAtDepth, 'depth'> {
  if (a.length !== n * n) throw new RangeError(`spectrumMoments: expected ${n * n} entries, got ${a.length}`);
  let trace = 0;
  let traceSquare = 0; // tr(A²) = Σ_ij A_ij·A_ji
  let traceDeviation = 0; // tr((A - I)²)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const aij = a[i * n + j] as number;
      const aji = a[j * n + i] as number;
      traceSquare += aij * aji;
      traceDeviation += (i === j ? aij - 1 : aij) * (i === j ? aji - 1 : aji);
    }
    trace += a[i * n + i] as number;
  }
  const mean = trace / n;
  return { mean, variance: traceSquare / n - mean ** 2, rmsFromOne: Math.sqrt(traceDeviation / n) };
}

/** The depths a Jacobian experiment reads: ascending positive integers, else an error naming `caller`. */
export function assertAscendingDepths(caller: string, depths: readonly number[]): void {
  if (!depths.every((d, k) => Number.isInteger(d) && d >= 1 && (k === 0 || d > (depths[k - 1] as number)))) {
    throw new RangeError(`${caller}: depths must be ascending positive integers, got [${depths.join(', ')}]`);
  }
}

/** JJᵀ's eigenvalue moments for the n×n Jacobian `j` reached at `depth` (j stays alive). */
export function spectrumAt(j: tf.Tensor, depth: number): SpectrumAtDepth {
  // JJᵀ with an explicit transpose: tfjs-wasm's matMul with a transpose flag is ~12× slower
  const a = tf.tidy(() => tf.matMul(j, tf.transpose(j)));
  try {
    return { depth, ...spectrumMoments(a.dataSync(), j.shape[0] as number) };
  } finally {
    a.dispose();
  }
}

/** J after each depth in `depths` (ascending), layer l drawn by `init` with seed derived from `seed`. */
export function linearJacobianSpectrum({
  init,
  n,
  depths,
  seed,
}: {
  init: WeightInit;
  n: number;
  depths: readonly number[];
  seed: number;
}): SpectrumAtDepth[] {
  assertAscendingDepths('linearJacobianSpectrum', depths);
  const out: SpectrumAtDepth[] = [];
  let jacobian: tf.Tensor2D | undefined;
  try {
    for (let l = 1; l <= (depths.at(-1) ?? 0); l++) {
      const previous = jacobian;
      const next: tf.Tensor2D = tf.tidy(() => {
        const w = init([n, n], deriveSeed(seed, `layer ${l}`)) as tf.Tensor2D;
        return previous ? tf.matMul(w, previous) : w;
      });
      previous?.dispose();
      jacobian = next;
      if (depths.includes(l)) out.push(spectrumAt(next, l));
    }
  } finally {
    jacobian?.dispose();
  }
  return out;
}
