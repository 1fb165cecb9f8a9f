/**
 * The denormal penalty: one 512² chain step xᵀ·Mᵀ with M = U(±1)/√512 (entries ≤ 0.044, the
 * notebook's In [151]) and x scaled so that its rms is 10^e. Below rms ~1e-33 some products x·m
 * are denormal (< 2^-126) and the CPU takes a microcode assist per denormal operand: ~120× a
 * normal matmul on some CPUs, a few × on others, none on a backend that flushes denormals. The
 * chain claims stop at max|x| < 2^-100 (rms ≈ 1.5e-31) so they never pay it; the denormal-tail
 * claims and the notebook's own all-zero count do.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initByName } from '../init/schemes.ts';
import { medianMs, sig3 } from './measure.ts';

/** The operand scales (rms of x) the issue tracker and docs quote, plus where the penalty starts. */
export const PENALTY_SCALES = [1e-3, 1e-30, 1e-32, 1e-34, 1e-36, 1e-38, 1e-40] as const;

export function denormalPenaltyTable(n = 512): { rows: Array<Record<string, string>>; worst: number; normalMs: number } {
  const weightT = tf.tidy(() => tf.transpose(initByName('uniform(±1)/√dim', [n, n], 11)));
  const unit = tf.tidy(() => tf.mul(initByName('randn/√dim', [n, n], 12), Math.sqrt(n))); // rms 1
  const timings = PENALTY_SCALES.map((scale) => {
    // scale in two factors: a single float32 scalar below 2^-126 would itself be denormal
    const x = tf.tidy(() => tf.mul(tf.mul(unit, Math.sqrt(scale)), Math.sqrt(scale)));
    const maxAbs = tf.tidy(() => tf.max(tf.abs(x)).dataSync()[0] as number);
    const ms = medianMs(() => tf.tidy(() => void tf.matMul(x, weightT).dataSync()), { warmup: 3, repeats: scale < 1e-33 ? 3 : 9 });
    x.dispose();
    return { scale, maxAbs, ms };
  });
  tf.dispose([weightT, unit]);
  const normalMs = timings[0]?.ms ?? Number.NaN;
  const rows = timings.map(({ scale, maxAbs, ms }) => ({
    'rms(x)': scale.toExponential(0),
    'max|x|': maxAbs.toExponential(2),
    'ms/matmul': sig3(ms),
    '× normal': sig3(ms / normalMs),
  }));
  return { rows, worst: Math.max(...timings.map((t) => t.ms / normalMs)), normalMs };
}
