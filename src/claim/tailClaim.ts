/**
 * The claim recipe for the notebook's own end of a vanishing chain: all-zero (std == 0), reached
 * through float32's denormal range. The chain claims decide at 2^-100, an event every backend
 * shares; this measures the rest, where backends differ and where a CPU may pay ~120× per matmul.
 *
 * Decided: the tail, the steps from leaving the normal range (max|x| < 2^-126) to all-zero, mean
 * over trials against a reference ensemble (matrices of the family at std 1/√n from the reference
 * stream, scaled by theory's σ√n, followed in float64) with the backend's rounding rule applied
 * (src/theory/denormalTail.ts). A backend that flushes denormals has no tail: not applicable.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describeBackend } from '../backend/describe.ts';
import { HOST_CHAIN_MAX_DIM, hostChainLog10Max } from '../chain/hostChain.ts';
import { normalisedMatrixValues, referenceEnsemble, referenceSeed, scaledTrajectory } from '../chain/referenceChain.ts';
import { runChain, type Activation } from '../chain/runChain.ts';
import { masterSeed } from '../rng/seed.ts';
import { mean } from '../stats/moments.ts';
import { circularLawEnd, circularLawRate, log10MaxOverRms } from '../theory/chainSteps.ts';
import { closedFormTailSteps, medianColumnMax, tailEnds, type TailRounding } from '../theory/denormalTail.ts';
import { alphaFor } from './budget.ts';
import { informationalCheck, meanAgainstReference, medianReport } from './checks.ts';
import { NOTEBOOK_STEPS, resolveChainMatrix, type ChainMatrix } from './chainClaim.ts';
import type { notebook } from './notebook.ts';
import { DEFAULT_DELTA, scaleInit, type WeightInit } from './power.ts';
import type { ClaimSpec, Measure } from './types.ts';
import { fmt } from '../text/format.ts';

export type TailObservation = {
  /** Steps from the first max|x| < 2^-126 to all-zero (NaN if the chain did not vanish). */
  tailSteps: number;
  /** The notebook's count: loop index at which x is all-zero. */
  allZeroSteps: number;
  belowNormalSteps: number;
  matmuls: number;
  denormalMatmuls: number;
  matmulDim: number;
};

export interface TailClaimOptions {
  /** The chain claim whose all-zero end this measures (C2, C4, …): the claim is Z-<chain>. */
  chain: string;
  cell?: string;
  matrix: ChainMatrix;
  activation: Activation;
  dim: number;
  notebookSteps?: ReturnType<typeof notebook>;
  control: { label: string; init: WeightInit };
  /** Reference matrices to start from (more for small, widely varying matrices). */
  referenceCount?: number;
  /** Set where the tier does not run this claim, with why. */
  skipped?: string;
}

function tailTrial(init: WeightInit, dim: number, activation: Activation, seed: number): TailObservation {
  const matrix = tf.tidy(() => init([dim, dim], seed)) as tf.Tensor2D;
  let trace;
  try {
    trace = runChain({ matrix, activation, maxSteps: NOTEBOOK_STEPS });
  } finally {
    matrix.dispose();
  }
  const vanished = trace.outcome === 'vanished';
  const below = trace.belowNormalAt ?? Number.NaN;
  return {
    tailSteps: vanished ? trace.steps - below : Number.NaN,
    allZeroSteps: vanished ? trace.steps : Number.NaN,
    belowNormalSteps: below,
    matmuls: trace.matmuls,
    denormalMatmuls: trace.denormalMatmuls,
    matmulDim: dim,
  };
}

/** Where the tail ends on this backend, or why there is none. */
export function tailRounding(): { rounding: TailRounding } | { notApplicable: string } {
  const { underflow } = describeBackend();
  if (underflow.flushesDenormalOutputs)
    return { notApplicable: 'this backend flushes denormals (its chains are all-zero as they leave the normal range)' };
  return { rounding: underflow.roundsEachProduct ? 'eachProduct' : 'onceForTheSum' };
}

/**
 * The reference tails, one per reference matrix: its trajectory of log10 max|x| (exact on the host
 * for small n; rms of 16 probed columns + log10 κ on the device otherwise), scaled to theory's σ.
 */
function referenceTails(options: {
  family: ReturnType<typeof resolveChainMatrix>['family'];
  n: number;
  activation: Activation;
  std: number;
  rounding: TailRounding;
  steps: number;
}): (count: number) => number[] {
  const { family, n, activation, std, rounding, steps } = options;
  const log10ColumnMax = Math.log10(medianColumnMax({ family, std, n }));
  const cache: number[] = [];
  return (count) => {
    const master = masterSeed();
    if (n > HOST_CHAIN_MAX_DIM && cache.length < count) {
      const kappa = log10MaxOverRms(n * n, activation);
      const trajectories = referenceEnsemble({ family, n, activation, steps, count, master });
      for (let k = cache.length; k < count; k++) {
        const maxAbs = Float64Array.from(scaledTrajectory(trajectories[k] as Float64Array, { std, n }), (v) => v + kappa);
        cache.push(tailLength(maxAbs, k));
      }
    }
    for (let k = cache.length; k < count; k++) {
      const values = normalisedMatrixValues(family, n, referenceSeed({ family, n, activation }, k, master));
      cache.push(tailLength(scaledTrajectory(hostChainLog10Max(values, n, activation, steps), { std, n }), k));
    }
    return cache.slice(0, count);
  };
  function tailLength(log10MaxAbs: Float64Array, k: number): number {
    const { belowNormal, allZero } = tailEnds(log10MaxAbs, { rounding, log10ColumnMax });
    if (!Number.isFinite(allZero - belowNormal)) {
      throw new RangeError(`denormal tail: reference matrix ${k} did not reach all-zero within ${steps} steps; follow it further`);
    }
    return allZero - belowNormal;
  }
}

export function denormalTailClaim(options: TailClaimOptions): ClaimSpec<TailObservation> {
  const { chain, cell, activation, dim, notebookSteps, control, skipped } = options;
  const id = `Z-${chain}`;
  const { init, std, family, label } = resolveChainMatrix(options.matrix, dim);
  const ends = tailRounding();
  const rounding: TailRounding = 'rounding' in ends ? ends.rounding : 'eachProduct';
  const delta = DEFAULT_DELTA.chains;
  const rate = circularLawRate({ std, n: dim, activation });
  const log10ColumnMax = Math.log10(medianColumnMax({ family, std, n: dim }));
  const tailAt = (factor: number) =>
    closedFormTailSteps({ rate: rate + Math.log10(factor), rounding, log10ColumnMax: log10ColumnMax + Math.log10(factor) });
  // A δ scale error changes the rate by log10(1 ± δ) per step and so the tail; the margin is 0.4 of the smaller change.
  const shift = Math.min(Math.abs(tailAt(1 + delta) - tailAt(1)), Math.abs(tailAt(1 - delta) - tailAt(1)));
  const margin = 0.4 * shift;
  const allZero = circularLawEnd({
    std,
    n: dim,
    activation,
    window: describeBackend().underflow.smallestPositiveOutput,
    maxSteps: NOTEBOOK_STEPS,
  });
  // the reference must reach all-zero: twice the closed-form count, or the notebook's 500 steps for an unbounded one
  const steps = Math.min(NOTEBOOK_STEPS, Number.isFinite(allZero.steps) ? 2 * allZero.steps + 20 : NOTEBOOK_STEPS);
  const ruleWords =
    rounding === 'eachProduct'
      ? 'each product rounded to float32 before the sum: all-zero once max|m|·max|x| < 2^-150'
      : 'the sum rounded once: all-zero once max|M·x| < 2^-150';
  const tail = meanAgainstReference({
    of: 'tailSteps',
    label: 'steps from 2^-126 to all-zero',
    reference: referenceTails({ family, n: dim, activation, std, rounding, steps }),
    referenceCount: options.referenceCount ?? (dim > HOST_CHAIN_MAX_DIM ? 24 : 2000),
    margin,
    unit: 'steps',
    minSd: 0.5,
    theory:
      `${family} matrices at std 1/√n (reference stream), max|x| followed in float64 (${dim > HOST_CHAIN_MAX_DIM ? 'rms of 16 columns × κ' : 'every entry'}), ` +
      `scaled by (σ√n)^(i+2) with σ = ${std.toPrecision(5)}; this backend's rounding: ${ruleWords}; ` +
      `margin 0.4 × the ${Math.round(delta * 100)}% scale error's shift ${fmt(shift)} steps (closed form: tail ${fmt(tailAt(1))} steps at rate ${fmt(rate)} decades/step)`,
  });
  const otherRule: TailRounding = rounding === 'eachProduct' ? 'onceForTheSum' : 'eachProduct';
  const otherReference = referenceTails({ family, n: dim, activation, std, rounding: otherRule, steps });
  const checks = [
    tail,
    informationalCheck('the other rounding rule', (observations) => {
      const other = otherReference(Math.min(observations.length, 2000));
      return {
        label: 'the other rounding rule',
        method: 'report',
        pass: true,
        informational: true,
        confidence: 1,
        estimate: mean(other),
        detail: `had the backend ${otherRule === 'eachProduct' ? 'rounded each product' : 'rounded the sum once'}, the reference tail would be ${fmt(mean(other))} steps (${other.length} matrices)`,
      };
    }),
    medianReport({
      of: 'allZeroSteps',
      label: "all-zero count (the notebook's event, measured)",
      ...(notebookSteps ? { notebook: notebookSteps } : {}),
      theory: { value: allZero.steps, formula: "circular-law count to half the backend's smallest kept value" },
    }),
    medianReport({ of: 'belowNormalSteps', label: 'count to max|x| < 2^-126' }),
  ];
  const measure =
    (draw: WeightInit): Measure<TailObservation> =>
    ({ seed }) =>
      tailTrial(draw, dim, activation, seed);
  void alphaFor(id); // fails at collection, not mid-run, when the ledger has no line for this claim
  return {
    id,
    ...(cell ? { cell } : {}),
    statement:
      `below float32's normal range, the chain of ${label}${activation === 'relu' ? ' with ReLU' : ''} is all-zero (the notebook's std == 0) ` +
      "after the steps the denormal range and the backend's rounding give at its rate",
    measure: measure(init),
    checks,
    controls: [{ label: control.label, measure: measure(control.init) }],
    power: {
      delta,
      basis: `chains: ${label} × (1 ± ${delta}) changes the rate by log10(1 ± ${delta}) a step, and the tail with it`,
      scaled: (factor) => measure(scaleInit(init, factor)),
    },
    ...('notApplicable' in ends ? { notApplicable: ends.notApplicable } : skipped ? { notApplicable: skipped } : {}),
  };
}
