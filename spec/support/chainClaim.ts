/**
 * Builds the claim for one notebook chain: the outcome class with a Clopper–Pearson bound, the
 * count against its per-trial prediction (float64-tracked growth of the same matrix + the
 * backend's measured float32 floor), and where the count lands against the notebook's draw and
 * the closed-form circular-law count.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { describeBackend } from '../../src/backend/describe.ts';
import { CHAIN_CHECKPOINTS, chainTrial } from '../../src/chain/chainTrial.ts';
import type { Activation } from '../../src/chain/runChain.ts';
import { byTier, informationalCheck, medianReport, mediansReport, notebook, outcomeAtLeast, pairedWithin } from '../../src/claim/index.ts';
import type { Check, ClaimSpec, ControlSpec } from '../../src/claim/index.ts';
import type { Shape } from '../../src/init/validate.ts';
import { countHistogramSvg, trajectoryPlotSvg } from '../../src/report/plots.ts';
import { circularLawEnd, circularLawRate, log10MaxOverRms } from '../../src/theory/index.ts';

export const NOTEBOOK_DIM = 512;
export const NOTEBOOK_STEPS = 500;

/**
 * The probability floor an outcome claim states: ½ in the fast tier, 0.85 in the full tier. The
 * trial count follows from it (trialsForProportionLowerBound at the check's α: 11 and 47), and
 * the report states the bound the trials support.
 */
export const OUTCOME_FLOOR = byTier({ fast: 0.5, full: 0.85 });

type Init = (shape: Shape, seed: number) => tf.Tensor;
type Expected = 'vanished' | 'nonFinite' | 'survived';

const OUTCOME_WORDS: Record<Expected, string> = {
  vanished: 'vanishes to all-zero',
  nonFinite: 'becomes non-finite (explodes)',
  survived: 'survives all 500 steps',
};

export interface ChainClaimOptions {
  id: string;
  cell?: string;
  statement: string;
  /** Theory's scheme name (src/theory/schemeStd) and the initializer that draws it. */
  std: number;
  init: Init;
  activation: Activation;
  expected: Expected;
  dim?: number;
  notebookSteps?: ReturnType<typeof notebook>;
  controls: Array<{ label: string; init: Init; activation?: Activation }>;
  expectedFailure?: string;
  /** Further checks on the same trials (e.g. the isometry of an orthogonal chain). */
  extraChecks?: Check[];
}

export function chainClaim(options: ChainClaimOptions): ClaimSpec {
  const { id, cell, statement, std, init, activation, expected, dim = NOTEBOOK_DIM, notebookSteps, controls, expectedFailure, extraChecks = [] } = options;
  const measure = (draw: Init, act: Activation): ClaimSpec['measure'] => ({ seed }) =>
    chainTrial({ init: draw, dim, activation: act, maxSteps: NOTEBOOK_STEPS, seed });
  const closedForm = circularLawEnd({
    std,
    n: dim,
    activation,
    smallestPositive: describeBackend().underflow.smallestPositiveOutput,
    maxSteps: NOTEBOOK_STEPS,
  });
  const checks: Check[] = [outcomeAtLeast({ of: expected, label: `P(${OUTCOME_WORDS[expected]})`, p0: OUTCOME_FLOOR })];
  if (expected === 'survived') {
    checks.push(
      pairedWithin({
        measured: 'log10RmsLast',
        predicted: 'predictedLog10RmsLast',
        label: 'log10 rms after 500 steps',
        margin: 0.25,
        sd: 0.05,
        unit: 'decades',
        theory: 'float64 log-norm of 16 columns of the same M, renormalised each step',
      }),
    );
  } else {
    const count = closedForm.steps;
    const margin = Number.isFinite(count) ? Math.max(3, 0.05 * count) : 10;
    checks.push(
      pairedWithin({
        measured: 'steps',
        predicted: 'predictedSteps',
        label: 'count',
        margin,
        sd: Math.max(1, 0.015 * (Number.isFinite(count) ? count : 100)),
        unit: 'steps',
        theory:
          'the step where the float64-tracked rms of the same M (16 columns, renormalised), times the Gaussian max/rms κ, ' +
          `leaves the backend's float32 window; it ignores rounding inside the 6.9-decade denormal range and κ's growth as x turns low-rank, ` +
          'hence the margin of 5% of the closed-form count (at least 3 steps)',
      }),
    );
  }
  checks.push(
    medianReport({
      of: 'steps',
      label: 'count',
      ...(notebookSteps ? { notebook: notebookSteps } : {}),
      theory: { value: closedForm.steps, formula: 'circular-law count (rms(M)·(σ√n·act)^(i+1) · κ leaves the float32 window)' },
    }),
  );
  checks.push(...extraChecks);
  checks.push(
    mediansReport({ of: 'log10StdAt', label: 'float64 log10 std of x', positions: CHAIN_CHECKPOINTS.map((k) => `after ${k} steps`) }),
    float32TrapReport(),
  );
  const rate = circularLawRate({ std, n: dim, activation });
  const kappa = log10MaxOverRms(dim * dim, activation);
  const circularLine = Array.from({ length: Number.isFinite(closedForm.steps) ? closedForm.steps + 1 : NOTEBOOK_STEPS }, (_, i) => Math.log10(std) + (i + 1) * rate + kappa);
  const plots: ClaimSpec['plots'] = async (observations) => ({
    trajectory: await trajectoryPlotSvg({
      title: `${id}: log10 max|x| per step, ${observations.length} seeds (${activation})`,
      traces: observations.map((o) => o.log10MaxAbs as number[]),
      theory: circularLine,
      theoryLabel: 'circular law',
    }),
    histogram: await countHistogramSvg({
      title: `${id}: steps until the chain ends${notebookSteps ? ' (red: the notebook\'s draw)' : ''}`,
      counts: observations.map((o) => o.steps as number),
      ...(notebookSteps ? { notebook: notebookSteps.value } : {}),
    }),
  });
  const controlSpecs: ControlSpec[] = controls.map((c) => ({ label: c.label, measure: measure(c.init, c.activation ?? activation) }));
  return {
    id,
    ...(cell ? { cell } : {}),
    statement,
    measure: measure(init, activation),
    checks,
    controls: controlSpecs,
    plots,
    ...(expectedFailure ? { expectedFailure } : {}),
  };
}

/**
 * Informational: where float32 statistics would mislead. tf.moments squares in float32, so its
 * std reads 0 once max|x| < 2^-74.5 although x is not zero, and Inf once max|x| > 1.8e19
 * although x is finite; the chain's own end (all-zero, non-finite) comes later.
 */
function float32TrapReport(): Check {
  const median = (values: number[]) => {
    const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
    return sorted.length ? (sorted[Math.floor((sorted.length - 1) / 2)] as number) : Number.NaN;
  };
  return informationalCheck('float32 trap', (observations) => {
      const pick = (key: string) => observations.map((o) => o[key] as number);
      const under = pick('float32SquaresUnderflowAt');
      const over = pick('float32SquaresOverflowAt');
      const steps = pick('steps');
      const underCount = under.filter(Number.isFinite).length;
      const overCount = over.filter(Number.isFinite).length;
      const parts = [
        underCount
          ? `a float32 std (x² underflows) would read 0 from step ${median(under)} (median; ${underCount} of ${observations.length} trials) while x is still nonzero`
          : 'float32 x² never underflowed',
        overCount
          ? `x² would overflow to Inf from step ${median(over)} (median; ${overCount} trials) while x is finite`
          : 'float32 x² never overflowed',
        `the chain itself ended at step ${median(steps)} (median), measured in float64 on the host`,
      ];
      return { label: 'float32 trap', method: 'max|x| per step', pass: true, informational: true, estimate: Number.NaN, confidence: 1, detail: parts.join('; ') };
  });
}
