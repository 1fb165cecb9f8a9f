/**
 * Distribution checks: one-sample KS against a CDF, two-sample KS against a reference draw.
 */
import { ksTest, type KsResult } from '../../stats/ksTest.ts';
import { ksTwoSamplePooled } from '../../stats/ksTwoSamplePooled.ts';
import type { Check, CheckResult } from '../types.ts';
import { fmt } from '../../text/format.ts';
import { arraysOf, pooled } from './observations.ts';

/**
 * The pooled `of` values follow `cdf` (KS test): passes when p ≥ 1 - confidence. The report
 * states the smallest sup-distance D the test detects at this n.
 */
export function followsDistribution<const A extends string>(options: {
  of: A;
  label: string;
  cdf: (x: number) => number;
  distribution: string;
}): Check<never, A> {
  const { of, label, cdf, distribution } = options;
  return {
    label,
    trialsBasis: () => `${label}: KS needs no more than the other checks' trials`,
    trialsNeeded: () => 1,
    evaluate: (observations, confidence) =>
      ksDecision({ label, distribution, method: 'Kolmogorov-Smirnov', size: 'n' }, ksTest(pooled(observations, of), cdf), confidence),
  };
}

/** A KS result decided at the check's α, with the smallest D it can detect at that n. */
function ksDecision(
  { label, distribution, method, size }: { label: string; distribution: string; method: string; size: string },
  { statistic, pValue, n }: KsResult,
  confidence: number,
): CheckResult {
  const alpha = 1 - confidence;
  const detectable = Math.sqrt(-Math.log(alpha / 2) / (2 * n));
  const pass = pValue >= alpha;
  return {
    label,
    method,
    pass,
    showsError: !pass,
    estimate: statistic,
    confidence,
    detail:
      `${label} ~ ${distribution}: KS D = ${fmt(statistic)}, p = ${fmt(pValue)} ${pass ? '≥' : '<'} α = ${fmt(alpha)} ` +
      `(${size} = ${Math.round(n)}; detects D ≥ ${fmt(detectable)})`,
  };
}

/**
 * `of` and `reference` (pooled over trials) come from one distribution: two-sample KS, passing
 * when p ≥ α. For values whose exact null is not a known CDF: the reference is drawn from theory's
 * family (never through the code under test) and transformed exactly as `of` was.
 */
export function matchesReference<const A extends string, const R extends string>(options: {
  of: A;
  reference: R;
  label: string;
  distribution: string;
}): Check<never, A | R> {
  const { of, reference, label, distribution } = options;
  return {
    label,
    trialsBasis: () => `${label}: KS needs no more than the other checks' trials`,
    trialsNeeded: () => 1,
    evaluate: (observations, confidence) =>
      ksDecision(
        { label, distribution, method: 'Kolmogorov-Smirnov, two-sample', size: 'effective n' },
        ksTwoSamplePooled(arraysOf(observations, of), arraysOf(observations, reference)),
        confidence,
      ),
  };
}
