/**
 * Measures how the active backend's matmul treats float32 numbers below the smallest normal
 * (2^-126): IEEE keeps them as denormals down to 2^-149; a backend that flushes denormals to
 * zero (FTZ) loses them. A chain vanishes when its values fall under this floor, so the
 * vanishing-step theory reads the floor from here instead of assuming one.
 */
import * as tf from '@tensorflow/tfjs-core';

import { FLOAT32_MAX, FLOAT32_SMALLEST_DENORMAL, FLOAT32_SMALLEST_NORMAL } from '../theory/float32.ts';

export { FLOAT32_MAX, FLOAT32_SMALLEST_DENORMAL, FLOAT32_SMALLEST_NORMAL };

export interface UnderflowProbe {
  /** Smallest positive power of two a matmul output keeps (2^-149 with denormals, 2^-126 without). */
  smallestPositiveOutput: number;
  /** The matmul output flushes denormal results to zero. */
  flushesDenormalOutputs: boolean;
  /** A denormal operand is read as zero (DAZ). */
  treatsDenormalInputsAsZero: boolean;
  /**
   * The matmul rounds each product to float32 before summing (no fused multiply-add, no wider
   * accumulator): products below half the smallest denormal are lost one by one, so a chain is
   * all-zero once max|m|·max|x| < 2^-150, before its exact products' sum would round to zero.
   */
  roundsEachProduct: boolean;
}

/**
 * Computes (2^-63·I) @ (2^(e+63)·I) for e = -126…-149, at a size that takes the backend's real
 * matmul path (dim 64), and reports the smallest 2^e that survives.
 */
export function probeUnderflow(dim = 64): UnderflowProbe {
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`probeUnderflow: dim must be a positive integer, got ${dim}`);
  const productOf = (a: number, b: number): number =>
    tf.tidy(() => {
      const eye = tf.eye(dim, dim, undefined, 'float32');
      const product = tf.matMul(tf.mul(eye, tf.scalar(a)), tf.mul(eye, tf.scalar(b)));
      return product.dataSync()[dim + 1] ?? Number.NaN; // diagonal entry (1, 1)
    });
  let smallest = Number.NaN;
  for (let e = -126; e >= -149; e--) {
    if (productOf(2 ** -63, 2 ** (e + 63)) !== 2 ** e) break;
    smallest = 2 ** e;
  }
  const denormalInput = 2 ** -140;
  // 64 products of 0.375·2^-149 each: rounded one by one they are 0; summed exactly, 24·2^-149
  const split = tf.tidy(() => {
    const a = tf.fill([1, dim], 2 ** -75);
    const b = tf.fill([dim, 1], 0.375 * 2 ** -74);
    return tf.matMul(a, b).dataSync()[0] ?? Number.NaN;
  });
  return {
    smallestPositiveOutput: smallest,
    flushesDenormalOutputs: !(smallest < FLOAT32_SMALLEST_NORMAL),
    treatsDenormalInputsAsZero: productOf(denormalInput, 1) === 0,
    roundsEachProduct: split === 0,
  };
}
