/**
 * fastai's 02a_why_sqrt5: PyTorch's default Linear/Conv weight, kaiming_uniform_(a=√5), is
 * U(±1/√fan_in) — variance 1/(3·fan_in). Through a ReLU layer the second moment is multiplied
 * by fan_in·Var(W)·½ = 1/6, so activations vanish geometrically, 0.78 decades of second moment
 * per layer; Kaiming (a = 0) multiplies it by 1 and holds them.
 */
import { DEFAULT_DELTA, log10FactorMoves, meanWithin, powerMargin, scaleInit } from '../src/claim/index.ts';
import type { ClaimSpec, TrialContext } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { deepChain } from '../src/chain/deepChain.ts';
import { kaimingUniform, torchDefaultWeight } from '../src/index.ts';
import { secondMomentFactor, torchDefaultBound, uniformStd } from '../src/theory/index.ts';
import type { WeightInit } from '../src/init/types.ts';

const dim = 512;
const LAYERS = 10;

/** log10 of the per-layer second-moment factor, from log10 std after layer 1 and after layer 1 + LAYERS (ReLU: std ∝ rms). */
const perLayerFactor =
  (init: WeightInit) =>
  ({ seed }: TrialContext) => {
    const [first, last] = deepChain({ init, dim, activation: 'relu', checkpoints: [1, 1 + LAYERS], reuse: false, seed }).log10StdAt as [
      number,
      number,
    ];
    return { log10Factor: (2 * (last - first)) / LAYERS };
  };

const factor = secondMomentFactor({ std: uniformStd(-torchDefaultBound(dim), torchDefaultBound(dim)), n: dim, activation: 'relu' });

/** 0.4 of what δ moves the log10 factor per layer, 2·log10(1 ± δ). */
const FACTOR_MARGIN = powerMargin(log10FactorMoves(DEFAULT_DELTA.moments));

claim({
  id: 'C12',
  statement: `PyTorch's default init (kaiming_uniform_, a=√5) multiplies the second moment by 1/6 per ReLU layer: log10 factor ${Math.log10(factor).toFixed(4)} within ${FACTOR_MARGIN.toFixed(4)}`,
  measure: perLayerFactor((shape, seed) => torchDefaultWeight(shape, { seed })),
  checks: [
    meanWithin({
      of: 'log10Factor',
      label: 'log10 second-moment factor per ReLU layer',
      target: { value: Math.log10(factor), formula: `log10(fan_in·(1/√fan_in)²/3·½) = log10(1/6) = ${Math.log10(factor).toFixed(4)}` },
      margin: FACTOR_MARGIN,
      // Hanin: Var ln r ≈ 5/n per layer, so sd of the 10-layer average of log10 r ≈ √(5/n/10)/ln 10
      sd: Math.sqrt(5 / dim / LAYERS) / Math.LN10,
      sdBasis: 'finite-width theory, √(5/(n·L))/ln 10',
    }),
  ],
  controls: [
    { label: 'Kaiming uniform a=0 (factor 1: holds the scale)', measure: perLayerFactor((shape, seed) => kaimingUniform(shape, { seed })) },
  ],
  power: {
    delta: DEFAULT_DELTA.moments,
    basis: `layer factors: the log10 factor moves by 2·log10(1 ± δ) = ${log10FactorMoves(DEFAULT_DELTA.moments)
      .map((m) => m.toFixed(4))
      .join(' / ')}; the ${FACTOR_MARGIN.toFixed(4)} margin is 0.4 of the smaller`,
    scaled: (f) => perLayerFactor(scaleInit((shape, seed) => torchDefaultWeight(shape, { seed }), f)),
  },
});
