/**
 * The WebAssembly kernels compute what the JS loops they replaced computed, bit for bit: the draws
 * (src/rng/aleaBoxMuller.wat: seedrandom's next() for uniforms, V8's Math.log/cos/sin for
 * Box–Muller; every one of the 2^32 inputs: `npm run verify:draws`, here the edges and a random
 * sample) and the Householder QR (src/init/householder.wat). Audited seeds mean these numbers.
 */
import { describe, expect, test } from 'vitest';
import { aleaKernel, AleaStream, CHUNK, seededAleaState } from '../../src/rng/aleaWasm.ts';
import { normalValues, standardNormals, truncatedNormalValues, uniformValues } from '../../src/rng/draw.ts';
import { assembledBase64, KERNELS, moduleSource } from '../../src/tools/buildWasm.ts';
import { readFileSync } from 'node:fs';
import { accumulateQ, householderQR, reflectorOf } from '../../src/init/householderQR.ts';
import * as referenceQR from '../support/referenceHouseholderQR.ts';
import { mismatchesIn } from '../../src/tools/verifyDrawKernels.ts';
import { referenceStandardNormals, referenceTruncatedNormalValues, referenceUniformValues } from '../support/referenceDraws.ts';
import seedrandom from 'seedrandom';

/** Index of the first entry whose bits differ, or -1. */
const firstDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
};

const COUNTS = [0, 1, 2, 3, 4, 5, 7, CHUNK - 1, CHUNK, CHUNK + 3, 2 * CHUNK + 2];
const SEEDS = [0, 2019, 2 ** 32 - 1];

test.each(KERNELS.map((k) => [k.module, k]))('%s is what its .wat assembles to (npm run build:wasm)', async (_, kernel) => {
  expect(readFileSync(kernel.module, 'utf8')).toBe(moduleSource(kernel, await assembledBase64(kernel)));
});

describe('WebAssembly host draws are the JS draws, bit for bit', () => {
  test.each(SEEDS)('seed %i: uniforms, normals and truncated normals for counts 0 … 2 chunks + 2', (seed) => {
    for (const count of COUNTS) {
      expect(
        firstDifference(uniformValues(count, -0.3, 0.7, seed), referenceUniformValues(count, -0.3, 0.7, seed)),
        `uniform ${count}`,
      ).toBe(-1);
      expect(firstDifference(standardNormals(count, seed), referenceStandardNormals(count, seed)), `normal ${count}`).toBe(-1);
      expect(
        firstDifference(
          normalValues(count, 0.5, 3, seed),
          Float32Array.from(referenceStandardNormals(count, seed), (z) => 0.5 + 3 * z),
        ),
        `N(0.5, 9) ${count}`,
      ).toBe(-1);
    }
    // the usual ±2σ window: a first draw sized to the count, then whole chunks if it falls short
    for (const count of COUNTS)
      expect(
        firstDifference(truncatedNormalValues(count, 0.1, 2, -4, 4, seed), referenceTruncatedNormalValues(count, 0.1, 2, -4, 4, seed)),
        `truncated ±2σ ${count}`,
      ).toBe(-1);
    // a narrow window rejects most pairs: the stream runs over several chunks
    expect(firstDifference(truncatedNormalValues(5000, 0, 1, 2.5, 3, seed), referenceTruncatedNormalValues(5000, 0, 1, 2.5, 3, seed))).toBe(
      -1,
    );
  });

  test("the stream's uniforms are seedrandom's next(), and its state is seedrandom's state()", () => {
    const reference = seedrandom.alea('7', { state: true });
    const stream = new AleaStream(seededAleaState(7));
    for (const count of [5, CHUNK, 17]) {
      const drawn = Array.from(stream.uniforms(count));
      expect(
        firstDifference(
          drawn,
          Array.from({ length: count }, () => reference()),
        ),
      ).toBe(-1);
    }
    const { c, s0, s1, s2 } = reference.state();
    expect(Array.from(aleaKernelState())).toEqual([c, s0, s1, s2]);
  });

  test('streams interleave: each keeps its own state', () => {
    const a = new AleaStream(seededAleaState(1));
    const b = new AleaStream(seededAleaState(2));
    const mixed = [Float64Array.from(a.normals(8)), Float64Array.from(b.normals(8)), Float64Array.from(a.normals(8))];
    expect(firstDifference([...mixed[0]!, ...mixed[2]!], referenceStandardNormals(16, 1))).toBe(-1);
    expect(firstDifference(mixed[1]!, referenceStandardNormals(8, 2))).toBe(-1);
  });

  test("ln, cos and sin agree with V8's on the edges and on 2^20 random inputs (all 2^32: npm run verify:draws)", () => {
    const lines: string[] = [];
    // u near 0 (tiny angles, ln near 0), near ¼, ½, ¾ (angles near π/2, π, 3π/2: fdlibm's refined reduction), near 1
    const edges = [0, 2 ** 30, 2 ** 31, 3 * 2 ** 30, 2 ** 32 - 8192];
    let bad = 0;
    for (const k of edges) bad += mismatchesIn(Math.max(0, k - 4096), k + 8192, (l) => lines.push(l));
    const where = seedrandom.alea('rng.wasm.test: sample');
    for (let block = 0; block < 16; block++) {
      const k0 = 2 * Math.floor((where() * (2 ** 32 - CHUNK)) / 2);
      bad += mismatchesIn(k0, k0 + CHUNK, (l) => lines.push(l));
    }
    expect(lines).toEqual([]);
    expect(bad).toBe(0);
  });

  test('bad input is refused with its name', () => {
    expect(() => new AleaStream(seededAleaState(1)).uniforms(CHUNK + 1)).toThrow(/count must be an integer in \[0, 65536\]/);
    expect(() => seededAleaState(-1)).toThrow(/seed must be an integer/);
    const stream = new AleaStream(seededAleaState(3));
    stream.normals(6);
    expect(() => stream.normals(4)).toThrow(/ended on a draw of normals that was not a multiple of 4/);
  });
});

/** The kernel's state after the last draw, as seedrandom's state() would give it. */
function aleaKernelState(): number[] {
  const k = aleaKernel();
  return [0, 1, 2, 3].map((i) => k.state(i));
}

describe('the WebAssembly Householder QR is the JS one, bit for bit', () => {
  // odd and even column counts (pairs and a lone column), m = n, tall, and one column
  const SHAPES = [
    [1, 1],
    [3, 2],
    [5, 3],
    [8, 8],
    [17, 6],
    [33, 33],
    [65, 31],
    [128, 7],
    [256, 256],
  ] as const;

  test.each(SHAPES)('%i×%i: Q, diag R, and Q accumulated from given reflectors', (m, n) => {
    const a = standardNormals(m * n, m * 1000 + n);
    const wasm = householderQR(Float64Array.from(a), m, n);
    const js = referenceQR.householderQR(Float64Array.from(a), m, n);
    expect(firstDifference(wasm.q, js.q)).toBe(-1);
    expect(firstDifference(wasm.rDiagonal, js.rDiagonal)).toBe(-1);
    const reflectors = Array.from({ length: n }, (_, k) => reflectorOf(standardNormals(m - k, 7 + k)).v);
    expect(firstDifference(accumulateQ(reflectors, m, n), referenceQR.accumulateQ(reflectors, m, n))).toBe(-1);
  });

  test('a QR after a larger one is not disturbed by what the larger left in the kernel memory', () => {
    householderQR(standardNormals(300 * 40, 1), 300, 40);
    const a = standardNormals(12 * 5, 2);
    expect(firstDifference(householderQR(Float64Array.from(a), 12, 5).q, referenceQR.householderQR(Float64Array.from(a), 12, 5).q)).toBe(
      -1,
    );
  });
});
