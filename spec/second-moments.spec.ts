/**
 * Notebook In [159]–[161]: how the scale of a Gaussian weight sets the second moment of
 * y = W @ x, and what ReLU does to it. The notebook averages 100 repeats once; here each
 * expectation is an interval over seeded trials, sized by theory, inside a stated margin.
 */
import { claim } from '../src/vitest/claim.ts';
import type { TrialContext } from '../src/claim/index.ts';
import { DEFAULT_DELTA, meanWithin, notebook, powerMargin, scaleInit } from '../src/claim/index.ts';
import { matVecTrial } from '../src/experiments/matVec.ts';
import { kaimingNormal, randnScaled } from '../src/index.ts';
import { FEATURES, matVecStatistic } from '../src/theory/index.ts';
import { pct } from '../src/text/format.ts';

const dim = 512;
const repeats = notebook('In [159]', 'repeats').value;
/**
 * The E[y²] margin, relative: 0.4 of what a δ scale error moves it on its smaller side,
 * 1 − (1 − δ)² = 9.75%, so the ±δ power controls can show the error within the claim's own trials
 * (docs/guarantees.md). At 5%, half the move, the +δ control kept ~3 SE of room and missed once in
 * the seed audit of base 20261205 (master seed 3843459708: E[relu(y)²] = 1.0765 under ×1.05, CI
 * [1.0484, 1.1046] not wholly above 1.05).
 */
const SECOND_MOMENT_MARGIN = powerMargin([(1 + DEFAULT_DELTA.moments) ** 2 - 1, (1 - DEFAULT_DELTA.moments) ** 2 - 1]);
/** Means within 5% of the output scale (E[y] = 0), or of E[relu(y)] (which δ moves by δ itself: the second moment carries the power). */
const MEAN_MARGIN = 0.05;

/** The checks on mean(y) and mean(y²) for y = (randn·c) @ x, optionally through ReLU. */
function momentChecks(c: number, relu: boolean, cell: string) {
  const first = matVecStatistic({ n: dim, c, feature: relu ? FEATURES.reluY : FEATURES.y });
  const second = matVecStatistic({ n: dim, c, feature: relu ? FEATURES.reluYSquared : FEATURES.ySquared });
  const scale = Math.sqrt(second.mean);
  const firstFormula = relu ? 'c·E‖x‖/√(2π)' : '0';
  const secondFormula = relu ? 'c²·E‖x‖²/2' : 'c²·E‖x‖²';
  return [
    meanWithin({
      of: 'mean',
      label: relu ? 'E[relu(y)]' : 'E[y]',
      target: { value: first.mean, formula: `${firstFormula} = ${first.mean.toPrecision(5)}` },
      margin: MEAN_MARGIN * (relu ? first.mean : scale),
      sd: first.sd,
      notebook: notebook(cell, 'mean'),
      notebookRepeats: repeats,
    }),
    meanWithin({
      of: 'secondMoment',
      label: relu ? 'E[relu(y)²]' : 'E[y²]',
      target: { value: second.mean, formula: `${secondFormula} = ${second.mean.toPrecision(5)}` },
      margin: SECOND_MOMENT_MARGIN * second.mean,
      sd: second.sd,
      notebook: notebook(cell, 'squaresMean'),
      notebookRepeats: repeats,
    }),
  ];
}

const trial =
  (scale: number, relu: boolean) =>
  ({ seed }: TrialContext) =>
    matVecTrial({ dim, init: (shape, s) => randnScaled(shape, { c: scale, seed: s }), relu, seed });

/** δ = 5% on the weights moves E[y²] by (1 ± δ)² − 1: +10.25% / −9.75%, against the margin of 0.4 of the smaller. */
const power = (scaled: (factor: number) => ReturnType<typeof trial>) => ({
  delta: DEFAULT_DELTA.moments,
  basis: `second moments: E[y²] moves by (1 ± δ)² − 1 = +${pct((1 + DEFAULT_DELTA.moments) ** 2 - 1)} / −${pct(1 - (1 - DEFAULT_DELTA.moments) ** 2)}; its margin ${pct(SECOND_MOMENT_MARGIN)} is 0.4 of the smaller`,
  scaled,
});

claim({
  id: 'C7',
  cell: 'In [159]',
  statement: 'y = randn(512,512) @ randn(512) has E[y] = 0 and E[y²] = dim: unscaled weights multiply the second moment by dim',
  minTrials: repeats,
  measure: trial(1, false),
  checks: momentChecks(1, false, 'In [159]'),
  controls: [{ label: 'scale 1/√dim (E[y²] = 1, not dim)', measure: trial(1 / Math.sqrt(dim), false) }],
  power: power((f) => trial(f, false)),
});

claim({
  id: 'C8',
  cell: 'In [160]',
  statement: `with W = randn(512,512)/√dim, E[y] = 0 and E[y²] = 1 within ${pct(SECOND_MOMENT_MARGIN)}`,
  minTrials: repeats,
  measure: trial(1 / Math.sqrt(dim), false),
  checks: momentChecks(1 / Math.sqrt(dim), false, 'In [160]'),
  controls: [
    { label: 'scale 1/dim', measure: trial(1 / dim, false) },
    { label: 'scale 1', measure: trial(1, false) },
    { label: 'scale 1.1/√dim (E[y²] = 1.21, just outside the margin)', measure: trial(1.1 / Math.sqrt(dim), false) },
  ],
  power: power((f) => trial(f / Math.sqrt(dim), false)),
});

claim({
  id: 'C9',
  cell: 'In [161]',
  statement: `with W = randn(512,512)·√(2/dim) and ReLU, E[y] = 1/√π and E[y²] = 1 within ${pct(SECOND_MOMENT_MARGIN)}`,
  minTrials: repeats,
  measure: trial(Math.sqrt(2 / dim), true),
  checks: momentChecks(Math.sqrt(2 / dim), true, 'In [161]'),
  controls: [{ label: '1/√dim + ReLU (E[y²] = ½)', measure: trial(1 / Math.sqrt(dim), true) }],
  power: power((f) => trial(f * Math.sqrt(2 / dim), true)),
});

claim({
  id: 'C9-kaiming',
  cell: 'In [161]',
  statement: `the library's kaimingNormal(nonlinearity: 'relu') is In [161]'s √(2/dim) scale: through ReLU, E[y²] = 1 within ${pct(SECOND_MOMENT_MARGIN)}`,
  minTrials: repeats,
  measure: ({ seed }: TrialContext) =>
    matVecTrial({ dim, init: (shape, s) => kaimingNormal(shape, { nonlinearity: 'relu', seed: s }), relu: true, seed }),
  checks: momentChecks(Math.sqrt(2 / dim), true, 'In [161]'),
  controls: [
    {
      label: "kaimingNormal(nonlinearity: 'linear') + ReLU (E[y²] = ½)",
      measure: ({ seed }: TrialContext) =>
        matVecTrial({ dim, init: (shape, s) => kaimingNormal(shape, { nonlinearity: 'linear', seed: s }), relu: true, seed }),
    },
  ],
  power: power(
    (f) =>
      ({ seed }: TrialContext) =>
        matVecTrial({ dim, init: scaleInit((shape, s) => kaimingNormal(shape, { nonlinearity: 'relu', seed: s }), f), relu: true, seed }),
  ),
});
