/**
 * The Gaussian-logit model of a softmax at init, simulated on the host (float64): each of T
 * queries sees T i.i.d. N(0, s²) logits. Its entropy and largest weight have no closed form at
 * finite T (for T ≫ e^(s²), H ≈ log T − s²/2), so the reference is this ensemble, drawn from its
 * own stream under the master seed: it never sees a trial's draw.
 *
 * s² per query: either fixed (the logits' second moment, `logitVariance`), or drawn from its law
 * in one head (`head`): with W_q, W_k ~ N(0, 1/n) and a query token at unit mean square, q is
 * N(0, I_dk) and, given q and W_k, a key token's logit scale·(W_kᵀq)·x is N(0, scale²·|W_kᵀq|²)
 * for Gaussian x, where |W_kᵀq|² = |q|²·χ²_n/n: so s² = scale²·χ²_dk·χ²_n/n, mean scale²·d_k. A query
 * with a larger |q| sees sharper logits; the fixed-s² model misses that spread.
 */
import { chiSquareValues } from '../rng/chiSquare.ts';
import { standardNormals } from '../rng/draw.ts';
import { seedFor } from '../rng/seed.ts';
import { softmaxRowStats } from './attentionLogits.ts';

export interface GaussianSoftmaxStats {
  entropy: number[];
  maxWeight: number[];
}

/** `count` reference heads of `tokens` queries each at logit variance `logitVariance`. */
export function gaussianSoftmaxReference(options: {
  tokens: number;
  logitVariance: number;
  count: number;
  master: number;
  /** Draw each query's s² from one head's law (mean `logitVariance`) instead of fixing it. */
  head?: { keyDim: number; width: number };
}): GaussianSoftmaxStats {
  const { tokens, logitVariance, count, master } = options;
  if (!(logitVariance >= 0 && Number.isFinite(logitVariance)))
    throw new RangeError(`gaussianSoftmaxReference: logitVariance must be finite and ≥ 0, got ${logitVariance}`);
  const { head } = options;
  const out: GaussianSoftmaxStats = { entropy: [], maxWeight: [] };
  for (let k = 0; k < count; k++) {
    const z = standardNormals(tokens * tokens, seedFor(`reference/gaussian-softmax/T${tokens}`, k, master));
    const qNorms = head ? chiSquareValues(tokens, head.keyDim, seedFor(`reference/gaussian-softmax/q/T${tokens}`, k, master)) : undefined;
    const kGains = head ? chiSquareValues(tokens, head.width, seedFor(`reference/gaussian-softmax/Wk/T${tokens}`, k, master)) : undefined;
    for (let a = 0; a < tokens; a++) {
      // s² = scale²·χ²_dk·χ²_n/n: the logit variance scaled by χ²_dk/d_k·χ²_n/n, mean 1
      const variance =
        head && qNorms && kGains
          ? (logitVariance * (qNorms[a] as number) * (kGains[a] as number)) / (head.keyDim * head.width)
          : logitVariance;
      const s = Math.sqrt(variance);
      for (let b = 0; b < tokens; b++) z[a * tokens + b] = (z[a * tokens + b] as number) * s;
    }
    const { entropy, maxWeight } = softmaxRowStats(z, tokens, tokens);
    out.entropy.push(entropy);
    out.maxWeight.push(maxWeight);
  }
  return out;
}
