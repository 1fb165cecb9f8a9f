/**
 * Layer-sequential unit-variance init (Mishkin & Matas 2016, "All you need is a good init"):
 * start from (orthogonal) weights, then for each layer in order rescale W_l by 1/√Var(W_l·x_{l-1})
 * on a data batch until |Var - 1| < tol or maxIter passes, and feed the ReLU output forward.
 */
import * as tf from '@tensorflow/tfjs-core';
import { assertPositive } from './validate.ts';

export interface LsuvResult {
  /** The rescaled weights (new tensors; the inputs are left as they were). */
  weights: tf.Tensor2D[];
  /** Pre-activation variance of each layer on the batch, after its rescaling. */
  variances: number[];
  /** Rescaling rounds each layer took. */
  iterations: number[];
}

/** Variance of W·x, computed and freed inside one tidy. */
function preActivationVariance(w: tf.Tensor2D, x: tf.Tensor2D): number {
  return tf.tidy(() => tf.moments(tf.matMul(w, x)).variance.dataSync()[0] as number);
}

export function lsuv(
  layers: readonly tf.Tensor2D[],
  batch: tf.Tensor2D,
  { tol = 0.05, maxIter = 10 }: { tol?: number; maxIter?: number } = {},
): LsuvResult {
  assertPositive('lsuv', 'tol', tol);
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new RangeError(`lsuv: maxIter must be a positive integer, got ${maxIter}`);
  if (layers.length === 0) throw new RangeError('lsuv: layers must not be empty');
  // shapes are checked before any tensor is made, so a bad stack leaves nothing behind
  layers.forEach((layer, l) => {
    const inputs = l === 0 ? batch.shape[0] : (layers[l - 1] as tf.Tensor2D).shape[0];
    if (layer.shape[1] !== inputs) throw new RangeError(`lsuv: layer ${l} takes ${layer.shape[1]} inputs but receives ${inputs}`);
  });
  const weights: tf.Tensor2D[] = [];
  const variances: number[] = [];
  const iterations: number[] = [];
  let x: tf.Tensor2D = tf.clone(batch);
  try {
    layers.forEach((layer) => {
      let w = tf.clone(layer);
      let variance = preActivationVariance(w, x);
      let rounds = 0;
      while (Math.abs(variance - 1) >= tol && rounds < maxIter && variance > 0) {
        const scaled = tf.tidy(() => tf.div(w, tf.scalar(Math.sqrt(variance)))) as tf.Tensor2D;
        w.dispose();
        w = scaled;
        variance = preActivationVariance(w, x);
        rounds++;
      }
      const next = tf.tidy(() => tf.relu(tf.matMul(w, x))) as tf.Tensor2D;
      x.dispose();
      x = next;
      weights.push(w);
      variances.push(variance);
      iterations.push(rounds);
    });
  } finally {
    x.dispose();
  }
  return { weights, variances, iterations };
}
