/**
 * A residual stack at init: x_{l+1} = x_l + s·W_l·u_l with u_l = x_l (plain) or x_l/rms(x_l)
 * (normalized), W_l a fresh n×n weight from the init library, on a batch of inputs scaled to unit
 * mean square. Returns the mean square of x after every block (float64, on the host).
 */
import * as tf from '@tensorflow/tfjs-core';
import { deriveSeed } from '../rng/seed.ts';
import { normalValues } from '../rng/draw.ts';
import type { WeightInit } from '../init/types.ts';
import type { ResidualBranch } from '../theory/residual.ts';

export interface ResidualStackOptions {
  init: WeightInit;
  width: number;
  batch: number;
  layers: number;
  branchScale: number;
  branch: ResidualBranch;
  seed: number;
}

function meanSquare(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] as number) ** 2;
  return s / values.length;
}

/** Mean square of x after 0, 1, …, layers blocks. */
export function residualStack({ init, width, batch, layers, branchScale, branch, seed }: ResidualStackOptions): number[] {
  const z = normalValues(width * batch, 0, 1, deriveSeed(seed, 'inputs'));
  const rms = Math.sqrt(meanSquare(z));
  let x: tf.Tensor = tf.tensor2d(
    Float32Array.from(z, (v) => v / rms),
    [batch, width],
  ); // rows are inputs
  const out = [meanSquare(x.dataSync())];
  try {
    for (let l = 0; l < layers; l++) {
      const next = tf.tidy(() => {
        const w = init([width, width], deriveSeed(seed, `layer ${l}`)); // torch layout [out, in]
        const u = branch === 'plain' ? x : tf.div(x, tf.sqrt(tf.mean(tf.square(x), 1, true)));
        // x·Wᵀ with Wᵀ made first: a transpose flag is ~12× slower on wasm (npm run bench)
        return tf.add(x, tf.mul(tf.matMul(u, tf.transpose(w)), branchScale));
      });
      x.dispose();
      x = next;
      out.push(meanSquare(x.dataSync()));
    }
  } finally {
    x.dispose();
  }
  return out;
}
