/**
 * The claim recipe for one notebook chain x ← act(M·x) on a reused matrix M.
 *
 * Decided: the outcome class (Clopper–Pearson) and the growth: log10 rms of 16 probed columns
 * after K multiplications, tracked in float64 (no range limit), against a reference ensemble
 * of matrices of the same family at std 1/√n scaled by theory's σ√n (src/chain/referenceChain.ts):
 * theory by simulation that never sees the trial's draw or the init library. Reported: the count
 * against the closed-form circular law and the notebook's draw, and the replay of the same
 * matrix in float64 (a diagnostic: it explains rounding, it cannot see a wrong scale).
 */
import type { PlotData } from './plotData.ts';
import { describeBackend } from '../backend/describe.ts';
import { CHAIN_CHECKPOINTS, chainTrial, type ChainObservation } from '../chain/chainTrial.ts';
import { referenceEnsemble, scaledTrajectory } from '../chain/referenceChain.ts';
import type { Activation } from '../chain/runChain.ts';
import { initByName, type SchemeName } from '../init/schemes.ts';
import { masterSeed } from '../rng/seed.ts';
import { finiteMedian, measuredMedian } from '../stats/median.ts';
import { trialsForProportionLowerBound } from '../stats/sampleSize.ts';
import { circularLawEnd, circularLawRate, log10MaxOverRms, thresholdWindow } from '../theory/chainSteps.ts';
import { VANISHING_THRESHOLD } from '../theory/float32.ts';
import { schemeFamily, type SchemeFamily } from '../theory/schemeFamily.ts';
import { schemeStd } from '../theory/schemeStd.ts';
import { alphaFor } from './budget.ts';
import { informationalCheck, meanAgainstReference, medianReport, mediansReport, outcomeAtLeast, pairedWithin } from './checks.ts';
import type { notebook } from './notebook.ts';
import { DEFAULT_DELTA, scaleInit, type WeightInit } from './power.ts';
import { byTier } from './tier.ts';
import type { ArrayKey, Check, ClaimSpec, ControlSpec, ExpectedFailure, ScalarKey, TrialContext } from './types.ts';

/** A check a chain claim accepts: it reads only what a chain trial observes. */
export type ChainCheck = Check<ScalarKey<ChainObservation>, ArrayKey<ChainObservation>>;

export const NOTEBOOK_DIM = 512;
export const NOTEBOOK_STEPS = 500;

/**
 * The probability floor an outcome claim states: ½ in the fast tier, 0.85 in the full tier. The
 * trial count follows from it (trialsForProportionLowerBound at the check's α: 11 and 47).
 */
export const OUTCOME_FLOOR = byTier({ fast: 0.5, full: 0.85 });

/**
 * K under ReLU. On a reused matrix the ReLU chain's growth rate varies from matrix to matrix
 * (reference ensemble, 10 matrices at n = 512: sd of log10 rms 0.14 decades after 10 steps,
 * 0.99 after 50, 4.2 after 200), about 0.02 decades per step, against 0.041 per step for a
 * 10% scale error: the ratio is best early, so the growth is compared after 10 steps.
 */
export const RELU_RATE_STEPS = 10;

/** The outcome a chain claim states, in the words of the report. */
export type ChainOutcome = 'vanished' | 'nonFinite' | 'survived';
const OUTCOME_WORDS: Record<ChainOutcome, string> = {
  vanished: `vanishes (max|x| < 2^${Math.log2(VANISHING_THRESHOLD)})`,
  nonFinite: 'becomes non-finite (explodes)',
  survived: 'survives all 500 steps',
};

/** A matrix the claim draws: a named scheme, or a custom one with its theory (the notebook's conv slice). */
export type ChainMatrix = SchemeName | { label: string; init: WeightInit; std: number; family: SchemeFamily };

export interface ChainClaimOptions {
  id: string;
  cell?: string;
  statement: string;
  /** The scheme, named once: the init, theory's σ and the reference family all come from it. */
  matrix: ChainMatrix;
  activation: Activation;
  expected: ChainOutcome;
  dim?: number;
  notebookSteps?: ReturnType<typeof notebook>;
  controls: Array<{ label: string; init: WeightInit; activation?: Activation }>;
  expectedFailure?: ExpectedFailure;
  /** Further checks on the float32-chain trials (e.g. the isometry of an orthogonal chain). */
  extraChecks?: ChainCheck[];
  /** Reference matrices for the growth check (more where the trials are many: Welch needs both). */
  referenceCount?: number;
  /** K, where the default (rateSteps) does not suit, with why. */
  growthSteps?: { steps: number; why: string };
}

/** A chain's matrix with its theory: the init, σ, the reference family and a label. */
export function resolveChainMatrix(
  matrix: ChainMatrix,
  dim: number,
): { init: WeightInit; std: number; family: SchemeFamily; label: string } {
  if (typeof matrix === 'object') return matrix;
  return {
    init: (shape, seed) => initByName(matrix, shape, seed),
    std: schemeStd(matrix, dim),
    family: schemeFamily(matrix),
    label: matrix,
  };
}

type ChainTheory = { std: number; dim: number; activation: Activation };

/** The closed-form circular-law all-zero end of a notebook chain (the notebook's count) on this backend's float32 floor. */
function closedFormAllZero({ std, dim, activation }: ChainTheory) {
  const window = describeBackend().underflow.smallestPositiveOutput;
  return circularLawEnd({ std, n: dim, activation, window, maxSteps: NOTEBOOK_STEPS });
}

/** The closed-form circular-law end the claims decide: max|x| < VANISHING_THRESHOLD, or non-finite. */
function closedFormDecided({ std, dim, activation }: ChainTheory) {
  return circularLawEnd({ std, n: dim, activation, window: thresholdWindow(VANISHING_THRESHOLD), maxSteps: NOTEBOOK_STEPS });
}

/**
 * The step count at which growth is compared: the closed-form all-zero end (linear, at least 10)
 * or RELU_RATE_STEPS. The float64 probe reaches it whichever end the float32 run stops at.
 */
export function rateSteps({ std, dim, activation }: ChainTheory): number {
  if (activation === 'relu') return RELU_RATE_STEPS;
  const end = closedFormAllZero({ std, dim, activation });
  return Math.min(NOTEBOOK_STEPS, Math.max(10, Number.isFinite(end.steps) ? end.steps : NOTEBOOK_STEPS));
}

export function chainClaim(options: ChainClaimOptions): ClaimSpec<ChainObservation> {
  const {
    id,
    cell,
    statement,
    activation,
    expected,
    dim = NOTEBOOK_DIM,
    notebookSteps,
    controls,
    expectedFailure,
    extraChecks = [],
  } = options;
  const { init, std, family, label: schemeLabel } = resolveChainMatrix(options.matrix, dim);
  const referenceCount = options.referenceCount ?? (activation === 'relu' ? 60 : 24);
  const delta = DEFAULT_DELTA.chains;
  const K = options.growthSteps?.steps ?? rateSteps({ std, dim, activation });
  // A δ scale error moves log10 rms X_{K-1} by (K+1)·log10(1 ± δ); the margin is 0.4 of the smaller side.
  const shift = (K + 1) * Math.min(Math.log10(1 + delta), -Math.log10(1 - delta));
  const margin = 0.4 * shift;

  const outcome = outcomeAtLeast({ of: expected, label: `P(${OUTCOME_WORDS[expected]})`, p0: OUTCOME_FLOOR });
  const growth = meanAgainstReference({
    of: 'log10RmsAtRateSteps',
    label: `log10 rms after ${K} steps`,
    reference: (count) =>
      referenceEnsemble({ family, n: dim, activation, steps: K, count, master: masterSeed() }).map(
        (trajectory) => scaledTrajectory(trajectory, { std, n: dim })[K - 1] as number,
      ),
    referenceCount,
    margin,
    unit: 'decades',
    minSd: 0.01,
    theory:
      `${family} matrices at std 1/√n (reference stream, not the init under test), 16 columns in float64, scaled by (σ√n)^(K+1) with σ = ${std.toPrecision(5)} from theory; ` +
      `margin 0.4 × the ${Math.round(delta * 100)}% scale error's shift ${shift.toFixed(3)} decades${options.growthSteps ? `; K = ${K}: ${options.growthSteps.why}` : ''}`,
  });
  const decisive = [outcome, growth, ...extraChecks.filter((c) => !c.informational)];
  // The float32 chain runs in the trials its own checks need; the rest run the growth probe only.
  const confidence = 1 - alphaFor(id) / decisive.length;
  const chainTrials = Math.max(
    trialsForProportionLowerBound({ p0: OUTCOME_FLOOR, confidence }),
    ...extraChecks.map((c) => c.trialsNeeded(confidence)),
  );
  const measure =
    (draw: WeightInit, act: Activation, withChain: boolean) =>
    ({ trial, seed }: TrialContext): ChainObservation =>
      chainTrial({
        init: draw,
        dim,
        activation: act,
        maxSteps: NOTEBOOK_STEPS,
        seed,
        rateSteps: K,
        float32Chain: withChain && trial < chainTrials,
      });

  const closedForm = closedFormDecided({ std, dim, activation });
  const checks: ChainCheck[] = [outcome, growth, ...extraChecks];
  if (expected === 'survived') {
    checks.push(
      informationalCheck('replay (16 columns)', (observations, conf) => ({
        ...pairedWithin({
          measured: 'probedColumnsLog10RmsLast',
          predicted: 'predictedLog10RmsLast',
          label: 'replay: float32 log10 rms of the 16 probed columns after 500 steps − their float64 replay',
          margin: 0.25,
          sd: 0.1,
          unit: 'decades',
          theory: 'the same 16 columns of the same M in float64 (a diagnostic of rounding)',
        }).evaluate(chainOnly(observations), conf),
        informational: true,
      })),
      allColumnsGapReport(),
    );
  } else {
    checks.push(
      informationalCheck('replay (count)', (observations, conf) => ({
        ...pairedWithin({
          measured: 'steps',
          predicted: 'predictedSteps',
          label: 'replay: count − the count replayed from the same M in float64',
          margin: Number.isFinite(closedForm.steps) ? Math.max(3, 0.05 * closedForm.steps) : 10,
          sd: 1,
          unit: 'steps',
          theory: "the same M's 16 columns in float64 reaching the same end (a diagnostic of rounding)",
        }).evaluate(chainOnly(observations), conf),
        informational: true,
      })),
    );
  }
  const vanishing = expected === 'vanished';
  const countReport = medianReport({
    of: 'steps',
    label: vanishing ? `count to 2^${Math.log2(VANISHING_THRESHOLD)} (decided)` : 'count',
    // the notebook counted to all-zero: beside a vanishing chain's decided count it would compare two events
    ...(notebookSteps && !vanishing ? { notebook: notebookSteps } : {}),
    theory: { value: closedForm.steps, formula: 'circular-law count (rms(M)·(σ√n·act)^(i+1) · κ leaves the decided window)' },
  });
  checks.push({ ...countReport, evaluate: (observations, conf) => countReport.evaluate(chainOnly(observations), conf) });
  if (vanishing) {
    const allZero = closedFormAllZero({ std, dim, activation });
    const allZeroReport = medianReport({
      of: 'predictedAllZeroSteps',
      label: "predicted all-zero count (the notebook's event: float64 replay at this backend's floor)",
      ...(notebookSteps ? { notebook: notebookSteps } : {}),
      theory: { value: allZero.steps, formula: "circular-law count to half the backend's smallest kept value" },
    });
    checks.push(
      { ...allZeroReport, evaluate: (observations, conf) => allZeroReport.evaluate(chainOnly(observations), conf) },
      endsSideBySide(id, notebookSteps?.value),
    );
  }
  checks.push(
    mediansReport({ of: 'log10StdAt', label: 'float64 log10 std of x', positions: CHAIN_CHECKPOINTS.map((k) => `after ${k} steps`) }),
    float32TrapReport(),
  );

  const rate = circularLawRate({ std, n: dim, activation });
  const kappa = log10MaxOverRms(dim * dim, activation);
  const circularLine = Array.from(
    { length: Number.isFinite(closedForm.steps) ? closedForm.steps + 1 : NOTEBOOK_STEPS },
    (_, i) => Math.log10(std) + (i + 1) * rate + kappa,
  );
  const plots = (observations: readonly ChainObservation[]): Record<string, PlotData> => {
    const chains = chainOnly(observations);
    return {
      trajectory: {
        kind: 'trajectory',
        title: `${id}: log10 max|x| per step, ${chains.length} seeds (${activation})`,
        traces: chains.map((o) => o.log10MaxAbs as number[]),
        theory: circularLine,
        theoryLabel: 'circular law',
      },
      histogram: {
        kind: 'histogram',
        title: vanishing
          ? `${id}: predicted all-zero count (float64 replay)${notebookSteps ? " (red: the notebook's draw)" : ''}`
          : `${id}: steps until the chain ends${notebookSteps ? " (red: the notebook's draw)" : ''}`,
        counts: chains.map((o) => (vanishing ? o.predictedAllZeroSteps : o.steps) as number),
        ...(notebookSteps ? { notebook: notebookSteps.value } : {}),
      },
    };
  };
  // A control looks at the growth probe first (cheap, never in the denormal range) and runs the float32 chain only if that does not reject it.
  const controlSpecs: Array<ControlSpec<ChainObservation>> = controls.map((c) => ({
    label: c.label,
    measure: measure(c.init, c.activation ?? activation, true),
    screen: measure(c.init, c.activation ?? activation, false),
  }));
  return {
    id,
    ...(cell ? { cell } : {}),
    statement,
    measure: measure(init, activation, true),
    checks,
    controls: controlSpecs,
    plots,
    power: {
      delta,
      basis:
        `chains: ${schemeLabel} × (1 ± ${delta}); the outcome holds for every nearby scale, so the growth check carries the power ` +
        '(power controls run the growth probe only, not the float32 chain)',
      scaled: (factor) => measure(scaleInit(init, factor), activation, false),
    },
    ...(expectedFailure ? { expectedFailure } : {}),
  };
}

/** The trials that ran the float32 chain (the others ran the growth probe only). */
function chainOnly<T extends Record<string, unknown>>(observations: readonly T[]): T[] {
  return observations.filter((o) => typeof o.steps === 'number' && !Number.isNaN(o.steps));
}

/**
 * Informational, for a vanishing chain: its ends side by side. The claim decides the first; the
 * notebook printed the last kind (std == 0, all-zero), which on a backend that keeps denormals lies
 * ~50 binades lower and is measured by the denormal-tail claims (spec/denormal-tail.spec.ts).
 */
function endsSideBySide(id: string, notebook: number | undefined): Check<never, never> {
  return informationalCheck('ends side by side', (all) => {
    const observations = chainOnly(all);
    const med = (key: string) => measuredMedian(observations.map((o) => o[key] as number));
    const floor = describeBackend().underflow;
    const parts = [
      `count to max|x| < 2^${Math.log2(VANISHING_THRESHOLD)} (decided): median ${med('steps')}`,
      `predicted all-zero count at this backend's floor 2^${Math.log2(floor.smallestPositiveOutput)} (replay): median ${med('predictedAllZeroSteps')}`,
      floor.flushesDenormalOutputs
        ? 'measured all-zero count: not applicable, this backend flushes denormals (all-zero follows the normal floor within a step)'
        : `measured all-zero count: the denormal-tail claim Z-${id} where the chain has one (spec/denormal-tail.spec.ts: C2 in every tier, C4 in the full tier)`,
      notebook === undefined ? 'no notebook count' : `the notebook's count (all-zero, PyTorch CPU): ${notebook}`,
    ];
    return {
      label: 'ends side by side',
      method: 'report',
      pass: true,
      informational: true,
      estimate: Number.NaN,
      confidence: 1,
      detail: parts.join('; '),
    };
  });
}

/**
 * Informational: where float32 statistics would mislead. tf.moments squares in float32, so its
 * std reads 0 once max|x| < 2^-74.5 although x is not zero, and Inf once max|x| > 1.8e19
 * although x is finite; the chain's own end (all-zero, non-finite) comes later.
 */
function float32TrapReport(): Check<never, never> {
  return informationalCheck('float32 trap', (all) => {
    const observations = chainOnly(all);
    const pick = (key: string) => observations.map((o) => o[key] as number);
    const under = pick('float32SquaresUnderflowAt');
    const over = pick('float32SquaresOverflowAt');
    const steps = pick('steps');
    const underCount = under.filter(Number.isFinite).length;
    const overCount = over.filter(Number.isFinite).length;
    const parts = [
      underCount
        ? `a float32 std (x² underflows) would read 0 from step ${finiteMedian(under)} (median; ${underCount} of ${observations.length} trials) while x is still nonzero`
        : 'float32 x² never underflowed',
      overCount
        ? `x² would overflow to Inf from step ${finiteMedian(over)} (median; ${overCount} trials) while x is finite`
        : 'float32 x² never overflowed',
      `the chain itself ended at step ${finiteMedian(steps)} (median), measured in float64 on the host`,
    ];
    return {
      label: 'float32 trap',
      method: 'max|x| per step',
      pass: true,
      informational: true,
      estimate: Number.NaN,
      confidence: 1,
      detail: parts.join('; '),
    };
  });
}

/** Informational: how far the 16-column replay is from the rms of all 512 columns. */
function allColumnsGapReport(): Check<never, never> {
  return informationalCheck('16 vs all columns', (all) => {
    const gaps = chainOnly(all)
      .map((o) => (o.log10RmsLast as number) - (o.predictedLog10RmsLast as number))
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const median = finiteMedian(gaps);
    return {
      label: '16 vs all columns',
      method: 'report',
      pass: true,
      informational: true,
      confidence: 1,
      estimate: median,
      detail:
        `log10 rms of all 512 columns − the 16-column replay after 500 steps: median ${median.toFixed(3)}, ` +
        `range [${(gaps[0] ?? Number.NaN).toFixed(3)}, ${(gaps[gaps.length - 1] ?? Number.NaN).toFixed(3)}] decades over ${gaps.length} trials`,
    };
  });
}
