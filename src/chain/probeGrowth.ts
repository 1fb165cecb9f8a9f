/**
 * The chain's growth measured without float32's range limits: p columns of the chain
 * X_i = act(M·X_{i-1}), X_{-1} = M, evolve independently (column j of X_i is act(M·…act(M·m_j))),
 * and act ∈ {identity, ReLU} is positively homogeneous, so each column can be renormalised to
 * unit length every step while its log-norm accumulates in float64 on the host. This is the
 * finite-time Lyapunov growth of the very matrix the chain uses, transient included.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from './runChain.ts';
import { timed, type Phase } from '../clock/phaseClock.ts';

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

/** Decades a column may grow or shrink between renormalisations: its entries and their float32 squares stay far inside the normal range. */
const HEADROOM_DECADES = 10;
/** At most this many steps between renormalisations (a step costs one or two ops, a renormalisation eight). */
const MAX_SPAN = 8;

/**
 * Columns are renormalised every `span` steps, not every step: positive homogeneity makes the
 * per-step norms of the unnormalised products the same growth factors, and one batched norm
 * per span costs a fraction of eight ops per step (the probe ran ~9 ops a step, whose fixed cost
 * dominated at small n). The span follows the last batch's largest per-step change, so a batch
 * moves a column by at most HEADROOM_DECADES; a batch that still leaves the safe range is rerun
 * step by step.
 */
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
  // Start from unit columns: every later norm is then a pure growth factor. The columns are
  // carried as rows, vᵀ ← act(vᵀ·Mᵀ): TensorFlow's kernel runs that shape ~1.7× faster at p = 16.
  const unit = tf.tidy(() => tf.transpose(tf.div(v, tf.sqrt(tf.sum(tf.square(v), 0)))));
  v.dispose();
  v = unit;
  const matrixT = tf.transpose(matrix);
  const log10RmsOf = (logs: Float64Array): number => {
    const top = Math.max(...logs);
    let sum = 0;
    for (const l of logs) sum += Math.exp(2 * (l - top));
    return (top + 0.5 * Math.log(sum / (p * n))) / Math.LN10;
  };
  const log10RmsStart = log10RmsOf(logNorms);
  const out = new Float64Array(steps);
  const atStep = new Float64Array(p);
  let recorded = 0;
  let span = 1;
  try {
    while (recorded < steps) {
      // batches end on multiples of readEvery, where stopAfter looks (as often as before)
      const count = Math.min(span, steps - recorded, readEvery - (recorded % readEvery));
      const [next, norms] = runSpan(matrixT, v, activation, count);
      const values = norms.dataSync();
      norms.dispose();
      if (count > 1 && !inSafeRange(values)) {
        next.dispose();
        span = 1;
        continue;
      }
      v.dispose();
      v = next;
      for (let s = 0; s < count; s++) {
        for (let j = 0; j < p; j++) atStep[j] = (logNorms[j] as number) + Math.log(values[s * p + j] as number);
        out[recorded++] = log10RmsOf(atStep);
      }
      logNorms.set(atStep);
      span = Math.max(1, Math.min(MAX_SPAN, Math.floor(HEADROOM_DECADES / Math.max(widestStep(values, p), 1e-9))));
      if ((recorded % readEvery === 0 || recorded === steps) && stopAfter?.(out[recorded - 1] as number, recorded)) break;
    }
  } finally {
    tf.dispose([v, matrixT]);
  }
  return { log10Rms: out.subarray(0, recorded), log10RmsStart, columns: p };
}

/** `count` steps from unit rows vᵀ ([p, n]): the rows at the end, renormalised, and each step's row norms ([count, p]). */
function runSpan(matrixT: tf.Tensor, v: tf.Tensor, activation: Activation, count: number): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const products: tf.Tensor[] = [];
    let w = v;
    for (let s = 0; s < count; s++) {
      const product = tf.matMul(w, matrixT);
      w = activation === 'relu' ? tf.relu(product) : product;
      products.push(w);
    }
    const norms = tf.sqrt(tf.sum(tf.square(tf.stack(products)), 2));
    const last = tf.reshape(tf.slice(norms, [count - 1, 0], [1, -1]), [-1, 1]); // the last step's norms, one per row of w
    const safe = tf.where(tf.greater(last, 0), last, tf.onesLike(last)); // an all-zero column stays zero
    return [tf.div(w, safe), norms];
  });
}

/** The largest per-step change of a column's norm in the batch, in decades (zero columns left out). */
function widestStep(norms: ArrayLike<number>, p: number): number {
  let widest = 0;
  for (let j = 0; j < p; j++) {
    let before = 1;
    for (let s = 0; s * p + j < norms.length; s++) {
      const now = norms[s * p + j] as number;
      if (now > 0 && before > 0) widest = Math.max(widest, Math.abs(Math.log10(now / before)));
      before = now;
    }
  }
  return widest;
}

/** Every norm finite, and 0 or within HEADROOM_DECADES of the batch's unit start. */
function inSafeRange(norms: ArrayLike<number>): boolean {
  for (let i = 0; i < norms.length; i++) {
    const value = norms[i] as number;
    if (!Number.isFinite(value) || (value > 0 && Math.abs(Math.log10(value)) > HEADROOM_DECADES)) return false;
  }
  return true;
}
