/**
 * After the notebook: residual branches at init (He et al. 2016; De & Smith 2020, SkipInit;
 * Zhang et al. 2019, Fixup). A stack x_{l+1} = x_l + s·W_l·u_l, W_l ~ N(0, 1/n) (the init
 * library's randn/√dim) fresh per block, on a batch of 32 inputs of width 256 scaled to unit mean
 * square, 8 blocks. Theory (src/theory/residual.ts), exact in expectation at any width:
 * - a plain branch (u = x) doubles E[x²] per block: 2^8 = 256;
 * - scaled by 1/√L it multiplies it by 1 + 1/L: (9/8)^8 = 2.566 (→ e as L grows);
 * - a normalized branch (u = x/rms x) adds s² = 1 per block: 1 + 8 = 9.
 * Decided: the mean square after 8 blocks against theory, within 0.4 of what the weights' scale
 * off by δ = 5% moves it (a t interval, α 0.0005 each); the wrong scaling is the negative control.
 */
import { DEFAULT_DELTA, meanWithin, powerMargin, scaleInit } from '../src/claim/index.ts';
import type { ClaimSpec, TrialContext } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { residualStack } from '../src/experiments/residualStack.ts';
import { residualSecondMoment, type ResidualBranch } from '../src/theory/residual.ts';
import { scheme, type WeightInit } from './support/schemes.ts';

const WIDTH = 256;
const BATCH = 32;
const LAYERS = 8;
const SOURCE = 'He et al. 2016; De & Smith 2020 (SkipInit, arXiv 2002.10444); Zhang et al. 2019 (Fixup, arXiv 1901.09321)';

const stack =
  (init: WeightInit, branchScale: number, branch: ResidualBranch) =>
  ({ seed }: TrialContext) => {
    const meanSquares = residualStack({ init, width: WIDTH, batch: BATCH, layers: LAYERS, branchScale, branch, seed });
    return { meanSquare: meanSquares[LAYERS] as number, log2MeanSquare: meanSquares.map(Math.log2) };
  };

interface ResidualClaim {
  id: string;
  label: string;
  branch: ResidualBranch;
  branchScale: number;
  scaleText: string;
  /** relative per-trial sd from a pilot of 200 seeds (1000–1199, tensorflow), for planning */
  relativeSd: number;
  control: { label: string; branch: ResidualBranch; branchScale: number };
}

function residualClaim(c: ResidualClaim): ClaimSpec<{ meanSquare: number; log2MeanSquare: number[] }> {
  const weights = scheme('randn/√dim');
  const theory = (scale: number) => residualSecondMoment({ layers: LAYERS, branchScale: c.branchScale * scale, branch: c.branch });
  const target = theory(1);
  const moves = [theory(1 + DEFAULT_DELTA.moments) - target, theory(1 - DEFAULT_DELTA.moments) - target];
  const margin = powerMargin(moves);
  const formula =
    c.branch === 'plain'
      ? `(1 + s²)^L = (1 + ${c.scaleText}²)^${LAYERS} = ${target.toPrecision(5)}`
      : `1 + L·s² = 1 + ${LAYERS}·${c.scaleText}² = ${target}`;
  return {
    id: c.id,
    source: SOURCE,
    statement: `${c.label}: E[x²] after ${LAYERS} blocks = ${formula}, within ${margin.toPrecision(3)} (0.4 of what a ±5% weight scale moves it)`,
    measure: stack(weights, c.branchScale, c.branch),
    checks: [
      meanWithin({
        of: 'meanSquare',
        label: `mean square after ${LAYERS} blocks`,
        target: { value: target, formula },
        margin,
        sd: 1.25 * c.relativeSd * target,
        sdBasis: `pilot, 200 seeds: relative sd ${c.relativeSd}, ×1.25`,
      }),
    ],
    controls: [{ label: c.control.label, measure: stack(weights, c.control.branchScale, c.control.branch) }],
    power: {
      delta: DEFAULT_DELTA.moments,
      basis: `the weights ×(1 ± δ) move E[x²] after ${LAYERS} blocks by ${moves.map((m) => m.toPrecision(3)).join(' / ')}; the margin is 0.4 of the smaller`,
      scaled: (f) => stack(scaleInit(weights, f), c.branchScale, c.branch),
    },
    plots: (observations) => ({
      depth: {
        kind: 'trajectory',
        title: `${c.id}: log2 E[x²] by block, ${observations.length} seeds (dashed: theory)`,
        xTitle: 'block',
        yTitle: 'log2 mean square',
        traces: observations.map((o) => o.log2MeanSquare as number[]),
        theory: Array.from({ length: LAYERS + 1 }, (_, l) =>
          Math.log2(residualSecondMoment({ layers: l, branchScale: c.branchScale, branch: c.branch })),
        ),
        theoryLabel: 'theory',
      },
    }),
  };
}

claim(
  residualClaim({
    id: 'R-plain',
    label: 'x + F(x) with a variance-preserving branch doubles the second moment per block',
    branch: 'plain',
    branchScale: 1,
    scaleText: '1',
    relativeSd: 0.044,
    control: { label: 'the branch scaled by 1/√L (grows as (1 + 1/L)^L, not 2^L)', branch: 'plain', branchScale: 1 / Math.sqrt(LAYERS) },
  }),
);

claim(
  residualClaim({
    id: 'R-scaled',
    label: 'scaling each branch by 1/√L keeps the growth at (1 + 1/L)^L, below e',
    branch: 'plain',
    branchScale: 1 / Math.sqrt(LAYERS),
    scaleText: '(1/√8)',
    relativeSd: 0.023,
    control: { label: 'the branch left unscaled (2^L)', branch: 'plain', branchScale: 1 },
  }),
);

claim(
  residualClaim({
    id: 'R-normalized',
    label: 'a normalized branch (SkipInit-style) adds one unit per block: Var(x_l) = 1 + l',
    branch: 'normalized',
    branchScale: 1,
    scaleText: '1',
    relativeSd: 0.017,
    control: { label: 'the branch not normalized (2^L)', branch: 'plain', branchScale: 1 },
  }),
);
