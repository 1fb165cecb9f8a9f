/**
 * Two inputs' correlation through a wide tanh net at init (the setting of Schoenholz et al. 2017):
 * fresh W_l ~ N(0, σ_w²/n), b_l ~ N(0, σ_b²), h_1 = W_1·x + b_1, h_{l+1} = W_{l+1}·tanh(h_l) + b_{l+1}.
 * Each of `pairs` triples holds an input a and two partners b₊ = c₊·a + √(1−c₊²)·a', b₋ likewise
 * with c₋ (a and a' i.i.d. N(0, m0)), so the two pairs (a, b₊) and (a, b₋) share a, a' and every
 * weight: their correlations' difference Δ_l = ĉ_l(a, b₊) − ĉ_l(a, b₋) is the response of the
 * correlation map to its input, the finite-width noise common to both pairs cancelling in it.
 * ĉ = 1 − ‖â − b̂‖²/2 (unit vectors, float64 on the host) stays exact as ĉ → 1 (b₊ = a gives 1).
 */
import * as tf from '@tensorflow/tfjs-core';
import { normal } from '../init/distributions.ts';
import { normalValues } from '../rng/draw.ts';
import { deriveSeed } from '../rng/seed.ts';

export interface PairNet {
  /** σ_w: weights are N(0, σ_w²/n). */
  weightStd: number;
  /** σ_b: biases are N(0, σ_b²). */
  biasStd: number;
  /** √m0: the inputs' rms. */
  inputRms: number;
  /** The two partners' input correlations with a. */
  cPlus: number;
  cMinus: number;
  /** Triples this net runs (at most the trial's `pairs`; the first ones of the shared inputs). */
  pairs?: number;
}

export interface CorrelationPairsOptions {
  n: number;
  /** Triples drawn (each net runs its own `pairs`, default all). */
  pairs: number;
  layers: number;
  /** Nets sharing one seed's standard-normal draws (W_l = σ_w·Z_l/√n, b_l = σ_b·β_l, inputs from the same a, a'). */
  nets: readonly PairNet[];
  seed: number;
}

/** Per net: Δ_l averaged over the triples, l = 1…layers. */
export function correlationPairsTrial({ n, pairs, layers, nets, seed }: CorrelationPairsOptions): number[][] {
  for (const [name, value] of Object.entries({ n, pairs, layers })) {
    if (!(Number.isInteger(value) && value >= 1))
      throw new RangeError(`correlationPairsTrial: ${name} must be a positive integer, got ${value}`);
  }
  for (const net of nets) {
    const { weightStd, biasStd, inputRms, cPlus, cMinus } = net;
    if (!(weightStd > 0 && biasStd >= 0 && inputRms > 0))
      throw new RangeError(
        `correlationPairsTrial: needs σ_w > 0, σ_b >= 0 and an input rms > 0, got ${weightStd}, ${biasStd}, ${inputRms}`,
      );
    if (!(Math.abs(cPlus) <= 1 && Math.abs(cMinus) <= 1))
      throw new RangeError(`correlationPairsTrial: input correlations must be in [-1, 1], got ${cPlus}, ${cMinus}`);
    const own = net.pairs ?? pairs;
    if (!(Number.isInteger(own) && own >= 1 && own <= pairs))
      throw new RangeError(`correlationPairsTrial: a net's pairs must be an integer in [1, ${pairs}], got ${own}`);
  }
  const a = normalValues(n * pairs, 0, 1, deriveSeed(seed, 'a'));
  const other = normalValues(n * pairs, 0, 1, deriveSeed(seed, "a'"));
  const deltas: number[][] = nets.map(() => []);
  // columns [a, b₊, b₋] per triple, row-major n × 3·pairs
  const pairsOf = nets.map((net) => net.pairs ?? pairs);
  let states: tf.Tensor[] = nets.map(({ inputRms, cPlus, cMinus }, k) => {
    const own = pairsOf[k] as number;
    const x = new Float32Array(n * 3 * own);
    const [sPlus, sMinus] = [Math.sqrt(1 - cPlus * cPlus), Math.sqrt(1 - cMinus * cMinus)];
    for (let r = 0; r < n; r++) {
      for (let p = 0; p < own; p++) {
        const [u, v] = [a[r * pairs + p] as number, other[r * pairs + p] as number];
        const at = r * 3 * own + 3 * p;
        x[at] = inputRms * u;
        x[at + 1] = inputRms * (cPlus * u + sPlus * v);
        x[at + 2] = inputRms * (cMinus * u + sMinus * v);
      }
    }
    return tf.tensor2d(x, [n, 3 * own]);
  });
  try {
    for (let l = 1; l <= layers; l++) {
      // the weights through the init library's normal() (the init under test: npm run power's mutants reach it)
      const z = normal([n, n], { std: 1, seed: deriveSeed(seed, `W${l}`) });
      const beta = tf.tensor2d(normalValues(n, 0, 1, deriveSeed(seed, `b${l}`)), [n, 1]);
      try {
        states = states.map((h, k) => {
          const { weightStd, biasStd } = nets[k] as PairNet;
          const next = tf.tidy(() =>
            tf.add(tf.matMul(tf.mul(z, weightStd / Math.sqrt(n)), l === 1 ? h : tf.tanh(h)), tf.mul(beta, biasStd)),
          );
          h.dispose();
          (deltas[k] as number[]).push(meanDelta(next.dataSync(), n, pairsOf[k] as number));
          return next;
        });
      } finally {
        tf.dispose([z, beta]);
      }
    }
  } finally {
    tf.dispose(states);
  }
  return deltas;
}

/** Mean over triples of ĉ(a, b₊) − ĉ(a, b₋), from an n × 3·pairs row-major block (read row by row: two passes in memory order). */
function meanDelta(h: ArrayLike<number>, n: number, pairs: number): number {
  const width = 3 * pairs;
  const norms = new Float64Array(width);
  for (let r = 0; r < n; r++) {
    const row = r * width;
    for (let j = 0; j < width; j++) norms[j] = (norms[j] as number) + (h[row + j] as number) ** 2;
  }
  for (let j = 0; j < width; j++) norms[j] = Math.sqrt(norms[j] as number);
  // ‖â − b̂₊‖² and ‖â − b̂₋‖² per triple
  const gaps = new Float64Array(2 * pairs);
  for (let r = 0; r < n; r++) {
    const row = r * width;
    for (let p = 0; p < pairs; p++) {
      const at = row + 3 * p;
      const u = (h[at] as number) / (norms[3 * p] as number);
      gaps[2 * p] = (gaps[2 * p] as number) + (u - (h[at + 1] as number) / (norms[3 * p + 1] as number)) ** 2;
      gaps[2 * p + 1] = (gaps[2 * p + 1] as number) + (u - (h[at + 2] as number) / (norms[3 * p + 2] as number)) ** 2;
    }
  }
  // ĉ = 1 − ‖â − b̂‖²/2, so ĉ₊ − ĉ₋ = (‖â − b̂₋‖² − ‖â − b̂₊‖²)/2
  let sum = 0;
  for (let p = 0; p < pairs; p++) sum += ((gaps[2 * p + 1] as number) - (gaps[2 * p] as number)) / 2;
  return sum / pairs;
}
