/**
 * Exact values and boundaries of the statistics helpers, written against the mutants StrykerJS
 * found surviving: each test pins one behaviour a plausible slip would change (an off-by-one
 * dof, a dropped guard, a tie at the boundary), with the reference computed here from jStat.
 */
import jStat from 'jstat';
import { describe, expect, test } from 'vitest';
import {
  hostMoments,
  kolmogorovSurvival,
  ksTest,
  meanCI,
  medianCI,
  minimumSamplesForMedianCI,
  proportionCI,
  sampleVariance,
  stdRatioCI,
  trialsForMeanHalfWidth,
  trialsForStdRatioLowerBound,
  trialsForStdRelativeHalfWidth,
  uniformCdf,
  varianceCI,
} from '../../src/stats/index.ts';

const sample = [2, 4, 4, 4, 5, 5, 7, 9];

describe('sample sizes are the smallest n that fits, over a grid (brute force reference)', () => {
  const confidences = [0.8, 0.95, 0.999];

  test.each(confidences.flatMap((confidence) => [0.3, 1, 2.5].map((halfWidth) => ({ confidence, halfWidth }))))(
    'trialsForMeanHalfWidth sd 1, half-width $halfWidth at $confidence',
    ({ confidence, halfWidth }) => {
      const half = (m: number) => jStat.studentt.inv(1 - (1 - confidence) / 2, m - 1) / Math.sqrt(m);
      let reference = 2;
      while (half(reference) > halfWidth) reference++;
      expect(trialsForMeanHalfWidth({ sd: 1, halfWidth, confidence })).toBe(reference);
    },
  );

  test.each(confidences.flatMap((confidence) => [0.05, 0.3, 0.9].map((relativeHalfWidth) => ({ confidence, relativeHalfWidth }))))(
    'trialsForStdRelativeHalfWidth ±$relativeHalfWidth at $confidence: both ends inside at n, the upper end outside at n - 1',
    ({ confidence, relativeHalfWidth }) => {
      const h = (1 - confidence) / 2;
      const ends = (m: number) => [
        Math.sqrt((m - 1) / jStat.chisquare.inv(1 - h, m - 1)),
        Math.sqrt((m - 1) / jStat.chisquare.inv(h, m - 1)),
      ];
      const n = trialsForStdRelativeHalfWidth({ relativeHalfWidth, confidence });
      const [low, high] = ends(n) as [number, number];
      expect(low).toBeGreaterThanOrEqual(1 - relativeHalfWidth);
      expect(high).toBeLessThanOrEqual(1 + relativeHalfWidth);
      if (n > 2) expect((ends(n - 1)[1] as number) > 1 + relativeHalfWidth).toBe(true);
    },
  );

  test.each([
    { plannedRatio: 8, atLeast: 1.5, confidence: 0.999 },
    { plannedRatio: 5, atLeast: 2, confidence: 0.95 },
    { plannedRatio: 30, atLeast: 1, confidence: 0.9 },
  ])('trialsForStdRatioLowerBound $plannedRatio ≥ $atLeast at $confidence', ({ plannedRatio, atLeast, confidence }) => {
    const bound = (m: number) => plannedRatio / 2 / Math.sqrt(jStat.centralF.inv(confidence, m - 1, m - 1));
    let reference = 3;
    while (bound(reference) < atLeast) reference++;
    expect(trialsForStdRatioLowerBound({ plannedRatio, atLeast, confidence })).toBe(reference);
  });

  test('messages name the parameter', () => {
    expect(() => trialsForStdRatioLowerBound({ plannedRatio: Number.NaN, atLeast: 1, confidence: 0.9 })).toThrow(
      'trialsForStdRatioLowerBound: plannedRatio must be a positive finite number, got NaN',
    );
    expect(() => trialsForStdRatioLowerBound({ plannedRatio: 8, atLeast: 1, confidence: 1 })).toThrow(
      'confidence must be in (0, 1), got 1',
    );
    expect(() => trialsForStdRatioLowerBound({ plannedRatio: 2, atLeast: 1, confidence: 0.9 })).toThrow(
      'plannedRatio/2 = 1 must exceed atLeast = 1',
    );
  });
});

describe('interval ends at the edges of their parameter space', () => {
  test('the default is two-sided, and an unknown side is named', () => {
    expect(meanCI(sample)).toEqual(meanCI(sample, { confidence: 0.95, sided: 'two-sided' }));
    expect(varianceCI(sample)).toEqual(varianceCI(sample, { sided: 'two-sided' }));
    expect(proportionCI(3, 10)).toEqual(proportionCI(3, 10, { sided: 'two-sided' }));
    expect(stdRatioCI(sample, [1, 2, 3])).toEqual(stdRatioCI(sample, [1, 2, 3], { sided: 'two-sided' }));
    // @ts-expect-error: a caller typing the side wrong gets an error, not a two-sided interval
    expect(() => meanCI(sample, { sided: 'both' })).toThrow(`sided must be 'two-sided', 'lower' or 'upper', got "both"`);
  });

  test('one-sided ends are the parameter limits', () => {
    expect(meanCI(sample, { sided: 'lower' }).upper).toBe(Infinity);
    expect(meanCI(sample, { sided: 'upper' }).lower).toBe(-Infinity);
    expect(varianceCI(sample, { sided: 'lower' }).upper).toBe(Infinity);
    expect(stdRatioCI(sample, [1, 2, 3], { sided: 'lower' }).upper).toBe(Infinity);
    expect(stdRatioCI(sample, [1, 2, 3], { sided: 'upper' }).lower).toBe(0);
  });

  test('Clopper–Pearson at 0 and all successes: the bound at the observed edge is exact, the other a beta quantile', () => {
    const none = proportionCI(0, 10, { confidence: 0.9 });
    expect(none.lower).toBe(0);
    expect(none.upper).toBeCloseTo(1 - 0.05 ** (1 / 10), 12);
    const all = proportionCI(10, 10, { confidence: 0.9 });
    expect(all.upper).toBe(1);
    expect(all.lower).toBeCloseTo(0.05 ** (1 / 10), 12);
    expect(proportionCI(1, 1, { confidence: 0.9, sided: 'lower' }).lower).toBeCloseTo(0.1, 12);
    expect(proportionCI(3, 10, { sided: 'upper' }).lower).toBe(0);
    expect(proportionCI(3, 10, { sided: 'lower' }).upper).toBe(1);
  });

  test('medianCI on an exact binomial tie: P(Bin(8, ½) ≤ 1) = 9/256 = α/2 admits rank 2', () => {
    const confidence = 1 - 18 / 256;
    const ci = medianCI([1, 2, 3, 4, 5, 6, 7, 8], { confidence });
    expect(ci.ranks).toEqual([2, 7]);
    expect(ci.achievedConfidence).toBe(confidence);
  });

  test('minimumSamplesForMedianCI names itself', () => {
    expect(minimumSamplesForMedianCI(0.95)).toBe(6);
    expect(() => minimumSamplesForMedianCI(1)).toThrow('minimumSamplesForMedianCI: confidence must be in (0, 1), got 1');
  });
});

describe('sample validation finds the first bad index', () => {
  test('NaN and ±∞ are named with their index', () => {
    expect(() => meanCI([Number.NaN, 1, 2])).toThrow('meanCI: sample 0 is NaN');
    expect(() => meanCI([1, Infinity, 2])).toThrow('meanCI: sample 1 is not finite (Infinity)');
    expect(() => varianceCI([1, 2, -Infinity])).toThrow('varianceCI: sample 2 is not finite (-Infinity)');
    expect(() => medianCI([1, 2, 3, 4, 5, Number.NaN])).toThrow('medianCI: sample 5 is NaN');
    expect(medianCI([1, 2, 3, 4, 5, Infinity]).upper).toBe(Infinity); // +∞ is a legal order statistic
  });
});

describe('KS at the ends of the CDF', () => {
  test('cdf values of exactly 0 and 1 are probabilities', () => {
    expect(ksTest([0, 0.25, 0.5, 0.75, 1], uniformCdf(0, 1)).statistic).toBeCloseTo(0.2, 12);
  });

  test('below λ = 0.2 the truncated series would be wrong, so the survival is 1; at 0.2 it is the series', () => {
    expect(kolmogorovSurvival(0.01)).toBe(1);
    const atFifth = kolmogorovSurvival(0.2);
    expect(atFifth).toBeLessThan(1);
    expect(atFifth).toBeGreaterThan(1 - 1e-10);
    expect(() => kolmogorovSurvival(Number.NaN)).toThrow('kolmogorovSurvival: lambda is NaN');
  });
});

describe('hostMoments with non-finite entries', () => {
  test('every moment is NaN, maxAbs covers the finite entries, nothing is all-zero', () => {
    expect(hostMoments([0, Number.NaN, 0])).toEqual({
      count: 3,
      mean: Number.NaN,
      secondMoment: Number.NaN,
      variance: Number.NaN,
      std: Number.NaN,
      maxAbs: 0,
      allZero: false,
      nonFinite: 1,
    });
    expect(hostMoments([0, 0]).allZero).toBe(true);
    expect(hostMoments([2, 4]).secondMoment).toBe(10);
    expect(sampleVariance([1, 3])).toBe(2); // two values are enough
  });
});
