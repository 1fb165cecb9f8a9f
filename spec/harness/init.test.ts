/**
 * The init library against torch.nn.init's formulas: gains, fans, bounds, orthogonality,
 * dtype and shape, determinism, and no leaked tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import {
  calculateGain,
  computeFans,
  initByName,
  kaimingNormal,
  kaimingUniform,
  normal,
  orthogonal,
  randnScaled,
  SCHEME_NAMES,
  torchDefaultWeight,
  truncNormal,
  uniform,
  xavierNormal,
  xavierUniform,
} from '../../src/index.ts';
import { hostMoments } from '../../src/stats/index.ts';

const values = (t: tf.Tensor) => {
  const data = t.dataSync() as Float32Array;
  t.dispose();
  return data;
};
const maxAbs = (x: Float32Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('calculateGain is torch.nn.init.calculate_gain', () => {
  test.each([
    ['linear', undefined, 1],
    ['conv1d', undefined, 1],
    ['conv2d', undefined, 1],
    ['conv3d', undefined, 1],
    ['sigmoid', undefined, 1],
    ['tanh', undefined, 5 / 3],
    ['relu', undefined, Math.SQRT2],
    ['leaky_relu', undefined, Math.sqrt(2 / (1 + 0.01 ** 2))],
    ['leaky_relu', 0, Math.SQRT2],
    ['leaky_relu', Math.sqrt(5), Math.sqrt(1 / 3)],
    ['selu', undefined, 0.75],
  ] as const)('%s (param %s) → %d', (name, param, gain) => {
    expect(calculateGain(name, param)).toBeCloseTo(gain, 15);
  });
});

describe('computeFans uses [out, in, ...kernel]', () => {
  test.each([
    [[3, 5], 5, 3],
    [[1, 1, 5, 5], 25, 25],
    [[16, 8, 3, 3], 72, 144],
    [[4, 2, 3], 6, 12],
    [[2, 3, 2, 2, 2], 24, 16],
  ])('%j → fan_in %d, fan_out %d', (shape, fanIn, fanOut) => {
    expect(computeFans(shape)).toEqual({ fanIn, fanOut });
  });
});

describe('initializers draw from their formula', () => {
  const shape = [256, 128];
  const { fanIn, fanOut } = computeFans(shape);

  test('xavierUniform lies in ±gain·√(6/(fan_in+fan_out)) and reaches within 1% of it', () => {
    const bound = 2 * Math.sqrt(6 / (fanIn + fanOut));
    const w = values(xavierUniform(shape, { gain: 2, seed: 1 }));
    expect(maxAbs(w)).toBeLessThanOrEqual(Math.fround(bound));
    expect(maxAbs(w)).toBeGreaterThan(0.99 * bound);
  });

  test('kaimingUniform defaults (a=0, fan_in, leaky_relu) give bound √6/√fan_in; fan_out mode uses fan_out', () => {
    expect(maxAbs(values(kaimingUniform(shape, { seed: 2 })))).toBeGreaterThan(0.99 * Math.sqrt(6 / fanIn));
    expect(maxAbs(values(kaimingUniform(shape, { seed: 2 })))).toBeLessThanOrEqual(Math.fround(Math.sqrt(6 / fanIn)));
    expect(maxAbs(values(kaimingUniform(shape, { mode: 'fan_out', seed: 2 })))).toBeLessThanOrEqual(Math.fround(Math.sqrt(6 / fanOut)));
  });

  test('torchDefaultWeight is U(±1/√fan_in)', () => {
    const w = values(torchDefaultWeight([64, 32, 3, 3], { seed: 3 }));
    const bound = 1 / Math.sqrt(32 * 9);
    expect(maxAbs(w)).toBeLessThanOrEqual(Math.fround(bound));
    expect(maxAbs(w)).toBeGreaterThan(0.99 * bound);
  });

  // Fixed seeds (deterministic unit tests). Sample stds over 32768 values: relative SE ≈ 1/√(2n) = 0.4%, so ±2% is five SEs.
  test.each([
    ['kaimingNormal relu', () => kaimingNormal(shape, { nonlinearity: 'relu', seed: 4 }), Math.SQRT2 / Math.sqrt(fanIn)],
    [
      'kaimingNormal tanh fan_out',
      () => kaimingNormal(shape, { nonlinearity: 'tanh', mode: 'fan_out', seed: 5 }),
      5 / 3 / Math.sqrt(fanOut),
    ],
    ['xavierNormal', () => xavierNormal(shape, { seed: 6 }), Math.sqrt(2 / (fanIn + fanOut))],
    ['normal(0, 0.3)', () => normal(shape, { std: 0.3, seed: 7 }), 0.3],
    ['randnScaled c=1/√dim', () => randnScaled(shape, { c: 1 / Math.sqrt(128), seed: 8 }), 1 / Math.sqrt(128)],
    ['uniform(-1, 3)', () => uniform(shape, { low: -1, high: 3, seed: 9 }), 4 / Math.sqrt(12)],
  ])('%s has std within 2%% of its formula', (_, draw, std) => {
    expect(Math.abs(hostMoments(values(draw())).std / std - 1)).toBeLessThan(0.02);
  });

  test('truncNormal stays in [a, b]; its std is that of N(0,1) truncated to ±2 (0.8796)', () => {
    const w = values(truncNormal(shape, { seed: 10 }));
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...w)).toBeLessThanOrEqual(2);
    expect(Math.abs(hostMoments(w).std / 0.8796 - 1)).toBeLessThan(0.02);
  });
});

describe('orthogonal: WᵀW or WWᵀ = gain²·I to float32 precision', () => {
  test.each([
    [[64, 64], 1],
    [[96, 32], 1.5],
    [[32, 96], 1],
    [[8, 4, 3, 3], 2],
  ])('%j with gain %d', (shape, gain) => {
    const gram = tf.tidy(() => {
      const w = tf.reshape(orthogonal(shape, { gain, seed: 11 }), [shape[0] as number, -1]);
      const [rows, cols] = w.shape as [number, number];
      return (rows >= cols ? tf.matMul(w, w, true, false) : tf.matMul(w, w, false, true)).arraySync() as number[][];
    });
    gram.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - (i === j ? gain ** 2 : 0))).toBeLessThan(1e-5 * gain ** 2)));
  });
});

describe('every initializer returns a float32 tensor of the asked shape, the same for the same seed, and leaks nothing', () => {
  test.each(SCHEME_NAMES)('%s', (name) => {
    const before = tf.memory().numTensors;
    const a = initByName(name, [24, 16], 5);
    const b = initByName(name, [24, 16], 5);
    const c = initByName(name, [24, 16], 6);
    expect(a.dtype).toBe('float32');
    expect(a.shape).toEqual([24, 16]);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
    tf.dispose([a, b, c]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
