/**
 * After the notebook: attention's 1/√d_k at init (Vaswani et al. 2017, §3.2.1). One head over 64
 * tokens of width 256 (each at unit mean square), W_q and W_k [64, 256] from the init library's
 * randn/√dim: q·k sums d_k = 64 products of unit variance, so the logits' second moment is d_k
 * (src/theory/attention.ts, exact in expectation over distinct tokens); scaled by 1/√d_k it is 1.
 * Decided: the mean square of the logits, within 0.4 of what the weights' scale off by δ = 5%
 * moves it ((1 ± δ)⁴: q and k each carry it); the negative controls put the 1/√d_k where it is not.
 */
import { DEFAULT_DELTA, meanWithin, powerMargin, scaleInit } from '../src/claim/index.ts';
import type { ClaimSpec, TrialContext } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { attentionLogitMeanSquare } from '../src/experiments/attentionLogits.ts';
import { attentionLogitSecondMoment } from '../src/theory/attention.ts';
import { scheme, type WeightInit } from './support/schemes.ts';

const WIDTH = 256;
const KEY_DIM = 64;
const TOKENS = 64;
const SOURCE = 'Vaswani et al. 2017, §3.2.1 (scaled dot-product attention)';

const logits =
  (init: WeightInit, logitScale: number) =>
  ({ seed }: TrialContext) => ({
    meanSquare: attentionLogitMeanSquare({ init, width: WIDTH, keyDim: KEY_DIM, tokens: TOKENS, logitScale, seed }),
  });

function logitClaim(c: {
  id: string;
  label: string;
  logitScale: number;
  scaleText: string;
  control: { label: string; logitScale: number };
}): ClaimSpec<{
  meanSquare: number;
}> {
  const weights = scheme('randn/√dim');
  const theory = (weightScale: number) => attentionLogitSecondMoment({ keyDim: KEY_DIM, logitScale: c.logitScale, weightScale });
  const target = theory(1);
  const moves = [theory(1 + DEFAULT_DELTA.moments) - target, theory(1 - DEFAULT_DELTA.moments) - target];
  const margin = powerMargin(moves);
  const formula = `d_k·${c.scaleText}² = ${KEY_DIM}·${c.scaleText}² = ${target}`;
  return {
    id: c.id,
    source: SOURCE,
    statement: `${c.label}: E[(scale·q·k)²] = ${formula}, within ${margin.toPrecision(3)} (0.4 of what a ±5% weight scale moves it)`,
    measure: logits(weights, c.logitScale),
    checks: [
      meanWithin({
        of: 'meanSquare',
        label: "mean square of the logits (distinct tokens' pairs)",
        target: { value: target, formula },
        margin,
        // pilot, 200 seeds (500–699, tensorflow): relative sd 0.046
        sd: 1.25 * 0.046 * target,
        sdBasis: 'pilot, 200 seeds: relative sd 0.046, ×1.25',
      }),
    ],
    controls: [{ label: c.control.label, measure: logits(weights, c.control.logitScale) }],
    power: {
      delta: DEFAULT_DELTA.moments,
      basis: `the weights ×(1 ± δ) scale q and k, the logits' second moment by (1 ± δ)⁴: ${moves.map((m) => m.toPrecision(3)).join(' / ')}; the margin is 0.4 of the smaller`,
      scaled: (f) => logits(scaleInit(weights, f), c.logitScale),
    },
  };
}

claim(
  logitClaim({
    id: 'AT-unscaled',
    label: 'without 1/√d_k, q·k has variance d_k: the softmax saturates as heads widen',
    logitScale: 1,
    scaleText: '1',
    control: { label: 'scaled by 1/√d_k (second moment 1)', logitScale: 1 / Math.sqrt(KEY_DIM) },
  }),
);

claim(
  logitClaim({
    id: 'AT-scaled',
    label: 'with 1/√d_k, the logits have unit variance at any d_k',
    logitScale: 1 / Math.sqrt(KEY_DIM),
    scaleText: '(1/√d_k)',
    control: { label: '1/√d_k applied twice (second moment 1/d_k)', logitScale: 1 / KEY_DIM },
  }),
);
