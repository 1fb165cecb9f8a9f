/**
 * vitest matchers with guarantees, for gating an initializer in CI:
 *
 *   await expect(init).toDrawLike('kaiming-uniform', { nonlinearity: 'relu' });
 *   await expect(init).toPreserveSecondMoment({ activation: 'relu', width: 256, layers: 10 });
 *   await expect(weight).toHaveStd(0.05);
 *
 * Each states α (default 0.001: a right init fails at most that often) and δ (the scale error it
 * must catch: 2% for a weight's distribution, 5% for second moments), sizes its draws from the
 * stats helpers and runs its own ±δ controls: it passes only when the claim holds and both
 * controls show their error. The numbers go into the test's meta (`initspec`), which the claims
 * reporter turns into claims.{md,json,html}.
 */
import { auditModel, isAnomalous, presetByName, readRulesFile } from '../audit/modelAudit.ts';
import { summaryLine } from '../audit/modelReport.ts';
import { indexLayersModel, type LayersModelLike } from '../model/tfjsModel.ts';
import * as tf from '@tensorflow/tfjs-core';
import { insideMargin, outsideMargin } from '../claim/checks.ts';
import type { ClaimResult } from '../claim/types.ts';
import type { WeightInit } from '../init/types.ts';
import { masterSeed } from '../rng/seed.ts';
import { stdCI } from '../stats/intervals.ts';
import { trialsForStdRelativeHalfWidth } from '../stats/sampleSize.ts';
import { PUBLISHED_SCHEMES, type PublishedScheme } from '../theory/publishedSchemes.ts';
import { DEFAULT_ASSERTION_ALPHA, runAssertion, type AssertionOptions, type AssertionOutcome } from './assertion.ts';
import { drawLikeSpec, secondMomentSpec, type DrawLikeOptions, type SecondMomentOptions } from './specs.ts';

export const MATCHER_DEFAULT_DELTA = { toDrawLike: 0.02, toHaveStd: 0.02, toPreserveSecondMoment: 0.05 } as const;

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** vitest's matcher `this`: enough of it to record results on the running test. */
interface MatcherThis {
  isNot?: boolean;
  task?: { name: string; meta: object };
}

function record(context: MatcherThis, results: ClaimResult[]): void {
  const task = context.task;
  if (task === undefined) return;
  const meta = task.meta as { initspec?: ClaimResult[] };
  // reported under the test's name: two tests may assert the same scheme
  meta.initspec = [...(meta.initspec ?? []), ...results.map((r) => ({ ...r, id: `${task.name} · ${r.id}` }))];
}

function assertInit(matcher: string, received: unknown): asserts received is WeightInit {
  if (typeof received !== 'function')
    throw new TypeError(`${matcher}: expect() takes an initializer (shape, seed) => tf.Tensor, got ${typeof received}`);
}

function settle(context: MatcherThis, outcome: AssertionOutcome): MatcherResult {
  record(context, [outcome.claim, ...outcome.power]);
  return {
    pass: outcome.pass,
    message: () => (context.isNot ? `expected the initializer not to satisfy:\n${outcome.message}` : outcome.message),
  };
}

function assertionOptions<T extends AssertionOptions>(matcher: keyof typeof MATCHER_DEFAULT_DELTA, options: T) {
  const alpha = options.alpha ?? DEFAULT_ASSERTION_ALPHA;
  const delta = options.delta ?? MATCHER_DEFAULT_DELTA[matcher];
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`${matcher}: alpha must be in (0, 0.5), got ${alpha}`);
  if (!(delta > 0 && delta < 0.5)) throw new RangeError(`${matcher}: delta must be in (0, 0.5), got ${delta}`);
  if (options.seed !== undefined && !(Number.isInteger(options.seed) && options.seed >= 0 && options.seed < 2 ** 32))
    throw new RangeError(`${matcher}: seed must be an integer in [0, 2^32), got ${options.seed}`);
  return { ...options, alpha, delta, seed: options.seed ?? masterSeed() };
}

export async function toDrawLike(
  this: MatcherThis,
  received: unknown,
  scheme: PublishedScheme,
  options: DrawLikeOptions & AssertionOptions = {},
): Promise<MatcherResult> {
  assertInit('toDrawLike', received);
  if (!(PUBLISHED_SCHEMES as readonly string[]).includes(scheme))
    throw new RangeError(`toDrawLike: unknown scheme "${scheme}"; known: ${PUBLISHED_SCHEMES.join(', ')}`);
  const opts = assertionOptions('toDrawLike', options);
  return settle(this, await runAssertion(drawLikeSpec(received, scheme, opts), opts.seed));
}

export async function toPreserveSecondMoment(
  this: MatcherThis,
  received: unknown,
  options: SecondMomentOptions & AssertionOptions = {},
): Promise<MatcherResult> {
  assertInit('toPreserveSecondMoment', received);
  const opts = assertionOptions('toPreserveSecondMoment', options);
  return settle(this, await runAssertion(secondMomentSpec(received, opts), opts.seed));
}

/**
 * One drawn tensor's std within 0.4·δ of `expected`. A tensor too small for that interval at α
 * fails and says how many values it would need; the ±δ controls are the same values scaled.
 */
export function toHaveStd(
  this: MatcherThis,
  received: unknown,
  expected: number,
  options: Omit<AssertionOptions, 'seed'> = {},
): MatcherResult {
  if (!(received instanceof tf.Tensor)) throw new TypeError(`toHaveStd: expect() takes a tf.Tensor, got ${typeof received}`);
  if (!(expected > 0 && Number.isFinite(expected)))
    throw new RangeError(`toHaveStd: expected std must be positive and finite, got ${expected}`);
  const { alpha, delta } = assertionOptions('toHaveStd', options);
  const values = Float64Array.from(received.dataSync());
  if (!values.every(Number.isFinite)) throw new RangeError('toHaveStd: the tensor holds NaN or ±Inf');
  const confidence = 1 - alpha;
  const margin = 0.4 * delta * expected;
  const needed = trialsForStdRelativeHalfWidth({ relativeHalfWidth: 0.2 * delta, confidence });
  const ci = stdCI(values, { confidence });
  const controls = [1 + delta, 1 - delta].map((f) => ({
    factor: f,
    shown: outsideMargin({ lower: ci.lower * f, upper: ci.upper * f }, expected, margin),
  }));
  const bigEnough = values.length >= needed;
  const inside = insideMargin(ci, expected, margin);
  const pass = bigEnough && inside && controls.every((c) => c.shown);
  const lines = [
    `toHaveStd: std ${ci.estimate.toPrecision(5)}, ${(confidence * 100).toPrecision(4)}% CI [${ci.lower.toPrecision(5)}, ${ci.upper.toPrecision(5)}] ` +
      `${inside ? 'inside' : 'NOT inside'} ${expected} ± ${margin.toPrecision(3)} (0.4·δ, δ = ${delta}; α ${alpha}; n = ${values.length})`,
    bigEnough ? '' : `  the tensor has ${values.length} values; deciding δ = ${delta} at α = ${alpha} needs ${needed}`,
    ...controls.map((c) => `  ×${c.factor}: ${c.shown ? 'shown wrong' : 'NOT shown wrong'}`),
  ].filter(Boolean);
  return { pass, message: () => (this.isNot ? `expected the tensor's std not to match:\n${lines.join('\n')}` : lines.join('\n')) };
}

/**
 * A whole model at init, as `npx initspec audit --model` judges it: a model file or folder
 * (safetensors, torch.save, .npy/.npz, tfjs model.json) or a tfjs LayersModel, against a preset
 * (hf-gpt2, torch-default, tfjs-default, …) or a rules file. Fails with the tensors that differ.
 */
export async function toBeInitializedAs(
  this: MatcherThis,
  received: unknown,
  preset: string,
  options: { alpha?: number; rules?: string } = {},
): Promise<MatcherResult> {
  const target =
    typeof received === 'string'
      ? received
      : received !== null && typeof received === 'object' && Array.isArray((received as LayersModelLike).layers)
        ? indexLayersModel(received as LayersModelLike)
        : undefined;
  if (target === undefined)
    throw new TypeError(`toBeInitializedAs: expect() takes a model path or a tfjs LayersModel, got ${typeof received}`);
  const report = await auditModel(target, options.rules ? readRulesFile(options.rules) : presetByName(preset), options.alpha);
  const bad = report.tensors.filter(isAnomalous);
  const lines = [
    summaryLine(report),
    ...bad.map((t) => `  ${t.name} [${t.shape.join(', ')}] ${t.role}: ${[...t.reasons, ...t.flags].join('; ')}`),
  ];
  return {
    pass: report.ok,
    message: () => (this.isNot ? `expected the model not to be initialized as ${preset}:\n${lines.join('\n')}` : lines.join('\n')),
  };
}

export const initspecMatchers = { toDrawLike, toPreserveSecondMoment, toHaveStd, toBeInitializedAs };

declare module 'vitest' {
  interface Matchers<T = any> {
    /** The initializer draws the named scheme: std on every shape, mean, family; with ±δ power controls. */
    toDrawLike(scheme: PublishedScheme, options?: DrawLikeOptions & AssertionOptions): Promise<T>;
    /** Fresh layers from the initializer keep E[x²] (mean field); with ±δ power controls. */
    toPreserveSecondMoment(options?: SecondMomentOptions & AssertionOptions): Promise<T>;
    /** A drawn tensor's std is `expected` within 0.4·δ at α. */
    toHaveStd(expected: number, options?: Omit<AssertionOptions, 'seed'>): T;
    /** Every tensor of a model file or tfjs LayersModel is initialized as the preset's rules say (npx initspec audit --model). */
    toBeInitializedAs(preset: string, options?: { alpha?: number; rules?: string }): Promise<T>;
  }
}
