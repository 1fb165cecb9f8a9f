/**
 * The notebook's In [159]–[161] trial: y = (randn(dim, dim)·scale) @ randn(dim), optionally
 * through ReLU, summarised in float64 on the host.
 */
import * as tf from '@tensorflow/tfjs-core';
import { normal } from '../init/distributions.ts';
import { randnScaled } from '../init/schemes.ts';
import { deriveSeed } from '../rng/seed.ts';
import { hostMoments } from '../stats/moments.ts';

export interface MatVecOptions {
  dim: number;
  scale: number;
  relu: boolean;
  seed: number;
}

/** One trial: mean(y) and mean(y²) over the dim outputs. */
export function matVecTrial({ dim, scale, relu, seed }: MatVecOptions): { mean: number; secondMoment: number } {
  const y = tf.tidy(() => {
    const weight = randnScaled([dim, dim], { c: scale, seed });
    const x = normal([dim, 1], { seed: deriveSeed(seed, 'x') });
    const product = tf.matMul(weight, x);
    return (relu ? tf.relu(product) : product).dataSync();
  });
  const { mean, secondMoment } = hostMoments(y);
  return { mean, secondMoment };
}
