/** Welch's two-sample interval and its sample size, which the chain claims' reference check uses. */
import jStat from 'jstat';
import { describe, expect, test } from 'vitest';
import {
  meanDifferenceCI,
  trialsForMeanDifferenceHalfWidth,
  trialsForMeanHalfWidth,
  welchDegreesOfFreedom,
} from '../../src/stats/index.ts';

describe('meanDifferenceCI', () => {
  test('matches the Welch–Satterthwaite interval computed by hand', () => {
    // a: mean 2, var 1, n 3; b: mean 2, var 2.5, n 5
    const se = Math.sqrt(1 / 3 + 2.5 / 5);
    const df = (1 / 3 + 2.5 / 5) ** 2 / ((1 / 3) ** 2 / 2 + (2.5 / 5) ** 2 / 4);
    expect(welchDegreesOfFreedom(1, 3, 2.5, 5)).toBeCloseTo(df, 12);
    const ci = meanDifferenceCI([1, 2, 3], [0, 1, 2, 3, 4], { confidence: 0.95 });
    expect(ci.estimate).toBe(0);
    expect(ci.upper).toBeCloseTo(jStat.studentt.inv(0.975, df) * se, 12);
    expect(ci.lower).toBeCloseTo(-ci.upper, 12);
    expect(ci.method).toBe('Welch t');
  });

  test('two constant samples give a zero-width interval at their difference', () => {
    expect(meanDifferenceCI([2, 2, 2], [1, 1], { confidence: 0.99 })).toMatchObject({ estimate: 1, lower: 1, upper: 1 });
  });

  test('bad input names the function and the problem', () => {
    expect(() => meanDifferenceCI([1], [1, 2])).toThrow(/meanDifferenceCI/);
    expect(() => meanDifferenceCI([1, Number.NaN], [1, 2])).toThrow(/meanDifferenceCI/);
    expect(() => meanDifferenceCI([1, 2], [1, 2], { confidence: 1 })).toThrow(/meanDifferenceCI/);
  });
});

describe('trialsForMeanDifferenceHalfWidth', () => {
  const halfWidth = (n: number, r: number) => {
    const df = welchDegreesOfFreedom(1, n, 1, r);
    return jStat.studentt.inv(0.975, df) * Math.sqrt(1 / n + 1 / r);
  };

  test('is the smallest n whose Welch half-width reaches the target', () => {
    const n = trialsForMeanDifferenceHalfWidth({ sd: 1, halfWidth: 0.5, confidence: 0.95, referenceCount: 100 });
    expect(n).toBe(21);
    expect(halfWidth(n, 100)).toBeLessThanOrEqual(0.5);
    expect(halfWidth(n - 1, 100)).toBeGreaterThan(0.5);
    // the reference's own noise costs trials over a one-sample interval
    expect(n).toBeGreaterThan(trialsForMeanHalfWidth({ sd: 1, halfWidth: 0.5, confidence: 0.95 }));
  });

  test('sizes each side on its own sd when they differ (a further stage after wide trials)', () => {
    const sized = (sd: number, referenceSd: number) => {
      const n = trialsForMeanDifferenceHalfWidth({ sd, referenceSd, halfWidth: 0.5, confidence: 0.95, referenceCount: 100 });
      const width = (k: number) =>
        jStat.studentt.inv(0.975, welchDegreesOfFreedom(sd * sd, k, referenceSd * referenceSd, 100)) *
        Math.sqrt((sd * sd) / k + (referenceSd * referenceSd) / 100);
      expect(width(n)).toBeLessThanOrEqual(0.5);
      expect(width(n - 1)).toBeGreaterThan(0.5);
      return n;
    };
    expect(sized(1, 1)).toBe(21);
    expect(sized(2, 0.5)).toBeGreaterThan(trialsForMeanHalfWidth({ sd: 2, halfWidth: 0.5, confidence: 0.95 }));
    expect(() =>
      trialsForMeanDifferenceHalfWidth({ sd: 1, referenceSd: Number.NaN, halfWidth: 0.5, confidence: 0.95, referenceCount: 9 }),
    ).toThrow(/referenceSd must be finite/);
  });

  test('refuses a reference too small to ever reach the half-width', () => {
    expect(() => trialsForMeanDifferenceHalfWidth({ sd: 1, halfWidth: 0.1, confidence: 0.95, referenceCount: 10 })).toThrow(
      /10 reference values alone give a half-width above 0.1/,
    );
    expect(() => trialsForMeanDifferenceHalfWidth({ sd: 1, halfWidth: 0.1, confidence: 0.95, referenceCount: 1 })).toThrow(
      /referenceCount/,
    );
  });
});
