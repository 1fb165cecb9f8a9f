/**
 * A (semi-)orthogonal weight (Saxe et al. 2014), as torch.nn.init.orthogonal_: QR of a Gaussian
 * matrix with the sign(diag R) correction, which makes Q Haar-distributed. For a
 * [rows, ...rest] shape flattened to rows × cols: WᵀW = gain²·I if rows ≥ cols, else WWᵀ = gain²·I.
 */
import * as tf from '@tensorflow/tfjs-core';
import { standardNormals } from '../rng/draw.ts';
import { householderQR } from './householderQR.ts';
import { assertInitSeed, assertNonNegative, assertShape, elementCount, type Shape } from './validate.ts';

export function orthogonal(shape: Shape, { gain = 1, seed }: { gain?: number; seed: number }): tf.Tensor {
  assertShape('orthogonal', shape);
  if (shape.length < 2) throw new RangeError(`orthogonal: shape must have rank >= 2, got [${shape.join(', ')}]`);
  assertNonNegative('orthogonal', 'gain', gain);
  assertInitSeed('orthogonal', seed);
  const rows = shape[0] as number;
  const cols = elementCount(shape) / rows;
  const tall = Math.max(rows, cols);
  const wide = Math.min(rows, cols);
  // Column-major tall×wide Gaussian: the same numbers as a row-major wide×tall one, i.e. torch's transpose.
  const { q, rDiagonal } = householderQR(standardNormals(tall * wide, seed), tall, wide);
  const weights = new Float32Array(rows * cols);
  for (let j = 0; j < wide; j++) {
    const sign = Math.sign(rDiagonal[j] as number) * gain;
    for (let i = 0; i < tall; i++) {
      const value = (q[j * tall + i] as number) * sign;
      // rows ≥ cols: W(i, j) = Q(i, j); otherwise W = Qᵀ: W(j, i) = Q(i, j)
      weights[rows >= cols ? i * cols + j : j * cols + i] = value;
    }
  }
  return tf.tensor(weights, [...shape], 'float32');
}
