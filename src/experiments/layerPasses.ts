/**
 * Forward and backward passes whose second moments the Xavier/Kaiming claims measure: one
 * layer's two factors, a stack of fresh ReLU layers, and tf.grad through a ReLU MLP. Every
 * ratio is a float64 host moment of float32 tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers gradients separately from ops
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { readValues } from '../backend/readValues.ts';
import { normal } from '../init/distributions.ts';
import type { FanMode } from '../init/fans.ts';
import { kaimingUniform } from '../init/scaled.ts';
import { deriveSeed } from '../rng/seed.ts';
import { hostMoments } from '../stats/moments.ts';
import type { WeightInit } from './matVec.ts';

const secondMomentRatio = (a: ArrayLike<number>, b: ArrayLike<number>) => hostMoments(a).secondMoment / hostMoments(b).secondMoment;

/**
 * One [nOut, nIn] layer on `batch` columns: forward E[(Wx)²]/E[x²] and backward E[(Wᵀg)²]/E[g²].
 * Wᵀg by an explicit transpose: tfjs-wasm's matMul with a transpose flag is ~12× slower (npm run bench).
 */
export function layerFactorsTrial({
  init,
  nIn,
  nOut,
  batch,
  seed,
}: {
  init: WeightInit;
  nIn: number;
  nOut: number;
  batch: number;
  seed: number;
}) {
  const w = init([nOut, nIn], seed);
  const input = normal([nIn, batch], { seed: deriveSeed(seed, 'x') });
  const upstream = normal([nOut, batch], { seed: deriveSeed(seed, 'g') });
  const [wx, wtg, x, g] = [
    readValues(() => tf.matMul(w, input)),
    readValues(() => tf.matMul(tf.transpose(w), upstream)),
    input.dataSync(),
    upstream.dataSync(),
  ];
  tf.dispose([w, input, upstream]);
  const forward = secondMomentRatio(wx, x);
  const backward = secondMomentRatio(wtg, g);
  return { forward, backward, log10Product: Math.log10(forward * backward) };
}

/** log10 of the E[x²] factor per layer through `layers` fresh ReLU layers alternating nIn→nOut and nOut→nIn. */
export function reluStackTrial({
  init,
  nIn,
  nOut,
  layers,
  batch,
  seed,
}: {
  init: WeightInit;
  nIn: number;
  nOut: number;
  layers: number;
  batch: number;
  seed: number;
}) {
  const first = tf.tidy(() => normal([nIn, batch], { seed: deriveSeed(seed, 'x') }));
  const start = hostMoments(first.dataSync()).secondMoment;
  let x = first;
  for (let l = 0; l < layers; l++) {
    const [out, inputs] = l % 2 === 0 ? [nOut, nIn] : [nIn, nOut];
    const next = tf.tidy(() => tf.relu(tf.matMul(init([out, inputs], deriveSeed(seed, `layer/${l}`)), x)));
    x.dispose();
    x = next;
  }
  const end = hostMoments(x.dataSync()).secondMoment;
  x.dispose();
  return { log10PerLayer: Math.log10(end / start) / layers };
}

/**
 * A ReLU MLP through `widths` (e.g. 512→256→128→64) with Kaiming uniform (ReLU gain) in `mode`:
 * log10 of the forward E[x²] ratio, and of the backward E[g²] ratio by tf.grad of Σ out·g.
 */
export function mlpGradientTrial({
  widths,
  mode,
  batch,
  seed,
  scale = 1,
}: {
  widths: readonly number[];
  mode: FanMode;
  batch: number;
  seed: number;
  scale?: number;
}) {
  // `scale` multiplies every weight: the power controls' wrong input
  const ws = widths
    .slice(1)
    .map((out, l) =>
      tf.tidy(() =>
        tf.mul(kaimingUniform([out, widths[l] as number], { nonlinearity: 'relu', mode, seed: deriveSeed(seed, `w${l}`) }), scale),
      ),
    );
  const x = normal([widths[0] as number, batch], { seed: deriveSeed(seed, 'x') });
  const upstream = normal([widths[widths.length - 1] as number, batch], { seed: deriveSeed(seed, 'g') });
  const forward = (input: tf.Tensor) => ws.reduce((h, w) => tf.relu(tf.matMul(w, h)), input);
  try {
    const gradient = readValues(() => tf.grad((input: tf.Tensor) => tf.sum(tf.mul(forward(input), upstream)))(x));
    const output = readValues(() => forward(x));
    return {
      log10Backward: Math.log10(secondMomentRatio(gradient, upstream.dataSync())),
      log10Forward: Math.log10(secondMomentRatio(output, x.dataSync())),
    };
  } finally {
    tf.dispose([...ws, x, upstream]);
  }
}
