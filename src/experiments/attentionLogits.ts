/**
 * One attention head's logits at init: T tokens of width d (unit mean square each), q = x·W_qᵀ,
 * k = x·W_kᵀ with W_q, W_k [d_k, d] from the init library, logits = scale·q·kᵀ. Their mean square
 * over every pair of distinct tokens, and the softmax's entropy and largest weight per query
 * (float64 on the host).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WeightInit } from '../init/types.ts';
import { normalValues } from '../rng/draw.ts';
import { deriveSeed } from '../rng/seed.ts';

export interface AttentionHead {
  init: WeightInit;
  width: number;
  keyDim: number;
  tokens: number;
  logitScale: number;
  seed: number;
}

/** The head's [tokens, tokens] logits scale·q·kᵀ (row: query, column: key), read back as float32. */
export function attentionLogits({ init, width, keyDim, tokens, logitScale, seed }: AttentionHead): Float32Array {
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
  const values = logits.dataSync() as Float32Array;
  logits.dispose();
  return values;
}

export function attentionLogitMeanSquare(head: AttentionHead): number {
  const { tokens } = head;
  const values = attentionLogits(head);
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

/** Per query row of `logits` ([rows, cols]): the softmax's entropy (nats) and largest weight, averaged over rows (float64). */
export function softmaxRowStats(logits: ArrayLike<number>, rows: number, cols: number): { entropy: number; maxWeight: number } {
  let entropy = 0;
  let maxWeight = 0;
  for (let a = 0; a < rows; a++) {
    let m = -Infinity;
    for (let b = 0; b < cols; b++) m = Math.max(m, logits[a * cols + b] as number);
    let sum = 0;
    let weighted = 0;
    for (let b = 0; b < cols; b++) {
      const d = (logits[a * cols + b] as number) - m;
      const e = Math.exp(d);
      sum += e;
      weighted += e * d;
    }
    // H = log Σe^(z−m) − Σ p (z − m); the largest weight is e^0/Σ
    entropy += Math.log(sum) - weighted / sum;
    maxWeight += 1 / sum;
  }
  return { entropy: entropy / rows, maxWeight: maxWeight / rows };
}

/** The head's softmax over every key (itself included), per query: mean entropy and mean largest weight. */
export function attentionSoftmaxStats(head: AttentionHead): { entropy: number; maxWeight: number } {
  return softmaxRowStats(attentionLogits(head), head.tokens, head.tokens);
}
