/**
 * How many trials a stated bound needs. A claim "the parameter is target ± margin" is decided
 * by whether its (1-α) interval lies inside the margin; with a half-width h ≤ margin/2 and the
 * truth at the target, the interval leaves the margin only if the estimate errs by more than
 * h, which happens with probability ≤ α. So these helpers size for h = margin/2.
 */
import jStat from 'jstat';
import { chiSquareQuantile } from './chiSquareQuantile.ts';
import { welchDegreesOfFreedom } from './intervals.ts';
import { assertConfidence } from './validate.ts';

const MAX_TRIALS = 10_000_000;

function assertPositiveFinite(fn: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${fn}: ${name} must be a positive finite number, got ${value}`);
}

/** Smallest n ≥ lowest with `fits(n)`, for a predicate that stays true once true. */
function smallestN(fn: string, lowest: number, fits: (n: number) => boolean): number {
  if (fits(lowest)) return lowest;
  // doubling, then bisection, keeping fits(lo) false and fits(hi) true
  let lo = lowest;
  let hi = 2 * lowest;
  while (!fits(hi)) {
    lo = hi;
    hi *= 2;
    if (hi > MAX_TRIALS) throw new RangeError(`${fn}: needs more than ${MAX_TRIALS} trials; widen the margin`);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Smallest n whose two-sided t interval for a mean has half-width ≤ halfWidth when the
 * per-trial standard deviation is `sd`.
 * @example trialsForMeanHalfWidth({ sd: 1, halfWidth: 0.1, confidence: 0.95 }) // 387
 */
export function trialsForMeanHalfWidth({ sd, halfWidth, confidence }: { sd: number; halfWidth: number; confidence: number }): number {
  const fn = 'trialsForMeanHalfWidth';
  assertPositiveFinite(fn, 'sd', sd);
  assertPositiveFinite(fn, 'halfWidth', halfWidth);
  assertConfidence(fn, confidence);
  const upperTail = 1 - (1 - confidence) / 2;
  return smallestN(fn, 2, (n) => (jStat.studentt.inv(upperTail, n - 1) * sd) / Math.sqrt(n) <= halfWidth);
}

/**
 * Smallest n whose chi-square interval for a standard deviation (normal data) lies within
 * s·(1 ± relativeHalfWidth).
 */
export function trialsForStdRelativeHalfWidth({
  relativeHalfWidth,
  confidence,
}: {
  relativeHalfWidth: number;
  confidence: number;
}): number {
  const fn = 'trialsForStdRelativeHalfWidth';
  assertPositiveFinite(fn, 'relativeHalfWidth', relativeHalfWidth);
  if (relativeHalfWidth >= 1) throw new RangeError(`${fn}: relativeHalfWidth must be < 1, got ${relativeHalfWidth}`);
  assertConfidence(fn, confidence);
  const halfAlpha = (1 - confidence) / 2;
  // Only the upper end can bind: the chi-square's right skew puts s·√((n-1)/χ²_{α/2}) farther
  // above s than s·√((n-1)/χ²_{1-α/2}) is below it (a unit test checks both ends).
  return smallestN(fn, 2, (n) => Math.sqrt((n - 1) / chiSquareQuantile(halfAlpha, n - 1)) <= 1 + relativeHalfWidth);
}

/**
 * Smallest n such that n successes in n trials give a one-sided Clopper–Pearson lower bound
 * ≥ p0 at `confidence`: the bound is (1-confidence)^(1/n).
 * @example trialsForProportionLowerBound({ p0: 0.9, confidence: 0.999 }) // 66
 */
export function trialsForProportionLowerBound({ p0, confidence }: { p0: number; confidence: number }): number {
  const fn = 'trialsForProportionLowerBound';
  if (!(p0 > 0 && p0 < 1)) throw new RangeError(`${fn}: p0 must be in (0, 1), got ${p0}`);
  assertConfidence(fn, confidence);
  return Math.ceil(Math.log(1 - confidence) / Math.log(p0));
}

/**
 * Smallest n (per group) such that an observed sd ratio of `plannedRatio / 2` still gives a
 * one-sided F lower bound ≥ `atLeast`: the factor 2 leaves room for the estimate's own noise.
 */
export function trialsForStdRatioLowerBound({
  plannedRatio,
  atLeast,
  confidence,
}: {
  plannedRatio: number;
  atLeast: number;
  confidence: number;
}): number {
  const fn = 'trialsForStdRatioLowerBound';
  assertPositiveFinite(fn, 'plannedRatio', plannedRatio);
  assertPositiveFinite(fn, 'atLeast', atLeast);
  if (plannedRatio / 2 <= atLeast) throw new RangeError(`${fn}: plannedRatio/2 = ${plannedRatio / 2} must exceed atLeast = ${atLeast}`);
  assertConfidence(fn, confidence);
  return smallestN(fn, 3, (n) => plannedRatio / 2 / Math.sqrt(jStat.centralF.inv(confidence, n - 1, n - 1)) >= atLeast);
}

/** What sizes a trials-vs-reference Welch interval: the per-value sd (of the trials, and of the reference where it differs), the target half-width, the reference count. */
export interface MeanDifferenceSizing {
  sd: number;
  /** The reference's per-value sd; `sd` when omitted (planning before any trial has run). */
  referenceSd?: number;
  halfWidth: number;
  confidence: number;
  referenceCount: number;
}

/**
 * Smallest n of trials whose Welch interval for mean(trials) − mean(reference) has half-width
 * ≤ halfWidth, with `referenceCount` reference values; the per-value sd is `sd` for the trials
 * and `referenceSd` (default `sd`) for the reference.
 * @example trialsForMeanDifferenceHalfWidth({ sd: 1, halfWidth: 0.5, confidence: 0.95, referenceCount: 100 }) // 21 (one sample alone: 18)
 */
export function trialsForMeanDifferenceHalfWidth({
  sd,
  referenceSd = sd,
  halfWidth,
  confidence,
  referenceCount,
}: MeanDifferenceSizing): number {
  const fn = 'trialsForMeanDifferenceHalfWidth';
  assertPositiveFinite(fn, 'sd', sd);
  if (!(Number.isFinite(referenceSd) && referenceSd >= 0))
    throw new RangeError(`${fn}: referenceSd must be finite and ≥ 0, got ${referenceSd}`);
  assertPositiveFinite(fn, 'halfWidth', halfWidth);
  assertConfidence(fn, confidence);
  if (!(Number.isInteger(referenceCount) && referenceCount >= 2))
    throw new RangeError(`${fn}: referenceCount must be an integer ≥ 2, got ${referenceCount}`);
  const upperTail = 1 - (1 - confidence) / 2;
  const floor = referenceSd / Math.sqrt(referenceCount);
  if (jStat.studentt.inv(upperTail, referenceCount - 1) * floor >= halfWidth) {
    throw new RangeError(`${fn}: ${referenceCount} reference values alone give a half-width above ${halfWidth}; use more`);
  }
  return smallestN(fn, 2, (n) => {
    const df = welchDegreesOfFreedom(sd * sd, n, referenceSd * referenceSd, referenceCount);
    return jStat.studentt.inv(upperTail, df) * Math.sqrt((sd * sd) / n + (referenceSd * referenceSd) / referenceCount) <= halfWidth;
  });
}
