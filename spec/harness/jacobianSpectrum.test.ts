/** The Jacobian-spectrum theory and its host moments, pinned against closed forms. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { spectrumMoments } from '../../src/experiments/linearJacobian.ts';
import { netJacobianSpectrum } from '../../src/experiments/netJacobian.ts';
import { orthogonal } from '../../src/index.ts';
import {
  LINEAR,
  RELU,
  TANH,
  criticalWeightVariance,
  freeJacobianSpread,
  gaussianProductSpectrum,
  lengthFixedPoint,
  slopeMoment,
} from '../../src/theory/index.ts';

describe('gaussianProductSpectrum', () => {
  it('is the identity at depth 0 and the Wishart moments at depth 1', () => {
    expect(gaussianProductSpectrum({ n: 7, layers: 0 })).toMatchObject({ mean: 1, secondMoment: 1, variance: 0 });
    for (const n of [1, 2, 10, 512]) {
      // E tr(WWᵀ)²/n = 2 + 1/n for W n×n with entries N(0, 1/n); E(tr WWᵀ/n)² = 1 + 2/n²
      const one = gaussianProductSpectrum({ n, layers: 1 });
      expect(one.secondMoment).toBeCloseTo(2 + 1 / n, 12);
      expect(one.variance).toBeCloseTo(2 + 1 / n - (1 + 2 / n ** 2), 12);
    }
  });
  it('tends to the free-probability (Fuss–Catalan) variance L as n grows', () => {
    for (const layers of [1, 4, 16]) {
      expect(gaussianProductSpectrum({ n: 1e7, layers }).variance).toBeCloseTo(layers, 4);
      expect(gaussianProductSpectrum({ n: 1e7, layers }).freeVariance).toBe(layers);
    }
  });
  it('scales with the gain: eigenvalues by g^(2L)', () => {
    const base = gaussianProductSpectrum({ n: 64, layers: 3 });
    const scaled = gaussianProductSpectrum({ n: 64, layers: 3, gain: 1.1 });
    expect(scaled.mean).toBeCloseTo(1.1 ** 6, 12);
    expect(scaled.variance / base.variance).toBeCloseTo(1.1 ** 12, 10);
  });
  it('names bad input', () => {
    expect(() => gaussianProductSpectrum({ n: 0, layers: 1 })).toThrow(/n must be a positive integer, got 0/);
    expect(() => gaussianProductSpectrum({ n: 4, layers: -1 })).toThrow(/layers must be a non-negative integer, got -1/);
  });
});

describe('spectrumMoments', () => {
  it('reads mean, variance and distance from 1 off the traces', () => {
    // diag(1, 3): eigenvalues 1 and 3, mean 2, variance 1, rms distance from 1 √((0 + 4)/2)
    expect(spectrumMoments([1, 0, 0, 3], 2)).toEqual({ mean: 2, variance: 1, rmsFromOne: Math.sqrt(2) });
    // a rotation-conjugated diag(1, 3) has the same moments
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const a = [c * c + 3 * s * s, (1 - 3) * c * s, (1 - 3) * c * s, s * s + 3 * c * c];
    const m = spectrumMoments(a, 2);
    expect(m.mean).toBeCloseTo(2, 12);
    expect(m.variance).toBeCloseTo(1, 12);
    expect(m.rmsFromOne).toBeCloseTo(Math.sqrt(2), 12);
  });
  it('names a wrong size', () => {
    expect(() => spectrumMoments([1, 2, 3], 2)).toThrow(/expected 4 entries, got 3/);
  });
});

describe('freeJacobianSpread (nonlinear nets, free limit)', () => {
  const linear = { weightVariance: 1, biasVariance: 0 };
  it('linear: orthogonal spreads 0, Gaussian L (the Fuss–Catalan variance)', () => {
    for (const depth of [1, 4, 16]) {
      const orthogonalSpread = freeJacobianSpread({ act: LINEAR, variances: linear, q1: 1, depth, family: 'orthogonal' });
      expect(orthogonalSpread.mean).toBeCloseTo(1, 12);
      expect(orthogonalSpread.normalizedVariance).toBeCloseTo(0, 12);
      expect(freeJacobianSpread({ act: LINEAR, variances: linear, q1: 1, depth, family: 'gaussian' }).normalizedVariance).toBeCloseTo(
        depth,
        12,
      );
    }
  });
  it('ReLU at σ_w² = 2: mean 1, var/mean² L orthogonal and 2L Gaussian (μ₂/μ₁² = 2: its slope moments are ½ exactly)', () => {
    const relu = { weightVariance: 2, biasVariance: 0 };
    expect(freeJacobianSpread({ act: RELU, variances: relu, q1: 0.7, depth: 8, family: 'orthogonal' })).toEqual({
      mean: 1,
      normalizedVariance: 8,
    });
    expect(freeJacobianSpread({ act: RELU, variances: relu, q1: 0.7, depth: 8, family: 'gaussian' }).normalizedVariance).toBe(16);
    expect(slopeMoment(RELU, 3, 4)).toBe(0.5);
  });
  it('tanh on the edge of chaos: mean 1 (χ₁ = 1), and a gain off by 10% moves it by χ₁^L', () => {
    const variances = { weightVariance: criticalWeightVariance(0.05), biasVariance: 0.05 };
    const q = lengthFixedPoint(variances);
    const at = freeJacobianSpread({ act: TANH, variances, q1: q, depth: 8, family: 'orthogonal' });
    expect(at.mean).toBeCloseTo(1, 9);
    expect(at.normalizedVariance).toBeGreaterThan(0);
    expect(freeJacobianSpread({ act: TANH, variances, q1: q, depth: 8, family: 'gaussian' }).normalizedVariance).toBeCloseTo(
      at.normalizedVariance + 8,
      12,
    );
  });
  it('names a bad depth or family', () => {
    expect(() => freeJacobianSpread({ act: LINEAR, variances: linear, q1: 1, depth: 0, family: 'orthogonal' })).toThrow(
      /depth must be a positive integer/,
    );
    expect(() => freeJacobianSpread({ act: LINEAR, variances: linear, q1: 1, depth: 2, family: 'haar' as never })).toThrow(
      /unknown weight family 'haar'/,
    );
  });
});

describe('netJacobianSpectrum (the experiment)', () => {
  it('a ReLU net with one layer: JJᵀ = D·W·Wᵀ·D, so with orthogonal W its eigenvalues are the active units (mean = active fraction), and tensors are freed', () => {
    const before = tf.memory().numTensors;
    const [one] = netJacobianSpectrum({
      init: (shape, seed) => orthogonal(shape, { seed }),
      activation: 'relu',
      n: 32,
      depths: [1],
      biasStd: 0,
      inputRms: 1,
      seed: 3,
    });
    const active = (one as { mean: number; variance: number }).mean;
    // eigenvalues are 0 or 1: variance = p(1 - p)
    expect((one as { variance: number }).variance).toBeCloseTo(active * (1 - active), 5);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('names bad input', () => {
    const init = (shape: readonly number[], seed: number) => orthogonal([...shape], { seed });
    expect(() => netJacobianSpectrum({ init, activation: 'relu', n: 8, depths: [2, 1], biasStd: 0, inputRms: 1, seed: 1 })).toThrow(
      /ascending positive integers/,
    );
    expect(() => netJacobianSpectrum({ init, activation: 'gelu' as never, n: 8, depths: [1], biasStd: 0, inputRms: 1, seed: 1 })).toThrow(
      /activation must be 'relu' or 'tanh'/,
    );
    expect(() => netJacobianSpectrum({ init, activation: 'tanh', n: 8, depths: [1], biasStd: 0, inputRms: 0, seed: 1 })).toThrow(
      /input rms > 0/,
    );
  });
});
