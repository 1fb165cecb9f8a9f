/**
 * A wide tanh net at init, as the mean-field papers set it up (Poole et al. 2016): fresh
 * W_l ~ N(0, σ_w²/n) and b_l ~ N(0, σ_b²) per layer, h_1 = W_1·x + b_1, h_{l+1} = W_{l+1}·tanh(h_l)
 * + b_{l+1}, on a batch of `batch` Gaussian inputs. Beside the signal it carries a tangent, the
 * Jacobian applied to a random direction: t_1 = W_1·u, t_{l+1} = W_{l+1}·(tanh'(h_l) ⊙ t_l), so
 * ‖t_{l+1}‖²/‖t_l‖² is the squared growth of a small input perturbation at layer l+1, exactly (no
 * finite difference). Float32 on the backend; second moments in float64 on the host.
 */
import * as tf from '@tensorflow/tfjs-core';
import { normalValues } from '../rng/draw.ts';
import { deriveSeed } from '../rng/seed.ts';
import { hostMoments } from '../stats/moments.ts';

export interface TanhNet {
  /** σ_w: weights are N(0, σ_w²/n). */
  weightStd: number;
  /** σ_b: biases are N(0, σ_b²). */
  biasStd: number;
}

export interface TanhNetOptions {
  n: number;
  batch: number;
  layers: number;
  /** Nets that differ only in σ_w and σ_b: they share one seed's standard-normal draws (W_l = σ_w·Z_l/√n, b_l = σ_b·β_l), so the draws are made once. */
  nets: readonly TanhNet[];
  seed: number;
}

export interface TanhNetTrace {
  /** Pooled E[h_l²] over units and inputs, l = 1…layers. */
  secondMoment: number[];
  /** ‖t_l‖²/‖t_{l-1}‖² for l = 2…layers (index 0 is layer 2). */
  tangentGrowth: number[];
}

const squaredNorm = (t: tf.Tensor) => hostMoments(t.dataSync()).secondMoment * t.size;

/** One trace per net, in the order given. */
export function tanhNetTrial({ n, batch, layers, nets, seed }: TanhNetOptions): TanhNetTrace[] {
  for (const [name, value] of Object.entries({ n, batch, layers })) {
    if (!(Number.isInteger(value) && value >= 1)) throw new RangeError(`tanhNetTrial: ${name} must be a positive integer, got ${value}`);
  }
  for (const { weightStd, biasStd } of nets) {
    if (!(weightStd > 0 && biasStd >= 0)) throw new RangeError(`tanhNetTrial: needs σ_w > 0 and σ_b >= 0, got ${weightStd}, ${biasStd}`);
  }
  const traces: TanhNetTrace[] = nets.map(() => ({ secondMoment: [], tangentGrowth: [] }));
  const previousNorm = nets.map(() => Number.NaN);
  const input = tf.tensor2d(normalValues(n * batch, 0, 1, deriveSeed(seed, 'x')), [n, batch]);
  const direction = tf.tensor2d(normalValues(n * batch, 0, 1, deriveSeed(seed, 'u')), [n, batch]);
  let state: Array<{ h: tf.Tensor; t: tf.Tensor }> = nets.map(() => ({ h: input, t: direction }));
  try {
    for (let l = 1; l <= layers; l++) {
      const z = tf.tensor2d(normalValues(n * n, 0, 1, deriveSeed(seed, `W${l}`)), [n, n]);
      const beta = tf.tensor2d(normalValues(n, 0, 1, deriveSeed(seed, `b${l}`)), [n, 1]);
      try {
        state = state.map(({ h, t }, k) => {
          const { weightStd, biasStd } = nets[k] as TanhNet;
          const next = tf.tidy(() => {
            const w = tf.mul(z, weightStd / Math.sqrt(n));
            // layer 1 acts on the input itself; later layers on tanh(h) and tanh'(h) ⊙ t = (1 - tanh²(h)) ⊙ t
            const signal = l === 1 ? h : tf.tanh(h);
            const tangent = l === 1 ? t : tf.mul(tf.sub(1, tf.square(signal)), t);
            return { h: tf.add(tf.matMul(w, signal), tf.mul(beta, biasStd)), t: tf.matMul(w, tangent) };
          });
          if (l > 1) tf.dispose([h, t]);
          const trace = traces[k] as TanhNetTrace;
          trace.secondMoment.push(hostMoments(next.h.dataSync()).secondMoment);
          const norm = squaredNorm(next.t);
          if (l > 1) trace.tangentGrowth.push(norm / (previousNorm[k] as number));
          previousNorm[k] = norm;
          return next;
        });
      } finally {
        tf.dispose([z, beta]);
      }
    }
  } finally {
    for (const { h, t } of state) if (h !== input) tf.dispose([h, t]);
    tf.dispose([input, direction]);
  }
  return traces;
}
