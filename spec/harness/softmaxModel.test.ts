/** The softmax statistics, the chi-square draws and the Gaussian-logit model behind the AT-softmax claims. */
import { describe, expect, test } from 'vitest';
import { softmaxRowStats } from '../../src/experiments/attentionLogits.ts';
import { gaussianSoftmaxReference } from '../../src/experiments/gaussianSoftmax.ts';
import { chiSquareValues } from '../../src/rng/chiSquare.ts';

describe('softmax statistics', () => {
  test('equal logits: entropy log T and largest weight 1/T; one logit far above: 0 and 1', () => {
    const flat = softmaxRowStats(new Float64Array(8).fill(3), 2, 4);
    expect(flat.entropy).toBeCloseTo(Math.log(4), 14);
    expect(flat.maxWeight).toBeCloseTo(0.25, 14);
    const peaked = softmaxRowStats([800, 0, 0, 0], 1, 4);
    expect(peaked.entropy).toBeCloseTo(0, 12);
    expect(peaked.maxWeight).toBeCloseTo(1, 12);
  });

  test('the model at s² = 0 is the uniform softmax; a bad variance names the problem', () => {
    const { entropy, maxWeight } = gaussianSoftmaxReference({ tokens: 16, logitVariance: 0, count: 3, master: 1 });
    entropy.forEach((h) => expect(h).toBeCloseTo(Math.log(16), 12));
    maxWeight.forEach((p) => expect(p).toBeCloseTo(1 / 16, 12));
    expect(() => gaussianSoftmaxReference({ tokens: 4, logitVariance: Number.NaN, count: 1, master: 1 })).toThrow(
      /logitVariance must be finite and ≥ 0/,
    );
  });
});

describe('chi-square draws (Marsaglia–Tsang)', () => {
  test.each([2, 64, 256])('χ²_%i: mean k and variance 2k within 4 standard errors of 40000 draws', (k) => {
    const n = 40000;
    const v = chiSquareValues(n, k, 7 + k);
    const m = v.reduce((a, b) => a + b, 0) / n;
    const s2 = v.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
    expect(Math.abs(m - k)).toBeLessThan(4 * Math.sqrt((2 * k) / n));
    // the sample variance's relative sd is √(2/n + 12/(k·n)) (excess kurtosis 12/k): at most 0.014 here, so 10% is ≥ 7 sd
    expect(Math.abs(s2 / (2 * k) - 1)).toBeLessThan(0.1);
    expect(v.every((x) => x > 0)).toBe(true);
  });

  test('dof below 2 names the problem', () => {
    expect(() => chiSquareValues(3, 1, 1)).toThrow(/dof must be ≥ 2, got 1/);
  });
});
