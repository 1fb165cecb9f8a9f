/** Initializers and deliberately wrong controls shared by the chain specs. */
import * as tf from '@tensorflow/tfjs-core';
import { initByName, orthogonal, randnScaled, torchDefaultWeight } from '../../src/index.ts';
import { torchDefaultBound, uniformStd } from '../../src/theory/index.ts';

export type { WeightInit } from '../../src/init/types.ts';
import type { WeightInit } from '../../src/init/types.ts';

export const scheme =
  (name: string): WeightInit =>
  (shape, seed) =>
    initByName(name, shape, seed);

/** randn·c/√dim: the notebook's In [160] scale times a gain c. */
export const randnGain =
  (c: number): WeightInit =>
  (shape, seed) =>
    randnScaled(shape, { c: c / Math.sqrt(shape[1] as number), seed });

export const orthogonalGain =
  (gain: number): WeightInit =>
  (shape, seed) =>
    orthogonal(shape, { gain, seed });

/** A wrong scale on purpose: spectral radius ≈ 8, so a chain explodes within ~45 steps (ReLU: ~55). */
export const EXPLODING_CONTROL = { label: 'randn·8/√dim (spectral radius ≈ 8: explodes)', init: randnGain(8) };

/** The notebook's In [146] matrix: the 5×5 slice of a default Conv2d(1, 1, 5) weight, optionally scaled. */
export const convSlice =
  (gain: number): WeightInit =>
  (_shape, seed) =>
    tf.tidy(() => tf.mul(tf.reshape(torchDefaultWeight([1, 1, 5, 5], { seed }), [5, 5]), gain));

/** The conv slice as a chain's matrix, with its theory: U(±1/√25) (PyTorch's default bound for fan_in 25). */
export const CONV_SLICE_MATRIX = {
  label: 'the conv slice',
  init: convSlice(1),
  std: uniformStd(-torchDefaultBound(25), torchDefaultBound(25)),
  family: 'uniform' as const,
};
