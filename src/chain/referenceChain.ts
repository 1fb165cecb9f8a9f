/**
 * Chain theory by simulation, independent of the trial's matrix and of src/init.
 *
 * x ← act(M·x) with act ∈ {identity, ReLU} is positively homogeneous, so for M = c·M₁ the
 * chain is exactly X_i = c^(i+2)·X_i(M₁) (X_{-1} = M). Take M₁ from the scheme's family at
 * std 1/√n, drawn here from src/rng (not through the init library under test): then
 * log10 rms X_i = log10 rms X_i(M₁) + (i+2)·log10(σ√n), with σ from src/theory. The closed-form
 * circular law (rate log10 σ√n, plus log10 √½ for ReLU) is the n → ∞ limit of this; at n = 512
 * the normalised growth adds the edge of the spectrum (λ_max a few % above σ√n) and, for
 * ReLU on a reused matrix, a rate no closed form gives. So the reference ensemble supplies what
 * theory leaves out, and never sees a trial's draw.
 */
import * as tf from '@tensorflow/tfjs-core';
import { stewartHaarWeights } from '../init/haarOrthogonal.ts';
import { seedFor } from '../rng/seed.ts';
import { normalValues, uniformValues } from '../rng/draw.ts';
import type { SchemeFamily } from '../theory/schemeFamily.ts';
import { probeGrowth } from './probeGrowth.ts';
import { timed } from '../clock/phaseClock.ts';
import type { Activation } from './runChain.ts';

/** A matrix of the family with entry std exactly 1/√n in distribution (orthogonal: rms exactly 1/√n). */
export function normalisedMatrixValues(family: SchemeFamily, n: number, seed: number): Float32Array {
  const std = 1 / Math.sqrt(n);
  if (family === 'uniform') return uniformValues(n * n, -Math.sqrt(3) * std, Math.sqrt(3) * std, seed);
  if (family === 'normal') return normalValues(n * n, 0, std, seed);
  return stewartHaarWeights(n, n, seed); // Haar orthogonal, by the cheaper of two draws of the same law
}

export interface ReferenceOptions {
  family: SchemeFamily;
  n: number;
  activation: Activation;
  steps: number;
  /** Columns the probe follows (as the trial's replay: 16). */
  columns?: number;
}

/** log10 rms X_i(M₁), i = 0…steps-1, of one normalised reference matrix. */
export function referenceTrajectory(options: ReferenceOptions & { seed: number }): Float64Array {
  const { family, n, activation, steps, columns = 16, seed } = options;
  const matrix = tf.tensor2d(
    timed('reference ensembles', () => normalisedMatrixValues(family, n, seed)),
    [n, n],
  );
  try {
    return probeGrowth({ matrix, activation, steps, columns, phase: 'reference ensembles' }).log10Rms;
  } finally {
    matrix.dispose();
  }
}

/** The seed stream of a reference ensemble: named by what it draws, shared by every claim that needs it. */
export function referenceStream({ family, n, activation }: Pick<ReferenceOptions, 'family' | 'n' | 'activation'>): string {
  return `reference/${family}/${activation}/${n}`;
}

/** The seed of the k-th matrix of a reference ensemble under a master seed (the device probe's and the host chain's alike). */
export function referenceSeed(options: Pick<ReferenceOptions, 'family' | 'n' | 'activation'>, k: number, master: number): number {
  return seedFor(referenceStream(options), k, master);
}

const cache = new Map<string, Float64Array>();

/**
 * Trajectories of `count` reference matrices (seeds from the reference stream under the master
 * seed), memoised per process: the claims of a spec file and their controls share them.
 */
export function referenceEnsemble(options: ReferenceOptions & { count: number; master: number }): Float64Array[] {
  const { count, master, ...rest } = options;
  const stream = referenceStream(rest);
  return Array.from({ length: count }, (_, k) => {
    const key = `${stream}/${rest.steps}/${rest.columns ?? 16}/${master}/${k}`;
    let trajectory = cache.get(key);
    if (!trajectory) {
      trajectory = referenceTrajectory({ ...rest, seed: referenceSeed(rest, k, master) });
      cache.set(key, trajectory);
    }
    return trajectory;
  });
}

/** log10 rms X_i for a chain with entry std σ, from a normalised trajectory: exact by homogeneity. */
export function scaledTrajectory(normalised: ArrayLike<number>, { std, n }: { std: number; n: number }): Float64Array {
  const log10C = Math.log10(std * Math.sqrt(n));
  return Float64Array.from(normalised, (v, i) => v + (i + 2) * log10C);
}
