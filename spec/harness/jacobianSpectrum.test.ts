/** The Jacobian-spectrum theory and its host moments, pinned against closed forms. */
import { describe, expect, it } from 'vitest';
import { spectrumMoments } from '../../src/experiments/linearJacobian.ts';
import { gaussianProductSpectrum } from '../../src/theory/index.ts';

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
