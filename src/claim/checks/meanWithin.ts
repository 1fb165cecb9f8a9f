/**
 * E[statistic] = target ± margin, by a t interval over trials.
 */
import { meanCI } from '../../stats/intervals.ts';
import { trialsForMeanHalfWidth } from '../../stats/sampleSize.ts';
import type { Check, NotebookValue, TheoryValue } from '../types.ts';
import { fmt, pct } from '../../text/format.ts';
import { scalars, fromInterval, insideMargin, outsideMargin } from './observations.ts';
import { furtherStageForMean } from './furtherStage.ts';
import { plannedHalfWidth } from './plannedHalfWidth.ts';

/**
 * E[of] = target ± margin, by a t interval over trials. `sd` is the planning value of the
 * per-trial standard deviation (from theory); trials spread wider get a further stage. With
 * `notebook` and `notebookRepeats`, the report also says how many standard errors the
 * notebook's own average sits from the target. With `bias`, a planning value of how far the
 * measured setting's expectation sits from the target (a finite-width net against a mean-field
 * theory), the trials keep the half-width ≤ (margin − |bias|)/2: the room sizing leaves for the
 * noise is then not spent by the bias, so the check still fails a true claim at about its α.
 * The decision never sees it: the interval must still lie within target ± margin.
 */
export function meanWithin<const S extends string>(options: {
  of: S;
  label: string;
  target: TheoryValue;
  margin: number;
  sd: number;
  /** Where the planning sd comes from, e.g. "theory" or "pilot, 6 seeds". */
  sdBasis?: string;
  notebook?: NotebookValue;
  notebookRepeats?: number;
  /** Planning offset of the measured expectation from the target, and where it comes from. */
  bias?: { value: number; basis: string };
}): Check<S, never> {
  const { of, label, target, margin, sd, sdBasis = 'theory', notebook, notebookRepeats, bias } = options;
  if (!(margin > 0)) throw new RangeError(`meanWithin(${label}): margin must be > 0, got ${margin}`);
  const { halfWidth, planned } = plannedHalfWidth(`meanWithin(${label})`, margin, bias);
  return {
    label,
    trialsBasis: () => `${label}: t half-width ≤ ${planned} with per-trial sd ${fmt(sd)} (${sdBasis})`,
    trialsNeeded: (confidence) => trialsForMeanHalfWidth({ sd, halfWidth, confidence }),
    trialsAfter: (observations, confidence) => furtherStageForMean(label, scalars(observations, of), { margin, halfWidth, confidence }),
    evaluate(observations, confidence) {
      const values = scalars(observations, of);
      const ci = meanCI(values, { confidence });
      const pass = insideMargin(ci, target.value, margin);
      const showsError = outsideMargin(ci, target.value, margin);
      let notebookNote = '';
      if (notebook && notebookRepeats) {
        const z = (notebook.value - target.value) / (sd / Math.sqrt(notebookRepeats));
        notebookNote = `; notebook ${notebook.cell} ${fmt(notebook.value)} over ${notebookRepeats} repeats is ${z.toFixed(2)} theory SEs from the target`;
      }
      return {
        ...fromInterval(label, ci, pass, confidence),
        showsError,
        target: target.value,
        margin,
        theory: target,
        ...(notebook ? { notebook } : {}),
        detail:
          `${label} = ${fmt(ci.estimate)}, ${pct(confidence)} CI [${fmt(ci.lower)}, ${fmt(ci.upper)}] ` +
          `${pass ? 'inside' : 'NOT inside'} ${fmt(target.value)} ± ${fmt(margin)} (theory ${target.formula})${notebookNote}`,
      };
    },
  };
}
