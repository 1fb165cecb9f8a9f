/**
 * One tensor against the scheme its rule expects: its std and mean with intervals, its family by
 * a KS test, values outside what the family allows, non-finite values; or, for a constant, every
 * value equal to it. The intervals are decided like claims: each must lie inside its margin,
 * sized so a right tensor fails with probability ≤ its α, and the margin says the smallest error
 * the tensor's size lets the check detect. With no rule, the tensor is described, not judged.
 */
import jStat from 'jstat';
import { meanCI, stdCI } from '../stats/intervals.ts';
import { ksTestSorted, uniformCdf } from '../stats/ksTest.ts';
import { normalCdf } from '../stats/normalCdf.ts';
import { sortAscending } from '../stats/sortAscending.ts';
import { mean as meanOf, sampleVariance } from '../stats/moments.ts';
import type { DrawFamily, Expected } from '../theory/ruleSchemes.ts';
import { truncatedStdRatio } from '../theory/truncatedNormal.ts';
import type { TensorValues } from '../model/tensorValues.ts';
import { MAX_ORTHOGONALITY_VALUES, ORTHOGONALITY_TOLERANCE } from './orthogonality.ts';
import type { Role } from './roles.ts';

/** A model audit's δ: the smallest std error it must catch (2%, as the matchers' distribution checks). */
export const AUDIT_DELTA = 0.02;
/** The checks a drawn tensor spends its α on (Bonferroni within the tensor). */
export const DRAW_CHECKS = 4;

export interface TensorVerdict {
  verdict: 'pass' | 'fail' | 'no-rule';
  fitted: string;
  reasons: string[];
  flags: string[];
  /** the std error this tensor's sample can show at its α (its margin plus its half-width) */
  detects?: number;
}

/** The sample size a std check needs for a relative half-width ≤ δ/4 at `alpha` (normal data). */
export function sampleLimit(alpha: number, delta = AUDIT_DELTA): number {
  const z = jStat.normal.inv(1 - alpha / 2, 0, 1);
  return Math.ceil(2 * (z / (delta / 4)) ** 2) + 1;
}

const SQRT3 = Math.sqrt(3);

/** N(0,1) truncated at ±2, rescaled to unit std: the shape tfjs-layers' normal initializers draw. */
function truncatedCdf(k: number): (x: number) => number {
  const r = truncatedStdRatio(k);
  const mass = 2 * normalCdf(k) - 1;
  return (x) => {
    const u = x * r;
    if (u <= -k) return 0;
    if (u >= k) return 1;
    return (normalCdf(u) - normalCdf(-k)) / mass;
  };
}

/** The standardised CDF of a family: its shape, whatever its scale. */
export function familyCdf(family: DrawFamily): ((x: number) => number) | undefined {
  switch (family) {
    case 'normal':
      return normalCdf;
    case 'uniform':
      return uniformCdf(-SQRT3, SQRT3);
    case 'truncated-normal':
      return truncatedCdf(2);
    case 'orthogonal':
      return undefined; // its entries are nearly normal; orthogonality is a matrix property, not a shape
  }
}

const sig = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));

function standardise(sample: Float64Array, m: number, s: number): Float64Array {
  const out = new Float64Array(sample.length);
  for (let i = 0; i < sample.length; i++) out[i] = ((sample[i] as number) - m) / s;
  return out;
}

/**
 * The family's KS tests take up to this many of the sampled values (every k-th): they decide
 * the shape, which needs far fewer values than the std's δ; the std and mean use them all.
 */
export const FAMILY_SAMPLE = 2 ** 18;

/** The sample standardised by its own mean and sd (up to FAMILY_SAMPLE of it), sorted once for every KS distance taken of it. */
function standardisedSorted(sample: Float64Array): Float64Array {
  const step = Math.ceil(sample.length / FAMILY_SAMPLE);
  const part = step === 1 ? sample : Float64Array.from({ length: Math.ceil(sample.length / step) }, (_, i) => sample[i * step] as number);
  return sortAscending(standardise(part, meanOf(sample), Math.sqrt(sampleVariance(sample))));
}

/** The family that fits best (smallest KS distance of the standardised sample), with its std. */
export function describeDraw(values: TensorValues, role: Role, sorted?: Float64Array): string {
  if (values.count === 0) return 'empty';
  if (values.constant) return `constant ${sig(values.min)}`;
  const s = Math.sqrt(sampleVariance(values.sample));
  const m = meanOf(values.sample);
  const z = sorted ?? standardisedSorted(values.sample);
  const fits = (['normal', 'uniform', 'truncated-normal'] as const).map((f) => ({ f, d: ksTestSorted(z, familyCdf(f)!).statistic }));
  fits.sort((a, b) => a.d - b.d);
  const ci = stdCI(values.sample, { confidence: 0.95 });
  const gain = role.fans ? `, gain ${sig(s * Math.sqrt(role.fans.fanIn))} on fan_in ${role.fans.fanIn}` : '';
  const family = fits[0]!.f === 'truncated-normal' ? 'normal truncated at ±2σ' : fits[0]!.f;
  return `${family}, mean ${sig(m)}, std ${sig(s)} [${sig(ci.lower)}, ${sig(ci.upper)}]${gain}`;
}

/** Judges one tensor at `alpha` (its share of the model's α) against `expected`; `orthogonality` is orthogonalityError's, where measured. */
export function auditTensor(
  values: TensorValues,
  role: Role,
  expected: Expected | undefined,
  alpha: number,
  orthogonality?: number,
): TensorVerdict {
  const flags: string[] = [];
  const reasons: string[] = [];
  if (values.nonFinite > 0) {
    flags.push('non-finite');
    reasons.push(`${values.nonFinite} non-finite value(s)`);
  }
  const drawn = !values.constant && values.sample.length >= 2;
  const sorted = drawn ? standardisedSorted(values.sample) : undefined;
  const fitted = describeDraw(values, role, sorted);
  if (expected === undefined || expected.kind === 'skip') return { verdict: 'no-rule', fitted, reasons, flags };
  if (expected.kind === 'constant') {
    if (!values.constant)
      reasons.push(`a draw where the role expects the constant ${expected.value} (values from ${sig(values.min)} to ${sig(values.max)})`);
    else if (values.min !== expected.value) reasons.push(`constant ${sig(values.min)}, expected ${expected.value}`);
    return { verdict: reasons.length ? 'fail' : 'pass', fitted, reasons, flags };
  }
  if (values.constant) {
    reasons.push(`a constant (${sig(values.min)}) where the role expects a draw, ${expected.formula}`);
    return { verdict: 'fail', fitted, reasons, flags };
  }
  const n = values.sample.length;
  const checkAlpha = alpha / DRAW_CHECKS;
  const confidence = 1 - checkAlpha;
  const z = jStat.normal.inv(1 - checkAlpha / 2, 0, 1);
  // planned from n alone (never the data): the relative half-width n gives, and a margin twice it, at least δ/2
  const stdHalfWidth = z / Math.sqrt(2 * Math.max(1, n - 1));
  const stdMargin = Math.max(AUDIT_DELTA / 2, 2 * stdHalfWidth);
  const std = stdCI(values.sample, { confidence });
  const [lo, hi] = [std.lower / expected.std, std.upper / expected.std];
  if (!(lo >= 1 - stdMargin && hi <= 1 + stdMargin))
    reasons.push(
      `std ${sig(std.estimate)} = ${sig(std.estimate / expected.std)}× the expected ${sig(expected.std)}, CI [${sig(lo)}, ${sig(hi)}]× not inside 1 ± ${sig(stdMargin)}`,
    );
  const meanMargin = Math.max(0.05, 2 * (z / Math.sqrt(n)));
  const m = meanCI(values.sample, { confidence });
  const [mlo, mhi] = [(m.lower - expected.mean) / expected.std, (m.upper - expected.mean) / expected.std];
  if (!(mlo >= -meanMargin && mhi <= meanMargin))
    reasons.push(`mean ${sig(m.estimate)}, CI [${sig(m.lower)}, ${sig(m.upper)}] not within ${expected.mean} ± ${sig(meanMargin)}·std`);
  const cdf = familyCdf(expected.family);
  if (cdf !== undefined && n >= 8 && sorted !== undefined) {
    const ks = ksTestSorted(sorted, cdf);
    if (ks.pValue < checkAlpha)
      reasons.push(`not ${expected.family}: KS D = ${sig(ks.statistic)}, p = ${sig(ks.pValue)} < ${sig(checkAlpha)}`);
  }
  // values the family cannot give: past its support, or (unbounded) farther than a right tensor's
  // largest deviation reaches but with probability checkAlpha (Bonferroni over its values)
  const [a, b] =
    expected.support ??
    (() => {
      const k = jStat.normal.inv(1 - checkAlpha / (2 * values.count), 0, 1);
      return [expected.mean - k * expected.std, expected.mean + k * expected.std] as [number, number];
    })();
  if (expected.family === 'orthogonal') {
    if (orthogonality === undefined) reasons.push(`orthogonality not measured (over ${MAX_ORTHOGONALITY_VALUES} values)`);
    else if (orthogonality > ORTHOGONALITY_TOLERANCE)
      reasons.push(`not orthogonal: max |WWᵀ − gain²I| = ${sig(orthogonality)}·gain², over ${ORTHOGONALITY_TOLERANCE}`);
  }
  const slack = 1e-6 * (b - a);
  if (values.min < a - slack || values.max > b + slack) {
    flags.push('outliers');
    reasons.push(`values from ${sig(values.min)} to ${sig(values.max)} leave ${expected.family}'s range [${sig(a)}, ${sig(b)}]`);
  }
  return { verdict: reasons.length ? 'fail' : 'pass', fitted, reasons, flags, detects: stdMargin + stdHalfWidth };
}
