/**
 * Further stages: when the first trials spread wider than planned, how many more the interval needs.
 */
import { meanCI, type Interval } from '../../stats/intervals.ts';
import { trialsForMeanHalfWidth } from '../../stats/sampleSize.ts';
import { fmt } from '../../text/format.ts';
import { mean, sampleVariance } from '../../stats/moments.ts';

/**
 * A sample size for a further stage, or +∞ where no count reaches the width (a wrong input's
 * spread, e.g. a negative control): the run caps the stage, and the check then decides as is.
 */
function beyondAnyCap(size: () => number): number {
  try {
    return size();
  } catch (error) {
    if (error instanceof RangeError && /needs more than|alone give a half-width/.test(error.message)) return Number.POSITIVE_INFINITY;
    throw error;
  }
}

/**
 * A further stage for an interval planned on an sd, over a trial statistic's finite values:
 * undefined with fewer than 2 of them or while the interval is as narrow as planned (half-width
 * ≤ `halfWidth`, default margin/2), else the trials `size` asks for on their sd (at least `minSd`; at least one trial
 * more than seen). Reads the spread only, never the mean or the verdict.
 */
export function furtherStage(
  label: string,
  values: readonly number[],
  {
    interval,
    minSd = 0,
    plannedSd,
    margin,
    halfWidth = margin / 2,
    unit = '',
    size,
  }: {
    interval: (finite: number[]) => Interval;
    minSd?: number;
    plannedSd?: number;
    margin: number;
    /** The planned half-width, when not margin/2 (a planning bias narrows it). */
    halfWidth?: number;
    unit?: string;
    size: (sd: number) => number;
  },
): { trials: number; why: string } | undefined {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return undefined;
  const ci = interval(finite);
  const half = (ci.upper - ci.lower) / 2;
  if (half <= halfWidth) return undefined;
  const sd = Math.max(minSd, Math.sqrt(sampleVariance(finite)));
  const u = unit ? ` ${unit}` : '';
  const planned = plannedSd === undefined ? '' : ` (planned ${fmt(plannedSd)}${u})`;
  return {
    trials: Math.max(
      beyondAnyCap(() => size(sd)),
      values.length + 1,
    ),
    why: `${label}: the first ${values.length} trials' sd ${fmt(sd)}${u}${planned} gave a half-width ${fmt(half)}${u} > ${halfWidth === margin / 2 ? 'margin/2' : 'the planned half-width'} = ${fmt(halfWidth)}${u}; resized on that sd`,
  };
}

/** furtherStage for a one-sample t interval over `values`. */
export function furtherStageForMean(
  label: string,
  values: readonly number[],
  { margin, halfWidth = margin / 2, confidence, unit }: { margin: number; halfWidth?: number; confidence: number; unit?: string },
): { trials: number; why: string } | undefined {
  return furtherStage(label, values, {
    interval: (finite) => meanCI(finite, { confidence }),
    margin,
    halfWidth,
    unit,
    size: (sd) => trialsForMeanHalfWidth({ sd, halfWidth, confidence }),
  });
}
