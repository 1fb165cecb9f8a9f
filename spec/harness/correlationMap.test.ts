/** The correlation map behind the depth-scale claim, pinned against closed forms and its own fixed point. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { correlationPairsTrial } from '../../src/experiments/correlationPairs.ts';
import {
  TANH,
  chi1,
  correlationFixedPoint,
  correlationMap,
  correlationTrajectory,
  gaussianExpectation,
  gaussianPairExpectation,
} from '../../src/theory/index.ts';

const identity = (u: number) => u;

describe('gaussianPairExpectation (the 2-D quadrature)', () => {
  it('E[u_a·u_b] = q_ab (linear: exact)', () => {
    for (const cov of [
      { qa: 1, qb: 1, qab: 0.3 },
      { qa: 2.5, qb: 0.4, qab: -0.9 },
      { qa: 9.5, qb: 9.5, qab: 9.5 },
    ]) {
      expect(gaussianPairExpectation(identity, identity, cov)).toBeCloseTo(cov.qab, 12);
    }
  });
  it('E[cos u_a·cos u_b] and E[sin u_a·sin u_b] = ½(e^(−(q_a+q_b−2q_ab)/2) ± e^(−(q_a+q_b+2q_ab)/2)) (closed forms)', () => {
    for (const cov of [
      { qa: 1, qb: 1, qab: 0.5 },
      { qa: 3, qb: 0.5, qab: -0.8 },
      { qa: 8, qb: 8, qab: 7.9 },
    ]) {
      const [minus, plus] = [Math.exp(-(cov.qa + cov.qb - 2 * cov.qab) / 2), Math.exp(-(cov.qa + cov.qb + 2 * cov.qab) / 2)];
      expect(gaussianPairExpectation(Math.cos, Math.cos, cov)).toBeCloseTo((minus + plus) / 2, 12);
      expect(gaussianPairExpectation(Math.sin, Math.sin, cov)).toBeCloseTo((minus - plus) / 2, 12);
    }
  });
  it('at c = 1 it is the 1-D expectation E[tanh(√q z)²]', () => {
    for (const q of [0.3, 1.4, 6, 10]) {
      expect(gaussianPairExpectation(Math.tanh, Math.tanh, { qa: q, qb: q, qab: q })).toBeCloseTo(
        gaussianExpectation((z) => Math.tanh(Math.sqrt(q) * z) ** 2),
        10,
      );
    }
  });
  it('names a covariance it cannot take', () => {
    expect(() => gaussianPairExpectation(identity, identity, { qa: 1, qb: 1, qab: 1.5 })).toThrow(/\|q_ab\| must be at most/);
    expect(() => gaussianPairExpectation(identity, identity, { qa: 12, qb: 1, qab: 0 })).toThrow(/q up to 10/);
    expect(() => gaussianPairExpectation(identity, identity, { qa: -1, qb: 1, qab: 0 })).toThrow(/must be positive/);
  });
});

describe('the correlation map, c* and ξ_c', () => {
  const ordered = { weightVariance: 1, biasVariance: 0.05 };
  const chaotic = { weightVariance: 3, biasVariance: 0.05 };
  it('ordered phase: c* = 1 and χ_c = χ₁', () => {
    const fp = correlationFixedPoint(ordered);
    expect(fp.phase).toBe('ordered');
    expect(fp.cStar).toBe(1);
    expect(fp.chiC).toBe(chi1(ordered));
    expect(fp.depthScale).toBeCloseTo(-1 / Math.log(fp.chiC), 12);
  });
  it('chaotic phase: c* < 1 is a fixed point and χ_c is the map’s slope there', () => {
    const fp = correlationFixedPoint(chaotic);
    expect(fp.phase).toBe('chaotic');
    expect(fp.cStar).toBeGreaterThan(0);
    expect(fp.cStar).toBeLessThan(1);
    expect(correlationMap(fp.cStar, chaotic, TANH, fp.qStar)).toBeCloseTo(fp.cStar, 11);
    const h = 1e-4;
    const slope = (correlationMap(fp.cStar + h, chaotic, TANH, fp.qStar) - correlationMap(fp.cStar - h, chaotic, TANH, fp.qStar)) / (2 * h);
    expect(slope).toBeCloseTo(fp.chiC, 7);
    expect(fp.chiC).toBeLessThan(1);
  });
  it('the trajectory starts at layer 1’s correlation and converges to c*', () => {
    const c = correlationTrajectory({ c0: 0.2 }, chaotic, 120);
    expect(c[0]).toBeCloseTo((3 * 0.2 + 0.05) / 3.05, 14);
    expect(c.at(-1)).toBeCloseTo(correlationFixedPoint(chaotic).cStar, 4);
  });
  it('refuses the critical line and bad inputs by name', () => {
    expect(() => correlationTrajectory({ c0: 1.2 }, chaotic, 3)).toThrow(/c0 must be in \[-1, 1\]/);
    expect(() => correlationTrajectory({ c0: 0.5 }, chaotic, 0)).toThrow(/layers must be a positive integer/);
  });
});

describe('correlationPairsTrial (the experiment)', () => {
  const net = { weightStd: 1, biasStd: 0.2, inputRms: 1, cPlus: 0.5, cMinus: 0.5 };
  it('two partners drawn alike give Δ = 0 at every layer, and tensors are freed', () => {
    const before = tf.memory().numTensors;
    const [deltas] = correlationPairsTrial({ n: 16, pairs: 4, layers: 3, nets: [net], seed: 1 });
    expect(deltas).toEqual([0, 0, 0]);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('a partner equal to a has ĉ = 1: Δ = 1 − ĉ₋ > 0', () => {
    const [deltas] = correlationPairsTrial({ n: 32, pairs: 4, layers: 2, nets: [{ ...net, cPlus: 1, cMinus: 0 }], seed: 2 });
    for (const d of deltas as number[]) expect(d).toBeGreaterThan(0.3);
  });
  it('names bad input', () => {
    expect(() => correlationPairsTrial({ n: 16, pairs: 4, layers: 3, nets: [{ ...net, cPlus: 2 }], seed: 1 })).toThrow(
      /input correlations must be in \[-1, 1\]/,
    );
    expect(() => correlationPairsTrial({ n: 16, pairs: 4, layers: 3, nets: [{ ...net, pairs: 5 }], seed: 1 })).toThrow(
      /pairs must be an integer in \[1, 4\]/,
    );
    expect(() => correlationPairsTrial({ n: 0, pairs: 4, layers: 3, nets: [net], seed: 1 })).toThrow(/n must be a positive integer/);
  });
});
