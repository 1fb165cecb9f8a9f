/**
 * Power, stated like α. A claim names δ, the smallest init-scale error it must catch, and
 * proves it with its own init scaled by 1 ± δ. The defaults are what a user would expect of
 * each kind of claim; a claim that departs says why in its basis.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WeightInit } from '../init/types.ts';

export type { WeightInit };

export const DEFAULT_DELTA = {
  /** Checks on a weight's own distribution (std, bound). */
  weights: 0.02,
  /** Second moments and layer factors. */
  moments: 0.05,
  /** Chains and deep nets. */
  chains: 0.1,
} as const;

/** The same init with every weight multiplied by `factor`: the power controls' wrong input. */
export function scaleInit(init: WeightInit, factor: number): WeightInit {
  if (!(Number.isFinite(factor) && factor > 0)) throw new RangeError(`scaleInit: factor must be a positive finite number, got ${factor}`);
  return (shape, seed) => tf.tidy(() => tf.mul(init(shape, seed), tf.scalar(factor, 'float32')));
}

/** The two power controls' factors for a δ. */
export function powerFactors(delta: number): [number, number] {
  if (!(delta > 0 && delta < 1)) throw new RangeError(`powerFactors: δ must be in (0, 1), got ${delta}`);
  return [Number((1 + delta).toFixed(6)), Number((1 - delta).toFixed(6))];
}
