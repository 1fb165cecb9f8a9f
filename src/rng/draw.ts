/**
 * Random numbers on the host, from seedrandom's Alea generator. Drawing here rather than with
 * tfjs's random ops makes a seed mean the same tensor on every backend by construction.
 */
import seedrandom from 'seedrandom';
import { assertSeed } from './seed.ts';
import { timed } from '../bench/phaseClock.ts';

export type Uniform01 = () => number;

/** A generator of uniforms in [0, 1) for a seed. */
export function uniformSource(seed: number): Uniform01 {
  assertSeed(seed);
  return seedrandom.alea(String(seed));
}

/** `count` values from U[low, high), rounded to float32. */
export function uniformValues(count: number, low: number, high: number, seed: number): Float32Array {
  return timed('host draws', () => {
    const next = uniformSource(seed);
    const out = new Float32Array(count);
    const width = high - low;
    for (let i = 0; i < count; i++) out[i] = low + width * next();
    return out;
  });
}

/** Standard normals by Box–Muller, both outputs used (float64). */
export function standardNormals(count: number, seed: number): Float64Array {
  return timed('host draws', () => {
    const next = uniformSource(seed);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i += 2) {
      const radius = Math.sqrt(-2 * Math.log(1 - next())); // 1 - u lies in (0, 1]: log is finite
      const angle = 2 * Math.PI * next();
      out[i] = radius * Math.cos(angle);
      if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
    }
    return out;
  });
}

/** `count` values from N(mean, std²), rounded to float32. */
export function normalValues(count: number, mean: number, std: number, seed: number): Float32Array {
  const z = standardNormals(count, seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = mean + std * (z[i] as number);
  return out;
}

/**
 * `count` values from N(mean, std²) conditioned on [a, b], by rejection (as torch.nn.init.trunc_normal_
 * draws the same distribution, by inverse CDF). Rejection is fine for the usual ±2σ window
 * (acceptance 95%); a window holding under 1e-6 of the mass is refused by the caller.
 */
export function truncatedNormalValues(count: number, mean: number, std: number, a: number, b: number, seed: number): Float32Array {
  return timed('host draws', () => {
    const next = uniformSource(seed);
    const out = new Float32Array(count);
    let filled = 0;
    while (filled < count) {
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      for (const z of [radius * Math.cos(angle), radius * Math.sin(angle)]) {
        const value = mean + std * z;
        if (value >= a && value <= b && filled < count) out[filled++] = value;
      }
    }
    return out;
  });
}
