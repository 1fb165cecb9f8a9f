/**
 * A (semi-)orthogonal weight (Saxe et al. 2014), as torch.nn.init.orthogonal_: QR of a Gaussian
 * matrix with the sign(diag R) correction, which makes Q Haar-distributed. For a
 * [rows, ...rest] shape flattened to rows × cols: WᵀW = gain²·I if rows ≥ cols, else WWᵀ = gain²·I.
 */
import * as tf from '@tensorflow/tfjs-core';
import { haarWeights } from './haarOrthogonal.ts';
import { assertInitSeed, assertNonNegative, assertShape, elementCount, type Shape } from './validate.ts';

export function orthogonal(shape: Shape, { gain = 1, seed }: { gain?: number; seed: number }): tf.Tensor {
  assertShape('orthogonal', shape);
  if (shape.length < 2) throw new RangeError(`orthogonal: shape must have rank >= 2, got [${shape.join(', ')}]`);
  assertNonNegative('orthogonal', 'gain', gain);
  assertInitSeed('orthogonal', seed);
  const rows = shape[0] as number;
  const weights = haarWeights(rows, elementCount(shape) / rows, { gain, seed });
  return tf.tensor(weights, [...shape], 'float32');
}
