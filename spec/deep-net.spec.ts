/**
 * What the notebook does not run: a real deep net draws a fresh matrix per layer. With
 * x = randn(512, 512) as input and the right scale, log10 std(x) stays in a band over 100
 * layers, while the notebook's reused-matrix chain (same scheme, same input) spreads far
 * wider: its growth is set by one matrix's spectrum, not averaged over many.
 */
import { byTier, DEFAULT_DELTA, meanWithin, mediansReport, outcomeAtLeast, scaleInit, spreadRatioAtLeast } from '../src/claim/index.ts';
import type { ClaimSpec, TrialContext } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { deepChain } from '../src/chain/deepChain.ts';
import type { Activation } from '../src/chain/runChain.ts';
import { deepChainLog10Std, log10MaxOverRms, schemeStd, secondMomentFactor } from '../src/theory/index.ts';
import { OUTCOME_FLOOR } from '../src/claim/index.ts';
import { scheme, type WeightInit } from './support/schemes.ts';
import { kaimingUniform } from '../src/index.ts';

const dim = 512;
const LAYERS = 100;
/** The band: within one decade (a factor 10 in std) of the expected-second-moment theory. */
const BAND_DECADES = 1;
/** The fast tier records 10, 50, 100 layers; the full tier also 500. */
const CHECKPOINTS = byTier({ fast: [10, 50, 100], full: [10, 50, 100, 500] });
/** The mean check's margin: 0.4 of what a 10% scale error moves log10 std after 100 layers. */
const POWER_MARGIN = 0.4 * LAYERS * Math.log10(1 + DEFAULT_DELTA.chains);

function deepNetClaim(options: {
  id: string;
  statement: string;
  schemeName: string;
  activation: Activation;
  plannedRatio: number;
  control: { label: string; init: WeightInit };
}) {
  const { id, statement, schemeName, activation, plannedRatio, control } = options;
  const std = schemeStd(schemeName, dim);
  const target = deepChainLog10Std({ std, n: dim, activation, layers: LAYERS });
  const measure =
    (init: WeightInit) =>
    ({ seed }: TrialContext) => {
      const fresh = deepChain({ init, dim, activation, checkpoints: CHECKPOINTS, reuse: false, seed });
      const reused = deepChain({ init, dim, activation, checkpoints: [LAYERS], reuse: true, seed });
      const at100 = fresh.log10StdAt[CHECKPOINTS.indexOf(LAYERS)] as number;
      return {
        freshLog10StdAt100: at100,
        reusedLog10StdAt100: reused.log10StdAt[0] as number,
        inBand: Math.abs(at100 - target) <= BAND_DECADES ? 1 : 0,
        freshLog10Std: fresh.log10StdAt,
        freshLog10MaxAbs: fresh.log10MaxAbs,
        reusedLog10MaxAbs: reused.log10MaxAbs,
      };
    };
  // Expected log10 max|x| per layer: the second-moment theory's rms plus the Gaussian max/rms.
  const q = secondMomentFactor({ std, n: dim, activation });
  const theoryMax = Array.from(
    { length: Math.max(...CHECKPOINTS) },
    (_, i) => ((i + 1) / 2) * Math.log10(q) + log10MaxOverRms(dim * dim, activation),
  );
  const plots: ClaimSpec['plots'] = (observations) => ({
    fresh: {
      kind: 'trajectory',
      title: `${id}: fresh matrix per layer, log10 max|x| over ${observations.length} seeds`,
      xTitle: 'layer',
      traces: observations.map((o) => o.freshLog10MaxAbs as number[]),
      theory: theoryMax,
      theoryLabel: 'second-moment theory',
    },
    reused: {
      kind: 'trajectory',
      title: `${id}: one reused matrix, log10 max|x| over ${observations.length} seeds`,
      xTitle: 'layer',
      traces: observations.map((o) => o.reusedLog10MaxAbs as number[]),
      theory: theoryMax.slice(0, LAYERS),
      theoryLabel: 'second-moment theory',
    },
  });
  return {
    id,
    statement,
    measure: measure(scheme(schemeName)),
    checks: [
      outcomeAtLeast({
        of: 'inBand',
        label: `P(fresh net's log10 std after ${LAYERS} layers within ±${BAND_DECADES} of theory ${target.toFixed(3)})`,
        p0: OUTCOME_FLOOR,
      }),
      meanWithin({
        of: 'freshLog10StdAt100',
        label: `fresh net's mean log10 std after ${LAYERS} layers`,
        target: { value: target, formula: `second-moment theory ${LAYERS}/2·log10(n·σ²·act) = ${target.toFixed(4)}` },
        margin: POWER_MARGIN,
        // finite width (Hanin & Rolnick): sd of ln ‖x_L‖² ≈ √(5L/n) under ReLU, √(2L/n) linear; in log10 std: half that / ln 10
        sd: Math.sqrt(((activation === 'relu' ? 5 : 2) * LAYERS) / dim) / 2 / Math.LN10,
        sdBasis: 'finite-width theory √(cL/n)/(2 ln 10)',
      }),
      spreadRatioAtLeast({
        wide: 'reusedLog10StdAt100',
        narrow: 'freshLog10StdAt100',
        label: 'reused chain spreads wider than the fresh net',
        atLeast: 1,
        plannedRatio,
      }),
      mediansReport({ of: 'freshLog10Std', label: 'fresh net log10 std', positions: CHECKPOINTS.map((k) => `after ${k} layers`) }),
    ],
    controls: [{ label: control.label, measure: measure(control.init) }],
    plots,
    power: {
      delta: DEFAULT_DELTA.chains,
      basis: `deep nets: a scale error moves log10 std after ${LAYERS} layers by ${LAYERS}·log10(1 ± δ) ≈ ±${(LAYERS * Math.log10(1 + DEFAULT_DELTA.chains)).toFixed(2)} decades; the mean check's margin is 0.4 of that`,
      scaled: (f: number) => measure(scaleInit(scheme(schemeName), f)),
    },
  };
}

claim(
  deepNetClaim({
    id: 'F-kaiming-relu',
    statement: 'a fresh Kaiming-uniform + ReLU net keeps log10 std within a band over 100 layers; the reused matrix spreads wider',
    schemeName: 'kaiming-uniform',
    activation: 'relu',
    // planning from the first runs (26 and 47 seeds): measured ratio 8.6 and 8.3; a 6-seed pilot had said 4.5
    plannedRatio: 8,
    control: {
      label: "kaimingUniform(nonlinearity: 'linear') + ReLU (halves E[x²] per layer)",
      init: (shape, seed) => kaimingUniform(shape, { nonlinearity: 'linear', seed }),
    },
  }),
);

claim(
  deepNetClaim({
    id: 'F-randn-linear',
    statement: 'a fresh randn/√dim linear net keeps log10 std within a band over 100 layers; the reused matrix spreads wider',
    schemeName: 'randn/√dim',
    activation: 'linear',
    // pilot (6 seeds): sd 0.03 decades fresh, 0.35 reused
    plannedRatio: 8,
    control: { label: 'U(±1)/√dim (std 1/√(3·dim): shrinks ×1/√3 per layer)', init: scheme('uniform(±1)/√dim') },
  }),
);
