/**
 * Why "Kaiming + ReLU never vanishes in 500 steps" is a probability, not a certainty (Hanin &
 * Rolnick 2018): at finite width n each fresh He-scaled ReLU layer multiplies ‖x‖² by a random
 * r with E r = 1 and Var r = 5/n (2/n for linear layers), so ln ‖x_L‖² random-walks with
 * variance L·Var[ln r] ≈ 5L/n. Checked for widths 32 and 64 and depths 10 and 40; the exact Var[ln r]
 * (trigamma over the number of active units) is the theory, 5L/n its first-order form.
 */
import { DEFAULT_DELTA, meanWithin, stdWithin } from '../src/claim/index.ts';
import type { ClaimSpec, TrialContext } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { normRatios } from '../src/experiments/normRatios.ts';
import { logRatioVariance, ratioMoments } from '../src/theory/index.ts';

const LAYERS_PER_TRIAL = 10;

/** Per trial: the mean and the unbiased variance of its 10 layer ratios (valid whatever r's kurtosis). */
function ratioTrial(width: number, relu: boolean, scale = 1) {
  return ({ seed }: TrialContext) => {
    const { ratios } = normRatios({ width, layers: LAYERS_PER_TRIAL, gain: scale * (relu ? Math.SQRT2 : 1), relu, seed });
    const mean = ratios.reduce((s, v) => s + v, 0) / ratios.length;
    const variance = ratios.reduce((s, v) => s + (v - mean) ** 2, 0) / (ratios.length - 1);
    return { mean, variance };
  };
}

function ratioClaim(id: string, width: number) {
  const { mean, variance } = ratioMoments({ width, relu: true });
  return {
    id,
    statement: `a fresh He-scaled ReLU layer of width ${width} multiplies ‖x‖² by r with E r = 1 (within a tenth of sd r) and Var r = 5/n = ${variance.toPrecision(4)} (within 10%)`,
    measure: ratioTrial(width, true),
    checks: [
      meanWithin({
        of: 'mean',
        label: 'E r',
        target: { value: mean, formula: 'E[(2/n)·χ²_K], K ~ Bin(n, ½) = 1' },
        margin: 0.1 * Math.sqrt(variance),
        sd: Math.sqrt(variance / LAYERS_PER_TRIAL),
      }),
      meanWithin({
        of: 'variance',
        label: 'Var r',
        target: { value: variance, formula: `5/n = ${variance.toPrecision(4)}` },
        margin: 0.1 * variance,
        // sd of an unbiased variance from 10 values: ≈ Var r·√(2/9 + excess kurtosis/10), kurtosis of (2/n)χ²_K ≈ 12/(n/2)
        sd: variance * Math.sqrt(2 / (LAYERS_PER_TRIAL - 1) + 24 / width / LAYERS_PER_TRIAL),
      }),
    ],
    controls: [{ label: 'linear layers (Var r = 2/n)', measure: ratioTrial(width, false) }],
    power: {
      delta: DEFAULT_DELTA.moments,
      basis: `second moments: E r moves by (1 ± δ)² - 1 ≈ ±10%, ${(0.1 / (0.1 * Math.sqrt(variance))).toFixed(1)}× the margin of a tenth of sd r`,
      scaled: (f: number) => ratioTrial(width, true, f),
    },
  };
}

function depthClaim(id: string, width: number, layers: number) {
  const exact = layers * logRatioVariance({ width, relu: true });
  const trial =
    (relu: boolean) =>
    ({ seed }: TrialContext) => ({
      logNorm: [normRatios({ width, layers, gain: relu ? Math.SQRT2 : 1, relu, seed }).logNormRatio],
    });
  return {
    id,
    statement: `after ${layers} fresh He-scaled ReLU layers of width ${width}, sd of ln ‖x_L‖²/‖x_0‖² is √(L·Var[ln r]) = ${Math.sqrt(exact).toPrecision(4)} (≈ √(5L/n) = ${Math.sqrt((5 * layers) / width).toPrecision(4)}), within 15%`,
    measure: trial(true),
    checks: [
      stdWithin({
        of: 'logNorm',
        label: 'sd of ln ‖x_L‖²/‖x_0‖²',
        target: { value: Math.sqrt(exact), formula: `√(L·(E ψ1(K/2) + Var ψ(K/2))), K ~ Bin(n, ½)` },
        relativeMargin: 0.15,
        perTrial: 1,
      }),
    ],
    controls: [
      {
        label: `linear layers (sd √(L·ψ1(n/2)) = ${Math.sqrt(layers * logRatioVariance({ width, relu: false })).toPrecision(4)})`,
        measure: trial(false),
      },
    ],
    power: {
      delta: null,
      why: 'a scale error adds the constant 2L·ln(1 ± δ) to every ln ‖x_L‖², which leaves its sd unchanged; H-ratio-64, on the same layers, carries the power (E r = (1 ± δ)²)',
    },
  };
}

claim(ratioClaim('H-ratio-64', 64));
claim(ratioClaim('H-ratio-32', 32));
claim(depthClaim('H-depth-10', 64, 10));
claim(depthClaim('H-depth-40', 64, 40));
