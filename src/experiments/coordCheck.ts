/**
 * microsoft/mup's coordinate check for one MLP, as a measurement: one SGD step on a fixed batch
 * at several widths, and per layer the mean |Δh| of the layer's output (mup/coord_check.py
 * records `x.abs().mean()` of each module's output at each step; here the change between the
 * step's before and after, on the same batch, which is what its plots show growing or not).
 *
 * Net: h1 = W1·x, h2 = W2·relu(h1), h3 = W3·relu(h2), f = m_out·Wout·relu(h3), no biases;
 * inputs of dimension dIn, dOut outputs; a linear loss −mean(y·f) over the batch.
 * - SP: W1, W2, W3 Kaiming normal (var 2/fan_in), Wout N(0, 1/n), every learning rate η, m_out = 1.
 * - μP as mup implements it for SGD, with width multiplier m = n/base: `MuReadout` (Wout drawn as
 *   SP's and rescaled by √m, forward multiplier m_out = 1/m) and `MuSGD` (vector-like parameters,
 *   here W1 and Wout, whose one infinite dimension is the width, at learning rate η·m; the n×n
 *   matrices at η·fan_in_mult/fan_out_mult = η).
 * Options put deliberate errors in for the controls: the readout multiplier left at SP's, every
 * learning rate times m^ε (an exponent off by ε).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WeightInit } from '../init/types.ts';
import { normalValues } from '../rng/draw.ts';
import { deriveSeed } from '../rng/seed.ts';

export type Parametrization = 'sp' | 'mup';

export interface CoordCheckOptions {
  parametrization: Parametrization;
  widths: readonly number[];
  /** mup's base width: m = n/base. */
  base: number;
  /** η, the global learning rate. */
  lr: number;
  dIn: number;
  /** Outputs (mup's MLP has 10 classes). */
  dOut: number;
  batch: number;
  /** Hidden weights' init (Kaiming normal for both), [out, in]. */
  hiddenInit: WeightInit;
  /** The readout's init before any μP rescaling: N(0, 1/n), [dOut, n]. */
  readoutInit: WeightInit;
  seed: number;
  /** μP with the readout's forward multiplier left at SP's 1 (mup's most common mistake). */
  readoutMultiplierAsSp?: boolean;
  /** Every learning rate × m^ε: a width exponent off by ε. */
  lrWidthExponentError?: number;
}

export interface CoordCheckWidth {
  width: number;
  /** mean |Δh| of h1, h2, h3 and f after one step. */
  meanAbsDelta: number[];
  /** mean |f| at init. */
  meanAbsOutputAtInit: number;
}

function meanAbs(t: tf.Tensor): number {
  const v = t.dataSync();
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.abs(v[i] as number);
  return s / v.length;
}

export function coordCheck(options: CoordCheckOptions): CoordCheckWidth[] {
  const { parametrization, widths, base, lr, dIn, batch, hiddenInit, readoutInit, seed } = options;
  if (!(lr > 0 && base > 0)) throw new RangeError(`coordCheck: lr and base must be positive, got lr ${lr}, base ${base}`);
  // one batch and one target for every width: the fixed batch of mup's coordinate check
  const widest = Math.max(...widths);
  for (const n of widths)
    if (!(Number.isInteger(n) && n > 0 && widest % n === 0))
      throw new RangeError(`coordCheck: widths must be positive integers dividing the widest (${widest}), got ${n}`);
  const dOut = options.dOut;
  // one batch and one target for every width: the fixed batch of mup's coordinate check
  const x = tf.tensor2d(normalValues(batch * dIn, 0, 1, deriveSeed(seed, 'batch')), [batch, dIn]);
  const y = tf.tensor2d(normalValues(batch * dOut, 0, 1, deriveSeed(seed, 'targets')), [batch, dOut]);
  // Nested nets from one draw at the widest width: a width-n net takes a diagonal block of the
  // draw, rescaled to its own fan-in, and the widest/n disjoint blocks give widest/n independent
  // nets, averaged: every width then averages as many units, so each point of the slope is as
  // precise as the widest's. Each net is drawn exactly as its width's init says; only the nets'
  // joint law across widths changes (common random numbers), which leaves each width's
  // expectation, and the slope's, as it is.
  // transposed once ([in, out]: x·W); a diagonal block of Wᵀ is the block of W transposed
  const draws = tf.tidy(() =>
    [
      hiddenInit([widest, dIn], deriveSeed(seed, 'W1')),
      hiddenInit([widest, widest], deriveSeed(seed, 'W2')),
      hiddenInit([widest, widest], deriveSeed(seed, 'W3')),
      readoutInit([dOut, widest], deriveSeed(seed, 'Wout')),
    ].map((w) => tf.transpose(w)),
  ) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  try {
    return widths.map((n) => {
      const m = n / base;
      const mup = parametrization === 'mup';
      const outMult = mup && !options.readoutMultiplierAsSp ? 1 / m : 1;
      const lrError = m ** (options.lrWidthExponentError ?? 0);
      // MuSGD: vector-like parameters (one width dimension) at η·m, n×n matrices at η
      const rates = mup ? [lr * m, lr, lr, lr * m] : [lr, lr, lr, lr];
      const fanInRescale = Math.sqrt(widest / n);
      const nets = widest / n;
      const sums = [0, 0, 0, 0, 0];
      for (let k = 0; k < nets; k++) {
        const at = k * n;
        const one = tf.tidy(() => {
          const [w1, w2, w3, wOut] = draws;
          const params = [
            tf.slice(w1, [0, at], [dIn, n]),
            tf.mul(tf.slice(w2, [at, at], [n, n]), fanInRescale),
            tf.mul(tf.slice(w3, [at, at], [n, n]), fanInRescale),
            tf.mul(tf.slice(wOut, [at, 0], [n, dOut]), fanInRescale * (mup ? Math.sqrt(m) : 1)),
          ];
          const forward = (ws: tf.Tensor[]) => {
            const h1 = tf.matMul(x, ws[0] as tf.Tensor);
            const h2 = tf.matMul(tf.relu(h1), ws[1] as tf.Tensor);
            const h3 = tf.matMul(tf.relu(h2), ws[2] as tf.Tensor);
            const f = tf.mul(tf.matMul(tf.relu(h3), ws[3] as tf.Tensor), outMult);
            return [h1, h2, h3, f];
          };
          // the taped forward pass is the step's "before": kept out of tf.grads' own tidy (and
          // disposed below) so the net is not run a second time for it
          let before: tf.Tensor[] = [];
          // a linear loss: its gradient at the output, −y/size, is the same at every width, so the
          // step's changes follow from the parametrization alone (with a squared loss the output's
          // own size at init enters the gradient and bends μP's slopes by ~−0.2 over 128–1024)
          const loss = (...ws: tf.Tensor[]) => {
            before = forward(ws).map((h) => tf.keep(h));
            return tf.neg(tf.mean(tf.mul(before[3] as tf.Tensor, y))) as tf.Scalar;
          };
          try {
            const grads = tf.grads(loss)(params);
            const stepped = params.map((w, i) => tf.sub(w, tf.mul(grads[i] as tf.Tensor, (rates[i] as number) * lrError)));
            const after = forward(stepped);
            return [...after.map((a, i) => meanAbs(tf.sub(a, before[i] as tf.Tensor))), meanAbs(before[3] as tf.Tensor)];
          } finally {
            tf.dispose(before);
          }
        });
        one.forEach((v, i) => (sums[i] = (sums[i] as number) + v / nets));
      }
      return { width: n, meanAbsDelta: sums.slice(0, 4), meanAbsOutputAtInit: sums[4] as number };
    });
  } finally {
    tf.dispose([x, y, ...draws]);
  }
}
