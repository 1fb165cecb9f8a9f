/**
 * Calibration of the interval helpers by simulation: over 4000 seeded samples a 95% interval
 * must cover the true value as often as its exact coverage says (±1.5 points), and that exact
 * coverage must be 95%–96.5% (exactly 95% for t and chi-square; Clopper–Pearson and order
 * statistics are discrete and conservative). ±1.5 points is 4.3 binomial SEs at 4000 draws:
 * a false fail has probability ≈ 1e-5, booked as 1e-4 per test in the α ledger.
 */
import { describe, expect, test } from 'vitest';
import jStat from 'jstat';
import { uniformSource } from '../../src/rng/draw.ts';
import { deriveSeed, seedFor } from '../../src/rng/seed.ts';
import { standardNormals } from '../../src/rng/draw.ts';
import { ksTest, meanCI, medianCI, proportionCI, stdRatioCI, uniformCdf, varianceCI } from '../../src/stats/index.ts';

const SIMULATIONS = 4000;
const TOLERANCE = 0.015;

function coverage(id: string, covers: (seed: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < SIMULATIONS; i++) if (covers(seedFor(id, i))) hits++;
  return hits / SIMULATIONS;
}

const normalSample = (n: number, mean: number, std: number, seed: number) => Array.from(standardNormals(n, seed), (z) => mean + std * z);

describe('95% intervals cover the truth as often as they claim (4000 simulations each)', () => {
  test('meanCI (t, n = 20, N(3, 2²)) covers 3 in 95% ± 1.5%', () => {
    const rate = coverage('calibration/meanCI', (seed) => {
      const ci = meanCI(normalSample(20, 3, 2, seed), { confidence: 0.95 });
      return ci.lower <= 3 && 3 <= ci.upper;
    });
    expect(Math.abs(rate - 0.95)).toBeLessThanOrEqual(TOLERANCE);
  });

  test('varianceCI (chi-square, n = 15, N(0, 1.5²)) covers 2.25 in 95% ± 1.5%', () => {
    const rate = coverage('calibration/varianceCI', (seed) => {
      const ci = varianceCI(normalSample(15, 0, 1.5, seed), { confidence: 0.95 });
      return ci.lower <= 2.25 && 2.25 <= ci.upper;
    });
    expect(Math.abs(rate - 0.95)).toBeLessThanOrEqual(TOLERANCE);
  });

  test('proportionCI (Clopper–Pearson, n = 200, p = 0.37) covers p as often as its exact coverage', () => {
    const [n, p] = [200, 0.37];
    let exact = 0;
    for (let x = 0; x <= n; x++) {
      const ci = proportionCI(x, n, { confidence: 0.95 });
      if (ci.lower <= p && p <= ci.upper) exact += jStat.binomial.pdf(x, n, p);
    }
    const rate = coverage('calibration/proportionCI', (seed) => {
      const next = uniformSource(seed);
      let successes = 0;
      for (let i = 0; i < n; i++) if (next() < p) successes++;
      const ci = proportionCI(successes, n, { confidence: 0.95 });
      return ci.lower <= p && p <= ci.upper;
    });
    expect(exact).toBeGreaterThanOrEqual(0.95);
    expect(exact).toBeLessThanOrEqual(0.965);
    expect(Math.abs(rate - exact)).toBeLessThanOrEqual(TOLERANCE);
  });

  test('medianCI (order statistics, n = 51, exponential) covers ln 2 as often as its achieved confidence', () => {
    const median = Math.LN2;
    let achieved = 0;
    const rate = coverage('calibration/medianCI', (seed) => {
      const next = uniformSource(seed);
      const sample = Array.from({ length: 51 }, () => -Math.log(1 - next()));
      const ci = medianCI(sample, { confidence: 0.95 });
      achieved = ci.achievedConfidence;
      return ci.lower <= median && median <= ci.upper;
    });
    expect(achieved).toBeGreaterThanOrEqual(0.95);
    expect(achieved).toBeLessThanOrEqual(0.965);
    expect(Math.abs(rate - achieved)).toBeLessThanOrEqual(TOLERANCE);
  });

  test('stdRatioCI (F, n = 12 and 20, σ 2 and 1) covers the ratio 2 in 95% ± 1.5%', () => {
    const rate = coverage('calibration/stdRatioCI', (seed) => {
      const ci = stdRatioCI(normalSample(12, 0, 2, seed), normalSample(20, 5, 1, deriveSeed(seed, 'b')), { confidence: 0.95 });
      return ci.lower <= 2 && 2 <= ci.upper;
    });
    expect(Math.abs(rate - 0.95)).toBeLessThanOrEqual(TOLERANCE);
  });

  test('ksTest rejects a true U(0, 1) at level 0.05 in 5% ± 1.5% of samples (n = 100)', () => {
    const rate = coverage('calibration/ksTest', (seed) => {
      const next = uniformSource(seed);
      const sample = Array.from({ length: 100 }, () => next());
      return ksTest(sample, uniformCdf(0, 1)).pValue >= 0.05;
    });
    expect(Math.abs(1 - rate - 0.05)).toBeLessThanOrEqual(TOLERANCE);
  });
});
