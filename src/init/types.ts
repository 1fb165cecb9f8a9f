/** The one shape of an initializer: a weight of `shape` for a seed. */
import type * as tf from '@tensorflow/tfjs-core';
import type { Shape } from './validate.ts';

export type WeightInit = (shape: Shape, seed: number) => tf.Tensor;

/** A draw at a shape fixed by the caller (a spec's one kernel shape): a weight for a seed. */
export type SeededDraw = (seed: number) => tf.Tensor;
