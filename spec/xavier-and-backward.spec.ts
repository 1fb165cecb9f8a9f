/**
 * The notebook's last TODO: "review Xavier init paper; calculate std with a loop & see where
 * Xavier coeff comes from; add relu" — and the backward pass it implies (Glorot & Bengio 2010;
 * He et al. 2015). For a layer W ∈ R^{n_out×n_in}: forward, E[(Wx)²] = n_in·Var(W)·E[x²];
 * backward, E[(Wᵀg)²] = n_out·Var(W)·E[g²]. Xavier's Var(W) = 2/(n_in + n_out) averages the two
 * wishes n_in·Var = 1 and n_out·Var = 1 (a harmonic mean); it does not make the product of the
 * two factors 1 — the geometric mean 1/√(n_in·n_out) would — and the spec records that.
 */
import { DEFAULT_DELTA, log10FactorMoves, meanWithin, powerMargin, scaleInit } from '../src/claim/index.ts';
import type { ClaimSpec, TrialContext } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { layerFactorsTrial, mlpGradientTrial, reluStackTrial } from '../src/experiments/layerPasses.ts';
import type { WeightInit } from '../src/experiments/matVec.ts';
import { kaimingNormal, kaimingUniform, xavierUniform, type FanMode } from '../src/index.ts';
import { forwardFactor, log10RatioPlanningSd, reluMlpLog10Factors, xavierVariance, backwardFactor } from '../src/theory/index.ts';

const [nIn, nOut, batch] = [512, 256, 512];
const xavierVar = xavierVariance(nIn, nOut);
const FORWARD = forwardFactor({ fanIn: nIn, variance: xavierVar });
const BACKWARD = backwardFactor({ fanOut: nOut, variance: xavierVar });

/** Forward and backward second-moment factors of one [n_out, n_in] layer, on batches of 512 columns. */
const factors =
  (init: WeightInit) =>
  ({ seed }: TrialContext) =>
    layerFactorsTrial({ init, nIn, nOut, batch, seed });

const xavier: WeightInit = (shape, seed) => xavierUniform(shape, { seed });
const kaimingFanIn: WeightInit = (shape, seed) => kaimingUniform(shape, { nonlinearity: 'linear', seed });
// per-trial sd of a ratio of second moments over 512·256 entries: ≈ √(2/(n·batch))·factor, ~0.3%; plan with 1%
const planning = (value: number) => 0.01 * value;

claim({
  id: 'C10',
  statement: `Xavier uniform, U(±√(6/(n_in+n_out))), on a ${nIn}→${nOut} layer has forward factor n_in·Var = ${FORWARD.toFixed(4)} and backward factor n_out·Var = ${BACKWARD.toFixed(4)}, each within 2%`,
  measure: factors(xavier),
  checks: [
    meanWithin({
      of: 'forward',
      label: 'forward factor E[(Wx)²]/E[x²]',
      target: { value: FORWARD, formula: 'n_in·2/(n_in+n_out)' },
      margin: 0.02 * FORWARD,
      sd: planning(FORWARD),
      sdBasis: 'planning: 1%',
    }),
    meanWithin({
      of: 'backward',
      label: 'backward factor E[(Wᵀg)²]/E[g²]',
      target: { value: BACKWARD, formula: 'n_out·2/(n_in+n_out)' },
      margin: 0.02 * BACKWARD,
      sd: planning(BACKWARD),
      sdBasis: 'planning: 1%',
    }),
  ],
  controls: [{ label: 'Kaiming fan_in, gain 1 (forward factor 1, backward ½)', measure: factors(kaimingFanIn) }],
  power: {
    delta: DEFAULT_DELTA.moments,
    basis: 'layer factors move by (1 ± δ)² ≈ ±10%, five times the 2% margin',
    scaled: (f) => factors(scaleInit(xavier, f)),
  },
});

claim({
  id: 'C10-product',
  statement: "Xavier's variance makes the product of the forward and backward factors 1 (log10 within 0.02 of 0)",
  measure: factors(xavier),
  checks: [
    meanWithin({
      of: 'log10Product',
      label: 'log10(forward·backward)',
      target: { value: 0, formula: 'log10 1' },
      margin: 0.02,
      sd: 0.005,
      sdBasis: 'planning',
    }),
  ],
  controls: [{ label: 'Kaiming fan_in, gain 1 (product ½)', measure: factors(kaimingFanIn) }],
  power: {
    delta: DEFAULT_DELTA.moments,
    basis: 'log10 of the product moves by 4·log10(1 ± δ) ≈ ±0.085, four times the 0.02 margin',
    scaled: (f) => factors(scaleInit(xavier, f)),
  },
  expectedFailure: {
    checks: ['log10(forward·backward)'],
    why: `Xavier's 2/(n_in+n_out) is the harmonic mean of 1/n_in and 1/n_out: forward·backward = 4·n_in·n_out/(n_in+n_out)² = ${(FORWARD * BACKWARD).toFixed(4)} (log10 ${Math.log10(FORWARD * BACKWARD).toFixed(4)}) for ${nIn}→${nOut}; the geometric mean 1/√(n_in·n_out) would make it 1`,
  },
});

/** log10 of E[x²] per layer through a 512→256→512→… stack of fresh layers with ReLU (10 layers). */
const stackTrial =
  (init: WeightInit) =>
  ({ seed }: TrialContext) =>
    reluStackTrial({ init, nIn, nOut, layers: 10, batch, seed });

// two layers, 512→256 then 256→512, each with ReLU: n_in·Var·½ times n_out·Var·½ for the first layer's shape
const pairFactor =
  forwardFactor({ fanIn: nIn, variance: xavierVar, relu: true }) * forwardFactor({ fanIn: nOut, variance: xavierVar, relu: true });

/** 0.4 of what δ moves the log10 factor per layer, 2·log10(1 ± δ). */
const STACK_MARGIN = powerMargin(log10FactorMoves(DEFAULT_DELTA.moments));

claim({
  id: 'C10-relu',
  statement: `with ReLU, the same Xavier loop over a ${nIn}→${nOut}→${nIn}… stack halves E[x²] per layer (and loses the harmonic-mean 8/9 per pair): log10 factor ${(Math.log10(pairFactor) / 2).toFixed(4)} per layer within ${STACK_MARGIN.toFixed(4)}`,
  measure: stackTrial(xavier),
  checks: [
    meanWithin({
      of: 'log10PerLayer',
      label: 'log10 E[x²] factor per layer',
      target: { value: Math.log10(pairFactor) / 2, formula: '½·log10(n_in·Var·½ · n_out·Var·½)' },
      margin: STACK_MARGIN,
      sd: 0.01,
      sdBasis: 'planning: Hanin √(5/n) over 10 layers',
    }),
  ],
  controls: [
    {
      label: 'Kaiming normal (fan_in, ReLU gain): holds E[x²] in the wide→narrow direction',
      measure: stackTrial((shape, seed) => kaimingNormal(shape, { nonlinearity: 'relu', seed })),
    },
  ],
  power: {
    delta: DEFAULT_DELTA.moments,
    basis: `the log10 factor per layer moves by 2·log10(1 ± δ) = ${log10FactorMoves(DEFAULT_DELTA.moments)
      .map((m) => m.toFixed(4))
      .join(' / ')}; the ${STACK_MARGIN.toFixed(4)} margin is 0.4 of the smaller`,
    scaled: (f) => stackTrial(scaleInit(xavier, f)),
  },
});

/** Gradient scale through a shrinking ReLU MLP 512→256→128→64, by tf.grad. */
const widths = [512, 256, 128, 64];
const BATCH = 64;
const backwardTrial =
  (mode: FanMode, scale = 1) =>
  ({ seed }: TrialContext) =>
    mlpGradientTrial({ widths, mode, batch: BATCH, seed, scale });

// three layers, each halving the width: per layer n_in·(2/fan)·½ forward and n_out·(2/fan)·½ backward
const FAN_IN = reluMlpLog10Factors({ widths, mode: 'fan_in' });
const FAN_OUT = reluMlpLog10Factors({ widths, mode: 'fan_out' });
const shrink = 10 ** FAN_IN.backward;
/** Planning sds from finite-width theory: forward through the outputs, backward through the inputs. */
const FORWARD_SD = log10RatioPlanningSd(widths.slice(1));
const BACKWARD_SD = log10RatioPlanningSd(widths.slice(0, -1));
const SD_BASIS = 'finite-width theory √(Σ 5/n)/ln 10';
/**
 * δ = 10% (an MLP is a deep net) moves each log10 ratio by 3·2·log10(1 ± δ) ≈ ±0.25 decades; the
 * margin 0.1 decades is 0.4 of that (the fast tier's earlier 0.2 could not be crossed).
 */
const B_DELTA = DEFAULT_DELTA.chains;
const B_MARGIN = 0.1;
const bPower = (mode: FanMode) => ({
  delta: B_DELTA,
  basis: `deep nets: 3 layers move each log10 ratio by 6·log10(1 ± δ) ≈ ±${(6 * Math.log10(1 + B_DELTA)).toFixed(3)} decades; margin ${B_MARGIN}`,
  scaled: (f: number) => backwardTrial(mode, f),
});

claim({
  id: 'B-fan-in',
  statement: `through a ${widths.join('→')} ReLU MLP with Kaiming fan_in, activations keep their scale but gradients shrink by Π n_out/n_in = ${Number(shrink.toPrecision(6))}`,
  measure: backwardTrial('fan_in'),
  checks: [
    meanWithin({
      of: 'log10Forward',
      label: 'log10 forward E[x²] ratio',
      target: { value: FAN_IN.forward, formula: 'fan_in: n_in·(2/n_in)·½ = 1 per layer' },
      margin: B_MARGIN,
      sd: FORWARD_SD,
      sdBasis: SD_BASIS,
    }),
    meanWithin({
      of: 'log10Backward',
      label: 'log10 backward E[g²] ratio',
      target: { value: FAN_IN.backward, formula: 'Π n_out·(2/n_in)·½ = Π n_out/n_in' },
      margin: B_MARGIN,
      sd: BACKWARD_SD,
      sdBasis: SD_BASIS,
    }),
  ],
  controls: [{ label: "mode: 'fan_out'", measure: backwardTrial('fan_out') }],
  power: bPower('fan_in'),
});

claim({
  id: 'B-fan-out',
  statement: `with mode: 'fan_out' the same MLP keeps the gradient scale and lets activations grow by Π n_in/n_out = ${Number((1 / shrink).toPrecision(6))} instead`,
  measure: backwardTrial('fan_out'),
  checks: [
    meanWithin({
      of: 'log10Backward',
      label: 'log10 backward E[g²] ratio',
      target: { value: FAN_OUT.backward, formula: 'fan_out: n_out·(2/n_out)·½ = 1 per layer' },
      margin: B_MARGIN,
      sd: BACKWARD_SD,
      sdBasis: SD_BASIS,
    }),
    meanWithin({
      of: 'log10Forward',
      label: 'log10 forward E[x²] ratio',
      target: { value: FAN_OUT.forward, formula: 'Π n_in·(2/n_out)·½ = Π n_in/n_out' },
      margin: B_MARGIN,
      sd: FORWARD_SD,
      sdBasis: SD_BASIS,
    }),
  ],
  controls: [{ label: "mode: 'fan_in'", measure: backwardTrial('fan_in') }],
  power: bPower('fan_out'),
});
