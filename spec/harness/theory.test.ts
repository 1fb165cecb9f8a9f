/** The theory formulas on values known in closed form, and the matrix-vector moments by simulation. */
import { closedFormTailSteps, medianColumnMax, tailEnds } from '../../src/theory/denormalTail.ts';
import { describe, expect, test } from 'vitest';
import { standardNormals } from '../../src/rng/draw.ts';
import { mean, sampleVariance } from '../../src/stats/moments.ts';
import {
  backwardFactor,
  chiMoment,
  digamma,
  forwardFactor,
  heVariance,
  lecunVariance,
  xavierVariance,
  gaussianExpectation,
  logRatioVariance,
  log10RatioPlanningSd,
  reluMlpLog10Factors,
  meanFieldTrajectory,
  ratioMoments,
  trigamma,
  truncatedStdRatio,
  circularLawEnd,
  circularLawRate,
  deepChainLog10Std,
  endOfTrajectory,
  FEATURES,
  float32Window,
  kaimingUniformBound,
  log10MaxOverRms,
  matVecStatistic,
  schemeStd,
  secondMomentFactor,
  torchDefaultBound,
  uniformStd,
} from '../../src/theory/index.ts';

describe('moments of weights', () => {
  test('uniformStd is (b - a)/√12; the torch default bound is 1/√fan_in; Kaiming uniform is √3·gain/√fan', () => {
    expect(uniformStd(-1, 1)).toBeCloseTo(1 / Math.sqrt(3), 15);
    expect(uniformStd(2, 5)).toBeCloseTo(3 / Math.sqrt(12), 15);
    expect(torchDefaultBound(25)).toBeCloseTo(0.2, 15);
    expect(kaimingUniformBound(Math.SQRT2, 512)).toBeCloseTo(Math.sqrt(6 / 512), 15);
    expect(() => uniformStd(1, 1)).toThrow(/low must be < high/);
    expect(() => torchDefaultBound(0)).toThrow(/fanIn must be a positive integer/);
  });

  test.each([
    ['uniform(±0.01)', 0.01 / Math.sqrt(3)],
    ['uniform(±1)/√dim', 1 / Math.sqrt(3 * 512)],
    ['uniform(±1)·√(2/dim)', Math.sqrt(2 / (3 * 512))],
    ['kaiming-uniform', Math.sqrt(2 / 512)],
    ['kaiming-normal', Math.sqrt(2 / 512)],
    ['xavier-uniform', 1 / Math.sqrt(512)],
    ['xavier-normal', 1 / Math.sqrt(512)],
    ['orthogonal', 1 / Math.sqrt(512)],
    ['randn/√dim', 1 / Math.sqrt(512)],
    ['randn·√(2/dim)', Math.sqrt(2 / 512)],
  ])('schemeStd(%s, 512) = %d', (name, std) => {
    expect(schemeStd(name, 512)).toBeCloseTo(std, 14);
  });

  test('schemeStd refuses a scheme it has no theory for', () => {
    expect(() => schemeStd('torch-default', 512)).toThrow(/no theory for scheme "torch-default"/);
  });
});

describe('matrix-vector moments (In [159]–[161])', () => {
  test('chi moments: E‖x‖² = n, E‖x‖⁴ = n(n+2), E|x| = √(2/π) for n = 1', () => {
    expect(chiMoment(512, 2)).toBeCloseTo(512, 8);
    expect(chiMoment(10, 4)).toBeCloseTo(120, 8);
    expect(chiMoment(1, 1)).toBeCloseTo(Math.sqrt(2 / Math.PI), 12);
    expect(() => chiMoment(0, 1)).toThrow(/n must be a positive integer/);
  });

  test('the means: E[y²] = c²n, E[relu(y)] = c·E‖x‖/√(2π), E[relu(y)²] = c²n/2', () => {
    expect(matVecStatistic({ n: 512, c: 1, feature: FEATURES.ySquared }).mean).toBeCloseTo(512, 8);
    expect(matVecStatistic({ n: 512, c: Math.sqrt(2 / 512), feature: FEATURES.reluYSquared }).mean).toBeCloseTo(1, 10);
    expect(matVecStatistic({ n: 512, c: Math.sqrt(2 / 512), feature: FEATURES.reluY }).mean).toBeCloseTo(
      (Math.sqrt(2 / 512) * chiMoment(512, 1)) / Math.sqrt(2 * Math.PI),
      12,
    );
    expect(matVecStatistic({ n: 8, c: 1, feature: FEATURES.y }).mean).toBe(0);
  });

  // Fixed seed, 20000 simulated 8×8 trials: the sd of a sample sd is ≈ 0.5% here, so ±3% is six SEs.
  test.each([
    ['y', FEATURES.y, (y: number) => y],
    ['y²', FEATURES.ySquared, (y: number) => y * y],
    ['relu(y)', FEATURES.reluY, (y: number) => Math.max(0, y)],
    ['relu(y)²', FEATURES.reluYSquared, (y: number) => Math.max(0, y) ** 2],
  ])('the per-trial mean and sd of mean(%s) match a simulation (n = 8, c = 0.7)', (_, feature, f) => {
    const [n, c, trials] = [8, 0.7, 20_000];
    const z = standardNormals(trials * (n * n + n), 11);
    const stats: number[] = [];
    for (let t = 0; t < trials; t++) {
      const base = t * (n * n + n);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        let y = 0;
        for (let j = 0; j < n; j++) y += c * (z[base + i * n + j] as number) * (z[base + n * n + j] as number);
        sum += f(y);
      }
      stats.push(sum / n);
    }
    const theory = matVecStatistic({ n, c, feature });
    const sd = Math.sqrt(sampleVariance(stats));
    expect(Math.abs(mean(stats) - theory.mean)).toBeLessThan(4 * (theory.sd / Math.sqrt(trials)) + 1e-12);
    expect(Math.abs(sd / theory.sd - 1)).toBeLessThan(0.03);
  });
});

describe('chain counts', () => {
  test('circular-law rate: log10(σ√n), ReLU subtracts log10 √2', () => {
    expect(circularLawRate({ std: 1 / Math.sqrt(512), n: 512, activation: 'linear' })).toBeCloseTo(0, 14);
    expect(circularLawRate({ std: Math.sqrt(2 / 512), n: 512, activation: 'relu' })).toBeCloseTo(0, 14);
    expect(circularLawRate({ std: 0.1, n: 100, activation: 'linear' })).toBeCloseTo(0, 14);
  });

  test('κ = √(2 ln N) for Gaussian entries, √2·√(2 ln(N/2)) after ReLU', () => {
    expect(log10MaxOverRms(1000, 'linear')).toBeCloseTo(Math.log10(Math.sqrt(2 * Math.log(1000))), 14);
    expect(log10MaxOverRms(1000, 'relu')).toBeCloseTo(Math.log10(Math.SQRT2 * Math.sqrt(2 * Math.log(500))), 14);
  });

  test('the float32 window: half the smallest kept value, and FLOAT32_MAX', () => {
    const { log10Floor, log10Ceiling } = float32Window(2 ** -149);
    expect(log10Floor).toBeCloseTo(-150 * Math.log10(2), 12);
    expect(log10Ceiling).toBeCloseTo(38.5318, 4);
  });

  test('endOfTrajectory reports the first index that leaves the window, by side', () => {
    expect(endOfTrajectory([-10, -44, -46], 0, 2 ** -149)).toEqual({ outcome: 'vanished', steps: 2 });
    expect(endOfTrajectory([0, 38, 39], 0, 2 ** -149)).toEqual({ outcome: 'nonFinite', steps: 2 });
    expect(endOfTrajectory([0, 1], 0.5, 2 ** -149)).toEqual({ outcome: 'survived', steps: Infinity });
    expect(endOfTrajectory([-38, -38.3], 0, 2 ** -126)).toEqual({ outcome: 'vanished', steps: 1 }); // FTZ floor: log10 2^-127 = -38.23
  });

  test('circularLawEnd: σ = 0.1, n = 1 shrinks ×10 per step from 10^-1', () => {
    // log10 max at index i = -(i + 2) + log10 √(2 ln 2) (0.0709) leaves log10 2^-150 (-45.154) first at i + 2 = 46
    const end = circularLawEnd({ std: 0.1, n: 1, activation: 'linear', window: 2 ** -149, maxSteps: 500 });
    expect(end).toEqual({ outcome: 'vanished', steps: 44 });
  });
});

describe('the denormal tail', () => {
  const log2ToLog10 = Math.log10(2);
  test('medianColumnMax: the median of the largest of n |entries|', () => {
    expect(medianColumnMax({ family: 'uniform', std: 1 / Math.sqrt(3), n: 1 })).toBeCloseTo(0.5, 14); // U(±1): median |u| = ½
    expect(medianColumnMax({ family: 'normal', std: 2, n: 1 })).toBeCloseTo(2 * 0.6744897501960817, 9); // median |z| = Φ⁻¹(¾)
    expect(medianColumnMax({ family: 'uniform', std: 1 / Math.sqrt(3), n: 2 })).toBeCloseTo(Math.SQRT1_2, 14);
  });

  test('tailEnds on a line falling one binade a step: 2^-126 at i = 126 - 1; all-zero where the rule says', () => {
    const line = Array.from({ length: 200 }, (_, i) => -(i + 1.5) * log2ToLog10); // max|x_i| = 2^-(i+1.5)
    expect(tailEnds(line, { rounding: 'onceForTheSum', log10ColumnMax: 0 })).toEqual({ belowNormal: 125, allZero: 149 });
    // each product rounded: all-zero once max|x_{i-1}|·max|m| < 2^-150, max|m| = 2^-3: i - 1 + 1.5 + 3 > 150
    expect(tailEnds(line, { rounding: 'eachProduct', log10ColumnMax: -3 * log2ToLog10 })).toEqual({ belowNormal: 125, allZero: 147 });
  });

  test('closedFormTailSteps: 24 binades at the rate, less log10 max|m| when each product is rounded', () => {
    expect(closedFormTailSteps({ rate: -log2ToLog10, rounding: 'onceForTheSum', log10ColumnMax: 0 })).toBeCloseTo(24, 10);
    expect(closedFormTailSteps({ rate: -log2ToLog10, rounding: 'eachProduct', log10ColumnMax: -3 * log2ToLog10 })).toBeCloseTo(21, 10);
    expect(() => closedFormTailSteps({ rate: 0, rounding: 'eachProduct', log10ColumnMax: 0 })).toThrow(/rate must be < 0/);
  });
});

describe('deep nets at init', () => {
  test('He: q = n·σ²·½ = 1 for σ = √(2/n) with ReLU; std after ReLU is rms·√(1 - 1/π)', () => {
    expect(secondMomentFactor({ std: Math.sqrt(2 / 512), n: 512, activation: 'relu' })).toBeCloseTo(1, 14);
    expect(deepChainLog10Std({ std: Math.sqrt(2 / 512), n: 512, activation: 'relu', layers: 100 })).toBeCloseTo(
      Math.log10(Math.sqrt(1 - 1 / Math.PI)),
      12,
    );
    expect(deepChainLog10Std({ std: 1 / Math.sqrt(3 * 512), n: 512, activation: 'linear', layers: 2 })).toBeCloseTo(-Math.log10(3), 12);
  });
});

describe('theory edges', () => {
  test.each([
    ['circularLawRate std 0', () => circularLawRate({ std: 0, n: 4, activation: 'linear' }), /circularLawRate: std must be > 0, got 0/],
    [
      'circularLawRate n 0',
      () => circularLawRate({ std: 1, n: 0, activation: 'linear' }),
      /circularLawRate: n must be a positive integer, got 0/,
    ],
    ['circularLawRate n 1.5', () => circularLawRate({ std: 1, n: 1.5, activation: 'linear' }), /n must be a positive integer, got 1.5/],
    [
      'matVecStatistic c 0',
      () => matVecStatistic({ n: 4, c: 0, feature: FEATURES.y }),
      /matVecStatistic: c must be a positive finite number, got 0/,
    ],
    ['matVecStatistic c ∞', () => matVecStatistic({ n: 4, c: Infinity, feature: FEATURES.y }), /got Infinity/],
  ])('%s is refused', (_, call, message) => {
    expect(call).toThrow(message);
  });

  test('endOfTrajectory: κ is added to rms; the window edges themselves are inside', () => {
    const { log10Floor, log10Ceiling } = float32Window(2 ** -149);
    expect(endOfTrajectory([log10Floor - 0.5], 1, 2 ** -149)).toEqual({ outcome: 'survived', steps: Infinity });
    expect(endOfTrajectory([log10Floor + 0.5], -1, 2 ** -149)).toEqual({ outcome: 'vanished', steps: 0 });
    expect(endOfTrajectory([log10Floor, log10Ceiling], 0, 2 ** -149)).toEqual({ outcome: 'survived', steps: Infinity });
  });

  test('circularLawEnd uses n² entries for κ and multiplies the rate by the step count', () => {
    // σ = 0.01, n = 1: rate -2 per step from -2; κ(2 entries) = √(2 ln 2)
    expect(circularLawEnd({ std: 0.01, n: 1, activation: 'linear', window: 2 ** -149, maxSteps: 500 })).toEqual({
      outcome: 'vanished',
      steps: 21,
    });
    // σ = 0.0045, n = 4: rate log10 0.009 from log10 0.0045, κ over 16 entries √(2 ln 16): ends at 21 (with κ over 1 entry it would be 20)
    expect(circularLawEnd({ std: 0.0045, n: 4, activation: 'linear', window: 2 ** -149, maxSteps: 500 })).toEqual({
      outcome: 'vanished',
      steps: 21,
    });
    expect(circularLawEnd({ std: 0.1, n: 1, activation: 'linear', window: 2 ** -149, maxSteps: 10 })).toEqual({
      outcome: 'survived',
      steps: Infinity,
    });
  });

  test('features are named for the report', () => {
    expect(Object.values(FEATURES).map((f) => f.name)).toEqual(['y', 'y²', 'relu(y)', 'relu(y)²']);
  });
});

describe('mean field, finite width, truncated normal', () => {
  test('Gaussian expectations: E z² = 1, E z⁴ = 3, E relu(z) = 1/√(2π)', () => {
    expect(gaussianExpectation((z) => z * z)).toBeCloseTo(1, 10);
    expect(gaussianExpectation((z) => z ** 4)).toBeCloseTo(3, 9);
    expect(gaussianExpectation((z) => Math.max(0, z))).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 10);
  });

  test('mean field: linear with gain g multiplies q by g² per layer; He + ReLU keeps q = 2 and std = √(1 - 1/π)', () => {
    const linear = meanFieldTrajectory({ phi: (y) => y, gain: 0.5, layers: 3 });
    expect(linear.map((l) => l.q)).toEqual([expect.closeTo(0.25, 10), expect.closeTo(0.0625, 10), expect.closeTo(0.015625, 10)]);
    expect(linear[2]!.mean).toBeCloseTo(0, 12);
    const he = meanFieldTrajectory({ phi: (y) => Math.max(0, y), gain: Math.SQRT2, layers: 5 });
    expect(he[4]!.q).toBeCloseTo(2, 9);
    expect(he[4]!.std).toBeCloseTo(Math.sqrt(1 - 1 / Math.PI), 9);
    expect(meanFieldTrajectory({ phi: Math.tanh, gain: 1, layers: 1, inputSecondMoment: 4 })[0]!.q).toBeCloseTo(4, 12);
    expect(() => meanFieldTrajectory({ phi: Math.tanh, gain: 0, layers: 1 })).toThrow(/gain must be > 0, got 0/);
  });

  test('digamma and trigamma at known points', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 10);
    expect(digamma(0.5)).toBeCloseTo(-1.9635100260214235, 10);
    expect(digamma(20)).toBeCloseTo(2.970523992242149, 10);
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 10);
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 10);
    expect(trigamma(20)).toBeCloseTo(0.051270822935203, 10);
  });

  test('finite width: Var r = 5/n (ReLU), 2/n (linear); Var ln r is trigamma(n/2) for linear and close to 5/n for ReLU', () => {
    expect(ratioMoments({ width: 64, relu: true })).toEqual({ mean: 1, variance: 5 / 64 });
    expect(ratioMoments({ width: 64, relu: false })).toEqual({ mean: 1, variance: 2 / 64 });
    expect(logRatioVariance({ width: 64, relu: false })).toBeCloseTo(trigamma(32), 14);
    expect(logRatioVariance({ width: 256, relu: true }) / (5 / 256)).toBeCloseTo(1.0147, 3);
    expect(logRatioVariance({ width: 64, relu: true })).toBeCloseTo(0.0829974, 6);
  });

  test('finite width at n = 2 by hand: K ∈ {1, 2} alive with odds 2 : 1 once K = 0 is left out', () => {
    // ψ(½) = -γ - 2 ln 2, ψ(1) = -γ, ψ'(½) = π²/2, ψ'(1) = π²/6; at n = 2 the left-out mass ¼ matters
    const gamma = 0.5772156649015329;
    const [w1, w2] = [2 / 3, 1 / 3];
    const [psi1, psi2] = [-gamma - 2 * Math.LN2, -gamma];
    const meanTrigamma = w1 * (Math.PI ** 2 / 2) + w2 * (Math.PI ** 2 / 6);
    const variancePsi = w1 * psi1 ** 2 + w2 * psi2 ** 2 - (w1 * psi1 + w2 * psi2) ** 2;
    expect(logRatioVariance({ width: 2, relu: true })).toBeCloseTo(meanTrigamma + variancePsi, 9);
  });

  test('truncated normal: std ratio 0.8796 at ±2, → 1 for a wide window, refuses a ≤ 0', () => {
    expect(truncatedStdRatio(2)).toBeCloseTo(0.87962566, 7);
    expect(truncatedStdRatio(8)).toBeCloseTo(1, 10);
    expect(truncatedStdRatio(1)).toBeCloseTo(0.53956, 5);
    expect(() => truncatedStdRatio(0)).toThrow(/a must be > 0, got 0/);
  });
});

describe('layer factors', () => {
  test('Xavier variance 2/(n_in+n_out); forward n_in·v, backward n_out·v, halved by ReLU; He 2/fan', () => {
    expect(xavierVariance(512, 256)).toBeCloseTo(2 / 768, 15);
    expect(forwardFactor({ fanIn: 512, variance: 2 / 768 })).toBeCloseTo(4 / 3, 14);
    expect(backwardFactor({ fanOut: 256, variance: 2 / 768 })).toBeCloseTo(2 / 3, 14);
    expect(forwardFactor({ fanIn: 512, variance: heVariance(512), relu: true })).toBeCloseTo(1, 14);
    expect(backwardFactor({ fanOut: 128, variance: heVariance(256), relu: true })).toBeCloseTo(0.5, 14);
    expect(lecunVariance(512)).toBe(1 / 512);
  });

  test('a ReLU MLP 512→256→128→64: fan_in keeps E[x²] and shrinks E[g²] by Π n_out/n_in = 1/8; fan_out the mirror', () => {
    const widths = [512, 256, 128, 64];
    const fanIn = reluMlpLog10Factors({ widths, mode: 'fan_in' });
    const fanOut = reluMlpLog10Factors({ widths, mode: 'fan_out' });
    expect(fanIn.forward).toBeCloseTo(0, 14);
    expect(fanIn.backward).toBeCloseTo(Math.log10(1 / 8), 14);
    expect(fanOut.forward).toBeCloseTo(Math.log10(8), 14);
    expect(fanOut.backward).toBeCloseTo(0, 14);
    // a widening layer moves the other way: 64→128 with fan_in doubles the backward moment
    expect(reluMlpLog10Factors({ widths: [64, 128], mode: 'fan_in' }).backward).toBeCloseTo(Math.log10(2), 14);
  });

  test('planning sd through ReLU layers: √(Σ 5/n)/ln 10', () => {
    expect(log10RatioPlanningSd([256, 128, 64])).toBeCloseTo(Math.sqrt(5 / 256 + 5 / 128 + 5 / 64) / Math.LN10, 15);
    expect(log10RatioPlanningSd([])).toBe(0);
  });
});
