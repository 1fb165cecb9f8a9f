/**
 * One attention head's logits at init: T tokens of width d (unit mean square each), q = x·W_qᵀ,
 * k = x·W_kᵀ with W_q, W_k [d_k, d] from the init library, logits = scale·q·kᵀ over every pair of
 * distinct tokens. Returns their mean square (float64 on the host).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WeightInit } from '../init/types.ts';
import { normalValues } from '../rng/draw.ts';
import { deriveSeed } from '../rng/seed.ts';

export function attentionLogitMeanSquare({
  init,
  width,
  keyDim,
  tokens,
  logitScale,
  seed,
}: {
  init: WeightInit;
  width: number;
  keyDim: number;
  tokens: number;
  logitScale: number;
  seed: number;
}): number {
  const z = normalValues(tokens * width, 0, 1, deriveSeed(seed, 'tokens'));
  // each token scaled to unit mean square
  for (let t = 0; t < tokens; t++) {
    let s = 0;
    for (let j = 0; j < width; j++) s += (z[t * width + j] as number) ** 2;
    const r = Math.sqrt(s / width);
    for (let j = 0; j < width; j++) z[t * width + j] = (z[t * width + j] as number) / r;
  }
  const logits = tf.tidy(() => {
    const x = tf.tensor2d(z, [tokens, width]);
    const q = tf.matMul(x, tf.transpose(init([keyDim, width], deriveSeed(seed, 'W_q'))));
    const k = tf.matMul(x, tf.transpose(init([keyDim, width], deriveSeed(seed, 'W_k'))));
    return tf.mul(tf.matMul(q, tf.transpose(k)), logitScale);
  });
  const values = logits.dataSync();
  logits.dispose();
  let sum = 0;
  let count = 0;
  for (let a = 0; a < tokens; a++)
    for (let b = 0; b < tokens; b++) {
      if (a === b) continue; // a token with itself shares x: E[(q·k)²] there is not d_k alone
      sum += (values[a * tokens + b] as number) ** 2;
      count++;
    }
  return sum / count;
}
