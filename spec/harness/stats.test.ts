/** The statistics helpers on known inputs, their sample-size helpers, and their errors. */
import { describe, expect, test } from 'vitest';
import jStat from 'jstat';
import {
  hostMoments,
  kolmogorovSurvival,
  ksTest,
  meanCI,
  medianCI,
  minimumSamplesForMedianCI,
  proportionCI,
  pooledStdCI,
  stdCI,
  trialsForMeanHalfWidth,
  trialsForProportionLowerBound,
  trialsForStdRelativeHalfWidth,
  uniformCdf,
  varianceCI,
} from '../../src/stats/index.ts';
import { chiSquareQuantile } from '../../src/stats/chiSquareQuantile.ts';

describe('intervals on known inputs', () => {
  test('meanCI of [1, 2, 3, 4] at 95% is 2.5 ± t(0.975, 3)·s/√n', () => {
    const ci = meanCI([1, 2, 3, 4], { confidence: 0.95 });
    const half = (jStat.studentt.inv(0.975, 3) * Math.sqrt(5 / 3)) / 2;
    expect(ci.estimate).toBe(2.5);
    expect(ci.lower).toBeCloseTo(2.5 - half, 12);
    expect(ci.upper).toBeCloseTo(2.5 + half, 12);
  });

  test('one-sided meanCI puts all of α in one tail', () => {
    const ci = meanCI([1, 2, 3, 4], { confidence: 0.95, sided: 'lower' });
    expect(ci.upper).toBe(Number.POSITIVE_INFINITY);
    expect(ci.lower).toBeCloseTo(2.5 - (jStat.studentt.inv(0.95, 3) * Math.sqrt(5 / 3)) / 2, 12);
  });

  test('varianceCI and stdCI follow the chi-square quantiles', () => {
    const sample = [2, 4, 4, 4, 5, 5, 7, 9];
    const ci = varianceCI(sample, { confidence: 0.9 });
    expect(ci.estimate).toBeCloseTo(32 / 7, 12);
    expect(ci.lower).toBeCloseTo(32 / jStat.chisquare.inv(0.95, 7), 12);
    expect(ci.upper).toBeCloseTo(32 / jStat.chisquare.inv(0.05, 7), 12);
    expect(stdCI(sample, { confidence: 0.9 }).upper).toBeCloseTo(Math.sqrt(ci.upper), 12);
  });

  test('pooledStdCI over parts is stdCI of the joined parts, to the bit; its errors number the pooled sample', () => {
    const parts = [Float64Array.of(0.1, 2.7, -3.3), [], [1e-9, 4.2], Float32Array.of(0.3, -0.7, 9.1)];
    const joined = parts.flatMap((p) => Array.from(p));
    expect(pooledStdCI(parts, { confidence: 0.999 })).toStrictEqual(stdCI(joined, { confidence: 0.999 }));
    expect(() =>
      pooledStdCI([
        [1, 2],
        [3, Number.NaN],
      ]),
    ).toThrow(/varianceCI: sample 3 is NaN/);
    expect(() => pooledStdCI([[1], []])).toThrow(/varianceCI requires at least 2 samples, got 1/);
  });

  test('proportionCI: 0 of n and n of n use the closed forms', () => {
    expect(proportionCI(0, 10, { confidence: 0.95 }).upper).toBeCloseTo(1 - 0.025 ** (1 / 10), 10);
    expect(proportionCI(10, 10, { confidence: 0.95 }).lower).toBeCloseTo(0.025 ** (1 / 10), 10);
    expect(proportionCI(10, 10, { confidence: 0.95, sided: 'lower' }).lower).toBeCloseTo(0.05 ** (1 / 10), 10);
  });

  test('medianCI picks symmetric order statistics and tolerates +Infinity', () => {
    const sample = [...Array.from({ length: 7 }, (_, i) => i + 1), ...Array(5).fill(Infinity)];
    const ci = medianCI(sample, { confidence: 0.95 });
    expect(ci.ranks[0] + ci.ranks[1]).toBe(13);
    expect(ci.achievedConfidence).toBeGreaterThanOrEqual(0.95);
    expect(ci.upper).toBe(Infinity);
    expect(minimumSamplesForMedianCI(0.95)).toBe(6);
    expect(() => medianCI([1, 2, 3], { confidence: 0.95 })).toThrow(/at least 6 samples/);
  });

  test('ksTest: the statistic of a perfect grid is 1/(2n) and the p-value series matches known values', () => {
    const n = 100;
    const grid = Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    expect(ksTest(grid, uniformCdf(0, 1)).statistic).toBeCloseTo(1 / (2 * n), 12);
    expect(kolmogorovSurvival(1.358)).toBeCloseTo(0.05, 3); // the classic 5% critical value
    expect(kolmogorovSurvival(1.628)).toBeCloseTo(0.01, 3);
  });
});

describe('hostMoments keeps zero, non-finite and float32-underflow apart', () => {
  test('values around 1e-23 have a nonzero float64 std even though their float32 squares underflow', () => {
    const tiny = Float32Array.from([1e-23, -2e-23, 3e-23, 0]);
    expect(Math.fround(1e-23 * 1e-23)).toBe(0);
    const m = hostMoments(tiny);
    expect(m.std).toBeGreaterThan(1e-23);
    expect(m.allZero).toBe(false);
  });

  test('values around 1e20 have a finite std although their float32 squares overflow', () => {
    const huge = Float32Array.from([1e20, -1e20, 3e20]);
    expect(Math.fround(1e20 * 1e20)).toBe(Infinity);
    expect(Number.isFinite(hostMoments(huge).std)).toBe(true);
  });

  test('all-zero and non-finite are reported as such', () => {
    expect(hostMoments(new Float32Array(8)).allZero).toBe(true);
    const bad = hostMoments([1, Number.NaN, Infinity]);
    expect(bad.nonFinite).toBe(2);
    expect(bad.allZero).toBe(false);
  });
});

describe('sample-size helpers return the smallest sufficient count', () => {
  test('trialsForMeanHalfWidth: n fits, n - 1 does not', () => {
    const n = trialsForMeanHalfWidth({ sd: 1, halfWidth: 0.1, confidence: 0.95 });
    const half = (m: number) => jStat.studentt.inv(0.975, m - 1) / Math.sqrt(m);
    expect(half(n)).toBeLessThanOrEqual(0.1);
    expect(half(n - 1)).toBeGreaterThan(0.1);
  });

  test('trialsForStdRelativeHalfWidth: the chi-square ratio bounds fit at n', () => {
    const n = trialsForStdRelativeHalfWidth({ relativeHalfWidth: 0.05, confidence: 0.99 });
    expect(Math.sqrt((n - 1) / jStat.chisquare.inv(0.005, n - 1))).toBeLessThanOrEqual(1.05);
    expect(Math.sqrt((n - 2) / jStat.chisquare.inv(0.005, n - 2))).toBeGreaterThan(1.05);
  });

  test('trialsForProportionLowerBound: (1 - c)^(1/n) ≥ p0 first at n', () => {
    const n = trialsForProportionLowerBound({ p0: 0.9, confidence: 0.999 });
    expect(n).toBe(66);
    expect(proportionCI(n, n, { confidence: 0.999, sided: 'lower' }).lower).toBeGreaterThanOrEqual(0.9);
    expect(proportionCI(n - 1, n - 1, { confidence: 0.999, sided: 'lower' }).lower).toBeLessThan(0.9);
  });
});

describe('normalCdf (Cody)', () => {
  test('agrees with jStat to 1e-15 over ±12 and in the far tails', async () => {
    const { normalCdf } = await import('../../src/stats/normalCdf.ts');
    const jStat = (await import('jstat')).default;
    let worst = 0;
    for (let x = -12; x <= 12; x += 0.0013) worst = Math.max(worst, Math.abs(normalCdf(x) - jStat.normal.cdf(x, 0, 1)));
    expect(worst).toBeLessThan(1e-15);
    expect([normalCdf(0), normalCdf(-40), normalCdf(40)]).toEqual([0.5, 0, 1]);
    // jStat's 0.5·(1 + erf) cancels in the far tail; Φ(−8) = 6.220960574271785e-16 (Cody's erfc keeps it)
    expect(normalCdf(-8) / 6.220960574271785e-16).toBeCloseTo(1, 10);
  });
});

describe('chiSquareQuantile is jStat.chisquare.inv, remembered', () => {
  test('the same value as jStat at small and large df, again from memory, and per argument', () => {
    for (const [p, df] of [
      [0.0005, 9],
      [0.9995, 9],
      [0.025, 524_287],
    ] as const) {
      const direct = jStat.chisquare.inv(p, df) as number;
      expect(chiSquareQuantile(p, df)).toBe(direct);
      expect(chiSquareQuantile(p, df)).toBe(direct);
    }
    // arguments that differ in the last bit are different keys
    const p = 0.025;
    const next = p + Number.EPSILON * p;
    expect(chiSquareQuantile(next, 99)).toBe(jStat.chisquare.inv(next, 99));
    expect(chiSquareQuantile(p, 99)).toBe(jStat.chisquare.inv(p, 99));
  });
});
