/**
 * The init library's details that a plausible slip would change without breaking the formula
 * tests in init.test.ts (written against the mutants StrykerJS found surviving): the QR is the
 * QR of the drawn matrix (not just some orthogonal matrix), W = Q's orientation, each named
 * scheme's std against src/theory, LSUV's loop, and every error message's function and parameter.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import {
  calculateGain,
  computeFans,
  initByName,
  kaimingNormal,
  kaimingUniform,
  lsuv,
  normal,
  orthogonal,
  randnScaled,
  SCHEME_NAMES,
  truncNormal,
  uniform,
  xavierNormal,
} from '../../src/index.ts';
import { householderQR } from '../../src/init/householderQR.ts';
import { haarColumns, stewartHaarColumns, stewartHaarWeights } from '../../src/init/haarOrthogonal.ts';
import { deriveSeed } from '../../src/rng/seed.ts';
import { standardNormals } from '../../src/rng/draw.ts';
import { hostMoments } from '../../src/stats/index.ts';
import { schemeStd } from '../../src/theory/index.ts';

/** Column-major m×n: entry (i, j) at j*m + i. */
const at = (a: ArrayLike<number>, m: number, i: number, j: number) => a[j * m + i] as number;

/** QᵀA for column-major Q (m×n) and A (m×n). */
function qTransposeA(q: Float64Array, a: Float64Array, m: number, n: number): number[][] {
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => {
      let sum = 0;
      for (let i = 0; i < m; i++) sum += at(q, m, i, r) * at(a, m, i, c);
      return sum;
    }),
  );
}

describe('householderQR is the thin QR of its input', () => {
  test.each([
    [6, 4],
    [5, 5],
    [7, 1],
  ])('%i×%i Gaussian: QᵀQ = I, QᵀA upper triangular with diag(R) on its diagonal', (m, n) => {
    const a = standardNormals(m * n, 31);
    const original = Float64Array.from(a);
    const { q, rDiagonal } = householderQR(a, m, n);
    const gram = qTransposeA(q, q, m, n);
    const r = qTransposeA(q, original, m, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        expect(Math.abs((gram[i]?.[j] as number) - (i === j ? 1 : 0))).toBeLessThan(1e-13);
        if (i > j) expect(Math.abs(r[i]?.[j] as number)).toBeLessThan(1e-13);
      }
      expect(r[i]?.[i]).toBeCloseTo(rDiagonal[i] as number, 12);
    }
  });

  test.each([1, -1])('a column already near %i·e1 keeps its accuracy (the reflection avoids cancellation)', (sign) => {
    const a = Float64Array.from([sign, 1e-9, -1e-9, 2e-9]);
    const original = Float64Array.from(a);
    const { q, rDiagonal } = householderQR(a, 4, 1);
    const [[qa]] = [qTransposeA(q, original, 4, 1)] as [[[number]]];
    expect(Math.abs(qa[0] - (rDiagonal[0] as number))).toBeLessThan(1e-15);
    // Q's column is A/‖A‖ up to sign: its small entries are right to 1e-15 relative to 1e-9
    for (let i = 1; i < 4; i++) expect(Math.abs(at(q, 4, i, 0) * (rDiagonal[0] as number) - (original[i] as number))).toBeLessThan(1e-20);
  });

  test('a zero column leaves the identity (no division by a zero norm)', () => {
    const { q, rDiagonal } = householderQR(new Float64Array(3), 3, 1);
    expect(Array.from(q)).toEqual([1, 0, 0]);
    expect(Math.abs(rDiagonal[0] as number)).toBe(0);
  });

  test('shape errors', () => {
    expect(() => householderQR(new Float64Array(6), 2, 3)).toThrow('householderQR: needs rows >= columns, got 2×3');
    expect(() => householderQR(new Float64Array(5), 3, 2)).toThrow('householderQR: expected 6 entries, got 5');
  });
});

/** Determinant of a column-major 4×4, by elimination with partial pivoting. */
function determinant4(q: Float64Array): number {
  const a = Array.from({ length: 4 }, (_, i) => Array.from({ length: 4 }, (_, j) => at(q, 4, i, j)));
  let det = 1;
  for (let k = 0; k < 4; k++) {
    let pivot = k;
    for (let i = k + 1; i < 4; i++) if (Math.abs(a[i]![k]!) > Math.abs(a[pivot]![k]!)) pivot = i;
    if (pivot !== k) {
      [a[k], a[pivot]] = [a[pivot]!, a[k]!];
      det = -det;
    }
    det *= a[k]![k]!;
    for (let i = k + 1; i < 4; i++) {
      const f = a[i]![k]! / a[k]![k]!;
      for (let j = k; j < 4; j++) a[i]![j]! -= f * a[k]![j]!;
    }
  }
  return det;
}

describe("Stewart's Haar draw (the reference ensembles'): fresh Gaussian reflectors, no factorization", () => {
  test.each([
    [6, 4],
    [5, 5],
    [7, 1],
    [64, 64],
  ])('%i×%i: QᵀQ = I', (m, n) => {
    const q = stewartHaarColumns(m, n, 5);
    const gram = qTransposeA(q, q, m, n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(Math.abs((gram[i]?.[j] as number) - (i === j ? 1 : 0))).toBeLessThan(1e-13);
  });

  test("Q's first column is the first fresh Gaussian vector, normalised (H₀e₀·sign α = x/‖x‖)", () => {
    const q = stewartHaarColumns(6, 3, 8);
    const x = standardNormals(6, 8);
    const norm = Math.hypot(...x);
    for (let i = 0; i < 6; i++) expect(at(q, 6, i, 0)).toBeCloseTo((x[i] as number) / norm, 14);
  });

  // Haar on O(4): E tr Q = 0 and E det Q = 0 (both sd 1), E Q₁₁ = 0 (sd ½), E Q₁₁² = ¼ (Beta(½, 3/2): sd ¼)
  const draws = 4000;
  const moments = (draw: (seed: number) => Float64Array) => {
    const sums = { trace: 0, det: 0, q11: 0, q11Squared: 0 };
    for (let k = 0; k < draws; k++) {
      const q = draw(deriveSeed(17, `haar ${k}`));
      sums.trace += at(q, 4, 0, 0) + at(q, 4, 1, 1) + at(q, 4, 2, 2) + at(q, 4, 3, 3);
      sums.det += determinant4(q);
      sums.q11 += at(q, 4, 0, 0);
      sums.q11Squared += at(q, 4, 0, 0) ** 2;
    }
    return { trace: sums.trace / draws, det: sums.det / draws, q11: sums.q11 / draws, q11Squared: sums.q11Squared / draws };
  };
  const bound = (sd: number) => (4.5 * sd) / Math.sqrt(draws);

  test(`${draws} 4×4 draws have Haar's moments within 4.5 SEs`, () => {
    const m = moments((seed) => stewartHaarColumns(4, 4, seed));
    expect(Math.abs(m.trace)).toBeLessThan(bound(1));
    expect(Math.abs(m.det)).toBeLessThan(bound(1));
    expect(Math.abs(m.q11)).toBeLessThan(bound(0.5));
    expect(Math.abs(m.q11Squared - 0.25)).toBeLessThan(bound(0.25));
  });

  test('the same moments reject a QR draw without the sign correction (orthogonal, not Haar)', () => {
    const m = moments((seed) => haarColumns(4, 4, seed, { signCorrection: false }));
    expect(Math.abs(m.trace)).toBeGreaterThan(bound(1));
  });

  test('weights: Q when tall, Qᵀ when wide; shape errors name the shape', () => {
    const q = stewartHaarColumns(5, 3, 2);
    const tall = stewartHaarWeights(5, 3, 2);
    const wide = stewartHaarWeights(3, 5, 2);
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 3; j++) {
        expect(tall[i * 3 + j]).toBe(Math.fround(at(q, 5, i, j)));
        expect(wide[j * 5 + i]).toBe(Math.fround(at(q, 5, i, j)));
      }
    expect(() => stewartHaarColumns(3, 4, 1)).toThrow('stewartHaarColumns: needs integers tall >= wide >= 1, got 3×4');
    expect(() => stewartHaarColumns(4, 0, 1)).toThrow('got 4×0');
  });
});

describe('orthogonal is torch.nn.init.orthogonal_: W = Q·sign(diag R), transposed when wide', () => {
  test.each([
    [4, 4],
    [6, 3],
    [3, 6],
  ])('[%i, %i]', (rows, cols) => {
    const tall = Math.max(rows, cols);
    const wide = Math.min(rows, cols);
    const { q, rDiagonal } = householderQR(standardNormals(tall * wide, 9), tall, wide);
    const w = orthogonal([rows, cols], { gain: 2, seed: 9 });
    const values = w.dataSync();
    w.dispose();
    for (let i = 0; i < tall; i++) {
      for (let j = 0; j < wide; j++) {
        const expected = Math.fround(at(q, tall, i, j) * Math.sign(rDiagonal[j] as number) * 2);
        expect(values[rows >= cols ? i * cols + j : j * cols + i]).toBe(expected);
      }
    }
  });
});

describe("each named scheme's entry std matches src/theory", () => {
  test.each(SCHEME_NAMES.filter((name) => name !== 'torch-default'))('%s at 256×256 within 2%', (name) => {
    const w = initByName(name, [256, 256], 17);
    const { std } = hostMoments(w.dataSync());
    w.dispose();
    expect(Math.abs(std / schemeStd(name, 256) - 1)).toBeLessThan(0.02);
  });

  test('a rectangular weight scales with fan_in, not fan_out', () => {
    const w = initByName('randn/√dim', [64, 1024], 3);
    const { std } = hostMoments(w.dataSync());
    w.dispose();
    expect(Math.abs(std * Math.sqrt(1024) - 1)).toBeLessThan(0.02);
  });
});

describe('LSUV rescales each layer to unit pre-activation variance', () => {
  const layer = (rows: number, cols: number, std: number, seed: number) => normal([rows, cols], { std, seed }) as tf.Tensor2D;

  test('three badly scaled layers reach |Var − 1| < tol; inputs untouched; nothing leaks', () => {
    const before = tf.memory().numTensors;
    const layers = [layer(16, 8, 3, 1), layer(16, 16, 0.01, 2), layer(4, 16, 1, 3)];
    const batch = normal([8, 64], { seed: 4 }) as tf.Tensor2D;
    const kept = layers.map((l) => Array.from(l.dataSync()));
    const result = lsuv(layers, batch, { tol: 0.01, maxIter: 10 });
    expect(result.weights.map((w) => w.shape)).toEqual([
      [16, 8],
      [16, 16],
      [4, 16],
    ]);
    expect(result.variances).toHaveLength(3);
    expect(result.iterations).toHaveLength(3);
    for (const v of result.variances) expect(Math.abs(v - 1)).toBeLessThan(0.01);
    expect(result.iterations.every((k) => k >= 1 && k <= 10)).toBe(true);
    expect(layers.map((l) => Array.from(l.dataSync()))).toEqual(kept);
    tf.dispose([...layers, batch, ...result.weights]);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('maxIter bounds the rounds; a layer already at unit variance takes none', () => {
    const batch = normal([8, 64], { seed: 5 }) as tf.Tensor2D;
    const far = layer(16, 8, 100, 6);
    const once = lsuv([far], batch, { tol: 1e-12, maxIter: 1 });
    expect(once.iterations).toEqual([1]);
    const twice = lsuv(once.weights, batch, { tol: 0.05, maxIter: 3 });
    expect(twice.iterations).toEqual([0]);
    expect(twice.variances[0]).toBe(once.variances[0]);
    tf.dispose([batch, far, ...once.weights, ...twice.weights]);
  });

  test('a dead layer (variance 0) is left alone instead of divided by zero', () => {
    const batch = normal([4, 8], { seed: 7 }) as tf.Tensor2D;
    const zero = tf.zeros([4, 4]) as tf.Tensor2D;
    const result = lsuv([zero], batch);
    expect(result.variances).toEqual([0]);
    expect(result.iterations).toEqual([0]);
    tf.dispose([batch, zero, ...result.weights]);
  });

  test('errors name the layer or the parameter, and free what they made', () => {
    const before = tf.memory().numTensors;
    const batch = normal([8, 4], { seed: 8 }) as tf.Tensor2D;
    const ok = layer(6, 8, 1, 9);
    const wrong = layer(3, 5, 1, 10);
    expect(() => lsuv([ok, wrong], batch)).toThrow('lsuv: layer 1 takes 5 inputs but receives 6');
    expect(() => lsuv([ok], batch, { maxIter: 0 })).toThrow('lsuv: maxIter must be a positive integer, got 0');
    expect(() => lsuv([], batch)).toThrow('lsuv: layers must not be empty');
    tf.dispose([batch, ok, wrong]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('truncNormal window limits', () => {
  test('a window starting exactly 5 std out is still sampled; beyond 5 is refused; a = b is refused', () => {
    const w = truncNormal([1], { a: 5, b: 6, seed: 1 });
    expect(w.dataSync()[0]).toBeGreaterThanOrEqual(5);
    w.dispose();
    const low = truncNormal([1], { a: -6, b: -5, seed: 1 });
    expect(low.dataSync()[0]).toBeLessThanOrEqual(-5);
    low.dispose();
    expect(() => truncNormal([2], { a: 5.5, b: 6, seed: 1 })).toThrow(
      'truncNormal: [a, b] = [5.5, 6] lies more than 5 std from the mean 0',
    );
    expect(() => truncNormal([2], { a: -7, b: -5.5, seed: 1 })).toThrow('lies more than 5 std');
    expect(() => truncNormal([2], { a: 1, b: 1, seed: 1 })).toThrow('truncNormal: a must be < b, got a=1, b=1');
  });
});

describe('each error message names the function and the parameter', () => {
  test.each([
    ['uniform: low must be a finite number, got NaN', () => uniform([2], { low: Number.NaN, seed: 1 })],
    ['uniform: high must be a finite number, got Infinity', () => uniform([2], { high: Infinity, seed: 1 })],
    ['normal: mean must be a finite number, got NaN', () => normal([2], { mean: Number.NaN, seed: 1 })],
    ['truncNormal: shape must be a non-empty array', () => truncNormal([], { seed: 1 })],
    ['truncNormal: mean must be a finite number, got NaN', () => truncNormal([2], { mean: Number.NaN, seed: 1 })],
    ['truncNormal: std must be >= 0, got -1', () => truncNormal([2], { std: -1, seed: 1 })],
    ['truncNormal: a must be a finite number, got NaN', () => truncNormal([2], { a: Number.NaN, seed: 1 })],
    ['truncNormal: b must be a finite number, got x', () => truncNormal([2], { b: 'x' as unknown as number, seed: 1 })],
    ['truncNormal: seed', () => truncNormal([2], { seed: 1.5 })],
    ['computeFans: shape must be a non-empty array', () => computeFans([])],
    ['computeFans: shape must have rank >= 2 ([out, in, ...kernel]), got [5]', () => computeFans([5])],
    ['computeFans: shape[1] must be a positive integer, got 0 in [3, 0]', () => computeFans([3, 0])],
    ['calculateGain: param (negative slope) must be a finite number, got NaN', () => calculateGain('leaky_relu', Number.NaN)],
    ['orthogonal: shape must have rank >= 2, got [4]', () => orthogonal([4], { seed: 1 })],
    ['orthogonal: gain must be >= 0, got -1', () => orthogonal([2, 2], { gain: -1, seed: 1 })],
    ['orthogonal: gain must be a finite number, got NaN', () => orthogonal([2, 2], { gain: Number.NaN, seed: 1 })],
    ['xavierNormal: gain must be >= 0, got -2', () => xavierNormal([2, 2], { gain: -2, seed: 1 })],
    ['xavierNormal: gain must be a finite number, got NaN', () => xavierNormal([2, 2], { gain: Number.NaN, seed: 1 })],
    ['kaimingUniform: a must be a finite number, got NaN', () => kaimingUniform([2, 2], { a: Number.NaN, seed: 1 })],
    ['kaimingNormal: unknown mode "fan_avg"', () => kaimingNormal([2, 2], { mode: 'fan_avg' as 'fan_in', seed: 1 })],
    ['randnScaled: c must be > 0, got 0', () => randnScaled([2], { c: 0, seed: 1 })],
    ['randnScaled: c must be a finite number, got NaN', () => randnScaled([2], { c: Number.NaN, seed: 1 })],
    ['initByName: unknown init scheme "he"; choose one of', () => initByName('he', [2, 2], 1)],
  ])('%s', (message, call) => {
    expect(call).toThrow(message);
  });
});
