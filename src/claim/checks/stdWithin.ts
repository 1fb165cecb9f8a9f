/**
 * The std of pooled values = target × (1 ± margin), by a chi-square interval.
 */
import { pooledStdCI } from '../../stats/intervals.ts';
import { trialsForStdRelativeHalfWidth } from '../../stats/sampleSize.ts';
import type { Check, TheoryValue } from '../types.ts';
import { fmt, pct } from '../../text/format.ts';
import { arraysOf, fromInterval, insideMargin, outsideMargin } from './observations.ts';

/**
 * std(pooled `of` values) = target·(1 ± relativeMargin), by the chi-square interval (exact for
 * normal data, conservative for uniform). `perTrial` values come from each trial.
 */
export function stdWithin<const A extends string>(options: {
  of: A;
  label: string;
  target: TheoryValue;
  relativeMargin: number;
  perTrial: number;
}): Check<never, A> {
  const { of, label, target, relativeMargin, perTrial } = options;
  const margin = target.value * relativeMargin;
  return {
    label,
    trialsBasis: () =>
      `${label}: chi-square interval within ±${fmt((relativeMargin / 2) * 100)}% (margin/2) over ${perTrial} values per trial`,
    trialsNeeded: (confidence) =>
      Math.ceil(trialsForStdRelativeHalfWidth({ relativeHalfWidth: relativeMargin / 2, confidence }) / perTrial),
    evaluate(observations, confidence) {
      const ci = pooledStdCI(arraysOf(observations, of), { confidence });
      const pass = insideMargin(ci, target.value, margin);
      return {
        ...fromInterval(label, ci, pass, confidence),
        showsError: outsideMargin(ci, target.value, margin),
        target: target.value,
        margin,
        theory: target,
        detail:
          `${label} = ${fmt(ci.estimate)} (ratio ${fmt(ci.estimate / target.value)}), ${pct(confidence)} CI [${fmt(ci.lower)}, ${fmt(ci.upper)}] ` +
          `${pass ? 'inside' : 'NOT inside'} ${fmt(target.value)} ± ${fmt(relativeMargin * 100)}% (theory ${target.formula}), n = ${ci.n}`,
      };
    },
  };
}
