/**
 * Random numbers on the host, from seedrandom's Alea generator. Drawing here rather than with
 * tfjs's random ops makes a seed mean the same tensor on every backend by construction. The bulk
 * draws run in WebAssembly (aleaWasm.ts), the same values bit for bit as seedrandom's next() and
 * Math.log/cos/sin give (spec/support/referenceDraws.ts, held to them by the harness).
 */
import seedrandom from 'seedrandom';
import { assertSeed } from './seed.ts';
import { timed } from '../clock/phaseClock.ts';
import { AleaStream, CHUNK, seededAleaState } from './aleaWasm.ts';

export type Uniform01 = () => number;

/** A generator of uniforms in [0, 1) for a seed. */
export function uniformSource(seed: number): Uniform01 {
  assertSeed(seed);
  return seedrandom.alea(String(seed));
}

/** `out` filled from a stream's draws, a chunk at a time (each chunk is a view the next draw overwrites). */
function inChunks<T extends Float32Array | Float64Array>(out: T, draw: (count: number) => T): T {
  for (let offset = 0; offset < out.length; offset += CHUNK) out.set(draw(Math.min(CHUNK, out.length - offset)), offset);
  return out;
}

/** `count` values from U[low, high), rounded to float32. */
export function uniformValues(count: number, low: number, high: number, seed: number): Float32Array {
  return timed('host draws', () => {
    const stream = new AleaStream(seededAleaState(seed));
    const width = high - low;
    return inChunks(new Float32Array(count), (n) => stream.uniformsF32(n, low, width));
  });
}

/** Standard normals by Box–Muller, both outputs used (float64): r·cos, r·sin from each pair of uniforms. */
export function standardNormals(count: number, seed: number): Float64Array {
  return timed('host draws', () => {
    const stream = new AleaStream(seededAleaState(seed));
    return inChunks(new Float64Array(count), (n) => stream.normals(n));
  });
}

/** `count` values from N(mean, std²), rounded to float32. */
export function normalValues(count: number, mean: number, std: number, seed: number): Float32Array {
  return timed('host draws', () => {
    const stream = new AleaStream(seededAleaState(seed));
    return inChunks(new Float32Array(count), (n) => stream.normalsF32(n, mean, std));
  });
}

/**
 * `count` values from N(mean, std²) conditioned on [a, b], by rejection (as torch.nn.init.trunc_normal_
 * draws the same distribution, by inverse CDF). Rejection is fine for the usual ±2σ window
 * (acceptance 95%); a window holding under 1e-6 of the mass is refused by the caller.
 */
export function truncatedNormalValues(count: number, mean: number, std: number, a: number, b: number, seed: number): Float32Array {
  return timed('host draws', () => {
    const stream = new AleaStream(seededAleaState(seed));
    const out = new Float32Array(count);
    let filled = 0;
    // The first draw is sized for a ±2σ window (a small kernel draws tens of values, not a chunk),
    // the rest are whole chunks; a multiple of 4 keeps the stream's pairs in step with the
    // one-pair-at-a-time loop it replaces, so the values are the same whatever the sizes.
    let size = Math.min(CHUNK, 4 * Math.ceil((1.1 * count + 16) / 4));
    while (filled < count) {
      const z = stream.normals(size);
      size = CHUNK;
      for (let i = 0; i < z.length && filled < count; i++) {
        const value = mean + std * (z[i] as number);
        if (value >= a && value <= b) out[filled++] = value;
      }
    }
    return out;
  });
}
