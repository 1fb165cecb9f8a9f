/**
 * The input–output Jacobian of a deep nonlinear net at init, at one input (Pennington, Schoenholz
 * & Ganguli 2017): h_l = W_l·x_{l-1} + b_l, x_l = φ(h_l), so J = D_L·W_L⋯D_1·W_1 with
 * D_l = diag(φ'(h_l)). Built in float32 on the backend (J ← D_l·(W_l·J)); the eigenvalue moments
 * of JJᵀ at the depths asked for are taken on the host in float64 (src/experiments/linearJacobian.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WeightInit } from '../init/types.ts';
import { normalValues } from '../rng/draw.ts';
import { deriveSeed } from '../rng/seed.ts';
import { assertAscendingDepths, spectrumAt, type SpectrumAtDepth } from './linearJacobian.ts';

export type JacobianActivation = 'relu' | 'tanh';

export interface NetJacobianOptions {
  /** Draws each layer's n×n weights (the init under test). */
  init: WeightInit;
  activation: JacobianActivation;
  n: number;
  depths: readonly number[];
  /** σ_b: biases N(0, σ_b²), drawn per layer. */
  biasStd: number;
  /** rms of the input x_0 ~ N(0, rms²) per entry. */
  inputRms: number;
  seed: number;
}

/** φ(h) and φ'(h) on the backend. */
function activate(h: tf.Tensor, activation: JacobianActivation): { x: tf.Tensor; slope: tf.Tensor } {
  if (activation === 'relu') return { x: tf.relu(h), slope: tf.cast(tf.greater(h, 0), 'float32') };
  const x = tf.tanh(h);
  return { x, slope: tf.sub(1, tf.square(x)) };
}

export function netJacobianSpectrum({ init, activation, n, depths, biasStd, inputRms, seed }: NetJacobianOptions): SpectrumAtDepth[] {
  assertAscendingDepths('netJacobianSpectrum', depths);
  if (activation !== 'relu' && activation !== 'tanh')
    throw new RangeError(`netJacobianSpectrum: activation must be 'relu' or 'tanh', got '${String(activation)}'`);
  if (!(biasStd >= 0 && inputRms > 0))
    throw new RangeError(`netJacobianSpectrum: needs σ_b >= 0 and an input rms > 0, got ${biasStd}, ${inputRms}`);
  const out: SpectrumAtDepth[] = [];
  let x: tf.Tensor = tf.tensor2d(normalValues(n, 0, inputRms, deriveSeed(seed, 'input')), [n, 1]);
  let jacobian: tf.Tensor | undefined;
  try {
    for (let l = 1; l <= (depths.at(-1) ?? 0); l++) {
      const [previousX, previousJ] = [x, jacobian];
      const [nextX, nextJ] = tf.tidy(() => {
        const w = init([n, n], deriveSeed(seed, `layer ${l}`));
        const bias = tf.mul(tf.tensor2d(normalValues(n, 0, 1, deriveSeed(seed, `bias ${l}`)), [n, 1]), biasStd);
        const { x: after, slope } = activate(tf.add(tf.matMul(w, previousX), bias), activation);
        // D_l·(W_l·J): scale row i by φ'(h_i)
        return [after, tf.mul(slope, previousJ ? tf.matMul(w, previousJ) : w)];
      });
      tf.dispose([previousX, previousJ as tf.Tensor]);
      [x, jacobian] = [nextX, nextJ];
      if (depths.includes(l)) out.push(spectrumAt(nextJ, l));
    }
  } finally {
    tf.dispose([x, ...(jacobian ? [jacobian] : [])]);
  }
  return out;
}
