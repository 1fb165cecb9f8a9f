/**
 * How much room a ±δ power control has, stated like α: where its estimate sits against the
 * claim's margin, in standard errors of the claim's own estimate at the claim's own trial count.
 * A control shows the error when its interval lies wholly outside the margin, so at the claim's
 * trial count it misses with probability ≈ Φ(−room). The rule margin ≤ 0.4 × the move (with the
 * half-width at most margin/2) leaves ≥ 2z SEs; a margin at half the move leaves ~z.
 * The same reading of a claim's own check (claimRoom) says how often it fails a true claim.
 */
import jStat from 'jstat';
import { median } from '../stats/median.ts';
import { mean, sampleVariance } from '../stats/moments.ts';

export interface RoomInput {
  /** The control's estimate of the checked value (the init scaled by 1 ± δ). */
  controlEstimate: number;
  /** The claim's target and margin for that value. */
  target: number;
  margin: number;
  /** The claim's own interval at its full trial count: half-width and the quantile that made it. */
  claimHalfWidth: number;
  quantile: number;
}

/** Room in SEs between a control's interval, were it as narrow as the claim's, and the margin's edge. */
export function powerRoom({ controlEstimate, target, margin, claimHalfWidth, quantile }: RoomInput): number {
  for (const [name, value] of Object.entries({ controlEstimate, target, margin, claimHalfWidth, quantile })) {
    if (!Number.isFinite(value)) throw new RangeError(`powerRoom: ${name} must be finite, got ${value}`);
  }
  if (!(margin > 0 && claimHalfWidth > 0 && quantile > 0))
    throw new RangeError(`powerRoom: needs a positive margin, half-width and quantile, got ${margin}, ${claimHalfWidth}, ${quantile}`);
  const standardError = claimHalfWidth / quantile;
  return (Math.abs(controlEstimate - target) - margin - claimHalfWidth) / standardError;
}

/** The two-sided quantile of an interval at `confidence`: Student t on `df` degrees of freedom, else normal (large samples, chi-square intervals of a std). */
export function intervalQuantile(confidence: number, df?: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`intervalQuantile: confidence must be in (0, 1), got ${confidence}`);
  const p = (1 + confidence) / 2;
  return df !== undefined && df >= 1 ? jStat.studentt.inv(p, df) : jStat.normal.inv(p, 0, 1);
}

/** The miss probability that room implies, Φ(−room). */
export const missProbability = (room: number): number => jStat.normal.cdf(-room, 0, 1);

export interface ClaimRoomInput {
  /** The check's offsets from its target (estimate − target), one per audit run. */
  offsets: readonly number[];
  /** Its half-widths and the quantile that made them, one per run. */
  halfWidths: readonly number[];
  quantile: number;
  margin: number;
}

/**
 * A claim's own check, read over audit runs: its bias (the offsets' mean, e.g. a finite-width
 * net against a mean-field target) and how likely it is to fail on a true claim. A check fails
 * when |offset| + half-width > margin; with offset ~ N(bias, SE) at the median half-width and SE,
 * that is Φ(−(margin − hw − bias)/SE) + Φ(−(margin − hw + bias)/SE). Planned at hw = margin/2
 * with no bias this is 2Φ(−z) = the check's α; a bias spends the room the sizing left.
 */
export function claimRoom({ offsets, halfWidths, quantile, margin }: ClaimRoomInput): {
  bias: number;
  biasSE: number;
  standardError: number;
  halfWidth: number;
  failProbability: number;
} {
  if (offsets.length === 0 || offsets.length !== halfWidths.length)
    throw new RangeError(`claimRoom: needs one half-width per offset and at least one run, got ${offsets.length} and ${halfWidths.length}`);
  for (const value of [...offsets, ...halfWidths, quantile, margin]) {
    if (!Number.isFinite(value)) throw new RangeError(`claimRoom: offsets, half-widths, quantile and margin must be finite, got ${value}`);
  }
  if (!(margin > 0 && quantile > 0 && halfWidths.every((h) => h > 0)))
    throw new RangeError('claimRoom: needs a positive margin, quantile and half-widths');
  const runs = offsets.length;
  const bias = mean(offsets);
  const biasSE = runs > 1 ? Math.sqrt(sampleVariance(offsets) / runs) : Number.NaN;
  const halfWidth = median(halfWidths);
  const standardError = halfWidth / quantile;
  const room = margin - halfWidth;
  const failProbability = missProbability((room - bias) / standardError) + missProbability((room + bias) / standardError);
  return { bias, biasSE, standardError, halfWidth, failProbability };
}
