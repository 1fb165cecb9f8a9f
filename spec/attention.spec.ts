/**
 * After the notebook: attention's 1/√d_k at init (Vaswani et al. 2017, §3.2.1). One head over 64
 * tokens of width 256 (each at unit mean square), W_q and W_k [64, 256] from the init library's
 * randn/√dim: q·k sums d_k = 64 products of unit variance, so the logits' second moment is d_k
 * (src/theory/attention.ts, exact in expectation over distinct tokens); scaled by 1/√d_k it is 1.
 * Decided: the mean square of the logits, within 0.4 of what the weights' scale off by δ = 5%
 * moves it ((1 ± δ)⁴: q and k each carry it); the negative controls put the 1/√d_k where it is not.
 *
 * The softmax over those logits (every key, itself included), per query: its entropy and largest
 * weight against the Gaussian-logit model (src/experiments/gaussianSoftmax.ts): T i.i.d. N(0, s²)
 * logits a query, s² = scale²·χ²_dk·χ²_n/n (the law of one head's conditional logit variance,
 * mean scale²·d_k), simulated from its own stream. Margins are 0.4 of what the weights' scale off
 * by δ = 5% moves the model's mean. The model leaves out the key that is the query itself and
 * tokens' non-Gaussian shape: a pilot of 3000 heads (seeds 9000–11999, tensorflow) against 2000
 * model heads measured the gap: scaled, entropy +0.0023 ± 0.0006 and largest weight −0.0012 ±
 * 0.0001; unscaled, entropy +0.0070 ± 0.0018 and largest weight −0.0023 ± 0.0008 (se); the trials
 * are sized for gap + 2 se, which the decision never sees. Unscaled, the largest weight's margin
 * (±0.0078) would need ~3400 heads: it is reported, the entropy decides.
 */
import { DEFAULT_DELTA, informationalCheck, meanAgainstReference, meanWithin, powerMargin, scaleInit } from '../src/claim/index.ts';
import type { ClaimSpec, TrialContext } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { attentionLogitMeanSquare, attentionSoftmaxStats } from '../src/experiments/attentionLogits.ts';
import { gaussianSoftmaxReference } from '../src/experiments/gaussianSoftmax.ts';
import { masterSeed } from '../src/rng/seed.ts';
import { mean } from '../src/stats/moments.ts';
import { fmt } from '../src/text/format.ts';
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

const softmax =
  (init: WeightInit, logitScale: number) =>
  ({ seed }: TrialContext) =>
    attentionSoftmaxStats({ init, width: WIDTH, keyDim: KEY_DIM, tokens: TOKENS, logitScale, seed });

/** The Gaussian-logit model's first `count` heads at logit variance s², memoised per variance. */
function modelHeads(logitVariance: number): (count: number) => { entropy: number[]; maxWeight: number[] } {
  let cached = { entropy: [] as number[], maxWeight: [] as number[] };
  return (count) => {
    if (cached.entropy.length < count)
      cached = gaussianSoftmaxReference({
        tokens: TOKENS,
        logitVariance,
        count,
        master: masterSeed(),
        head: { keyDim: KEY_DIM, width: WIDTH },
      });
    return { entropy: cached.entropy.slice(0, count), maxWeight: cached.maxWeight.slice(0, count) };
  };
}

function softmaxClaim(c: {
  id: string;
  label: string;
  logitScale: number;
  /** Planning gap of the measured mean from the model's (pilot gap + 2 se). */
  bias: { entropy: number; maxWeight: number; basis: string };
  decideMaxWeight: boolean;
  control: { label: string; logitScale: number };
}): ClaimSpec<{ entropy: number; maxWeight: number }> {
  const weights = scheme('randn/√dim');
  const variance = (weightScale: number) => attentionLogitSecondMoment({ keyDim: KEY_DIM, logitScale: c.logitScale, weightScale });
  const model = modelHeads(variance(1));
  // what ±δ on the weights moves the model's means, over a fixed 2000 heads of the same stream
  const moved = [1 + DEFAULT_DELTA.moments, 1 - DEFAULT_DELTA.moments].map((f) => modelHeads(variance(f))(2000));
  const at = model(2000);
  const margin = (key: 'entropy' | 'maxWeight') => powerMargin(moved.map((m) => mean(m[key]) - mean(at[key])));
  const check = (key: 'entropy' | 'maxWeight', label: string, unit: string) =>
    meanAgainstReference({
      of: key,
      label,
      reference: (count) => model(count)[key],
      referenceCount: 2000,
      margin: margin(key),
      unit,
      minSd: 0.001,
      referenceNoun: 'model heads',
      bias: { value: c.bias[key], basis: c.bias.basis },
      theory: `softmax of ${TOKENS} i.i.d. N(0, s²) logits a query, s² = scale²·χ²_dk·χ²_n/n (mean ${fmt(variance(1))}); margin 0.4 of what ±5% on the weights moves the model's mean`,
    });
  const fixedVariance = informationalCheck('the fixed-variance model', () => {
    const fixed = gaussianSoftmaxReference({ tokens: TOKENS, logitVariance: variance(1), count: 500, master: masterSeed() });
    return {
      label: 'the fixed-variance model',
      method: 'report',
      pass: true,
      informational: true,
      confidence: 1,
      estimate: mean(fixed.entropy),
      detail: `with every query's s² fixed at ${fmt(variance(1))} (500 model heads): entropy ${fmt(mean(fixed.entropy))} nats, largest weight ${fmt(mean(fixed.maxWeight))}; ${
        Math.exp(variance(1)) < TOKENS / 10
          ? `the large-T limit log T − s²/2 = ${fmt(Math.log(TOKENS) - variance(1) / 2)}`
          : `the large-T limit log T − s²/2 holds only for T ≫ e^(s²) = ${fmt(Math.exp(variance(1)))}`
      }`,
    };
  });
  const maxWeight = check('maxWeight', 'largest softmax weight, mean over queries', 'of 1');
  return {
    id: c.id,
    source: `${SOURCE}; the Gaussian-logit model of a softmax at init`,
    statement:
      `${c.label}: the softmax's entropy${c.decideMaxWeight ? ' and largest weight are' : ' is'} the Gaussian-logit model's ` +
      `(s² = ${fmt(variance(1))}: entropy ${fmt(mean(at.entropy))} of log ${TOKENS} = ${fmt(Math.log(TOKENS))} nats, largest weight ${fmt(mean(at.maxWeight))}), ` +
      `within 0.4 of what a ±5% weight scale moves ${c.decideMaxWeight ? 'them' : 'it'}`,
    measure: softmax(weights, c.logitScale),
    checks: [
      check('entropy', 'softmax entropy, mean over queries (nats)', 'nats'),
      c.decideMaxWeight
        ? maxWeight
        : informationalCheck('largest softmax weight (reported)', (observations) => {
            const r = model(2000).maxWeight;
            return {
              label: 'largest softmax weight (reported)',
              method: 'report',
              pass: true,
              informational: true,
              confidence: 1,
              estimate: mean(observations.map((o) => o.maxWeight as number)),
              detail: `largest softmax weight: measured ${fmt(mean(observations.map((o) => o.maxWeight as number)))} over ${observations.length} heads, model ${fmt(mean(r))} (2000 heads); its margin ±${fmt(margin('maxWeight'))} would need ~3400 heads`,
            };
          }),
      fixedVariance,
    ],
    controls: [{ label: c.control.label, measure: softmax(weights, c.control.logitScale) }],
    power: {
      delta: DEFAULT_DELTA.moments,
      basis: `the weights ×(1 ± δ) scale the logits' variance by (1 ± δ)⁴; each margin is 0.4 of what that moves the model's mean`,
      scaled: (f) => softmax(scaleInit(weights, f), c.logitScale),
    },
  };
}

claim(
  softmaxClaim({
    id: 'AT-softmax-scaled',
    label: 'with 1/√d_k, a softmax over 64 keys at init is near uniform',
    logitScale: 1 / Math.sqrt(KEY_DIM),
    bias: { entropy: 0.0035, maxWeight: 0.0015, basis: 'pilot, 3000 heads against 2000 model heads: gap + 2 se' },
    decideMaxWeight: true,
    control: { label: 'without 1/√d_k (a saturated softmax)', logitScale: 1 },
  }),
);

claim(
  softmaxClaim({
    id: 'AT-softmax-unscaled',
    label: 'without 1/√d_k, the softmax over 64 keys saturates',
    logitScale: 1,
    bias: { entropy: 0.0106, maxWeight: 0.0039, basis: 'pilot, 3000 heads against 2000 model heads: gap + 2 se' },
    decideMaxWeight: false,
    control: { label: 'with 1/√d_k (near uniform)', logitScale: 1 / Math.sqrt(KEY_DIM) },
  }),
);
