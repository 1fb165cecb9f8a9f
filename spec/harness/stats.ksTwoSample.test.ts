/**
 * Two-sample KS, and why toDrawLike uses it: values standardised by their own draw's mean and
 * sd, pooled over many draws, are not the family's standard form. A seed audit caught it: a
 * correct kaimingUniform failed a one-sample KS against U(−√3, √3) (D 0.00072, p 8e-5 over 195
 * draws, master seed 2291348470).
 */
import { describe, expect, test } from 'vitest';
import { uniformValues } from '../../src/rng/draw.ts';
import { deriveSeed } from '../../src/rng/seed.ts';
import { concatenated } from '../../src/stats/concatenated.ts';
import { ksTest, ksTwoSample, kolmogorovSurvival, uniformCdf } from '../../src/stats/ksTest.ts';
import { ksTwoSamplePooled } from '../../src/stats/ksTwoSamplePooled.ts';
import { normalValues } from '../../src/rng/draw.ts';
import { standardised } from '../../src/stats/moments.ts';

const standardisedDraws = (draws: number, size: number, stream: string) =>
  concatenated(
    Array.from({ length: draws }, (_, k) => standardised(Float64Array.from(uniformValues(size, -1, 1, deriveSeed(7, `${stream} ${k}`))))),
  );

describe('ksTwoSample', () => {
  test('D and p by hand: disjoint samples have D = 1; ties step together', () => {
    const far = ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(far.statistic).toBe(1);
    expect(far.n).toBe(2.5);
    expect(far.pValue).toBeCloseTo(kolmogorovSurvival((Math.sqrt(2.5) + 0.12 + 0.11 / Math.sqrt(2.5)) * 1), 12);
    // identical samples, every value tied: the CDFs never differ
    expect(ksTwoSample([1, 1, 2, 2, 3], [1, 1, 2, 2, 3]).statistic).toBe(0);
    expect(ksTwoSample([0, 1, 2, 3, 4], [0.5, 1.5, 2.5, 3.5, 4.5]).statistic).toBeCloseTo(0.2, 12);
  });

  test('bad input names the function', () => {
    expect(() => ksTwoSample([1, 2, 3, 4, Number.NaN], [1, 2, 3, 4, 5])).toThrow(/ksTwoSample/);
    expect(() => ksTwoSample([1, 2], [1, 2, 3, 4, 5])).toThrow(/ksTwoSample/);
  });

  test('per-draw standardised uniforms, pooled over 400 draws, fail a one-sample KS but match the same procedure on a reference', () => {
    const draws = standardisedDraws(400, 1000, 'draw');
    const oneSample = ksTest(draws, uniformCdf(-Math.sqrt(3), Math.sqrt(3)));
    // the estimates smear the edges: E[F̂(√3)] ≈ 1 − 0.146/√size per draw (D 0.0043–0.0046 over master seeds 7–9), seen by √(400·1000)
    expect(oneSample.pValue).toBeLessThan(1e-5);
    const twoSample = ksTwoSample(draws, standardisedDraws(400, 1000, 'reference'));
    expect(twoSample.pValue).toBeGreaterThan(0.01);
  });
});

describe('ksTwoSamplePooled', () => {
  // pools of parts as the claims hold them (a trial's array each); ksTwoSample on the joined pools is the reference
  const parts = (count: number, size: number, stream: string, value: (v: number) => number = (v) => v) =>
    Array.from({ length: count }, (_, k) => Float64Array.from(normalValues(size, 0, 1, deriveSeed(11, `${stream} ${k}`)), value));
  const cases: Array<[string, Float64Array[], Float64Array[]]> = [
    ['same law', parts(3, 4000, 'a'), parts(2, 5000, 'b')],
    ['scaled 1.05×', parts(4, 3000, 'a'), parts(4, 3000, 'b', (v) => 1.05 * v)],
    ['shifted', parts(2, 800, 'a'), parts(5, 300, 'b', (v) => v + 0.3)],
    ['ties: quarter steps', parts(3, 2000, 'a', (v) => Math.round(4 * v) / 4), parts(3, 2000, 'b', (v) => Math.round(4 * v) / 4)],
    ['one sample constant', parts(2, 500, 'a'), parts(1, 50, 'b', () => 7)],
    ['both constant', parts(1, 20, 'a', () => 2), parts(1, 30, 'b', () => 2)],
    ['disjoint', parts(1, 100, 'a', (v) => v - 10), parts(1, 100, 'b', (v) => v + 10)],
    ['small', parts(1, 5, 'a'), parts(2, 3, 'b')],
  ];
  test.each(cases)('%s: the same D, p and n as ksTwoSample on the joined pools, to the bit', (_, a, b) => {
    expect(ksTwoSamplePooled(a, b)).toStrictEqual(ksTwoSample(concatenated(a), concatenated(b)));
  });

  test('bad input names the function and the sample', () => {
    expect(() => ksTwoSamplePooled([Float64Array.of(1, 2, 3)], [Float64Array.of(1, 2, 3, 4, 5)])).toThrow(
      /ksTwoSample requires at least 5 samples, got 3/,
    );
    expect(() => ksTwoSamplePooled([Float64Array.of(1, 2, 3), Float64Array.of(4, Number.NaN)], [Float64Array.of(1, 2, 3, 4, 5)])).toThrow(
      /ksTwoSample: sample 4 is NaN/,
    );
    expect(() => ksTwoSamplePooled([Float64Array.of(1, 2, 3, 4, 5)], [Float64Array.of(1, 2, 3, 4, Infinity)])).toThrow(
      /ksTwoSample: sample 4 is not finite/,
    );
  });
});
