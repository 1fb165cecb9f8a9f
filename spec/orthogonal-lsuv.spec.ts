/**
 * LSUV (Mishkin & Matas 2016): orthogonal pre-init, then rescale each layer in turn to unit
 * pre-activation variance on a batch. On a 20-layer ReLU MLP (width 128, batch 128) it reaches
 * |Var - 1| < tol at every layer within maxIter rounds; plain orthogonal does not: ReLU halves
 * the second moment at each layer (C11's decay), so layer 20 sits near 2^-19.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mediansReport, outcomeAtLeast } from '../src/claim/index.ts';
import type { ClaimSpec } from '../src/claim/index.ts';
import { claim } from '../src/claim/vitest.ts';
import { lsuv, normal, orthogonal } from '../src/index.ts';
import { deriveSeed } from '../src/rng/seed.ts';
import { OUTCOME_FLOOR } from './support/chainClaim.ts';

const [WIDTH, DEPTH, BATCH] = [128, 20, 128];
const TOL = 0.05;
const MAX_ITER = 10;

const trial = (rescale: boolean): ClaimSpec['measure'] => ({ seed }) => {
  const layers = Array.from({ length: DEPTH }, (_, l) => orthogonal([WIDTH, WIDTH], { seed: deriveSeed(seed, `layer/${l}`) }) as tf.Tensor2D);
  const batch = normal([WIDTH, BATCH], { seed: deriveSeed(seed, 'batch') }) as tf.Tensor2D;
  try {
    let measured: number[];
    if (rescale) {
      const { weights, variances } = lsuv(layers, batch, { tol: TOL, maxIter: MAX_ITER });
      tf.dispose(weights);
      measured = variances;
    } else {
      measured = plainVariances(layers, batch);
    }
    return { allWithinTol: measured.every((v) => Math.abs(v - 1) < TOL) ? 1 : 0, log10LastVariance: [Math.log10(measured[DEPTH - 1] as number)] };
  } finally {
    tf.dispose([...layers, batch]);
  }
};

/** Pre-activation variance per layer of the plain orthogonal MLP on the batch. */
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
  statement: `LSUV (orthogonal pre-init, per-layer rescaling) reaches |Var - 1| < ${TOL} at all ${DEPTH} layers of a ReLU MLP within ${MAX_ITER} rounds per layer`,
  measure: trial(true),
  checks: [
    outcomeAtLeast({ of: 'allWithinTol', label: `P(every layer's pre-activation variance within ${TOL} of 1)`, p0: OUTCOME_FLOOR }),
    mediansReport({ of: 'log10LastVariance', label: `log10 Var at layer ${DEPTH}`, positions: [`layer ${DEPTH}`] }),
  ],
  controls: [{ label: 'plain orthogonal, no rescaling (Var halves per ReLU layer)', measure: trial(false) }],
});
