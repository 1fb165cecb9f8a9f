/**
 * The notebook's last TODO: "review Xavier init paper; calculate std with a loop & see where
 * Xavier coeff comes from; add relu" — and the backward pass it implies (Glorot & Bengio 2010;
 * He et al. 2015). For a layer W ∈ R^{n_out×n_in}: forward, E[(Wx)²] = n_in·Var(W)·E[x²];
 * backward, E[(Wᵀg)²] = n_out·Var(W)·E[g²]. Xavier's Var(W) = 2/(n_in + n_out) averages the two
 * wishes n_in·Var = 1 and n_out·Var = 1 (a harmonic mean); it does not make the product of the
 * two factors 1 — the geometric mean 1/√(n_in·n_out) would — and the spec records that.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers gradients separately from ops
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { byTier, meanWithin } from '../src/claim/index.ts';
import type { ClaimSpec } from '../src/claim/index.ts';
import { claim } from '../src/claim/vitest.ts';
import { readValues } from '../src/backend/readValues.ts';
import { kaimingNormal, kaimingUniform, normal, xavierUniform, type FanMode } from '../src/index.ts';
import { deriveSeed } from '../src/rng/seed.ts';
import { backwardFactor, forwardFactor, heVariance, xavierVariance } from '../src/theory/index.ts';
import { hostMoments } from '../src/stats/index.ts';

const [nIn, nOut, batch] = [512, 256, 512];
const xavierVar = xavierVariance(nIn, nOut);
const FORWARD = forwardFactor({ fanIn: nIn, variance: xavierVar });
const BACKWARD = backwardFactor({ fanOut: nOut, variance: xavierVar });
type Init = (shape: readonly number[], seed: number) => tf.Tensor;

/** Forward and backward second-moment factors of one [n_out, n_in] layer, on batches of 512 columns. */
// Wᵀg by an explicit transpose: tfjs-wasm's matMul with a transpose flag is ~12× slower (npm run bench)
const factors = (init: Init): ClaimSpec['measure'] => ({ seed }) => {
  const w = init([nOut, nIn], seed);
  const input = normal([nIn, batch], { seed: deriveSeed(seed, 'x') });
  const upstream = normal([nOut, batch], { seed: deriveSeed(seed, 'g') });
  const [wx, wtg, x, g] = [
    readValues(() => tf.matMul(w, input)),
    readValues(() => tf.matMul(tf.transpose(w), upstream)),
    input.dataSync(),
    upstream.dataSync(),
  ];
  tf.dispose([w, input, upstream]);
  const ratio = (a: ArrayLike<number>, b: ArrayLike<number>) => hostMoments(a).secondMoment / hostMoments(b).secondMoment;
  const forward = ratio(wx, x);
  const backward = ratio(wtg, g);
  return { forward, backward, log10Product: Math.log10(forward * backward) };
};

const xavier: Init = (shape, seed) => xavierUniform(shape, { seed });
const kaimingFanIn: Init = (shape, seed) => kaimingUniform(shape, { nonlinearity: 'linear', seed });
// per-trial sd of a ratio of second moments over 512·256 entries: ≈ √(2/(n·batch))·factor, ~0.3%; plan with 1%
const planning = (value: number) => 0.01 * value;

claim({
  id: 'C10',
  statement: `Xavier uniform, U(±√(6/(n_in+n_out))), on a ${nIn}→${nOut} layer has forward factor n_in·Var = ${FORWARD.toFixed(4)} and backward factor n_out·Var = ${BACKWARD.toFixed(4)}, each within 2%`,
  measure: factors(xavier),
  checks: [
    meanWithin({ of: 'forward', label: 'forward factor E[(Wx)²]/E[x²]', target: { value: FORWARD, formula: 'n_in·2/(n_in+n_out)' }, margin: 0.02 * FORWARD, sd: planning(FORWARD), sdBasis: 'planning: 1%' }),
    meanWithin({ of: 'backward', label: 'backward factor E[(Wᵀg)²]/E[g²]', target: { value: BACKWARD, formula: 'n_out·2/(n_in+n_out)' }, margin: 0.02 * BACKWARD, sd: planning(BACKWARD), sdBasis: 'planning: 1%' }),
  ],
  controls: [{ label: 'Kaiming fan_in, gain 1 (forward factor 1, backward ½)', measure: factors(kaimingFanIn) }],
});

claim({
  id: 'C10-product',
  statement: "Xavier's variance makes the product of the forward and backward factors 1 (log10 within 0.02 of 0)",
  measure: factors(xavier),
  checks: [
    meanWithin({ of: 'log10Product', label: 'log10(forward·backward)', target: { value: 0, formula: 'log10 1' }, margin: 0.02, sd: 0.005, sdBasis: 'planning' }),
  ],
  controls: [{ label: 'Kaiming fan_in, gain 1 (product ½)', measure: factors(kaimingFanIn) }],
  expectedFailure: `Xavier's 2/(n_in+n_out) is the harmonic mean of 1/n_in and 1/n_out: forward·backward = 4·n_in·n_out/(n_in+n_out)² = ${(FORWARD * BACKWARD).toFixed(4)} (log10 ${Math.log10(FORWARD * BACKWARD).toFixed(4)}) for ${nIn}→${nOut}; the geometric mean 1/√(n_in·n_out) would make it 1`,
});

/** log10 of E[x²] per layer through a 512→256→512→… stack of fresh layers with ReLU (10 layers). */
const stackTrial = (init: Init): ClaimSpec['measure'] => ({ seed }) => {
  const LAYERS = 10;
  const first = tf.tidy(() => normal([nIn, batch], { seed: deriveSeed(seed, 'x') }));
  const start = hostMoments(first.dataSync()).secondMoment;
  let x = first;
  for (let l = 0; l < LAYERS; l++) {
    const [out, inputs] = l % 2 === 0 ? [nOut, nIn] : [nIn, nOut];
    const next = tf.tidy(() => tf.relu(tf.matMul(init([out, inputs], deriveSeed(seed, `layer/${l}`)), x)));
    x.dispose();
    x = next;
  }
  const end = hostMoments(x.dataSync()).secondMoment;
  x.dispose();
  return { log10PerLayer: Math.log10(end / start) / LAYERS };
};

// two layers, 512→256 then 256→512, each with ReLU: n_in·Var·½ times n_out·Var·½ for the first layer's shape
const pairFactor = forwardFactor({ fanIn: nIn, variance: xavierVar, relu: true }) * forwardFactor({ fanIn: nOut, variance: xavierVar, relu: true });

claim({
  id: 'C10-relu',
  statement: `with ReLU, the same Xavier loop over a ${nIn}→${nOut}→${nIn}… stack halves E[x²] per layer (and loses the harmonic-mean 8/9 per pair): log10 factor ${(Math.log10(pairFactor) / 2).toFixed(4)} per layer within 0.02`,
  measure: stackTrial(xavier),
  checks: [
    meanWithin({
      of: 'log10PerLayer',
      label: 'log10 E[x²] factor per layer',
      target: { value: Math.log10(pairFactor) / 2, formula: '½·log10(n_in·Var·½ · n_out·Var·½)' },
      margin: 0.02,
      sd: 0.01,
      sdBasis: 'planning: Hanin √(5/n) over 10 layers',
    }),
  ],
  controls: [{ label: 'Kaiming normal (fan_in, ReLU gain): holds E[x²] in the wide→narrow direction', measure: stackTrial((shape, seed) => kaimingNormal(shape, { nonlinearity: 'relu', seed })) }],
});

/** Gradient scale through a shrinking ReLU MLP 512→256→128→64, by tf.grad. */
const widths = [512, 256, 128, 64];
const backwardTrial = (mode: FanMode): ClaimSpec['measure'] => ({ seed }) => {
  const ws = widths.slice(1).map((out, l) => kaimingUniform([out, widths[l] as number], { nonlinearity: 'relu', mode, seed: deriveSeed(seed, `w${l}`) }));
  const x = normal([widths[0] as number, BATCH], { seed: deriveSeed(seed, 'x') });
  const upstream = normal([widths[widths.length - 1] as number, BATCH], { seed: deriveSeed(seed, 'g') });
  const forward = (input: tf.Tensor) => ws.reduce((h, w) => tf.relu(tf.matMul(w, h)), input);
  try {
    const gradient = readValues(() => tf.grad((input: tf.Tensor) => tf.sum(tf.mul(forward(input), upstream)))(x));
    const output = readValues(() => forward(x));
    return {
      log10Backward: Math.log10(hostMoments(gradient).secondMoment / hostMoments(upstream.dataSync()).secondMoment),
      log10Forward: Math.log10(hostMoments(output).secondMoment / hostMoments(x.dataSync()).secondMoment),
    };
  } finally {
    tf.dispose([...ws, x, upstream]);
  }
};

// three layers, each halving the width: backward factor per layer n_out·(2/n_in)·½ = n_out/n_in with fan_in
const shrink = widths.slice(1).reduce((p, out, l) => p * backwardFactor({ fanOut: out, variance: heVariance(widths[l] as number), relu: true }), 1);
const BATCH = 64;
/**
 * Planning sd of a log10 second-moment ratio through ReLU layers: finite-width fluctuation,
 * Var[ln ‖·‖²] ≈ Σ 5/n over the widths the signal passes (Hanin & Rolnick; an upper bound here,
 * as the batch averages part of it away): forward through the outputs, backward through the inputs.
 */
const haninSd = (passWidths: number[]) => Math.sqrt(passWidths.reduce((s, n) => s + 5 / n, 0)) / Math.LN10;
const FORWARD_SD = haninSd(widths.slice(1));
const BACKWARD_SD = haninSd(widths.slice(0, -1));
const SD_BASIS = 'finite-width theory √(Σ 5/n)/ln 10';
/** The margin on each log10 ratio (effect: 0.9 decades): 0.2 decades in the fast tier, 0.1 in the full tier. */
const B_MARGIN = byTier({ fast: 0.2, full: 0.1 });

claim({
  id: 'B-fan-in',
  statement: `through a ${widths.join('→')} ReLU MLP with Kaiming fan_in, activations keep their scale but gradients shrink by Π n_out/n_in = ${shrink}`,
  measure: backwardTrial('fan_in'),
  checks: [
    meanWithin({ of: 'log10Forward', label: 'log10 forward E[x²] ratio', target: { value: 0, formula: 'fan_in: n_in·(2/n_in)·½ = 1 per layer' }, margin: B_MARGIN, sd: FORWARD_SD, sdBasis: SD_BASIS }),
    meanWithin({ of: 'log10Backward', label: 'log10 backward E[g²] ratio', target: { value: Math.log10(shrink), formula: 'Π n_out·(2/n_in)·½ = Π n_out/n_in' }, margin: B_MARGIN, sd: BACKWARD_SD, sdBasis: SD_BASIS }),
  ],
  controls: [{ label: "mode: 'fan_out'", measure: backwardTrial('fan_out') }],
});

claim({
  id: 'B-fan-out',
  statement: `with mode: 'fan_out' the same MLP keeps the gradient scale and lets activations grow by Π n_in/n_out = ${1 / shrink} instead`,
  measure: backwardTrial('fan_out'),
  checks: [
    meanWithin({ of: 'log10Backward', label: 'log10 backward E[g²] ratio', target: { value: 0, formula: 'fan_out: n_out·(2/n_out)·½ = 1 per layer' }, margin: B_MARGIN, sd: BACKWARD_SD, sdBasis: SD_BASIS }),
    meanWithin({ of: 'log10Forward', label: 'log10 forward E[x²] ratio', target: { value: -Math.log10(shrink), formula: 'Π n_in·(2/n_out)·½ = Π n_in/n_out' }, margin: B_MARGIN, sd: FORWARD_SD, sdBasis: SD_BASIS }),
  ],
  controls: [{ label: "mode: 'fan_in'", measure: backwardTrial('fan_in') }],
});
