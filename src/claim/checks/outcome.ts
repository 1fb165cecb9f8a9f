/**
 * P(outcome) ≥ p0, by a Clopper–Pearson bound.
 */
import { proportionCI } from '../../stats/intervals.ts';
import { trialsForProportionLowerBound } from '../../stats/sampleSize.ts';
import type { Check } from '../types.ts';
import { fmt, pct } from '../../text/format.ts';
import { scalars, fromInterval } from './observations.ts';

/**
 * P(outcome) ≥ p0: the one-sided Clopper–Pearson lower bound from the trials where the
 * indicator `of` is 1. Sized so that all-success trials reach p0.
 */
export function outcomeAtLeast<const S extends string>(options: { of: S; label: string; p0: number }): Check<S, never> {
  const { of, label, p0 } = options;
  return {
    label,
    trialsBasis: () => `${label}: n successes in n trials give a Clopper–Pearson lower bound ≥ ${p0}`,
    trialsNeeded: (confidence) => trialsForProportionLowerBound({ p0, confidence }),
    evaluate(observations, confidence) {
      // Trials that did not observe the outcome (NaN) are left out of both counts.
      const observed = scalars(observations, of).filter((v) => !Number.isNaN(v));
      const hits = observed.filter((v) => v === 1).length;
      if (observed.length === 0) {
        return {
          label,
          method: 'Clopper–Pearson',
          pass: false,
          showsError: false,
          estimate: Number.NaN,
          confidence,
          target: p0,
          detail: `${label}: no trial observed the outcome`,
        };
      }
      const ci = proportionCI(hits, observed.length, { confidence, sided: 'lower' });
      const pass = ci.lower >= p0;
      return {
        ...fromInterval(label, ci, pass, confidence),
        target: p0,
        detail:
          `${label}: ${hits} of ${observed.length} trials; P ≥ ${fmt(ci.lower)} at ${pct(confidence)} ` +
          `(one-sided Clopper–Pearson) ${pass ? '≥' : '<'} the stated ${p0}`,
      };
    },
  };
}
