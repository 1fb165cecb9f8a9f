/**
 * One statistic spreads wider than another: a lower bound on their std ratio.
 */
import { stdRatioCI } from '../../stats/intervals.ts';
import { trialsForStdRatioLowerBound } from '../../stats/sampleSize.ts';
import type { Check } from '../types.ts';
import { fmt, pct } from '../../text/format.ts';
import { scalars } from './observations.ts';

/**
 * The spread of `wide` across trials exceeds that of `narrow` by at least `atLeast`: the
 * one-sided F lower bound on sd(wide)/sd(narrow). Sized for a planned ratio (theory or pilot).
 */
export function spreadRatioAtLeast<const W extends string, const N extends string>(options: {
  wide: W;
  narrow: N;
  label: string;
  atLeast: number;
  plannedRatio: number;
}): Check<W | N, never> {
  const { wide, narrow, label, atLeast, plannedRatio } = options;
  return {
    label,
    trialsBasis: () => `${label}: an sd ratio of half the planned ${plannedRatio} still clears ${atLeast} (one-sided F)`,
    trialsNeeded: (confidence) => trialsForStdRatioLowerBound({ plannedRatio, atLeast, confidence }),
    evaluate(observations, confidence) {
      const ci = stdRatioCI(scalars(observations, wide), scalars(observations, narrow), { confidence, sided: 'lower' });
      const pass = ci.lower >= atLeast;
      return {
        label,
        method: ci.method,
        pass,
        estimate: ci.estimate,
        lower: ci.lower,
        confidence,
        target: atLeast,
        detail: `${label}: sd(${wide}) / sd(${narrow}) = ${fmt(ci.estimate)}, ≥ ${fmt(ci.lower)} at ${pct(confidence)} (one-sided F) ${pass ? '≥' : '<'} ${atLeast}`,
      };
    },
  };
}
