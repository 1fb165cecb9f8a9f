/** The one shape of an initializer: a weight of `shape` for a seed. */
import type * as tf from '@tensorflow/tfjs-core';
import type { Shape } from './validate.ts';

export type WeightInit = (shape: Shape, seed: number) => tf.Tensor;
