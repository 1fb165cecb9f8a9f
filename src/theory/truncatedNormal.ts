/**
 * The standard deviation of N(0, 1) conditioned on [-a, a]: √(1 - 2a·φ(a)/(2Φ(a) - 1)).
 * For a = 2 it is 0.8796: what a "normal" initializer delivers when it truncates at ±2σ and
 * does not rescale (TensorFlow.js's truncatedNormal; torch's trunc_normal_ with a=-2, b=2).
 */
import jStat from 'jstat';

export function truncatedStdRatio(a: number): number {
  if (!(a > 0)) throw new RangeError(`truncatedStdRatio: a must be > 0, got ${a}`);
  const density = jStat.normal.pdf(a, 0, 1);
  const mass = 2 * jStat.normal.cdf(a, 0, 1) - 1;
  return Math.sqrt(1 - (2 * a * density) / mass);
}
