/**
 * Paired differences (measurement − per-trial diagnostic) within a margin.
 */
import { meanCI } from '../../stats/intervals.ts';
import { trialsForMeanHalfWidth } from '../../stats/sampleSize.ts';
import type { Check } from '../types.ts';
import { fmt, pct } from '../../text/format.ts';
import { scalars, insideMargin, outsideMargin } from './observations.ts';
import { furtherStageForMean } from './furtherStage.ts';

/**
 * A measured per-trial quantity agrees with its per-trial prediction: the t interval of the
 * paired differences lies inside ±margin. Trials where either side is not finite (a chain
 * that survived) are left out and counted in the detail.
 */
export function pairedWithin<const M extends string, const P extends string>(options: {
  measured: M;
  predicted: P;
  label: string;
  margin: number;
  sd: number;
  /** Where the planning sd comes from, when it is measured rather than a rule of thumb. */
  sdBasis?: string;
  unit: string;
  theory: string;
}): Check<M | P, never> {
  const { measured, predicted, label, margin, sd, sdBasis, unit, theory } = options;
  return {
    label,
    trialsBasis: () =>
      `${label}: t half-width of the paired differences ≤ margin/2 = ${fmt(margin / 2)} ${unit} with planning sd ${fmt(sd)} ${unit}${sdBasis ? ` (${sdBasis})` : ''}`,
    trialsNeeded: (confidence) => trialsForMeanHalfWidth({ sd, halfWidth: margin / 2, confidence }),
    trialsAfter: (observations, confidence) => {
      const b = scalars(observations, predicted);
      const differences = scalars(observations, measured).map((v, i) => v - (b[i] as number));
      return furtherStageForMean(label, differences, { margin, confidence, unit });
    },
    evaluate(observations, confidence) {
      const a = scalars(observations, measured);
      const b = scalars(observations, predicted);
      const differences = a.map((v, i) => v - (b[i] as number)).filter((d) => Number.isFinite(d));
      const excluded = a.length - differences.length;
      const base = { label, method: 'paired Student t', confidence, target: 0, margin, theory: { value: 0, formula: theory } };
      if (differences.length < 2) {
        return {
          ...base,
          pass: false,
          estimate: Number.NaN,
          detail: `${label}: only ${differences.length} trial(s) with a finite measured and predicted value`,
        };
      }
      const ci = meanCI(differences, { confidence });
      const pass = insideMargin(ci, 0, margin);
      return {
        ...base,
        pass,
        showsError: outsideMargin(ci, 0, margin),
        estimate: ci.estimate,
        lower: ci.lower,
        upper: ci.upper,
        detail:
          `${label}: measured − predicted = ${fmt(ci.estimate)} ${unit}, ${pct(confidence)} CI [${fmt(ci.lower)}, ${fmt(ci.upper)}] ` +
          `${pass ? 'inside' : 'NOT inside'} ±${fmt(margin)} ${unit} over ${differences.length} trials` +
          `${excluded ? ` (${excluded} without a finite pair left out)` : ''}; prediction: ${theory}`,
      };
    },
  };
}
