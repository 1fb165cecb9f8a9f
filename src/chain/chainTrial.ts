/**
 * One seeded trial of a chain claim: draw M, run the float32 chain, and predict its end from
 * the same M's renormalised growth (probeGrowth): the decided end (max|x| < VANISHING_THRESHOLD,
 * or non-finite) and the notebook's all-zero end at the backend's measured float32 floor.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describeBackend } from '../backend/describe.ts';
import type { WeightInit } from '../init/types.ts';
import { endOfTrajectory, float32Window, log10MaxOverRms, thresholdWindow } from '../theory/chainSteps.ts';
import { VANISHING_THRESHOLD } from '../theory/float32.ts';
import { hostMoments } from '../stats/moments.ts';
import { probeGrowth } from './probeGrowth.ts';
import { runChain, type Activation, type ChainTrace } from './runChain.ts';

export const CHAIN_CHECKPOINTS = [10, 50, 100, 500] as const;

/** Columns the float64 growth probe follows; a survivor's measured rms is taken over the same columns. */
export const PROBE_COLUMNS = 16;

export interface ChainTrialOptions {
  /** Draws the square matrix M for a seed. */
  init: WeightInit;
  dim: number;
  activation: Activation;
  maxSteps: number;
  seed: number;
  /** The step count K at which the growth is compared with theory: the probe runs at least this far. */
  rateSteps?: number;
  /** Run the float32 chain (outcome, count); without it only the float64 growth probe runs. */
  float32Chain?: boolean;
  /**
   * Where a vanishing float32 chain ends: 'threshold' (default), once max|x| < VANISHING_THRESHOLD,
   * an event every backend shares and computes in the normal range; 'allZero', the notebook's end
   * (std == 0), through the denormal range, whose cost and count depend on the backend.
   */
  end?: ChainEnd;
}

export type ChainEnd = 'threshold' | 'allZero';

export type ChainObservation = {
  /** Outcome indicators (NaN where the float32 chain was not run). */
  vanished: number;
  nonFinite: number;
  survived: number;
  /** The count (loop index of the end: below VANISHING_THRESHOLD, or all-zero with end 'allZero'), Infinity when the chain survived. */
  steps: number;
  /** The count predicted from this M's float64-tracked growth and the same end (the replay: a diagnostic). */
  predictedSteps: number;
  /**
   * The notebook's all-zero count replayed from this M's growth at the backend's floor (a diagnostic):
   * Infinity when the replay is still above the floor after maxSteps (a slow draw: censored, like a
   * survivor's `steps`), NaN when it turns non-finite instead or was not run.
   */
  predictedAllZeroSteps: number;
  /** First loop index with max|x| < 2^-126, where the run reached it (NaN otherwise). */
  belowNormalSteps: number;
  /** log10 rms of the 16 probed columns after `rateSteps` multiplications, float64 (no range limit). */
  log10RmsAtRateSteps: number;
  /** log10 rms(x) at the last batch end before the end of the chain (at maxSteps-1 for a survivor), measured and predicted. */
  log10RmsLast: number;
  predictedLog10RmsLast: number;
  /** A survivor's log10 rms at maxSteps-1 over the PROBE_COLUMNS columns the prediction follows (NaN otherwise). */
  probedColumnsLog10RmsLast: number;
  /** float64 log10 std after 10, 50, 100, 500 multiplications (NaN where the chain had ended). */
  log10StdAt: number[];
  /** log10 rms(M), where the chain starts. */
  log10RmsStart: number;
  /** Least-squares slope of log10 E[x²] per step over the batch-end samples in float32's normal range. */
  log10SecondMomentSlope: number[];
  /** Per-step log10 max|x|, for plots. */
  log10MaxAbs: number[];
  float32SquaresUnderflowAt: number;
  float32SquaresOverflowAt: number;
  matmuls: number;
  /** Matmuls whose operand x was below float32's smallest normal (max|x| < 2^-126). */
  denormalMatmuls: number;
  /** n of the n×n matmuls counted (a 5×5 one costs microseconds, a 512² one milliseconds). */
  matmulDim: number;
};

export function chainTrial({
  init,
  dim,
  activation,
  maxSteps,
  seed,
  rateSteps = 1,
  float32Chain = true,
  end = 'threshold',
}: ChainTrialOptions): ChainObservation {
  if (!(Number.isInteger(rateSteps) && rateSteps >= 1 && rateSteps <= maxSteps)) {
    throw new RangeError(`chainTrial: rateSteps must be an integer in [1, maxSteps = ${maxSteps}], got ${rateSteps}`);
  }
  const matrix = tf.tidy(() => init([dim, dim], seed)) as tf.Tensor2D;
  const log10RmsStart = 0.5 * Math.log10(hostMoments(matrix.dataSync()).secondMoment);
  const floor = describeBackend().underflow.smallestPositiveOutput;
  const kappa = log10MaxOverRms(dim * dim, activation);
  const decided = end === 'threshold' ? thresholdWindow(VANISHING_THRESHOLD) : float32Window(floor);
  // the replay follows the chain down to the all-zero floor, whichever end the float32 run stops at
  const { log10Floor, log10Ceiling } = float32Window(floor);
  let trace: ChainTrace | undefined;
  let predicted: Float64Array;
  try {
    if (float32Chain) {
      trace = runChain({
        matrix,
        activation,
        maxSteps,
        checkpoints: CHAIN_CHECKPOINTS,
        firstColumns: PROBE_COLUMNS,
        vanishBelow: end === 'threshold' ? VANISHING_THRESHOLD : 0,
      });
    }
    // The probe reaches rateSteps, and (with the chain) goes on until its replay has left the float32 window.
    const left = (log10Rms: number) => log10Rms + kappa < log10Floor || log10Rms + kappa > log10Ceiling;
    const stopAfter = (log10Rms: number, recorded: number) => recorded >= rateSteps && (!float32Chain || left(log10Rms));
    predicted = probeGrowth({ matrix, activation, steps: maxSteps, columns: PROBE_COLUMNS, stopAfter }).log10Rms;
  } finally {
    matrix.dispose();
  }
  const atRate = predicted[rateSteps - 1] as number;
  if (!trace) return { ...NOT_RUN, log10RmsAtRateSteps: atRate, log10RmsStart, matmulDim: dim };
  const predictedEnd = endOfTrajectory(predicted, kappa, decided);
  const predictedAllZero = endOfTrajectory(predicted, kappa, floor);
  const last = trace.rms[trace.rms.length - 1];
  return {
    vanished: trace.outcome === 'vanished' ? 1 : 0,
    nonFinite: trace.outcome === 'nonFinite' ? 1 : 0,
    survived: trace.outcome === 'survived' ? 1 : 0,
    steps: trace.steps,
    predictedSteps: predictedEnd.steps,
    predictedAllZeroSteps: predictedAllZero.outcome === 'nonFinite' ? Number.NaN : predictedAllZero.steps,
    belowNormalSteps: trace.belowNormalAt ?? Number.NaN,
    log10RmsAtRateSteps: atRate,
    log10RmsLast: last ? last.log10Rms : Number.NaN,
    predictedLog10RmsLast: last && last.step < predicted.length ? (predicted[last.step] as number) : Number.NaN,
    probedColumnsLog10RmsLast: trace.firstColumnsLog10RmsLast,
    log10StdAt: CHAIN_CHECKPOINTS.map((k) => trace.checkpoints.find((c) => c.step === k)?.log10Std ?? Number.NaN),
    log10RmsStart,
    log10SecondMomentSlope: [secondMomentSlope(trace.rms)],
    log10MaxAbs: trace.log10MaxAbs,
    float32SquaresUnderflowAt: trace.float32SquaresUnderflowAt ?? Number.NaN,
    float32SquaresOverflowAt: trace.float32SquaresOverflowAt ?? Number.NaN,
    matmuls: trace.matmuls,
    denormalMatmuls: trace.denormalMatmuls,
    matmulDim: dim,
  };
}

/** A probe-only trial: every float32-chain observation is NaN (not observed), none is 0. */
const NOT_RUN: ChainObservation = {
  log10RmsAtRateSteps: Number.NaN,
  log10RmsStart: Number.NaN,
  vanished: Number.NaN,
  nonFinite: Number.NaN,
  survived: Number.NaN,
  steps: Number.NaN,
  predictedSteps: Number.NaN,
  predictedAllZeroSteps: Number.NaN,
  belowNormalSteps: Number.NaN,
  log10RmsLast: Number.NaN,
  predictedLog10RmsLast: Number.NaN,
  probedColumnsLog10RmsLast: Number.NaN,
  log10StdAt: CHAIN_CHECKPOINTS.map(() => Number.NaN),
  log10SecondMomentSlope: [Number.NaN],
  log10MaxAbs: [],
  float32SquaresUnderflowAt: Number.NaN,
  float32SquaresOverflowAt: Number.NaN,
  matmuls: 0,
  denormalMatmuls: 0,
  matmulDim: 0,
};

/** Slope of 2·log10 rms against step over samples above float32's smallest normal (no denormal rounding). */
function secondMomentSlope(samples: Array<{ step: number; log10Rms: number }>): number {
  const usable = samples.filter((s) => s.log10Rms > -37 && s.log10Rms < 37);
  if (usable.length < 2) return Number.NaN;
  const mx = usable.reduce((a, s) => a + s.step, 0) / usable.length;
  const my = usable.reduce((a, s) => a + 2 * s.log10Rms, 0) / usable.length;
  let num = 0;
  let den = 0;
  for (const s of usable) {
    num += (s.step - mx) * (2 * s.log10Rms - my);
    den += (s.step - mx) ** 2;
  }
  return num / den;
}
