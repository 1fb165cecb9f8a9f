/**
 * E[statistic] against a reference ensemble (theory by simulation), by a Welch interval.
 */
import jStat from 'jstat';
import { meanDifferenceCI } from '../../stats/intervals.ts';
import { trialsForMeanDifferenceHalfWidth } from '../../stats/sampleSize.ts';
import type { Check } from '../types.ts';
import { fmt, pct } from '../../text/format.ts';
import { mean, sampleVariance } from '../../stats/moments.ts';
import { scalars, insideMargin, outsideMargin } from './observations.ts';
import { furtherStage } from './furtherStage.ts';
import { plannedHalfWidth } from './plannedHalfWidth.ts';

/** The share of a Welch half-width a reference ensemble may take alone, and how far it may grow. */
export const REFERENCE_SHARE = 0.75;

export const MAX_REFERENCE_GROWTH = 16;

/**
 * E[of] over trials equals the mean of a reference ensemble (theory by simulation that never
 * sees a trial's draw) within ±margin: the Welch interval of the difference lies inside the
 * margin. The reference is drawn lazily, sized once per confidence (growing while it alone is
 * too wide), and its own sd plans the trials (times `sdInflation` for what the trials add,
 * e.g. float32 rounding). Where the trials turn out to spread wider than planned, a second
 * stage resizes them on their own sd (trialsAfter): found by the fresh-seed audit, C4 under
 * master seed 2620900655 had 12 trials whose half-width was 2.78 decades against 1.54 planned.
 */

export function meanAgainstReference<const S extends string>(options: {
  of: S;
  label: string;
  /** The first `count` reference values (a longer call extends a shorter one: same stream). */
  reference: (count: number) => number[];
  /** The reference ensemble's size to start from; it doubles while it alone is too wide. */
  referenceCount: number;
  margin: number;
  unit: string;
  theory: string;
  sdInflation?: number;
  /** The smallest planning sd (e.g. when the reference has none: an isometry). */
  minSd: number;
  /**
   * Planning offset of the measured expectation from the reference's (a model the reference
   * simplifies), and where it comes from: the trials keep the half-width ≤ (margin − |bias|)/2,
   * as meanWithin's do. The decision never sees it.
   */
  bias?: { value: number; basis: string };
  /** What one reference draw is, in the report ("matrices" unless said). */
  referenceNoun?: string;
}): Check<S, never> {
  const {
    of,
    label,
    reference,
    referenceCount,
    margin,
    unit,
    theory,
    sdInflation = 1.25,
    minSd,
    bias,
    referenceNoun = 'matrices',
  } = options;
  const { halfWidth, planned } = plannedHalfWidth(`meanAgainstReference(${label})`, margin, bias, unit);
  const planningSd = (r: number[]) => Math.max(minSd, sdInflation * Math.sqrt(sampleVariance(r)));
  // The reference may use at most REFERENCE_SHARE of the half-width (margin/2) on its own: then
  // the trials need at most ~2.3× what a known mean would. Where its own sd makes it wider (a
  // heavy-tailed ensemble: T-randn-linear's 24 matrices under master seed 289259290 had sd
  // ~4 decades at K = 500), it doubles, up to 16× its start, from the same reference stream:
  // sized on the reference alone, it never sees a trial's draw.
  const sized = new Map<number, number[]>();
  const ref = (confidence: number): number[] => {
    const cached = sized.get(confidence);
    if (cached) return cached;
    let count = referenceCount;
    let r = reference(count);
    const tooWide = (values: number[]) =>
      jStat.studentt.inv(1 - (1 - confidence) / 2, values.length - 1) * (planningSd(values) / Math.sqrt(values.length)) >
      REFERENCE_SHARE * halfWidth;
    while (tooWide(r) && count < MAX_REFERENCE_GROWTH * referenceCount) {
      count = Math.min(2 * count, MAX_REFERENCE_GROWTH * referenceCount);
      r = reference(count);
    }
    sized.set(confidence, r);
    return r;
  };
  return {
    label,
    trialsBasis: (confidence) => {
      const r = ref(confidence);
      return `${label}: Welch half-width ≤ ${planned} against ${r.length} reference ${referenceNoun}${r.length > referenceCount ? ` (grown from ${referenceCount}: the reference alone may use at most ${REFERENCE_SHARE} of the half-width)` : ''}, planning sd ${fmt(planningSd(r))} ${unit} (the reference's sd × ${sdInflation}, at least ${fmt(minSd)})`;
    },
    trialsNeeded: (confidence) => {
      const r = ref(confidence);
      return trialsForMeanDifferenceHalfWidth({ sd: planningSd(r), halfWidth, confidence, referenceCount: r.length });
    },
    trialsAfter(observations, confidence) {
      const r = ref(confidence);
      return furtherStage(label, scalars(observations, of), {
        interval: (finite) => meanDifferenceCI(finite, r, { confidence }),
        minSd,
        plannedSd: planningSd(r),
        margin,
        halfWidth,
        unit,
        size: (sd) =>
          trialsForMeanDifferenceHalfWidth({
            sd,
            referenceSd: Math.sqrt(sampleVariance(r)),
            halfWidth,
            confidence,
            referenceCount: r.length,
          }),
      });
    },
    evaluate(observations, confidence) {
      const measured = scalars(observations, of);
      // a negative control's looks decide at a stricter confidence: they reuse the ensemble the claim's
      // plan sized (a wider interval, so a rejection only gets harder) instead of growing it to that confidence
      const r = sized.get(confidence) ?? sized.values().next().value ?? ref(confidence);
      const base = {
        label,
        method: 'Welch t against a reference ensemble',
        confidence,
        margin,
        theory: { value: mean(r), formula: theory },
      };
      const finite = measured.filter(Number.isFinite);
      if (finite.length < 2) {
        return { ...base, pass: false, estimate: Number.NaN, detail: `${label}: only ${finite.length} trial(s) with a finite value` };
      }
      const ci = meanDifferenceCI(finite, r, { confidence });
      const pass = insideMargin(ci, 0, margin) && finite.length === measured.length;
      const target = base.theory.value;
      return {
        ...base,
        target,
        pass,
        showsError: outsideMargin(ci, 0, margin),
        estimate: target + ci.estimate,
        lower: target + ci.lower,
        upper: target + ci.upper,
        detail:
          `${label}: measured ${fmt(target + ci.estimate)} vs reference ${fmt(target)} ${unit}; difference ${fmt(ci.estimate)}, ${pct(confidence)} CI [${fmt(ci.lower)}, ${fmt(ci.upper)}] ` +
          `${pass ? 'inside' : 'NOT inside'} ±${fmt(margin)} ${unit} (${finite.length} trials vs ${r.length} reference ${referenceNoun}` +
          `${finite.length < measured.length ? `; ${measured.length - finite.length} trials without a value` : ''}); theory: ${theory}`,
      };
    },
  };
}
