/**
 * After the notebook: μP's coordinate check (Yang & Hu 2021, Tensor Programs IV; Yang et al. 2022,
 * Tensor Programs V; microsoft/mup's `coord_check.py`). An MLP of 3 hidden ReLU layers at widths
 * 128, 256, 512 and 1024 takes one SGD step (tf.grads) on a fixed batch of 16 inputs of dimension
 * 32 with 16 outputs; per width, the mean |Δh| of each layer's output and the mean |f| at init
 * (src/experiments/coordCheck.ts). Decided: the slope of log mean |Δh| against log width, per layer,
 * against the exponents theory gives the parametrization (src/theory/coordCheck.ts):
 * - SP (fan-in init, one learning rate): −½ at the first layer, whose fan-in is fixed, ½ in the
 *   hidden layers, 1 at the output, and 0 for the output at init;
 * - μP as mup defines it (`MuReadout`'s constant-size init and 1/m multiplier, `MuSGD`'s η·m for
 *   the input layer and the readout, base width 128): 0 everywhere, and −½ for the output at init.
 * δ = ¼ in an exponent, half the gap between SP's hidden-layer ½ and μP's 0 (the bugs mup's users
 * report are exponent errors of ½ or 1): every learning rate × m^(±¼) moves each change's slope
 * by ±¼, and each margin is 0.4 of that. The negative control is μP with its readout multiplier
 * left at SP's.
 *
 * The widths share one draw (each width's nets are disjoint diagonal blocks of the widest net's
 * draw, rescaled to their fan-in, 1024/n of them averaged), so each point of a slope is as
 * precise as the widest's; each net is drawn as its width's init says, so the slope's expectation
 * is unchanged. The loss is linear in f (its gradient, −y/size, is the same at every width).
 *
 * Finite width, stated and sized: a pilot of 200 trials (seeds 7000–7199, tensorflow) measured
 * SP's slopes at −0.496, 0.441, 0.462, 0.975 and −0.002 (per-trial sd 0.013, 0.018, 0.024, 0.042,
 * 0.062) and μP's at 0.004, −0.003, −0.005, −0.016 and −0.502 (0.013, 0.017, 0.023, 0.041, 0.062).
 * SP's hidden-layer slopes sit below ½ at these widths and approach it above them (0.483 and
 * 0.489 over 512–2048, 10 trials): each check's trials are sized for a bias of the pilot's gap to
 * theory + 2 se, which the decision never sees.
 */
import { meanWithin } from '../src/claim/index.ts';
import type { ClaimSpec, TrialContext } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { coordCheck, type Parametrization } from '../src/experiments/coordCheck.ts';
import { logLogSlope } from '../src/stats/logLogSlope.ts';
import { mupExponents, standardExponents, stepExponents } from '../src/theory/coordCheck.ts';
import { scheme } from './support/schemes.ts';

const WIDTHS = [128, 256, 512, 1024];
const BASE = 128;
const HIDDEN = 3;
const LR = 0.01;
const DELTA = 0.25;
const MARGIN = 0.4 * DELTA;
const SOURCE =
  'Yang & Hu 2021 (Tensor Programs IV, arXiv 2011.14522); Yang et al. 2022 (Tensor Programs V, arXiv 2203.03466); microsoft/mup (MuReadout, MuSGD, coord_check.py)';
const LAYERS = ['h1', 'h2', 'h3', 'f'] as const;

type CoordObservation = { h1: number; h2: number; h3: number; f: number; f0: number; log2Change: number[] };

const coordTrial =
  (parametrization: Parametrization, errors: { readoutMultiplierAsSp?: boolean; lrWidthExponentError?: number } = {}) =>
  ({ seed }: TrialContext): CoordObservation => {
    const widths = coordCheck({
      parametrization,
      widths: WIDTHS,
      base: BASE,
      lr: LR,
      dIn: 32,
      dOut: 16,
      batch: 16,
      hiddenInit: scheme('kaiming-normal'),
      readoutInit: scheme('randn/√dim'),
      seed,
      ...errors,
    });
    const slope = (values: number[]) => logLogSlope(WIDTHS, values);
    const [h1, h2, h3, f] = LAYERS.map((_, l) => slope(widths.map((w) => w.meanAbsDelta[l] as number))) as [number, number, number, number];
    return {
      h1,
      h2,
      h3,
      f,
      f0: slope(widths.map((w) => w.meanAbsOutputAtInit)),
      log2Change: widths.map((w) => Math.log2(w.meanAbsDelta[1] as number)),
    };
  };

interface Pilot {
  mean: number;
  sd: number;
}

function coordClaim(c: {
  id: string;
  parametrization: Parametrization;
  label: string;
  /** pilot per check: h1, h2, h3, f, f0 */
  pilot: Pilot[];
  control: { label: string; errors: { readoutMultiplierAsSp?: boolean } };
  controlParametrization: Parametrization;
}): ClaimSpec<CoordObservation> {
  const theory = stepExponents(c.parametrization === 'sp' ? standardExponents(HIDDEN) : mupExponents(HIDDEN));
  const targets = [...theory.change, theory.outputAtInit];
  const names = [...LAYERS.map((l) => `slope of log mean |Δ${l}| against log width`), 'slope of log mean |f| at init against log width'];
  const keys = ['h1', 'h2', 'h3', 'f', 'f0'] as const;
  const checks = keys.map((of, i) => {
    const pilot = c.pilot[i] as Pilot;
    const gap = Math.abs(pilot.mean - (targets[i] as number)) + (2 * pilot.sd) / Math.sqrt(200);
    return meanWithin({
      of,
      label: names[i] as string,
      target: { value: targets[i] as number, formula: `${c.parametrization === 'sp' ? 'SP' : 'μP'}'s exponent (src/theory/coordCheck.ts)` },
      margin: MARGIN,
      sd: 1.25 * pilot.sd,
      sdBasis: `pilot, 200 trials: sd ${pilot.sd}, ×1.25`,
      bias: { value: gap, basis: `pilot, 200 trials: ${pilot.mean} against ${targets[i]}, + 2 se (finite width)` },
    });
  });
  return {
    id: c.id,
    source: SOURCE,
    statement:
      `${c.label}: after one SGD step, mean |Δh| grows as width^(${targets.slice(0, 4).join(', ')}) for h1, h2, h3, f, and |f| at init as width^${targets[4]}, ` +
      `each slope over widths ${WIDTHS.join('–')} within ${MARGIN} (0.4 of an exponent error δ = ${DELTA})`,
    measure: coordTrial(c.parametrization),
    checks,
    controls: [{ label: c.control.label, measure: coordTrial(c.controlParametrization, c.control.errors) }],
    power: {
      delta: DELTA,
      basis: `every learning rate × m^(±${DELTA}) (m = width/${BASE}) moves each change's slope by ±${DELTA}; each margin is 0.4 of it (the factor 1 ± δ is read as the exponent error ±δ)`,
      scaled: (factor) => coordTrial(c.parametrization, { lrWidthExponentError: factor - 1 }),
      describe: (factor) => `every learning rate × m^(${factor > 1 ? '+' : '−'}${Math.abs(factor - 1)})`,
    },
    plots: (observations) => ({
      h2: {
        kind: 'trajectory',
        title: `${c.id}: log2 mean |Δh2| after one step at widths ${WIDTHS.join(', ')}, ${observations.length} trials (theory: slope ${targets[1]})`,
        xTitle: 'log2(width/128)',
        yTitle: 'log2 mean |Δh2|',
        traces: observations.map((o) => o.log2Change as number[]),
      },
    }),
  };
}

claim(
  coordClaim({
    id: 'MU-sp',
    parametrization: 'sp',
    label: 'in the standard parametrization a fixed learning rate changes hidden coordinates by Θ(√n) and the output by Θ(n)',
    pilot: [
      { mean: -0.496, sd: 0.013 },
      { mean: 0.441, sd: 0.018 },
      { mean: 0.462, sd: 0.024 },
      { mean: 0.975, sd: 0.042 },
      { mean: -0.002, sd: 0.062 },
    ],
    control: { label: 'μP (every change Θ(1))', errors: {} },
    controlParametrization: 'mup',
  }),
);

claim(
  coordClaim({
    id: 'MU-mup',
    parametrization: 'mup',
    label: "in μP (mup's MuReadout and MuSGD) every change stays Θ(1), and the output at init shrinks as n^(−½)",
    pilot: [
      { mean: 0.004, sd: 0.013 },
      { mean: -0.003, sd: 0.017 },
      { mean: -0.005, sd: 0.023 },
      { mean: -0.016, sd: 0.041 },
      { mean: -0.502, sd: 0.062 },
    ],
    control: {
      label: "μP with the readout's multiplier left at SP's (mup's MuReadout without its 1/m)",
      errors: { readoutMultiplierAsSp: true },
    },
    controlParametrization: 'mup',
  }),
);
