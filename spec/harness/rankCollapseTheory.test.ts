/** Rank-collapse theory (src/theory/rankCollapse.ts) and its experiment's reading (src/experiments/attentionStack.ts). */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { attentionStack, residualReading } from '../../src/experiments/attentionStack.ts';
import { normalValues } from '../../src/rng/draw.ts';
import { collapseConstant, firstLayerResidual, residualByDepth, wishartTraceTimesTraceOfSquare } from '../../src/theory/rankCollapse.ts';
import { scheme } from '../support/schemes.ts';

const HEAD = { tokens: 8, width: 6, keyDim: 4, logitScale: 0.5 };

describe('rank collapse', () => {
  test('E[tr W·tr W²] of a Wishart: χ²_nd cubed at d = 1 or n = 1, and a simulation at n = 5, d = 3', () => {
    // n = 1 or d = 1: tr W·tr W² = (χ² with nd degrees of freedom)³, E = k(k + 2)(k + 4)
    expect(wishartTraceTimesTraceOfSquare(1, 2)).toBe(2 * 4 * 6);
    expect(wishartTraceTimesTraceOfSquare(3, 1)).toBe(3 * 5 * 7);
    const [n, d, draws] = [5, 3, 40000];
    const z = normalValues(n * d * draws, 0, 1, 17);
    let sum = 0;
    for (let k = 0; k < draws; k++) {
      const g = new Float64Array(d * d);
      for (let t = 0; t < n; t++)
        for (let a = 0; a < d; a++)
          for (let b = 0; b < d; b++)
            g[a * d + b] = (g[a * d + b] as number) + (z[(k * n + t) * d + a] as number) * (z[(k * n + t) * d + b] as number);
      let tr = 0;
      let tr2 = 0;
      for (let a = 0; a < d; a++) tr += g[a * d + a] as number;
      for (let i = 0; i < d * d; i++) tr2 += (g[i] as number) ** 2;
      sum += tr * tr2;
    }
    // the product's relative sd is ~1.2 here: 40000 draws put the mean within ~2% (3.3 se)
    expect(sum / draws / wishartTraceTimesTraceOfSquare(n, d)).toBeCloseTo(1, 1);
  });

  test('κ carries σ⁶ and s²; depth 1 of the recursion is the first-layer law; a skip keeps the residual', () => {
    expect(collapseConstant({ ...HEAD, weightScale: 2 }) / collapseConstant(HEAD)).toBeCloseTo(64, 10);
    expect(collapseConstant({ ...HEAD, logitScale: 1 }) / collapseConstant(HEAD)).toBeCloseTo(4, 10);
    const pure = residualByDepth(HEAD, { startStd: 0.3, layers: 2, skipGain: 0 });
    expect(pure[1]).toBeCloseTo(firstLayerResidual(HEAD, 0.3), 12);
    const skip = residualByDepth(HEAD, { startStd: 0.3, layers: 2, skipGain: 1 });
    expect(skip[2]).toBeGreaterThan(skip[0] as number);
    expect(() => collapseConstant({ ...HEAD, tokens: 1 })).toThrow(/tokens must be an integer ≥ 2/);
    expect(() => firstLayerResidual(HEAD, Number.NaN)).toThrow(/startStd must be > 0/);
  });

  test('the reading: residual, mean part and tr G·tr G² of a small matrix, in float64', () => {
    // tokens (1, 0), (3, 0): mean (2, 0), residual rows (−1, 0), (1, 0)
    const r = residualReading([1, 0, 3, 0], 2, 2);
    expect(r).toEqual({ residual: 2, meanPart: 8, traceProduct: 2 * 4 });
  });

  test('the stack disposes what it makes and names bad options', () => {
    const before = tf.memory().numTensors;
    const readings = attentionStack({
      init: scheme('randn/√dim'),
      ...HEAD,
      layers: 2,
      startStd: 0.3,
      skipGain: 1,
      branchScale: 1,
      seed: 3,
    });
    expect(readings).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(before);
    expect(() =>
      attentionStack({ init: scheme('randn/√dim'), ...HEAD, layers: 1, startStd: Number.NaN, skipGain: 0, branchScale: 1, seed: 3 }),
    ).toThrow(/startStd must be a finite number ≥ 0, got NaN/);
  });
});
