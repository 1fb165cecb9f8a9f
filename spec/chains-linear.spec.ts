/**
 * Notebook In [147]–[153]: multiply a matrix by itself, `result = M @ result`, until std is 0 or
 * NaN. The notebook gives one count per scheme; here each count is a distribution over seeds,
 * its outcome has a probability bound, and its growth is compared with a reference ensemble
 * scaled by theory's σ√n (src/claim/chainClaim.ts). A vanishing chain is decided where max|x|
 * falls below 2^-100, still in float32's normal range, where every backend computes the same
 * chain; the notebook's all-zero end lies in the denormal range below (spec/denormal-tail.spec.ts).
 */
import {
  chainClaim,
  DEFAULT_DELTA,
  notebook,
  powerMargin,
  scaleInit,
  stdMoves,
  stdWithin,
  type TrialContext,
  type WeightInit,
} from '../src/claim/index.ts';
import { readValues } from '../src/backend/readValues.ts';
import { schemeStd } from '../src/theory/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { CONV_SLICE_MATRIX, convSlice, EXPLODING_CONTROL, scheme } from './support/schemes.ts';
import { pct } from '../src/text/format.ts';

claim(
  chainClaim({
    id: 'C2',
    cell: 'In [147]',
    statement: 'the 5×5 slice of a default Conv2d(1,1,5) weight, multiplied by itself, vanishes (max|x| < 2^-100; the notebook: std 0)',
    matrix: CONV_SLICE_MATRIX,
    dim: 5,
    // 5×5 matrices vary a lot (count median 80, range 60–99): sd of log10 rms is about twice what a 10% scale
    // error moves it at any K (reference ensemble, 200 matrices: 0.44 vs 0.25 decades at K = 5, 6.6 vs 3.1 at
    // K = 75), so the growth check needs ~2000 trials; at K = 5 each costs ~2 ms, and Welch wants more references still
    growthSteps: { steps: 5, why: 'at n = 5 every K needs ~2000 trials, and K = 5 makes them cheapest' },
    referenceCount: 4000,
    activation: 'linear',
    expected: 'vanished',
    notebookSteps: notebook('In [147]', 'steps'),
    controls: [{ label: 'the slice ×10 (spectral radius ≈ 2.6: explodes)', init: convSlice(10) }],
  }),
);

claim(
  chainClaim({
    id: 'C3',
    cell: 'In [148]',
    statement: 'U(±0.01) 512×512 multiplied by itself vanishes (max|x| < 2^-100; the notebook: std 0)',
    matrix: 'uniform(±0.01)',
    activation: 'linear',
    expected: 'vanished',
    notebookSteps: notebook('In [148]', 'steps'),
    controls: [EXPLODING_CONTROL],
  }),
);

claim(
  chainClaim({
    id: 'C4',
    cell: 'In [151]',
    statement: 'U(±1)/√dim multiplied by itself vanishes (max|x| < 2^-100; the notebook: std 0): its std is 1/√(3·dim), not 1/√dim',
    matrix: 'uniform(±1)/√dim',
    activation: 'linear',
    expected: 'vanished',
    notebookSteps: notebook('In [151]', 'steps'),
    controls: [EXPLODING_CONTROL],
  }),
);

claim(
  chainClaim({
    id: 'C5',
    cell: 'In [153]',
    statement: 'torch kaiming_uniform_ (a=0, gain √2) multiplied by itself explodes to non-finite',
    matrix: 'kaiming-uniform',
    activation: 'linear',
    expected: 'nonFinite',
    notebookSteps: notebook('In [153]', 'steps'),
    controls: [{ label: 'U(±0.01) (too small: vanishes)', init: scheme('uniform(±0.01)') }],
  }),
);

/**
 * In [150] and In [152] print the std of the matrix each chain starts from (0.0058 and 0.0255):
 * the scale the chain's growth follows from. Checked over whole 512×512 draws, within 0.4 of what
 * δ = 2% moves the std (0.8%).
 */
const weightsOf =
  (init: WeightInit) =>
  ({ seed }: TrialContext) => ({ weights: readValues(() => init([512, 512], seed)) });

const DRAW_STD_MARGIN = powerMargin(stdMoves(DEFAULT_DELTA.weights));

function drawStdClaim(id: string, cell: string, name: 'uniform(±0.01)' | 'uniform(±1)/√dim') {
  const std = schemeStd(name, 512);
  return {
    id,
    cell,
    statement: `a ${name} 512×512 draw has std ${std.toPrecision(4)} (the notebook printed ${notebook(cell, 'std').value}), within ${pct(DRAW_STD_MARGIN)}`,
    measure: weightsOf(scheme(name)),
    checks: [
      stdWithin({
        of: 'weights',
        label: `std of ${name}`,
        target: { value: std, formula: `schemeStd('${name}', 512) = ${std.toPrecision(5)}` },
        relativeMargin: DRAW_STD_MARGIN,
        perTrial: 512 * 512,
      }),
    ],
    controls: [{ label: "randn/√dim (√3 times the uniform's std)", measure: weightsOf(scheme('randn/√dim')) }],
    power: {
      delta: DEFAULT_DELTA.weights,
      basis: `weights: the std moves by ±${pct(DEFAULT_DELTA.weights)}; the ${pct(DRAW_STD_MARGIN)} margin is 0.4 of that`,
      scaled: (f: number) => weightsOf(scaleInit(scheme(name), f)),
    },
  };
}

claim(drawStdClaim('C3-std', 'In [150]', 'uniform(±0.01)'));
claim(drawStdClaim('C4-std', 'In [152]', 'uniform(±1)/√dim'));
