/**
 * A stack of single-head self-attention layers at init, X_{l+1} = g·X_l + a·SA(X_l) with
 * SA(X) = softmax(s·(X·W_qᵀ)(X·W_kᵀ)ᵀ)·X·W_vᵀ (torch layout: W_q, W_k [d_k, d], W_v [d, d], fresh
 * per layer from the init library), from T tokens X_0 = ε·Z, Z i.i.d. N(0, 1). After every layer,
 * read back in float32 and reduced in float64 on the host: the residual ‖X − 1·x̄ᵀ‖²_F, the mean
 * part T·‖x̄‖², and tr G·tr G² (G = RᵀR) for the next layer's one-step expectation.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WeightInit } from '../init/types.ts';
import { normalValues } from '../rng/draw.ts';
import { deriveSeed } from '../rng/seed.ts';

export interface AttentionStackOptions {
  init: WeightInit;
  tokens: number;
  width: number;
  keyDim: number;
  logitScale: number;
  layers: number;
  /** ε: the start's std */
  startStd: number;
  /** g: 0 for pure attention, 1 for a skip connection */
  skipGain: number;
  /** a: the branch's scale (1/√L for scaled branches) */
  branchScale: number;
  seed: number;
}

export interface ResidualReading {
  /** ‖X − 1·x̄ᵀ‖²_F */
  residual: number;
  /** T·‖x̄‖² */
  meanPart: number;
  /** tr G·tr G², G = RᵀR */
  traceProduct: number;
}

/** The residual, the mean part and tr G·tr G² of a [tokens, width] matrix, in float64. */
export function residualReading(x: ArrayLike<number>, tokens: number, width: number): ResidualReading {
  const mean = new Float64Array(width);
  for (let t = 0; t < tokens; t++) for (let j = 0; j < width; j++) mean[j] = (mean[j] as number) + (x[t * width + j] as number) / tokens;
  const r = new Float64Array(tokens * width);
  let residual = 0;
  for (let t = 0; t < tokens; t++)
    for (let j = 0; j < width; j++) {
      const v = (x[t * width + j] as number) - (mean[j] as number);
      r[t * width + j] = v;
      residual += v * v;
    }
  // tr G² = ‖RᵀR‖²_F = ‖R·Rᵀ‖²_F: the [T, T] Gram is the smaller one here
  let trG2 = 0;
  for (let a = 0; a < tokens; a++)
    for (let b = a; b < tokens; b++) {
      let dot = 0;
      for (let j = 0; j < width; j++) dot += (r[a * width + j] as number) * (r[b * width + j] as number);
      trG2 += (a === b ? 1 : 2) * dot * dot;
    }
  let meanPart = 0;
  for (let j = 0; j < width; j++) meanPart += tokens * (mean[j] as number) ** 2;
  return { residual, meanPart, traceProduct: residual * trG2 };
}

/** Readings after 0, 1, …, layers layers. */
export function attentionStack(o: AttentionStackOptions): ResidualReading[] {
  const { init, tokens, width, keyDim, logitScale, layers, startStd, skipGain, branchScale, seed } = o;
  if (!(Number.isInteger(tokens) && tokens >= 2)) throw new RangeError(`attentionStack: tokens must be an integer ≥ 2, got ${tokens}`);
  if (!(Number.isInteger(layers) && layers >= 0)) throw new RangeError(`attentionStack: layers must be an integer ≥ 0, got ${layers}`);
  for (const [name, v] of Object.entries({ logitScale, startStd, skipGain, branchScale }))
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`attentionStack: ${name} must be a finite number ≥ 0, got ${v}`);
  let x: tf.Tensor2D = tf.tensor2d(normalValues(tokens * width, 0, startStd, deriveSeed(seed, 'tokens')), [tokens, width]);
  const readings = [residualReading(x.dataSync(), tokens, width)];
  try {
    for (let l = 0; l < layers; l++) {
      const next = tf.tidy(() => {
        const weight = (rows: number, name: string) => tf.transpose(init([rows, width], deriveSeed(seed, `layer ${l} ${name}`)));
        const q = tf.matMul(x, weight(keyDim, 'W_q'));
        const k = tf.matMul(x, weight(keyDim, 'W_k'));
        const attention = tf.softmax(tf.mul(tf.matMul(q, tf.transpose(k)), logitScale));
        const branch = tf.matMul(tf.matMul(attention, x), weight(width, 'W_v'));
        const scaled = tf.mul(branch, branchScale);
        return (skipGain === 0 ? scaled : tf.add(tf.mul(x, skipGain), scaled)) as tf.Tensor2D;
      });
      x.dispose();
      x = next;
      readings.push(residualReading(x.dataSync(), tokens, width));
    }
  } finally {
    x.dispose();
  }
  return readings;
}
