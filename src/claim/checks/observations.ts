/**
 * Reading trials: a statistic per trial or pooled over trials, and the margin decisions every interval check shares.
 */
import { concatenated } from '../../stats/concatenated.ts';
import type { Interval } from '../../stats/intervals.ts';
import type { CheckResult, Observation, Observations } from '../types.ts';

export function scalars(observations: readonly Observations[], key: string): number[] {
  return observations.map((o, trial) => {
    const value: Observation | undefined = o[key];
    if (typeof value !== 'number') throw new TypeError(`check: trial ${trial} has no number "${key}"`);
    return value;
  });
}

export function pooled(observations: readonly Observations[], key: string): Float64Array {
  return concatenated(arraysOf(observations, key));
}

/** Each trial's `key` array, in trial order: a pool not yet joined. */
export function arraysOf(observations: readonly Observations[], key: string): Array<ArrayLike<number>> {
  return observations.map((o, trial) => {
    const value: Observation | undefined = o[key];
    if (value === undefined || typeof value === 'number') throw new TypeError(`check: trial ${trial} has no array "${key}"`);
    return value;
  });
}

/** The fields every interval-based check reports, from its interval and decision. */
export function fromInterval(
  label: string,
  ci: Interval,
  pass: boolean,
  confidence: number,
): Pick<CheckResult, 'label' | 'method' | 'pass' | 'estimate' | 'lower' | 'upper' | 'confidence'> {
  return { label, method: ci.method, pass, estimate: ci.estimate, lower: ci.lower, upper: ci.upper, confidence };
}

/** The equivalence decision: the whole interval lies inside [target - margin, target + margin]. */
export function insideMargin(ci: { lower: number; upper: number }, target: number, margin: number): boolean {
  return ci.lower >= target - margin && ci.upper <= target + margin;
}

/** The power decision: the whole interval lies outside [target - margin, target + margin]. */
export function outsideMargin(ci: { lower: number; upper: number }, target: number, margin: number): boolean {
  return ci.lower > target + margin || ci.upper < target - margin;
}
