/**
 * Whether the notebook's one draw is typical of the claim's trials.
 */
import type { Check, NotebookValue } from '../types.ts';
import { fmt } from '../../text/format.ts';
import { scalars } from './observations.ts';

/**
 * The notebook's single draw of a per-trial statistic is typical of its sampling distribution:
 * a two-sided Monte Carlo p-value 2·min(#≤, #≥ + 1)/(N + 1) over the trials, passing when ≥ α.
 * Needs N ≥ 2/α - 1 trials, else it could never fail.
 */
export function notebookDrawTypical<const S extends string>(options: { of: S; label: string; notebook: NotebookValue }): Check<S, never> {
  const { of, label, notebook } = options;
  return {
    label,
    trialsBasis: () => `${label}: a Monte Carlo p-value can reach α only with ≥ 2/α - 1 trials`,
    trialsNeeded: (confidence) => Math.ceil(2 / (1 - confidence)) - 1,
    evaluate(observations, confidence) {
      const values = scalars(observations, of);
      const below = values.filter((v) => v <= notebook.value).length;
      const above = values.filter((v) => v >= notebook.value).length;
      const n = values.length;
      const pValue = Math.min(1, (2 * (Math.min(below, above) + 1)) / (n + 1));
      const alpha = 1 - confidence;
      const pass = pValue >= alpha;
      return {
        label,
        method: 'Monte Carlo rank',
        pass,
        estimate: below / n,
        confidence,
        notebook,
        detail:
          `notebook ${notebook.cell} ${notebook.key} = ${fmt(notebook.value)} sits at percentile ${fmt((100 * below) / n)} of ${n} seeded draws ` +
          `(two-sided p = ${fmt(pValue)} ${pass ? '≥' : '<'} α = ${fmt(alpha)})`,
      };
    },
  };
}
