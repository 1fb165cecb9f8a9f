/**
 * LSUV (Mishkin & Matas 2016): orthogonal pre-init, then rescale each layer in turn to unit
 * pre-activation variance on a batch. On a 20-layer ReLU MLP (width 128, batch 128) it reaches
 * |Var - 1| < tol at every layer within maxIter rounds; plain orthogonal does not: ReLU halves
 * the second moment at each layer (C11's decay), so layer 20 sits near 2^-19. LSUV's own batch
 * is normalised by construction, so the decisive check runs its weights on a fresh batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_DELTA, meanWithin, mediansReport, outcomeAtLeast, powerMargin, stdMoves } from '../src/claim/index.ts';
import { readValues } from '../src/backend/readValues.ts';
import { householderQR } from '../src/init/householderQR.ts';
import { standardNormals } from '../src/rng/draw.ts';
import { hostMoments } from '../src/stats/index.ts';
import type { ClaimSpec, TrialContext } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import type { SeededDraw } from '../src/init/types.ts';
import { lsuv, normal, orthogonal } from '../src/index.ts';
import { deriveSeed } from '../src/rng/seed.ts';
import { OUTCOME_FLOOR } from '../src/claim/index.ts';
import { pct } from '../src/text/format.ts';

const [WIDTH, DEPTH, BATCH] = [128, 20, 128];
const TOL = 0.05;
const MAX_ITER = 10;
/** Layer 20's fresh-batch variance within ×10^±0.1 (±26%) of 1. */
const FRESH_MARGIN = 0.1;

/**
 * One net: LSUV on batch A, then the returned weights (times `scale`: the power controls) on a
 * fresh batch B. LSUV's own loop makes its batch's variances 1 by construction; B is the test.
 */
const trial =
  (rescale: boolean, scale = 1) =>
  ({ seed }: TrialContext) => {
    const layers = Array.from(
      { length: DEPTH },
      (_, l) => orthogonal([WIDTH, WIDTH], { seed: deriveSeed(seed, `layer/${l}`) }) as tf.Tensor2D,
    );
    const batch = normal([WIDTH, BATCH], { seed: deriveSeed(seed, 'batch') }) as tf.Tensor2D;
    const fresh = normal([WIDTH, BATCH], { seed: deriveSeed(seed, 'fresh batch') }) as tf.Tensor2D;
    let weights: tf.Tensor2D[] = [];
    try {
      let own: number[];
      if (rescale) {
        const result = lsuv(layers, batch, { tol: TOL, maxIter: MAX_ITER });
        weights = result.weights as tf.Tensor2D[];
        own = result.variances;
      } else {
        own = plainVariances(layers, batch);
      }
      const scaled = tf.tidy(() => (rescale ? weights : layers).map((w) => tf.mul(w, scale) as tf.Tensor2D));
      const onFresh = plainVariances(scaled, fresh);
      tf.dispose(scaled);
      return {
        allWithinTol: own.every((v) => Math.abs(v - 1) < TOL) ? 1 : 0,
        freshLog10VarLast: Math.log10(onFresh[DEPTH - 1] as number),
        log10LastVariance: [Math.log10(own[DEPTH - 1] as number)],
      };
    } finally {
      tf.dispose([...layers, ...weights, batch, fresh]);
    }
  };

/** Pre-activation variance per layer of the ReLU MLP on a batch. */
function plainVariances(layers: tf.Tensor2D[], batch: tf.Tensor2D): number[] {
  return tf.tidy(() => {
    let x: tf.Tensor = batch;
    return layers.map((w) => {
      const y = tf.matMul(w, x);
      x = tf.relu(y);
      return tf.moments(y).variance.dataSync()[0] as number;
    });
  });
}

claim({
  id: 'L-lsuv',
  statement: `LSUV (orthogonal pre-init, per-layer rescaling) reaches |Var - 1| < ${TOL} at all ${DEPTH} layers of a ReLU MLP on its batch, and its weights keep layer ${DEPTH}'s variance within ${FRESH_MARGIN} decades of 1 on a fresh batch`,
  measure: trial(true),
  checks: [
    outcomeAtLeast({
      of: 'allWithinTol',
      label: `P(every layer's pre-activation variance within ${TOL} of 1 on LSUV's batch)`,
      p0: OUTCOME_FLOOR,
    }),
    meanWithin({
      of: 'freshLog10VarLast',
      label: `log10 Var at layer ${DEPTH} on a fresh batch`,
      target: { value: 0, formula: 'LSUV sets every layer to unit variance: log10 1' },
      margin: FRESH_MARGIN,
      sd: 0.05,
      sdBasis: 'planning: batch-to-batch fluctuation of a 128×128 variance through 20 layers',
    }),
    mediansReport({ of: 'log10LastVariance', label: `log10 Var at layer ${DEPTH} on LSUV's batch`, positions: [`layer ${DEPTH}`] }),
  ],
  controls: [{ label: 'plain orthogonal, no rescaling (Var halves per ReLU layer)', measure: trial(false) }],
  power: {
    delta: DEFAULT_DELTA.moments,
    basis: `LSUV undoes any pre-init scale by design, so δ scales its returned weights: layer ${DEPTH}'s variance moves by ${DEPTH}·2·log10(1 ± δ) ≈ ±${(DEPTH * 2 * Math.log10(1 + DEFAULT_DELTA.moments)).toFixed(2)} decades`,
    scaled: (f) => trial(true, f),
  },
});

/**
 * The sign correction in orthogonal(): Householder QR picks the sign of each R diagonal entry,
 * so Q alone is not Haar (its diagonal leans one way). Haar orthogonal matrices have E tr W = 0
 * and Var tr W = 1 for every n ≥ 2 (Diaconis & Shahshahani 1994), and W's rms is exactly 1/√n.
 */
const HAAR_DIM = 256;
const haarTrial =
  (draw: SeededDraw) =>
  ({ seed }: TrialContext) => {
    const values = readValues(() => draw(seed));
    let trace = 0;
    for (let i = 0; i < HAAR_DIM; i++) trace += values[i * HAAR_DIM + i] as number;
    return { trace, rmsTimesSqrtN: Math.sqrt(hostMoments(values).secondMoment * HAAR_DIM) };
  };

/** Q of the same QR without the sign(diag R) correction: orthogonal, but not Haar. */
const unsignedQ = (seed: number) => {
  const { q } = householderQR(standardNormals(HAAR_DIM * HAAR_DIM, seed), HAAR_DIM, HAAR_DIM);
  return tf.transpose(tf.tensor2d(Float32Array.from(q), [HAAR_DIM, HAAR_DIM]));
};

/** rms(W)·√n: 0.4 of what δ = 2% moves it. */
const RMS_MARGIN = powerMargin(stdMoves(DEFAULT_DELTA.weights));

claim({
  id: 'T-orthogonal-haar',
  statement: `orthogonal() on ${HAAR_DIM}×${HAAR_DIM} draws a Haar matrix: E tr W = 0 (within 0.5; Var tr W = 1) and rms(W)·√n = 1 (within ${pct(RMS_MARGIN)})`,
  measure: haarTrial((seed) => orthogonal([HAAR_DIM, HAAR_DIM], { seed })),
  checks: [
    meanWithin({
      of: 'trace',
      label: 'tr W',
      target: { value: 0, formula: 'Haar O(n): E tr W = 0, Var tr W = 1 (Diaconis & Shahshahani 1994)' },
      margin: 0.5,
      sd: 1,
    }),
    meanWithin({
      of: 'rmsTimesSqrtN',
      label: 'rms(W)·√n',
      target: { value: 1, formula: 'WᵀW = I: ‖W‖_F² = n' },
      margin: RMS_MARGIN,
      sd: 1e-3,
      sdBasis: 'float32 rounding',
    }),
  ],
  controls: [{ label: 'Q without the sign(diag R) correction (orthogonal, not Haar)', measure: haarTrial(unsignedQ) }],
  power: {
    delta: DEFAULT_DELTA.weights,
    basis: `weights: rms(W)·√n moves by ±2%; the ${pct(RMS_MARGIN)} margin is 0.4 of that`,
    scaled: (f) => haarTrial((seed) => tf.tidy(() => tf.mul(orthogonal([HAAR_DIM, HAAR_DIM], { seed }), f))),
  },
});
