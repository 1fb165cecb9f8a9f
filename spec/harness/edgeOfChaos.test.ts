/** The mean-field theory of the edge-of-chaos claim, pinned against closed forms and the papers' numbers. */
import { describe, expect, it } from 'vitest';
import {
  LINEAR,
  TANH,
  chi1,
  criticalWeightVariance,
  gaussianExpectation,
  lengthFixedPoint,
  lengthTrajectory,
} from '../../src/theory/index.ts';

describe('gaussianExpectation (the quadrature under every mean-field number)', () => {
  it('integrates Gaussian moments to ~1e-10', () => {
    expect(gaussianExpectation(() => 1)).toBeCloseTo(1, 10);
    expect(gaussianExpectation((z) => z * z)).toBeCloseTo(1, 10);
    expect(gaussianExpectation((z) => z ** 4)).toBeCloseTo(3, 9);
    // E[cos z] = e^{-1/2}
    expect(gaussianExpectation(Math.cos)).toBeCloseTo(Math.exp(-0.5), 10);
  });
});

describe('the length map and χ₁', () => {
  it('linear activations: q* = σ_b²/(1 - σ_w²), χ₁ = σ_w² (closed form)', () => {
    for (const [weightVariance, biasVariance] of [
      [0.5, 0.1],
      [0.9, 0.05],
      [0.2, 1],
    ] as const) {
      expect(lengthFixedPoint({ weightVariance, biasVariance }, LINEAR)).toBeCloseTo(biasVariance / (1 - weightVariance), 8);
      expect(chi1({ weightVariance, biasVariance }, LINEAR)).toBeCloseTo(weightVariance, 9);
    }
  });
  it('the trajectory starts at q_1 and reaches q*', () => {
    const v = { weightVariance: 2, biasVariance: 0.1 };
    const q = lengthTrajectory(1.7, v, 40);
    expect(q[0]).toBe(1.7);
    expect(q.at(-1)).toBeCloseTo(lengthFixedPoint(v), 9);
  });
  it("tanh's edge of chaos at σ_b² = 0.05 is σ_w² ≈ 1.76 (Poole et al. 2016, Fig. 2), where χ₁ = 1", () => {
    const critical = criticalWeightVariance(0.05, TANH);
    expect(critical).toBeCloseTo(1.76, 2);
    expect(chi1({ weightVariance: critical, biasVariance: 0.05 })).toBeCloseTo(1, 9);
    expect(chi1({ weightVariance: 0.8 * critical, biasVariance: 0.05 })).toBeLessThan(1);
    expect(chi1({ weightVariance: 1.2 * critical, biasVariance: 0.05 })).toBeGreaterThan(1);
    // more bias needs more weight variance to reach the edge
    expect(criticalWeightVariance(0.3)).toBeGreaterThan(critical);
  });
  it('names bad input', () => {
    expect(() => lengthFixedPoint({ weightVariance: -1, biasVariance: 0 })).toThrow(/σ_w² must be a positive finite number, got -1/);
    expect(() => lengthFixedPoint({ weightVariance: 1, biasVariance: Number.NaN })).toThrow(/σ_b² must be a finite number >= 0, got NaN/);
    expect(() => lengthFixedPoint({ weightVariance: 1.5, biasVariance: 0.1 }, LINEAR)).toThrow(/linear length map does not converge/);
    expect(() => criticalWeightVariance(0.05, TANH, [2, 3])).toThrow(/does not change sign on σ_w² ∈ \[2, 3\]/);
  });
});
