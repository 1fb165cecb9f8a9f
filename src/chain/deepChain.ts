/**
 * The "real network" version of the notebook's chain: x_0 = randn(dim, dim) as input, then
 * x_l = act(W_l @ x_{l-1}) with a fresh, independently drawn W_l per layer (a deep net at
 * init), or with W_l = W_1 for every layer (the notebook's reused matrix) for comparison.
 */
import * as tf from '@tensorflow/tfjs-core';
import { normal } from '../init/distributions.ts';
import type { WeightInit } from '../init/types.ts';
import { deriveSeed } from '../rng/seed.ts';
import { hostMoments } from '../stats/moments.ts';
import { applyAct, type Act } from './activations.ts';
import type { Activation } from './runChain.ts';
import { timed } from '../clock/phaseClock.ts';

export interface DeepChainOptions {
  init: WeightInit;
  dim: number;
  /** 'linear' | 'relu', or any nonlinearity with its parameter. */
  activation: Activation | Act;
  /** Layer counts at which to take log10 std(x) in float64; the chain runs to the largest. */
  checkpoints: readonly number[];
  /** true: one W for every layer (the notebook's chain); false: a fresh W per layer. */
  reuse: boolean;
  seed: number;
}

export interface DeepChainTrace {
  /** float64 log10 std of x after each checkpoint's number of layers (-Infinity if all zero, NaN if non-finite). */
  log10StdAt: number[];
  /** log10 max|x| after every layer (device reduction, read back in batches), for plots. */
  log10MaxAbs: number[];
}

const READ_EVERY = 10;

export function deepChain(options: DeepChainOptions): DeepChainTrace {
  return timed('deep-net layers', () => layersOf(options));
}

function layersOf({ init, dim, activation, checkpoints, reuse, seed }: DeepChainOptions): DeepChainTrace {
  const act: Act = typeof activation === 'string' ? { name: activation } : activation;
  const layers = Math.max(...checkpoints);
  if (!Number.isInteger(layers) || layers < 1)
    throw new RangeError(`deepChain: checkpoints must be positive integers, got ${checkpoints.join(', ')}`);
  const results = new Map<number, number>();
  const shared = reuse ? init([dim, dim], deriveSeed(seed, 'layer/1')) : undefined;
  let x = normal([dim, dim], { seed: deriveSeed(seed, 'input') });
  const log10MaxAbs: number[] = [];
  let pending: tf.Tensor[] = [];
  try {
    for (let layer = 1; layer <= layers; layer++) {
      const next = tf.tidy(() => {
        const weight = shared ?? init([dim, dim], deriveSeed(seed, `layer/${layer}`));
        return applyAct(tf.matMul(weight, x), act);
      });
      x.dispose();
      x = next;
      pending.push(tf.tidy(() => tf.max(tf.abs(x))));
      if (pending.length === READ_EVERY || layer === layers) {
        const batch = tf.tidy(() => tf.stack(pending).dataSync());
        tf.dispose(pending);
        pending = [];
        for (const v of batch) log10MaxAbs.push(Math.log10(v));
      }
      if (checkpoints.includes(layer)) {
        const m = hostMoments(x.dataSync());
        results.set(layer, m.nonFinite > 0 ? Number.NaN : Math.log10(m.std));
      }
    }
  } finally {
    tf.dispose(pending);
    x.dispose();
    shared?.dispose();
  }
  return { log10StdAt: checkpoints.map((k) => results.get(k) as number), log10MaxAbs };
}
