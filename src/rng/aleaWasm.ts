/**
 * seedrandom's Alea stream, and Box–Muller normals from it, computed in WebAssembly
 * (aleaBoxMuller.wat): the same values bit for bit as the JS loops they replace (the harness
 * compares them with seedrandom's own next() and Math.log/cos/sin), ~2.5× faster for normals and
 * ~8× for uniforms. A stream carries its own state, so streams may interleave.
 */
import seedrandom from 'seedrandom';
import { ALEA_BOX_MULLER_WASM } from './aleaBoxMuller.wasm.ts';
import { assertSeed } from './seed.ts';
import { instantiate, type KernelMemory } from '../wasm/instantiate.ts';

interface Kernel {
  memory: KernelMemory;
  seed(c: number, s0: number, s1: number, s2: number): void;
  fillUniforms(count: number, asF32: number, low: number, width: number): void;
  fillNormals(pairs: number, asF32: number, mean: number, std: number): void;
  kernelLog(k0: number, count: number): void;
  kernelCosSin(k0: number, count: number): void;
  state(which: number): number;
}

/** Values per chunk: the module's OUT region holds 65536 float64. */
export const CHUNK = 65536;
export const OUT_OFFSET = 524288;
/** Where the check hook kernelCosSin leaves its sines (U1…U2; its cosines go to OUT). */
export const SINES_OFFSET = 0;

let kernel: Kernel | undefined;
/** The module's exports, instantiated on first use (5 KB, synchronous). */
export function aleaKernel(): Kernel {
  kernel ??= instantiate<Kernel>(ALEA_BOX_MULLER_WASM);
  return kernel;
}

/** Alea's state (seedrandom's `state()` shape). */
export interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/** seedrandom's Alea state right after seeding with `seed` (its Mash of the seed's string). */
export function seededAleaState(seed: number): AleaState {
  assertSeed(seed);
  return seedrandom.alea(String(seed), { state: true }).state() as AleaState;
}

/**
 * One Alea stream. Each call hands back a view of the module's memory that the next call (of any
 * stream) overwrites: copy out of it before drawing again.
 */
export class AleaStream {
  private state: AleaState;
  /** Set by a draw of normals that ended on an odd number of pairs: the stream cannot continue in step. */
  private ended = false;
  constructor(state: AleaState) {
    this.state = { ...state };
  }

  /** The next `count` (≤ CHUNK) uniforms in [0, 1), as seedrandom's next() gives them. */
  uniforms(count: number): Float64Array {
    this.run(count, (k) => k.fillUniforms(count, 0, 0, 0));
    return new Float64Array(aleaKernel().memory.buffer, OUT_OFFSET, count);
  }

  /** The next `count` (≤ CHUNK) uniforms u as float32 low + width·u (what a Float32Array store of the f64 sum gives). */
  uniformsF32(count: number, low: number, width: number): Float32Array {
    this.run(count, (k) => k.fillUniforms(count, 1, low, width));
    return new Float32Array(aleaKernel().memory.buffer, OUT_OFFSET, count);
  }

  /**
   * The next `count` (≤ CHUNK) standard normals by Box–Muller (r·cos, r·sin per pair of
   * uniforms; an odd count still uses up its last pair, as the JS loop did). The module draws
   * pairs two at a time, so a count that is not a multiple of 4 ends the stream.
   */
  normals(count: number): Float64Array {
    this.drawNormals(count, 0, 0, 1);
    return new Float64Array(aleaKernel().memory.buffer, OUT_OFFSET, count);
  }

  /** The next `count` (≤ CHUNK) standard normals z as float32 mean + std·z (what a Float32Array store of the f64 value gives). */
  normalsF32(count: number, mean: number, std: number): Float32Array {
    this.drawNormals(count, 1, mean, std);
    return new Float32Array(aleaKernel().memory.buffer, OUT_OFFSET, count);
  }

  private drawNormals(count: number, asF32: number, mean: number, std: number): void {
    const pairs = Math.ceil(count / 2);
    this.run(count, (k) => k.fillNormals(pairs + (pairs % 2), asF32, mean, std));
    if (count % 4 !== 0) this.ended = true;
  }

  private run(count: number, fill: (k: Kernel) => void): void {
    if (!Number.isInteger(count) || count < 0 || count > CHUNK)
      throw new RangeError(`AleaStream: count must be an integer in [0, ${CHUNK}], got ${count}`);
    if (this.ended) throw new Error('AleaStream: this stream ended on a draw of normals that was not a multiple of 4');
    const k = aleaKernel();
    const { c, s0, s1, s2 } = this.state;
    k.seed(c, s0, s1, s2);
    fill(k);
    this.state = { c: k.state(0), s0: k.state(1), s1: k.state(2), s2: k.state(3) };
  }
}
