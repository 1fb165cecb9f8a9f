/**
 * The empirical kernels of one ReLU net at init: an anchor input a and partners b_k at input
 * correlations c_k (exact: b_k = c_k·â + √(1 − c_k²)·ê_k with ê_k ⊥ â, all at |x|²/n₀ = 1), through
 * `hidden` layers of width n and a scalar output, weights from the init library ([out, in]).
 *
 * NNGP: Σ̂^l = h^l·h^lᵀ/n, the Gram matrix of layer l's pre-activations (float64 on the host).
 * NTK: Θ̂(x, y) = Σ_θ ∂f(x)/∂θ · ∂f(y)/∂θ over the NTK parametrization's parameters θ = W·√n_in/σ_w
 * (its forward pass is the same net), through the layers' outer-product structure
 * ∂f/∂θ^l_ij = (σ_w/√n_{l-1})·δ^l_i·a^{l-1}_j, so Θ̂ = Σ_l (σ_w²/n_{l-1})·(δ^l·δ^lᵀ)∘(a^{l-1}·a^{l-1}ᵀ),
 * with a⁰ = x, a^l = relu(h^l) and δ^l = ∂f/∂h^l from one tf.grads over the batch (each input's f
 * depends on its own row only; the readout's δ is 1). spec/harness/reluKernels.test.ts checks
 * it against the parameters' own gradients.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WeightInit } from '../init/types.ts';
import { normalValues } from '../rng/draw.ts';
import { deriveSeed } from '../rng/seed.ts';

export interface ReluNetKernelsOptions {
  init: WeightInit;
  width: number;
  hidden: number;
  /** The partners' input correlations with the anchor, each in [0, 1). */
  correlations: readonly number[];
  /** σ_w² of the NTK parametrization the gradients are taken in (2 for ReLU's Kaiming scale). */
  weightVariance: number;
  /** 'relu', or 'identity' / 'tanh' for controls. */
  activation?: 'relu' | 'identity' | 'tanh';
  seed: number;
}

export interface ReluNetKernels {
  /** [layer 1…hidden][input i][input j] of Σ̂ (input 0 is the anchor). */
  nngp: number[][][];
  /** [input i][input j] of Θ̂ at the output. */
  ntk: number[][];
}

function dot(a: Float64Array | Float32Array, i: number, j: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += (a[i * n + k] as number) * (a[j * n + k] as number);
  return s;
}

/** The anchor and its partners, rows of a [1 + partners, n] float64 array at |x|²/n = 1. */
export function correlatedInputs(n: number, correlations: readonly number[], seed: number): Float64Array {
  for (const c of correlations)
    if (!(c >= 0 && c < 1)) throw new RangeError(`correlatedInputs: each correlation must lie in [0, 1), got ${c}`);
  const unit = (v: Float64Array) => {
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    return v.map((x) => x / norm);
  };
  const anchor = unit(Float64Array.from(normalValues(n, 0, 1, deriveSeed(seed, 'anchor'))));
  const rows = new Float64Array((1 + correlations.length) * n);
  const root = Math.sqrt(n);
  for (let k = 0; k < n; k++) rows[k] = (anchor[k] as number) * root;
  correlations.forEach((c, p) => {
    const e = Float64Array.from(normalValues(n, 0, 1, deriveSeed(seed, `partner ${p}`)));
    const along = e.reduce((s, x, k) => s + x * (anchor[k] as number), 0);
    const perp = unit(e.map((x, k) => x - along * (anchor[k] as number)));
    const s = Math.sqrt(1 - c * c);
    for (let k = 0; k < n; k++) rows[(p + 1) * n + k] = (c * (anchor[k] as number) + s * (perp[k] as number)) * root;
  });
  return rows;
}

export function reluNetKernels(options: ReluNetKernelsOptions): ReluNetKernels {
  const { init, width: n, hidden, correlations, weightVariance, activation = 'relu', seed } = options;
  if (!(Number.isInteger(hidden) && hidden >= 1)) throw new RangeError(`reluNetKernels: hidden must be an integer ≥ 1, got ${hidden}`);
  const batch = 1 + correlations.length;
  const act = (h: tf.Tensor) => (activation === 'relu' ? tf.relu(h) : activation === 'tanh' ? tf.tanh(h) : h);
  const x = tf.tensor2d(Float32Array.from(correlatedInputs(n, correlations, seed)), [batch, n]);
  const weightsT = Array.from({ length: hidden }, (_, l) => tf.tidy(() => tf.transpose(init([n, n], deriveSeed(seed, `layer ${l + 1}`)))));
  const readoutT = tf.tidy(() => tf.transpose(init([1, n], deriveSeed(seed, 'readout'))));
  const zeros = Array.from({ length: hidden }, () => tf.zeros([batch, n]));
  try {
    return tf.tidy(() => {
      // f summed over the batch, with a zero added to each layer's pre-activations: its gradient there is δ^l per row
      const forward = (...eps: tf.Tensor[]) => {
        const pre: tf.Tensor[] = [];
        const post: tf.Tensor[] = [x];
        let a: tf.Tensor = x;
        for (let l = 0; l < hidden; l++) {
          const h = tf.add(tf.matMul(a, weightsT[l] as tf.Tensor), eps[l] as tf.Tensor);
          pre.push(h);
          a = act(h);
          post.push(a);
        }
        return { pre, post, f: tf.sum(tf.matMul(a, readoutT)) };
      };
      const deltas = tf.grads((...eps: tf.Tensor[]) => forward(...eps).f)(zeros);
      const { pre, post } = forward(...zeros);
      const read = (t: tf.Tensor) => Float64Array.from(t.dataSync());
      const preValues = pre.map(read);
      const postValues = post.map(read);
      const deltaValues = deltas.map(read);
      const nngp = preValues.map((h) =>
        Array.from({ length: batch }, (_, i) => Array.from({ length: batch }, (_, j) => dot(h, i, j, n) / n)),
      );
      const ntk = Array.from({ length: batch }, (_, i) =>
        Array.from({ length: batch }, (_, j) => {
          let s = 0;
          for (let l = 0; l < hidden; l++)
            s += (dot(deltaValues[l] as Float64Array, i, j, n) * dot(postValues[l] as Float64Array, i, j, n)) / n;
          s += dot(postValues[hidden] as Float64Array, i, j, n) / n; // the readout: δ = 1
          return weightVariance * s;
        }),
      );
      return { nngp, ntk };
    });
  } finally {
    tf.dispose([x, readoutT, ...weightsT, ...zeros]);
  }
}
