/**
 * Power, stated like α. A claim names δ, the smallest init-scale error it must catch, and
 * proves it with its own init scaled by 1 ± δ. The defaults are what a user would expect of
 * each kind of claim; a claim that departs says why in its basis.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WeightInit } from '../init/types.ts';

export type { WeightInit };

export const DEFAULT_DELTA = {
  /** Checks on a weight's own distribution (std, bound). */
  weights: 0.02,
  /** Second moments and layer factors. */
  moments: 0.05,
  /** Chains and deep nets. */
  chains: 0.1,
} as const;

/**
 * The widest margin that leaves a ±δ power control room to show its error within the claim's own
 * trials: 0.4 of what δ moves the value on its smaller side. The trials hold the interval's
 * half-width to margin/2, so the control's interval keeps a whole margin (two half-widths, ~2·z
 * standard errors) between itself and the margin. At half the move it kept one half-width (~z
 * SEs) and missed with probability ~1e-4 to 1e-3 a control (seed audit, base 20261205).
 */
export const POWER_MARGIN_FRACTION = 0.4;

export function powerMargin(moves: readonly number[]): number {
  if (!(moves.length > 0 && moves.every((m) => Number.isFinite(m) && m !== 0)))
    throw new RangeError(`powerMargin: needs the nonzero moves δ makes, got [${moves.join(', ')}]`);
  return POWER_MARGIN_FRACTION * Math.min(...moves.map(Math.abs));
}

/** What a scale error of ±δ moves a std (or any value proportional to the weights' scale) by, relatively: ±δ. */
export const stdMoves = (delta: number): number[] => [delta, -delta];
/** What ±δ moves log10 of a second-moment factor by, per layer: 2·log10(1 ± δ). */
export const log10FactorMoves = (delta: number): number[] => [2 * Math.log10(1 + delta), 2 * Math.log10(1 - delta)];

/** The same init with every weight multiplied by `factor`: the power controls' wrong input. */
export function scaleInit(init: WeightInit, factor: number): WeightInit {
  if (!(Number.isFinite(factor) && factor > 0)) throw new RangeError(`scaleInit: factor must be a positive finite number, got ${factor}`);
  return (shape, seed) => tf.tidy(() => tf.mul(init(shape, seed), tf.scalar(factor, 'float32')));
}

/** The two power controls' factors for a δ. */
export function powerFactors(delta: number): [number, number] {
  if (!(delta > 0 && delta < 1)) throw new RangeError(`powerFactors: δ must be in (0, 1), got ${delta}`);
  return [Number((1 + delta).toFixed(6)), Number((1 - delta).toFixed(6))];
}
