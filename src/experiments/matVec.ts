/**
 * The notebook's In [159]–[161] trial: y = W @ randn(dim), optionally through ReLU, summarised
 * in float64 on the host. W comes from any initializer (the notebook's randn·c, or the library's).
 */
import * as tf from '@tensorflow/tfjs-core';
import { normal } from '../init/distributions.ts';
import type { WeightInit } from '../init/types.ts';
import { deriveSeed } from '../rng/seed.ts';
import { readValues } from '../backend/readValues.ts';
import { hostMoments } from '../stats/moments.ts';

export type { WeightInit };

export interface MatVecOptions {
  dim: number;
  init: WeightInit;
  relu: boolean;
  seed: number;
}

/** One trial: mean(y) and mean(y²) over the dim outputs. */
export function matVecTrial({ dim, init, relu, seed }: MatVecOptions): { mean: number; secondMoment: number } {
  const y = readValues(() => {
    const x = normal([dim, 1], { seed: deriveSeed(seed, 'x') });
    const product = tf.matMul(init([dim, dim], seed), x);
    return relu ? tf.relu(product) : product;
  });
  const { mean, secondMoment } = hostMoments(y);
  return { mean, secondMoment };
}
