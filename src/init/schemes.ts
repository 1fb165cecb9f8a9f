/**
 * Initialization schemes by name: the notebook's own (`uniform(±0.01)`, `uniform(±1)/√dim`,
 * `uniform(±1)·√(2/dim)`, `randn·c`) and the library ones, so claims, the CLI and reports can
 * name a scheme in words. `dim` is the weight's fan_in (the notebook's matrices are square).
 */
import * as tf from '@tensorflow/tfjs-core';
import { normal, uniform } from './distributions.ts';
import { computeFans } from './fans.ts';
import { orthogonal } from './orthogonal.ts';
import { kaimingNormal, kaimingUniform, torchDefaultWeight, xavierNormal, xavierUniform } from './scaled.ts';
import { assertOneOf, assertPositive, type Shape } from './validate.ts';

import type { WeightInit } from './types.ts';

/** The notebook's `torch.randn(...) * c`. */
export function randnScaled(shape: Shape, { c, seed }: { c: number; seed: number }): tf.Tensor {
  assertPositive('randnScaled', 'c', c);
  return normal(shape, { mean: 0, std: c, seed });
}

/** `torch.empty(...).uniform_(-1, 1) * factor`, as the notebook writes it. */
function scaledUniformPm1(shape: Shape, factor: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.mul(uniform(shape, { low: -1, high: 1, seed }), tf.scalar(factor, 'float32')));
}

const dim = (shape: Shape) => computeFans(shape).fanIn;

export const SCHEMES = {
  'uniform(±0.01)': (shape, seed) => uniform(shape, { low: -0.01, high: 0.01, seed }),
  'uniform(±1)/√dim': (shape, seed) => scaledUniformPm1(shape, 1 / Math.sqrt(dim(shape)), seed),
  'uniform(±1)·√(2/dim)': (shape, seed) => scaledUniformPm1(shape, Math.sqrt(2 / dim(shape)), seed),
  'randn/√dim': (shape, seed) => randnScaled(shape, { c: 1 / Math.sqrt(dim(shape)), seed }),
  'randn·√(2/dim)': (shape, seed) => randnScaled(shape, { c: Math.sqrt(2 / dim(shape)), seed }),
  'kaiming-uniform': (shape, seed) => kaimingUniform(shape, { seed }),
  'kaiming-normal': (shape, seed) => kaimingNormal(shape, { seed }),
  'xavier-uniform': (shape, seed) => xavierUniform(shape, { seed }),
  'xavier-normal': (shape, seed) => xavierNormal(shape, { seed }),
  orthogonal: (shape, seed) => orthogonal(shape, { seed }),
  'torch-default': (shape, seed) => torchDefaultWeight(shape, { seed }),
} satisfies Record<string, WeightInit>;

export type SchemeName = keyof typeof SCHEMES;
export const SCHEME_NAMES = Object.keys(SCHEMES) as SchemeName[];

/** Draws a weight of `shape` with the named scheme; unknown names list the valid ones. */
export function initByName(name: string, shape: Shape, seed: number): tf.Tensor {
  assertOneOf('initByName', 'init scheme', name, SCHEME_NAMES);
  return SCHEMES[name](shape, seed);
}
