/**
 * Informational checks: they report (medians, values) and never decide.
 */
import { medianCI, minimumSamplesForMedianCI } from '../../stats/intervals.ts';
import type { Check, NotebookValue, TheoryValue } from '../types.ts';
import { fmt, pct } from '../../text/format.ts';
import { median } from '../../stats/median.ts';
import { scalars } from './observations.ts';

/** A check that reports and never decides: it spends no α and asks for no trials. */
export function informationalCheck(label: string, evaluate: Check['evaluate']): Check<never, never> {
  return { label, informational: true, trialsBasis: () => `${label}: informational`, trialsNeeded: () => 1, evaluate };
}

/**
 * Where the per-trial values land: the median with its order-statistic interval, whether it
 * contains the notebook's single draw, and a closed-form theory value beside it. Informational:
 * a single draw need not lie in the median's interval, so this reports rather than decides.
 */
export function medianReport<const S extends string>(options: {
  of: S;
  label: string;
  notebook?: NotebookValue;
  theory?: TheoryValue;
  confidence?: number;
}): Check<S, never> {
  const { of, label, notebook, theory, confidence: own = 0.95 } = options;
  return informationalCheck(label, (observations) => {
    // NaN is "not measured in this trial"; ±Infinity is a censored value (past the last step) and keeps its rank
    const all = scalars(observations, of);
    const values = all.filter((v) => !Number.isNaN(v));
    const unmeasured = all.length - values.length;
    const beyond = values.filter((v) => !Number.isFinite(v)).length;
    const enough = values.length >= minimumSamplesForMedianCI(own);
    const ci = enough ? medianCI(values, { confidence: own }) : undefined;
    const median = ci?.estimate ?? Number.NaN;
    const contains = ci !== undefined && notebook !== undefined && ci.lower <= notebook.value && notebook.value <= ci.upper;
    const rank = notebook ? values.filter((v) => v <= notebook.value).length : 0;
    const parts = [
      ci
        ? `${label}: median ${fmt(median)}, ${pct(ci.achievedConfidence)} interval [${fmt(ci.lower)}, ${fmt(ci.upper)}] (order statistics ${ci.ranks.join(', ')} of ${values.length})`
        : `${label}: ${values.length} trials are too few for a ${pct(own)} median interval`,
      values.length ? `range [${fmt(Math.min(...values))}, ${fmt(Math.max(...values))}]` : 'no values',
    ];
    if (beyond) parts.push(`${beyond} of ${values.length} infinite (censored: past the last step run)`);
    if (unmeasured) parts.push(`${unmeasured} trial(s) without a value left out`);
    if (notebook) {
      parts.push(
        `notebook ${notebook.cell} ${fmt(notebook.value)} is ${contains ? 'inside' : 'outside'} the median interval, at rank ${rank} of ${values.length}`,
      );
    }
    if (theory) parts.push(`closed form ${theory.formula} = ${fmt(theory.value)}`);
    return {
      label,
      method: 'order statistics',
      pass: true,
      informational: true,
      estimate: median,
      ...(ci ? { lower: ci.lower, upper: ci.upper } : {}),
      confidence: ci?.achievedConfidence ?? own,
      ...(notebook ? { notebook } : {}),
      ...(theory ? { theory } : {}),
      detail: parts.join('; '),
    };
  });
}

/**
 * Informational: the median (and range) across trials of each entry of an array observation,
 * e.g. log10 std after 10, 50, 100 layers.
 */
export function mediansReport<const A extends string>(options: { of: A; label: string; positions: readonly string[] }): Check<never, A> {
  const { of, label, positions } = options;
  return informationalCheck(label, (observations) => {
    const parts = positions.map((position, index) => {
      const values = observations
        .map((o) => {
          const value = o[of];
          return typeof value === 'number' || value === undefined ? Number.NaN : (value[index] as number);
        })
        .filter((v) => !Number.isNaN(v));
      if (values.length === 0) return `${position}: not reached`;
      return `${position}: median ${fmt(median(values))} [${fmt(Math.min(...values))}, ${fmt(Math.max(...values))}]`;
    });
    return {
      label,
      method: 'order statistics',
      pass: true,
      informational: true,
      estimate: Number.NaN,
      confidence: 1,
      detail: `${label} — ${parts.join('; ')}`,
    };
  });
}
