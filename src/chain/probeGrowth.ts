/**
 * The chain's growth measured without float32's range limits: p columns of the chain
 * X_i = act(M·X_{i-1}), X_{-1} = M, evolve independently (column j of X_i is act(M·…act(M·m_j))),
 * and act ∈ {identity, ReLU} is positively homogeneous, so each column can be renormalised to
 * unit length every step while its log-norm accumulates in float64 on the host. This is the
 * finite-time Lyapunov growth of the very matrix the chain uses, transient included.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from './runChain.ts';
import { timed, type Phase } from '../bench/phaseClock.ts';

export interface GrowthProbe {
  /** Predicted log10 rms(X_i) for i = 0…steps-1 (fewer if stopped early), from the p probed columns. */
  log10Rms: Float64Array;
  /** log10 rms(M), the chain's start. */
  log10RmsStart: number;
  columns: number;
}

export function probeGrowth(options: {
  matrix: tf.Tensor2D;
  activation: Activation;
  steps: number;
  columns?: number;
  readEvery?: number;
  /** Stop early (checked once per read-back) once this says the trajectory has told enough. */
  stopAfter?: (log10Rms: number, recorded: number) => boolean;
  /** The phase its time counts to (a reference ensemble's probes count to the reference). */
  phase?: Phase;
}): GrowthProbe {
  return timed(options.phase ?? 'growth probe', () => probe(options));
}

function probe({ matrix, activation, steps, columns = 16, readEvery = 25, stopAfter }: Parameters<typeof probeGrowth>[0]): GrowthProbe {
  const [n] = matrix.shape;
  const p = Math.min(columns, n);
  const logNorms = new Float64Array(p); // natural log of ‖X_i e_j‖
  let v: tf.Tensor = tf.tidy(() => tf.slice(matrix, [0, 0], [n, p]));
  const initial = v.dataSync();
  for (let j = 0; j < p; j++) {
    let sum = 0;
    for (let r = 0; r < n; r++) sum += (initial[r * p + j] as number) ** 2;
    logNorms[j] = 0.5 * Math.log(sum);
  }
  // Start from unit columns: every later norm is then a pure growth factor.
  const unit = tf.tidy(() => tf.div(v, tf.sqrt(tf.sum(tf.square(v), 0))));
  v.dispose();
  v = unit;
  const log10RmsOf = (): number => {
    const top = Math.max(...logNorms);
    let sum = 0;
    for (const l of logNorms) sum += Math.exp(2 * (l - top));
    return (top + 0.5 * Math.log(sum / (p * n))) / Math.LN10;
  };
  const log10RmsStart = log10RmsOf();
  const out = new Float64Array(steps);
  let pending: tf.Tensor[] = [];
  let recorded = 0;
  try {
    for (let i = 0; i < steps; i++) {
      const [next, norms] = tf.tidy(() => {
        const product = tf.matMul(matrix, v);
        const w = activation === 'relu' ? tf.relu(product) : product;
        const norm = tf.sqrt(tf.sum(tf.square(w), 0));
        const safe = tf.where(tf.greater(norm, 0), norm, tf.onesLike(norm));
        return [tf.div(w, safe), norm];
      });
      v.dispose();
      v = next;
      pending.push(norms);
      if (pending.length === readEvery || i === steps - 1) {
        const batch = tf.tidy(() => tf.stack(pending).dataSync());
        tf.dispose(pending);
        pending = [];
        for (let row = 0; row < batch.length / p; row++) {
          for (let j = 0; j < p; j++) logNorms[j] = (logNorms[j] as number) + Math.log(batch[row * p + j] as number);
          out[recorded++] = log10RmsOf();
        }
        if (stopAfter?.(out[recorded - 1] as number, recorded)) break;
      }
    }
  } finally {
    tf.dispose(pending);
    v.dispose();
  }
  return { log10Rms: out.subarray(0, recorded), log10RmsStart, columns: p };
}
