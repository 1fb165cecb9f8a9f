/**
 * One seeded trial of a chain claim: draw M, run the float32 chain, and predict its end from
 * the same M's renormalised growth (probeGrowth) and the backend's measured float32 floor.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describeBackend } from '../backend/describe.ts';
import type { Shape } from '../init/validate.ts';
import { endOfTrajectory, float32Window, log10MaxOverRms } from '../theory/chainSteps.ts';
import { probeGrowth } from './probeGrowth.ts';
import { runChain, type Activation, type ChainTrace } from './runChain.ts';

export const CHAIN_CHECKPOINTS = [10, 50, 100, 500] as const;

export interface ChainTrialOptions {
  /** Draws the square matrix M for a seed. */
  init: (shape: Shape, seed: number) => tf.Tensor;
  dim: number;
  activation: Activation;
  maxSteps: number;
  seed: number;
}

export interface ChainObservation {
  vanished: number;
  nonFinite: number;
  survived: number;
  /** The notebook's count (loop index of the end), Infinity when the chain survived. */
  steps: number;
  /** The count predicted from this M's float64-tracked growth and the backend floor. */
  predictedSteps: number;
  /** log10 rms(x) at the last batch end before the end of the chain (at maxSteps-1 for a survivor), measured and predicted. */
  log10RmsLast: number;
  predictedLog10RmsLast: number;
  /** float64 log10 std after 10, 50, 100, 500 multiplications (NaN where the chain had ended). */
  log10StdAt: number[];
  /** Per-step log10 max|x|, for plots. */
  log10MaxAbs: number[];
  float32SquaresUnderflowAt: number;
  float32SquaresOverflowAt: number;
  matmuls: number;
  [key: string]: number | number[];
}

export function chainTrial({ init, dim, activation, maxSteps, seed }: ChainTrialOptions): ChainObservation {
  const matrix = tf.tidy(() => init([dim, dim], seed)) as tf.Tensor2D;
  const floor = describeBackend().underflow.smallestPositiveOutput;
  const kappa = log10MaxOverRms(dim * dim, activation);
  const { log10Floor, log10Ceiling } = float32Window(floor);
  let trace: ChainTrace;
  let predicted: Float64Array;
  try {
    trace = runChain({ matrix, activation, maxSteps, checkpoints: CHAIN_CHECKPOINTS });
    // The prediction is complete once its trajectory has left the float32 window.
    const left = (log10Rms: number) => log10Rms + kappa < log10Floor || log10Rms + kappa > log10Ceiling;
    predicted = probeGrowth({ matrix, activation, steps: maxSteps, stopAfter: left }).log10Rms;
  } finally {
    matrix.dispose();
  }
  const predictedEnd = endOfTrajectory(predicted, kappa, floor);
  const last = trace.rms[trace.rms.length - 1];
  return {
    vanished: trace.outcome === 'vanished' ? 1 : 0,
    nonFinite: trace.outcome === 'nonFinite' ? 1 : 0,
    survived: trace.outcome === 'survived' ? 1 : 0,
    steps: trace.steps,
    predictedSteps: predictedEnd.steps,
    log10RmsLast: last ? last.log10Rms : Number.NaN,
    predictedLog10RmsLast: last && last.step < predicted.length ? (predicted[last.step] as number) : Number.NaN,
    log10StdAt: CHAIN_CHECKPOINTS.map((k) => trace.checkpoints.find((c) => c.step === k)?.log10Std ?? Number.NaN),
    log10MaxAbs: trace.log10MaxAbs,
    float32SquaresUnderflowAt: trace.float32SquaresUnderflowAt ?? Number.NaN,
    float32SquaresOverflowAt: trace.float32SquaresOverflowAt ?? Number.NaN,
    matmuls: trace.matmuls,
  };
}
