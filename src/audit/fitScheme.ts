/**
 * Which scheme does an initializer draw? Draws it at shapes whose fans differ (fan_in ≠ fan_out,
 * swapped, and a conv kernel), measures each std with a chi-square interval and the family of
 * the standardised values (KS distance to uniform, normal, and a normal truncated at ±2σ), then
 * compares with every named scheme's published std (src/theory/publishedSchemes.ts).
 */
import jStat from 'jstat';
import { deriveSeed } from '../rng/seed.ts';
import { concatenated } from '../stats/concatenated.ts';
import { stdCI } from '../stats/intervals.ts';
import { standardised } from '../stats/moments.ts';
import { ksTest, uniformCdf } from '../stats/ksTest.ts';
import { trialsForStdRelativeHalfWidth } from '../stats/sampleSize.ts';
import {
  FAN_PROBE_SHAPES,
  publishedScheme,
  type PublishedScheme,
  type SchemeOptions,
  type WeightLayout,
} from '../theory/publishedSchemes.ts';
import { truncatedStdRatio } from '../theory/truncatedNormal.ts';

export const AUDIT_SHAPES = FAN_PROBE_SHAPES;

/**
 * The named schemes an audit compares with (scheme + the options that name it); `gain` and `fan`
 * write it as std = gain/√fan, so a measured ratio r fits gain r·gain on that fan.
 */
export const AUDIT_CANDIDATES: Array<{ name: string; scheme: PublishedScheme; options: SchemeOptions; gain: number; fan: string }> = [
  {
    name: 'kaiming-uniform (relu, fan_in) / heUniform',
    scheme: 'kaiming-uniform',
    options: { nonlinearity: 'relu' },
    gain: Math.SQRT2,
    fan: 'fan_in',
  },
  {
    name: 'kaiming-normal (relu, fan_in) / heNormal',
    scheme: 'kaiming-normal',
    options: { nonlinearity: 'relu' },
    gain: Math.SQRT2,
    fan: 'fan_in',
  },
  {
    name: 'kaiming-uniform (relu, fan_out)',
    scheme: 'kaiming-uniform',
    options: { nonlinearity: 'relu', mode: 'fan_out' },
    gain: Math.SQRT2,
    fan: 'fan_out',
  },
  {
    name: 'kaiming-normal (relu, fan_out)',
    scheme: 'kaiming-normal',
    options: { nonlinearity: 'relu', mode: 'fan_out' },
    gain: Math.SQRT2,
    fan: 'fan_out',
  },
  { name: 'xavier-uniform / glorotUniform', scheme: 'xavier-uniform', options: {}, gain: 1, fan: '(fan_in+fan_out)/2' },
  { name: 'xavier-normal / glorotNormal', scheme: 'xavier-normal', options: {}, gain: 1, fan: '(fan_in+fan_out)/2' },
  { name: 'lecun-uniform / leCunUniform', scheme: 'lecun-uniform', options: {}, gain: 1, fan: 'fan_in' },
  { name: 'lecun-normal / leCunNormal', scheme: 'lecun-normal', options: {}, gain: 1, fan: 'fan_in' },
  { name: 'torch default (kaiming a=√5: U(±1/√fan_in))', scheme: 'torch-default', options: {}, gain: Math.sqrt(1 / 3), fan: 'fan_in' },
];

export type Family = 'uniform' | 'normal' | 'normal truncated at ±2σ (not rescaled)';

const TRUNCATION = 2;
const truncatedSd = truncatedStdRatio(TRUNCATION);
/** CDF of N(0,1) truncated at ±2, standardised to unit variance. */
function truncatedStandardCdf(z: number): number {
  const x = z * truncatedSd;
  if (x <= -TRUNCATION) return 0;
  if (x >= TRUNCATION) return 1;
  const lo = jStat.normal.cdf(-TRUNCATION, 0, 1);
  return (jStat.normal.cdf(x, 0, 1) - lo) / (1 - 2 * lo);
}

const FAMILY_CDFS: Record<Family, (z: number) => number> = {
  uniform: uniformCdf(-Math.sqrt(3), Math.sqrt(3)),
  normal: (z) => jStat.normal.cdf(z, 0, 1),
  'normal truncated at ±2σ (not rescaled)': truncatedStandardCdf,
};

/**
 * The family of standardised values: the KS distance to each candidate family's unit-variance CDF,
 * and the nearest. Each sample is standardised on its own (its own std), then pooled.
 */
export function familyOf(standardisedSamples: readonly Float64Array[]): { best: Family; distances: Record<Family, number> } {
  const pooled = concatenated(standardisedSamples);
  const distances = Object.fromEntries(
    (Object.keys(FAMILY_CDFS) as Family[]).map((f) => [f, ksTest(pooled, FAMILY_CDFS[f]).statistic]),
  ) as Record<Family, number>;
  const best = (Object.keys(distances) as Family[]).reduce((a, b) => (distances[a] <= distances[b] ? a : b));
  return { best, distances };
}

export interface ShapeFit {
  shape: number[];
  n: number;
  std: number;
  lower: number;
  upper: number;
}

export interface CandidateFit {
  name: string;
  /** measured std / the scheme's std, per shape, with the interval. */
  ratios: Array<{ estimate: number; lower: number; upper: number }>;
  familyMatches: boolean;
  /** every shape's ratio interval inside 1 ± δ and the family is the scheme's */
  withinDelta: boolean;
}

export interface AuditReport {
  layout: WeightLayout;
  delta: number;
  alpha: number;
  shapes: ShapeFit[];
  family: { best: Family; distances: Record<Family, number> };
  candidates: CandidateFit[];
  /** The fan mode that explains every shape, and the gain on it (interval over the shapes' intervals). */
  fitted: { fan: string; gain: number; gainInterval: [number, number] };
  verdict: string;
}

/** Values of `draw` at `shape`, over as many seeds as reach `count` values. */
function drawValues(draw: (shape: number[], seed: number) => Float64Array, shape: number[], count: number, seed: number): Float64Array {
  const parts: Float64Array[] = [];
  let total = 0;
  for (let k = 0; total < count; k++) {
    const part = draw(shape, deriveSeed(seed, `audit ${shape.join('x')} ${k}`));
    parts.push(part);
    total += part.length;
  }
  return concatenated(parts);
}

export function fitScheme(
  draw: (shape: number[], seed: number) => Float64Array,
  {
    layout = 'torch',
    delta = 0.02,
    alpha = 0.001,
    seed = 2019,
    shapes = AUDIT_SHAPES[layout],
  }: { layout?: WeightLayout; delta?: number; alpha?: number; seed?: number; shapes?: number[][] } = {},
): AuditReport {
  // one interval per shape and per candidate ratio: Bonferroni over the shapes
  const confidence = 1 - alpha / shapes.length;
  // enough values that each std interval is within ±δ/4: a δ error stands out of it
  const count = trialsForStdRelativeHalfWidth({ relativeHalfWidth: delta / 4, confidence });
  const samples = shapes.map((shape) => drawValues(draw, shape, count, seed));
  const fits: ShapeFit[] = samples.map((values, i) => {
    const ci = stdCI(values, { confidence });
    return { shape: shapes[i] as number[], n: values.length, std: ci.estimate, lower: ci.lower, upper: ci.upper };
  });
  const { best, distances } = familyOf(samples.map((v) => standardised(v)));
  const candidates: CandidateFit[] = AUDIT_CANDIDATES.map((c) => {
    const ratios = fits.map((fit) => {
      const theory = publishedScheme(c.scheme, fit.shape, { ...c.options, layout }).std;
      return { estimate: fit.std / theory, lower: fit.lower / theory, upper: fit.upper / theory };
    });
    const family = publishedScheme(c.scheme, fits[0]!.shape, { ...c.options, layout }).family;
    const familyMatches = best === family;
    return {
      name: c.name,
      ratios,
      familyMatches,
      withinDelta: familyMatches && ratios.every((r) => r.lower >= 1 - delta && r.upper <= 1 + delta),
    };
  });
  const matches = candidates.filter((c) => c.withinDelta);
  // closest: ratios most alike across shapes (right fan), then nearest 1
  const spread = (c: CandidateFit) =>
    Math.max(...c.ratios.map((r) => Math.abs(Math.log(r.estimate / (c.ratios[0] as { estimate: number }).estimate))));
  // uniform and normal variants share a std formula: the one whose family is nearer breaks the tie
  // (a truncated normal is nearer the normal)
  const uniformish = (name: string) => name.includes('uniform') || name.includes('U(±');
  const familyRank = (c: CandidateFit) => (uniformish(c.name) === (best === 'uniform') ? 0 : 1);
  // spreads closer than δ/2 are the same fan mode (proportional formulas differ only by rounding)
  const spreadClass = (c: CandidateFit) => Math.round(spread(c) / (delta / 2));
  const closest = [...candidates].sort(
    (a, b) =>
      spreadClass(a) - spreadClass(b) ||
      familyRank(a) - familyRank(b) ||
      Math.abs(Math.log(a.ratios[0]!.estimate)) - Math.abs(Math.log(b.ratios[0]!.estimate)),
  )[0]!;
  // the fit: the fan mode whose formula makes the std the same on every shape, and the gain on it
  const fit = AUDIT_CANDIDATES.find((c) => c.name === closest.name)!;
  const fitted = {
    fan: fit.fan,
    gain: fit.gain * closest.ratios[0]!.estimate,
    gainInterval: [
      fit.gain * Math.min(...closest.ratios.map((r) => r.lower)),
      fit.gain * Math.max(...closest.ratios.map((r) => r.upper)),
    ] as [number, number],
  };
  const fittedText = `fitted: std = gain/√${fitted.fan} with gain ${fitted.gain.toFixed(4)} [${fitted.gainInterval[0].toFixed(4)}, ${fitted.gainInterval[1].toFixed(4)}]`;
  const verdict =
    matches.length > 0
      ? `draws ${matches.map((m) => m.name).join(' = ')} (std within ±${delta * 100}% on every shape, ${best} family)`
      : `none within δ = ${delta * 100}%: closest ${closest.name} at ${closest.ratios.map((r) => r.estimate.toFixed(4)).join(', ')}× its std on the ${fits.length} shapes, family ${best}${closest.familyMatches ? '' : " (not the scheme's)"}`;
  return { layout, delta, alpha, shapes: fits, family: { best, distances }, candidates, fitted, verdict: `${verdict}; ${fittedText}` };
}
