/** μP's exponents from the abc calculus, and the coordinate check's measurement on small widths. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { mupExponents, standardExponents, stepExponents, withLearningRateError } from '../../src/theory/coordCheck.ts';
import { coordCheck } from '../../src/experiments/coordCheck.ts';
import { logLogSlope } from '../../src/stats/logLogSlope.ts';
import { initByName } from '../../src/init/schemes.ts';

describe('exponents of one SGD step (src/theory/coordCheck.ts)', () => {
  test('SP: −½ at the fixed-fan-in first layer, ½ in the hidden layers, 1 at the output, 0 at init', () => {
    expect(stepExponents(standardExponents(3))).toEqual({ change: [-0.5, 0.5, 0.5, 1], outputAtInit: 0 });
  });
  test("μP: Θ(1) everywhere, the output at init n^(−½); without the readout's 1/m, every change gains a power of n", () => {
    expect(stepExponents(mupExponents(3))).toEqual({ change: [0, 0, 0, 0], outputAtInit: -0.5 });
    expect(stepExponents(mupExponents(3, { readoutMultiplier: false }))).toEqual({ change: [1, 1, 1, 2], outputAtInit: 0.5 });
  });
  test('a learning-rate exponent error ε moves every change by ε and the output at init not at all', () => {
    const { change, outputAtInit } = stepExponents(withLearningRateError(mupExponents(5), 0.25));
    change.forEach((e) => expect(e).toBeCloseTo(0.25, 12));
    expect(outputAtInit).toBe(-0.5);
  });
  test('bad input names the problem', () => {
    expect(() => stepExponents([{ a: 0, b: 0, c: 0 }])).toThrow(/needs at least an input layer and a readout/);
  });
});

describe('the measurement (src/experiments/coordCheck.ts)', () => {
  const init = (shape: readonly number[], seed: number) => initByName('kaiming-normal', shape as [number, number], seed);
  const readout = (shape: readonly number[], seed: number) => initByName('randn/√dim', shape as [number, number], seed);
  const base = { widths: [16, 32], base: 16, lr: 0.01, dIn: 4, dOut: 2, batch: 3, hiddenInit: init, readoutInit: readout, seed: 5 };

  test('log-log slope of a power law is its exponent', () => {
    expect(logLogSlope([2, 4, 8, 16], [3 * 2 ** 0.5, 3 * 4 ** 0.5, 3 * 8 ** 0.5, 3 * 16 ** 0.5])).toBeCloseTo(0.5, 12);
    expect(() => logLogSlope([1], [1])).toThrow(/needs ≥ 2 paired points/);
  });

  test('at the base width μP and SP are the same net and the same step; no tensor is left behind', () => {
    const before = tf.memory().numTensors;
    const [sp] = coordCheck({ ...base, widths: [16], parametrization: 'sp' });
    const [mup] = coordCheck({ ...base, widths: [16], parametrization: 'mup' });
    expect(mup?.meanAbsOutputAtInit).toBeCloseTo(sp?.meanAbsOutputAtInit as number, 6);
    mup?.meanAbsDelta.forEach((d, i) => expect(d).toBeCloseTo(sp?.meanAbsDelta[i] as number, 6));
    expect(tf.memory().numTensors).toBe(before);
  });

  test('widths must divide the widest', () => {
    expect(() => coordCheck({ ...base, widths: [16, 24], parametrization: 'sp' })).toThrow(
      /widths must be positive integers dividing the widest \(24\), got 16/,
    );
  });
});
