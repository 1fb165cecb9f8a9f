/**
 * How many steps a chain x ← act(M·x) lasts in float32.
 *
 * The chain ends when its largest entry leaves float32's range: it rounds to all-zero once
 * max|x| < ½·(smallest positive value the backend's matmul keeps: 2^-149 with denormals,
 * 2^-126 if it flushes them), and turns non-finite once max|x| > FLOAT32_MAX. So the count
 * follows from three numbers: where the chain starts, how fast log10 rms(x) moves per step,
 * and the ratio κ = max|x|/rms(x).
 *
 * Assumptions, stated once: rms(x) is carried by the growth rate alone (no float32 rounding
 * before the floor); κ is that of n² i.i.d. Gaussian entries, √(2·ln n²), (ReLU: of the n²/2
 * positive half-normal ones, √2·√(2·ln(n²/2))) — rough once x becomes low-rank, which moves
 * the predicted count by about log10(κ_true/κ)/rate steps.
 */
import type { Activation } from './activations.ts';
import { FLOAT32_MAX } from './float32.ts';

/** The chain activations of src/theory/activations.ts, under the name the public API has used. */
export type ChainActivation = Activation;

/**
 * Growth per step by the circular law: an n×n matrix of i.i.d. entries with std σ has spectral
 * radius ≈ σ√n, so |M·x| ≈ σ√n·|x| for a typical x; ReLU keeps half the second moment, √½.
 * Rough for small n (the 5×5 conv slice) and ignores the largest eigenvalue's excess over σ√n,
 * which dominates late in a reused-matrix chain.
 */
export function circularLawRate({ std, n, activation }: { std: number; n: number; activation: ChainActivation }): number {
  if (!(std > 0)) throw new RangeError(`circularLawRate: std must be > 0, got ${std}`);
  if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`circularLawRate: n must be a positive integer, got ${n}`);
  return Math.log10(std * Math.sqrt(n)) + (activation === 'relu' ? Math.log10(Math.SQRT1_2) : 0);
}

/** log10 κ: the expected max|x|/rms(x) of `count` i.i.d. Gaussian (or ReLU'd Gaussian) entries. */
export function log10MaxOverRms(count: number, activation: ChainActivation): number {
  if (activation === 'relu') return Math.log10(Math.SQRT2 * Math.sqrt(2 * Math.log(Math.max(2, count / 2))));
  return Math.log10(Math.sqrt(2 * Math.log(Math.max(2, count))));
}

export interface PredictedEnd {
  outcome: 'vanished' | 'nonFinite' | 'survived';
  /** Loop index i at which the chain ends (the notebook's count), or Infinity. */
  steps: number;
}

export interface ChainWindow {
  log10Floor: number;
  log10Ceiling: number;
}

/** The float32 window for log10 max|x|: below log10(floor/2) all rounds to 0, above log10 FLOAT32_MAX it is Inf. */
export function float32Window(smallestPositive: number): ChainWindow {
  return { log10Floor: Math.log10(smallestPositive / 2), log10Ceiling: Math.log10(FLOAT32_MAX) };
}

/** The decided window: a chain has vanished once max|x| < threshold (e.g. VANISHING_THRESHOLD), exploded past FLOAT32_MAX. */
export function thresholdWindow(threshold: number): ChainWindow {
  if (!(threshold > 0 && threshold < FLOAT32_MAX))
    throw new RangeError(`thresholdWindow: threshold must be in (0, FLOAT32_MAX), got ${threshold}`);
  return { log10Floor: Math.log10(threshold), log10Ceiling: Math.log10(FLOAT32_MAX) };
}

/**
 * First loop index at which log10 rms + log10 κ leaves the window, along a given trajectory. The
 * window is a ChainWindow, or the backend's smallest kept value (the all-zero window, float32Window).
 */
export function endOfTrajectory(log10Rms: ArrayLike<number>, log10Kappa: number, window: number | ChainWindow): PredictedEnd {
  const { log10Floor, log10Ceiling } = typeof window === 'number' ? float32Window(window) : window;
  for (let i = 0; i < log10Rms.length; i++) {
    const log10Max = (log10Rms[i] as number) + log10Kappa;
    if (log10Max < log10Floor) return { outcome: 'vanished', steps: i };
    if (log10Max > log10Ceiling) return { outcome: 'nonFinite', steps: i };
  }
  return { outcome: 'survived', steps: Number.POSITIVE_INFINITY };
}

/**
 * The closed-form count: rms(x_i) ≈ rms(M)·g^(i+1) with log10 g = circularLawRate, ended by
 * the float32 window as in endOfTrajectory.
 */
export function circularLawEnd({
  std,
  n,
  activation,
  window,
  maxSteps,
}: {
  std: number;
  n: number;
  activation: ChainActivation;
  /** The decided window (thresholdWindow), or the backend's smallest kept value for the all-zero end. */
  window: number | ChainWindow;
  maxSteps: number;
}): PredictedEnd {
  const rate = circularLawRate({ std, n, activation });
  const start = Math.log10(std); // rms(M); x_0 = act(M·M) is one step on from it
  const trajectory = Array.from({ length: maxSteps }, (_, i) => start + (i + 1) * rate);
  return endOfTrajectory(trajectory, log10MaxOverRms(n * n, activation), window);
}
