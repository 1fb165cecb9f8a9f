/** Edges of the statistics helpers: each side of each interval, method names, messages, small-sample corrections. */
import jStat from 'jstat';
import { describe, expect, test } from 'vitest';
import {
  hostMoments,
  kolmogorovSurvival,
  ksTest,
  mean,
  meanCI,
  medianCI,
  proportionCI,
  sampleVariance,
  stdCI,
  stdRatioCI,
  trialsForMeanHalfWidth,
  trialsForProportionLowerBound,
  trialsForStdRatioLowerBound,
  trialsForStdRelativeHalfWidth,
  uniformCdf,
  varianceCI,
} from '../../src/stats/index.ts';
import { sortAscending } from '../../src/stats/sortAscending.ts';
import { normalValues, uniformValues } from '../../src/rng/draw.ts';

const sample = [2, 4, 4, 4, 5, 5, 7, 9];

describe('each interval names its method and honours sided', () => {
  test.each([
    ['meanCI', () => meanCI(sample), 'Student t'],
    ['varianceCI', () => varianceCI(sample), 'chi-square'],
    ['stdCI', () => stdCI(sample), 'chi-square'],
    ['proportionCI', () => proportionCI(3, 10), 'Clopper-Pearson'],
    ['medianCI', () => medianCI(sample), 'order statistics'],
    ['stdRatioCI', () => stdRatioCI(sample, [1, 2, 3, 4]), 'F (ratio of variances)'],
  ])('%s', (_, make, method) => {
    expect(make().method).toBe(method);
  });

  test("sided 'upper' puts α above: the lower end is the parameter's minimum", () => {
    const t = meanCI(sample, { confidence: 0.9, sided: 'upper' });
    expect(t.lower).toBe(-Infinity);
    expect(t.upper).toBeCloseTo(mean(sample) + jStat.studentt.inv(0.9, 7) * Math.sqrt(sampleVariance(sample) / 8), 12);
    const v = varianceCI(sample, { confidence: 0.9, sided: 'upper' });
    expect(v.lower).toBe(0);
    expect(v.upper).toBeCloseTo((7 * sampleVariance(sample)) / jStat.chisquare.inv(0.1, 7), 12);
    const vl = varianceCI(sample, { confidence: 0.9, sided: 'lower' });
    expect(vl.upper).toBe(Infinity);
    expect(vl.lower).toBeCloseTo((7 * sampleVariance(sample)) / jStat.chisquare.inv(0.9, 7), 12);
    const p = proportionCI(3, 10, { confidence: 0.9, sided: 'upper' });
    expect(p.lower).toBe(0);
    expect(p.upper).toBeCloseTo(jStat.beta.inv(0.9, 4, 7), 12);
  });

  test('proportionCI: estimate x/n and both Clopper–Pearson ends in the interior', () => {
    const p = proportionCI(3, 10, { confidence: 0.95 });
    expect(p.estimate).toBe(0.3);
    expect(p.lower).toBeCloseTo(jStat.beta.inv(0.025, 3, 8), 12);
    expect(p.upper).toBeCloseTo(jStat.beta.inv(0.975, 4, 7), 12);
    expect(p.n).toBe(10);
    expect(proportionCI(0, 10).lower).toBe(0);
    expect(proportionCI(10, 10).upper).toBe(1);
  });

  test('stdRatioCI is √(s_a²/s_b² / F quantiles), with both degrees of freedom', () => {
    const a = [1, 3, 2, 6, 4];
    const b = [2, 2.5, 1, 3, 2, 2.2, 1.4];
    const ratio = sampleVariance(a) / sampleVariance(b);
    const ci = stdRatioCI(a, b, { confidence: 0.9 });
    expect(ci.estimate).toBeCloseTo(Math.sqrt(ratio), 12);
    expect(ci.lower).toBeCloseTo(Math.sqrt(ratio / jStat.centralF.inv(0.95, 4, 6)), 12);
    expect(ci.upper).toBeCloseTo(Math.sqrt(ratio / jStat.centralF.inv(0.05, 4, 6)), 12);
    expect(ci.n).toBe(12);
    const lower = stdRatioCI(a, b, { confidence: 0.9, sided: 'lower' });
    expect(lower.upper).toBe(Infinity);
    expect(stdRatioCI(a, b, { confidence: 0.9, sided: 'upper' }).lower).toBe(0);
  });

  test('medianCI: even n averages the two middle values; the ranks are the widest that keep the coverage', () => {
    const even = medianCI([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { confidence: 0.9 });
    expect(even.estimate).toBe(5.5);
    expect(even.ranks).toEqual([2, 9]);
    expect(even.achievedConfidence).toBeCloseTo(1 - 2 * jStat.binomial.cdf(1, 10, 0.5), 12);
    const odd = medianCI([5, 1, 4, 2, 3, 9, 8, 7, 6, 10, 11], { confidence: 0.9 });
    expect(odd.estimate).toBe(6);
    expect(odd.ranks).toEqual([3, 9]);
  });
});

describe('messages name the function', () => {
  test.each([
    ['meanCI', () => meanCI([1])],
    ['varianceCI', () => varianceCI([1])],
    ['varianceCI', () => varianceCI([1, 2], { confidence: 2 })],
    ['proportionCI: trials', () => proportionCI(0, 0)],
    ['proportionCI: trials', () => proportionCI(0, 2.5)],
    ['proportionCI: successes', () => proportionCI(-1, 3)],
    ['proportionCI: successes', () => proportionCI(1.5, 3)],
    ['proportionCI', () => proportionCI(1, 3, { confidence: 0 })],
    ['medianCI', () => medianCI([1, 2, 3, 4, 5, 6], { confidence: 1 })],
    ['stdRatioCI', () => stdRatioCI([1], [1, 2])],
    ['stdRatioCI', () => stdRatioCI([1, 2], [1])],
    ['stdRatioCI', () => stdRatioCI([1, 2], [1, 3], { confidence: -1 })],
    ['ksTest', () => ksTest([1, 2, 3], (x) => x)],
    ['ksTest: cdf(2) = 2 is not a probability', () => ksTest([0.1, 0.2, 0.3, 0.4, 2], (x) => x)],
    ['ksTest: cdf(-1) = -1 is not a probability', () => ksTest([-1, 0.2, 0.3, 0.4, 0.5], (x) => x)],
    ['uniformCdf: low must be < high', () => uniformCdf(1, 1)],
    ['sampleVariance requires at least 2', () => sampleVariance([1])],
    ['hostMoments requires at least 1', () => hostMoments([])],
    [
      'trialsForStdRelativeHalfWidth: relativeHalfWidth must be < 1',
      () => trialsForStdRelativeHalfWidth({ relativeHalfWidth: 1, confidence: 0.9 }),
    ],
    [
      'trialsForStdRelativeHalfWidth: relativeHalfWidth must be a positive',
      () => trialsForStdRelativeHalfWidth({ relativeHalfWidth: 0, confidence: 0.9 }),
    ],
    ['trialsForProportionLowerBound: p0 must be in (0, 1)', () => trialsForProportionLowerBound({ p0: 1, confidence: 0.9 })],
    ['trialsForProportionLowerBound: p0 must be in (0, 1)', () => trialsForProportionLowerBound({ p0: 0, confidence: 0.9 })],
    ['trialsForMeanHalfWidth: sd must be a positive', () => trialsForMeanHalfWidth({ sd: 0, halfWidth: 1, confidence: 0.9 })],
    ['trialsForMeanHalfWidth: needs more than', () => trialsForMeanHalfWidth({ sd: 1e6, halfWidth: 1e-6, confidence: 0.9 })],
    ['trialsForStdRatioLowerBound: plannedRatio/2', () => trialsForStdRatioLowerBound({ plannedRatio: 2, atLeast: 1, confidence: 0.9 })],
    [
      'trialsForStdRatioLowerBound: atLeast must be a positive',
      () => trialsForStdRatioLowerBound({ plannedRatio: 8, atLeast: 0, confidence: 0.9 }),
    ],
  ])('%s', (fn, call) => {
    expect(call).toThrow(fn.includes(':') || fn.includes(' ') ? fn : new RegExp(`^${fn}`));
  });
});

describe('KS details', () => {
  test("Stephens' corrected λ = (√n + 0.12 + 0.11/√n)·D sets the p-value", () => {
    const values = [0.05, 0.15, 0.3, 0.35, 0.5, 0.62, 0.7, 0.81, 0.9, 0.97];
    const { statistic, pValue, n } = ksTest(values, uniformCdf(0, 1));
    expect(pValue).toBeCloseTo(kolmogorovSurvival((Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * statistic), 14);
    expect(statistic).toBeCloseTo(0.12, 12); // at x = 0.62: 0.62 - 5/10
  });

  test('the survival function is 1 near 0 and the alternating series beyond', () => {
    expect(kolmogorovSurvival(0.1)).toBe(1);
    expect(kolmogorovSurvival(0.5)).toBeCloseTo(0.9639, 4);
    expect(kolmogorovSurvival(3)).toBeLessThan(1e-7);
  });

  test('uniformCdf clamps to [0, 1]', () => {
    const cdf = uniformCdf(-1, 1);
    expect([cdf(-2), cdf(0), cdf(2)]).toEqual([0, 0.5, 1]);
  });
});

describe('hostMoments fields', () => {
  test('mean, unbiased variance, second moment, maxAbs on a known sample', () => {
    const m = hostMoments([1, -2, 3]);
    expect(m).toEqual({
      count: 3,
      mean: 2 / 3,
      secondMoment: 14 / 3,
      variance: expect.closeTo((14 - 3 * (2 / 3) ** 2) / 2, 12),
      std: expect.closeTo(Math.sqrt((14 - 3 * (2 / 3) ** 2) / 2), 12),
      maxAbs: 3,
      allZero: false,
      nonFinite: 0,
    });
    expect(hostMoments([5]).variance).toBe(0);
    expect(hostMoments([Infinity, 1]).maxAbs).toBe(1);
  });
});

describe("sortAscending is the built-in typed-array sort's order, bit for bit", () => {
  const bytes = (x: Float64Array) => new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  /** Where two arrays' bits first differ, -1 if nowhere (toEqual over 800 kB takes seconds). */
  const firstDifference = (a: Float64Array, b: Float64Array) => {
    const [x, y] = [bytes(a), bytes(b)];
    return x.findIndex((v, i) => v !== y[i]);
  };
  /** Values of every sign and scale, ties, ±0, ±Infinity and the smallest subnormals. */
  function awkward(count: number): Float64Array {
    const normals = normalValues(count, 0, 1, 3);
    const scales = uniformValues(count, -300, 300, 4);
    const x = Float64Array.from(normals, (z, i) =>
      i % 5 === 0 ? z * 10 ** Math.round(scales[i] as number) : i % 7 === 0 ? Math.round(z * 4) : z,
    );
    x.set([-0, 0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1, 1, -1], 0);
    return x;
  }

  test.each([10, 4095, 4096, 100_003])('%i values (the radix sort from 4096)', (count) => {
    const x = awkward(count);
    const expected = Float64Array.from(x).sort();
    expect(sortAscending(x)).toBe(x);
    expect(firstDifference(x, expected)).toBe(-1);
  });

  test('values that share their high bits (the skipped passes) and a pass that moves only low bits', () => {
    const x = Float64Array.from({ length: 5000 }, (_, i) => 1 + ((i * 7919) % 5000) * 2 ** -52);
    const expected = Float64Array.from(x).sort();
    expect(firstDifference(sortAscending(x), expected)).toBe(-1);
  });

  test('NaN is refused and leaves the values as they were', () => {
    for (const count of [10, 5000]) {
      const x = awkward(count);
      x[count - 2] = Number.NaN;
      const before = Float64Array.from(x);
      expect(() => sortAscending(x)).toThrow(/sortAscending: the values hold NaN/);
      expect(firstDifference(x, before)).toBe(-1);
    }
  });
});
