/** Tensors filled from the plain distributions: uniform, normal, truncated normal. */
import * as tf from '@tensorflow/tfjs-core';
import { normalValues, truncatedNormalValues, uniformValues } from '../rng/draw.ts';
import { assertFiniteNumber, assertInitSeed, assertNonNegative, assertShape, elementCount, type Shape } from './validate.ts';

export interface UniformOptions {
  low?: number;
  high?: number;
  seed: number;
}
export interface NormalOptions {
  mean?: number;
  std?: number;
  seed: number;
}
export interface TruncNormalOptions extends NormalOptions {
  a?: number;
  b?: number;
}

/** U[low, high), defaults U[0, 1) as torch.nn.init.uniform_. */
export function uniform(shape: Shape, { low = 0, high = 1, seed }: UniformOptions): tf.Tensor {
  assertShape('uniform', shape);
  assertFiniteNumber('uniform', 'low', low);
  assertFiniteNumber('uniform', 'high', high);
  if (!(low < high)) throw new RangeError(`uniform: low must be < high, got low=${low}, high=${high}`);
  assertInitSeed('uniform', seed);
  return tf.tensor(uniformValues(elementCount(shape), low, high, seed), [...shape], 'float32');
}

/** N(mean, std²), defaults N(0, 1). std = 0 gives the constant `mean`. */
export function normal(shape: Shape, { mean = 0, std = 1, seed }: NormalOptions): tf.Tensor {
  assertShape('normal', shape);
  assertFiniteNumber('normal', 'mean', mean);
  assertNonNegative('normal', 'std', std);
  assertInitSeed('normal', seed);
  return tf.tensor(normalValues(elementCount(shape), mean, std, seed), [...shape], 'float32');
}

/** N(mean, std²) conditioned on [a, b], defaults a = -2, b = 2 (absolute, as torch.nn.init.trunc_normal_). */
export function truncNormal(shape: Shape, { mean = 0, std = 1, a = -2, b = 2, seed }: TruncNormalOptions): tf.Tensor {
  assertShape('truncNormal', shape);
  assertFiniteNumber('truncNormal', 'mean', mean);
  assertNonNegative('truncNormal', 'std', std);
  assertFiniteNumber('truncNormal', 'a', a);
  assertFiniteNumber('truncNormal', 'b', b);
  if (!(a < b)) throw new RangeError(`truncNormal: a must be < b, got a=${a}, b=${b}`);
  if (std === 0) throw new RangeError('truncNormal: std must be > 0, got 0');
  const window = [(a - mean) / std, (b - mean) / std] as const;
  if (window[1] < -5 || window[0] > 5) {
    throw new RangeError(`truncNormal: [a, b] = [${a}, ${b}] lies more than 5 std from the mean ${mean}; too little mass to sample`);
  }
  assertInitSeed('truncNormal', seed);
  return tf.tensor(truncatedNormalValues(elementCount(shape), mean, std, a, b, seed), [...shape], 'float32');
}
