/**
 * E[statistic] = target ± margin, by a t interval over trials.
 */
import { meanCI } from '../../stats/intervals.ts';
import { trialsForMeanHalfWidth } from '../../stats/sampleSize.ts';
import type { Check, NotebookValue, TheoryValue } from '../types.ts';
import { fmt, pct } from '../../text/format.ts';
import { scalars, fromInterval, insideMargin, outsideMargin } from './observations.ts';
import { furtherStageForMean } from './furtherStage.ts';

/**
 * E[of] = target ± margin, by a t interval over trials. `sd` is the planning value of the
 * per-trial standard deviation (from theory); trials spread wider get a further stage. With
 * `notebook` and `notebookRepeats`, the report also says how many standard errors the
 * notebook's own average sits from the target.
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
}): Check<S, never> {
  const { of, label, target, margin, sd, sdBasis = 'theory', notebook, notebookRepeats } = options;
  if (!(margin > 0)) throw new RangeError(`meanWithin(${label}): margin must be > 0, got ${margin}`);
  return {
    label,
    trialsBasis: () => `${label}: t half-width ≤ margin/2 = ${fmt(margin / 2)} with per-trial sd ${fmt(sd)} (${sdBasis})`,
    trialsNeeded: (confidence) => trialsForMeanHalfWidth({ sd, halfWidth: margin / 2, confidence }),
    trialsAfter: (observations, confidence) => furtherStageForMean(label, scalars(observations, of), { margin, confidence }),
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
