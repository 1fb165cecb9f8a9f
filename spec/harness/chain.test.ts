/** The chain runner and the growth probe on matrices whose powers are known exactly. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { chainTrial } from '../../src/chain/chainTrial.ts';
import { deepChain } from '../../src/chain/deepChain.ts';
import { probeGrowth } from '../../src/chain/probeGrowth.ts';
import { runChain } from '../../src/chain/runChain.ts';
import { hostChainLog10Max } from '../../src/chain/hostChain.ts';
import { describeBackend } from '../../src/index.ts';

const scaledIdentity = (dim: number, scale: number) => tf.tidy(() => tf.mul(tf.eye(dim), scale)) as tf.Tensor2D;

describe('runChain counts steps as the notebook does (result = M @ result, loop index i)', () => {
  test('2·I: x_i = 2^(i+2) overflows float32 at i = 126; float32 squares already at i = 62', () => {
    const m = scaledIdentity(4, 2);
    const trace = runChain({ matrix: m, activation: 'linear', maxSteps: 500 });
    m.dispose();
    expect(trace).toMatchObject({ outcome: 'nonFinite', steps: 126, float32SquaresOverflowAt: 62, float32SquaresUnderflowAt: null });
    expect(trace.log10MaxAbs[10]).toBeCloseTo(12 * Math.log10(2), 10);
  });

  test("0.5·I with ReLU: x_i = 2^-(i+2) vanishes where the backend's probe says values round to 0", () => {
    const m = scaledIdentity(4, 0.5);
    const trace = runChain({ matrix: m, activation: 'relu', maxSteps: 500, checkpoints: [10] });
    m.dispose();
    const floorExponent = Math.log2(describeBackend().underflow.smallestPositiveOutput); // -149 with denormals
    // 2^(floor-1) is a tie that rounds to even (0), so the first zero is at i + 2 = 1 - floor
    expect(trace).toMatchObject({ outcome: 'vanished', steps: -floorExponent - 1, float32SquaresUnderflowAt: 73 });
    expect(trace.checkpoints).toEqual([
      { step: 10, log10Std: expect.closeTo(Math.log10(2 ** -11 * Math.sqrt(3 / 15)), 10), allZero: false, nonFinite: 0 },
    ]);
  });

  test('0.5·I with vanishBelow 2^-100: vanished at x_i = 2^-(i+2) < 2^-100, i = 99, about one step past it, no denormal operand', () => {
    const m = scaledIdentity(4, 0.5);
    const trace = runChain({ matrix: m, activation: 'linear', maxSteps: 500, vanishBelow: 2 ** -100 });
    m.dispose();
    expect(trace).toMatchObject({ outcome: 'vanished', steps: 99, belowNormalAt: null, denormalMatmuls: 0 });
    expect(trace.matmuls).toBeLessThanOrEqual(102);
  });

  test('0.5·I to all-zero: below 2^-126 from i = 125; every later matmul has a denormal operand', () => {
    const m = scaledIdentity(4, 0.5);
    const trace = runChain({ matrix: m, activation: 'linear', maxSteps: 500 });
    m.dispose();
    expect(trace.belowNormalAt).toBe(125);
    expect(trace.denormalMatmuls).toBe(trace.matmuls - 126);
  });

  test('a matrix that keeps its norm survives, and nothing leaks', () => {
    const before = tf.memory().numTensors;
    const m = scaledIdentity(8, 1);
    const trace = runChain({ matrix: m, activation: 'linear', maxSteps: 50, readEvery: 7 });
    m.dispose();
    expect(trace).toMatchObject({ outcome: 'survived', steps: Infinity, matmuls: 50 });
    expect(trace.rms.at(-1)).toEqual({ step: 49, log10Rms: expect.closeTo(Math.log10(Math.sqrt(1 / 8)), 10) });
    expect(tf.memory().numTensors).toBe(before);
  });

  test('refuses a non-square matrix and a bad step count', () => {
    const m = tf.zeros([2, 3]) as tf.Tensor2D;
    expect(() => runChain({ matrix: m, activation: 'linear', maxSteps: 5 })).toThrow(/matrix must be square, got shape \[2, 3\]/);
    m.dispose();
    const sq = scaledIdentity(2, 1);
    expect(() => runChain({ matrix: sq, activation: 'linear', maxSteps: 0 })).toThrow(/maxSteps must be a positive integer/);
    sq.dispose();
  });
});

describe('hostChainLog10Max follows every entry in float64', () => {
  test('0.5·I: log10 max X_i = (i + 2)·log10 ½; a nilpotent M ends at once', () => {
    const half = [0.5, 0, 0, 0.5];
    const out = hostChainLog10Max(half, 2, 'linear', 300);
    expect(out[299]).toBeCloseTo(301 * Math.log10(0.5), 10);
    expect(hostChainLog10Max([0, 1, 0, 0], 2, 'linear', 3)[0]).toBe(Number.NEGATIVE_INFINITY); // nilpotent: M² = 0
  });

  test('refuses a large or mis-sized matrix', () => {
    expect(() => hostChainLog10Max(new Float64Array(65 * 65), 65, 'linear', 1)).toThrow(/n must be an integer in \[1, 64\], got 65/);
    expect(() => hostChainLog10Max([1, 2, 3], 2, 'linear', 1)).toThrow(/matrix must have n² = 4 entries, got 3/);
  });
});

describe('probeGrowth tracks the chain in float64 beyond float32 range', () => {
  test('for 2·I it predicts log10 rms = (i + 2)·log10 2 + log10 rms(I) far past the overflow', () => {
    const m = scaledIdentity(4, 2);
    const probe = probeGrowth({ matrix: m, activation: 'linear', steps: 300 });
    m.dispose();
    expect(probe.log10Rms[299]).toBeCloseTo(301 * Math.log10(2) + Math.log10(Math.sqrt(1 / 4)), 8);
  });

  test('a span that would leave its ±10 decades is rerun step by step: a column flat for one step, then ×1e-4 a step', () => {
    // M·e1 = e2, M·e2 = e3, M·e3 = 1e-4·e3: the first column X_i e1 = M^(i+2) e1 has norm 1 at i = 0, then 1e-4^i.
    // The flat first step asks for a span of 8 steps, 32 decades: the probe must notice and step singly.
    const eps = 1e-4;
    const m = tf.tensor2d(
      [
        [0, 0, 0],
        [1, 0, 0],
        [0, 1, eps],
      ],
      [3, 3],
    );
    const before = tf.memory().numTensors;
    const probe = probeGrowth({ matrix: m, activation: 'linear', steps: 30, columns: 1 });
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
    const rmsOfUnit = Math.log10(Math.sqrt(1 / 3));
    expect(probe.log10RmsStart).toBeCloseTo(rmsOfUnit, 12);
    probe.log10Rms.forEach((value, i) => expect(value).toBeCloseTo(i * Math.log10(eps) + rmsOfUnit, 5));
  });
});

describe('chainTrial', () => {
  test("a slow draw decided within maxSteps but above the backend's floor at its end: the all-zero count is censored (Infinity), not missing (NaN)", () => {
    // x_i = c^(i+2) with c = 2^-0.23: below 2^-100 at i ≈ 433, still above 2^-126 at i = 499 (T-randn-relu met one such M at 512²)
    const c = 2 ** -0.23;
    const o = chainTrial({ init: ([n]) => tf.tidy(() => tf.mul(tf.eye(n!), c)), dim: 4, activation: 'relu', maxSteps: 500, seed: 1 });
    expect(o).toMatchObject({ vanished: 1, predictedAllZeroSteps: Number.POSITIVE_INFINITY });
    expect(o.steps).toBeGreaterThan(420);
    expect(o.steps).toBeLessThan(450);
  });
});

describe('deepChain', () => {
  test('with a fresh identity-like layer per step the std is kept; nothing leaks', () => {
    const before = tf.memory().numTensors;
    const eye = (shape: readonly number[]) => tf.eye(shape[0] as number);
    const {
      log10StdAt: [at1, at5],
      log10MaxAbs,
    } = deepChain({ init: eye, dim: 16, activation: 'linear', checkpoints: [1, 5], reuse: false, seed: 3 });
    expect(at5).toBeCloseTo(at1 as number, 6);
    expect(log10MaxAbs).toHaveLength(5);
    expect(tf.memory().numTensors).toBe(before);
  });
});
