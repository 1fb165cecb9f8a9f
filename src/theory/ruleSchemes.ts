/**
 * What a model's tensor should hold under a rule's scheme: a constant, or a draw of a family
 * with its mean and std (and support), at the tensor's own fans. The formulas are the published
 * ones (publishedSchemes.ts; torch.nn.init's trunc_normal_, orthogonal_; tfjs-layers' normal
 * initializers, which truncate at ±2σ without rescaling: tensorflow/tfjs#8594).
 */
import { PUBLISHED_SCHEMES, publishedGain, publishedScheme, type PublishedScheme, type SchemeOptions } from './publishedSchemes.ts';
import { deepNetBeta, fixupScale } from './residual.ts';
import { truncatedStdRatio } from './truncatedNormal.ts';

export interface RuleScheme {
  scheme: string;
  positional: Array<number | string>;
  named: Record<string, number | string>;
}

export type DrawFamily = 'normal' | 'uniform' | 'truncated-normal' | 'orthogonal';

export type Expected =
  | { kind: 'constant'; value: number; formula: string }
  | { kind: 'draw'; family: DrawFamily; mean: number; std: number; support?: [number, number]; formula: string }
  | { kind: 'skip'; formula: string };

export interface TensorFans {
  fanIn: number;
  fanOut: number;
  /** rows × columns of the weight seen as a matrix (orthogonal_: [shape[0], rest]) */
  rows: number;
  cols: number;
}

export const RULE_SCHEMES = [
  'normal',
  'uniform',
  'trunc-normal',
  'ones',
  'zeros',
  'constant',
  'skip',
  'orthogonal',
  ...PUBLISHED_SCHEMES,
  'tfjs:glorotNormal',
  'tfjs:glorotUniform',
  'tfjs:heNormal',
  'tfjs:heUniform',
  'tfjs:leCunNormal',
  'tfjs:leCunUniform',
  'tfjs:truncatedNormal',
  'fixup',
  'deepnet',
] as const;

export class SchemeError extends RangeError {}

/** The std of N(mean, std²) truncated to [a, b] (torch.nn.init.trunc_normal_ draws exactly this). */
export function truncatedNormalStd(mean: number, std: number, a: number, b: number): number {
  const lo = (a - mean) / std;
  const hi = (b - mean) / std;
  if (Math.abs(lo + hi) > 1e-12) throw new SchemeError(`trunc-normal: bounds [${a}, ${b}] must be symmetric about the mean ${mean}`);
  return hi > 40 ? std : std * truncatedStdRatio(hi);
}

function num(v: number | string | undefined, what: string, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new SchemeError(`${what} must be a number, got ${JSON.stringify(v)}`);
  return v;
}

/** The distribution `rule` asks of a tensor with these fans. */
export function expectedDistribution(rule: RuleScheme, fans: TensorFans | undefined): Expected {
  const { scheme, positional: p, named: k } = rule;
  const needFans = (): TensorFans => {
    if (fans === undefined) throw new SchemeError(`${scheme} needs a weight's fans: this tensor's role gives none`);
    return fans;
  };
  const published = (name: PublishedScheme, options: SchemeOptions, label: string): Expected => {
    const f = needFans();
    // the published formulas from the fans themselves: a 2-D stand-in shape with these fans
    const t = publishedScheme(name, [f.fanOut, f.fanIn], options);
    return {
      kind: 'draw',
      family: t.family,
      mean: 0,
      std: t.std,
      ...(t.bound !== undefined ? { support: [-t.bound, t.bound] as [number, number] } : {}),
      formula: `${label}: ${t.formula}`,
    };
  };
  switch (scheme) {
    case 'ones':
      return { kind: 'constant', value: 1, formula: 'ones' };
    case 'zeros':
      return { kind: 'constant', value: 0, formula: 'zeros' };
    case 'constant':
      return { kind: 'constant', value: num(p[0] ?? k.value, 'constant(value)'), formula: `constant(${p[0] ?? k.value})` };
    case 'skip':
      return { kind: 'skip', formula: 'skip' };
    case 'normal': {
      const mean = num(p[0] ?? k.mean, 'normal(mean)', 0);
      const std = num(p[1] ?? k.std, 'normal(std)');
      return { kind: 'draw', family: 'normal', mean, std, formula: `N(${mean}, ${std.toPrecision(4)}²)` };
    }
    case 'uniform': {
      const a = num(p[0] ?? k.a, 'uniform(a)');
      const b = num(p[1] ?? k.b, 'uniform(b)');
      if (!(b > a)) throw new SchemeError(`uniform(a, b) needs a < b, got ${a}, ${b}`);
      return {
        kind: 'draw',
        family: 'uniform',
        mean: (a + b) / 2,
        std: (b - a) / Math.sqrt(12),
        support: [a, b],
        formula: `U(${a}, ${b})`,
      };
    }
    case 'trunc-normal': {
      const mean = num(p[0] ?? k.mean, 'trunc-normal(mean)', 0);
      const std = num(p[1] ?? k.std, 'trunc-normal(std)');
      const a = num(p[2] ?? k.a, 'trunc-normal(a)', -2);
      const b = num(p[3] ?? k.b, 'trunc-normal(b)', 2);
      const truncated = truncatedNormalStd(mean, std, a, b);
      // bounds many σ out truncate nothing: the draw is a plain normal (timm#1286's absolute ±2)
      const family: DrawFamily = (b - mean) / std > 6 ? 'normal' : 'truncated-normal';
      // far bounds bound nothing a right draw reaches: the normal's own range decides outliers
      // (pytorch/pytorch#155588: values clamped at ±2 for std 0.001 are 2000σ out, inside [a, b])
      return {
        kind: 'draw',
        family,
        mean,
        std: truncated,
        ...(family === 'truncated-normal' ? { support: [a, b] as [number, number] } : {}),
        formula: `trunc_normal(${mean}, ${std}, [${a}, ${b}])${family === 'normal' ? ': bounds beyond 6σ, a plain normal' : `: std ${truncated.toPrecision(4)}`}`,
      };
    }
    case 'orthogonal': {
      const gain = num(p[0] ?? k.gain, 'orthogonal(gain)', 1);
      const f = needFans();
      const std = gain / Math.sqrt(Math.max(f.rows, f.cols));
      return {
        kind: 'draw',
        family: 'orthogonal',
        mean: 0,
        std,
        formula: `orthogonal, gain ${gain}: rows or columns of norm gain, std gain/√${Math.max(f.rows, f.cols)}`,
      };
    }
    case 'kaiming-uniform':
    case 'kaiming-normal': {
      const options: SchemeOptions = {
        a: num(p[0] ?? k.a, `${scheme}(a)`, 0),
        mode: String(k.mode ?? 'fan_in') as SchemeOptions['mode'],
        nonlinearity: String(k.nonlinearity ?? 'leaky_relu') as SchemeOptions['nonlinearity'],
      };
      publishedGain(options.nonlinearity!, options.a);
      return published(
        scheme,
        options,
        `${scheme}(${[`a=${options.a}`, `mode=${options.mode}`, `nonlinearity=${options.nonlinearity}`].join(', ')})`,
      );
    }
    case 'xavier-uniform':
    case 'xavier-normal':
      return published(scheme, { gain: num(p[0] ?? k.gain, `${scheme}(gain)`, 1) }, scheme);
    case 'lecun-uniform':
    case 'lecun-normal':
    case 'torch-default':
      return published(scheme, {}, scheme);
    case 'tfjs:glorotUniform':
      return published('xavier-uniform', {}, scheme);
    case 'tfjs:heUniform':
      return published('kaiming-uniform', { nonlinearity: 'relu' }, scheme);
    case 'tfjs:leCunUniform':
      return published('lecun-uniform', {}, scheme);
    case 'tfjs:glorotNormal':
    case 'tfjs:heNormal':
    case 'tfjs:leCunNormal': {
      const base = published(
        scheme === 'tfjs:glorotNormal' ? 'xavier-normal' : scheme === 'tfjs:heNormal' ? 'kaiming-normal' : 'lecun-normal',
        scheme === 'tfjs:heNormal' ? { nonlinearity: 'relu' } : {},
        scheme,
      );
      if (base.kind !== 'draw') return base;
      // tfjs-layers 4.22 truncates at ±2σ and does not rescale: 0.8796× the documented std
      const ratio = truncatedStdRatio(2);
      return {
        ...base,
        family: 'truncated-normal',
        std: base.std * ratio,
        support: [-2 * base.std, 2 * base.std],
        formula: `${base.formula}, truncated at ±2σ unrescaled (×${ratio.toFixed(4)}, tensorflow/tfjs#8594)`,
      };
    }
    case 'fixup': {
      // Fixup (Zhang et al. 2019): a residual branch's layers at He's std × L^(−1/(2m−2)) (its last layer zero: a `zeros` rule)
      const branches = num(p[0] ?? k.L, 'fixup(L)');
      const layersPerBranch = num(p[1] ?? k.m, 'fixup(m)', 2);
      const base = published('kaiming-normal', { nonlinearity: 'relu' }, 'fixup');
      if (base.kind !== 'draw') return base;
      const scale = fixupScale(branches, layersPerBranch);
      return {
        ...base,
        std: base.std * scale,
        formula: `${base.formula} × L^(−1/(2m−2)) = ×${scale.toPrecision(4)} (Fixup, L = ${branches}, m = ${layersPerBranch})`,
      };
    }
    case 'deepnet': {
      // DeepNet (Wang et al. 2022), encoder-only: Xavier normal with gain β = (8N)^(−1/4) on the FFN and value/output projections
      const beta = deepNetBeta(num(p[0] ?? k.N, 'deepnet(N)'));
      const base = published('xavier-normal', { gain: beta }, 'deepnet');
      return base.kind === 'draw' ? { ...base, formula: `${base.formula}, β = (8N)^(−1/4) = ${beta.toPrecision(4)} (DeepNet)` } : base;
    }
    case 'tfjs:truncatedNormal': {
      const std = num(p[0] ?? k.stddev, 'tfjs:truncatedNormal(stddev)', 0.05);
      return {
        kind: 'draw',
        family: 'truncated-normal',
        mean: 0,
        std: std * truncatedStdRatio(2),
        support: [-2 * std, 2 * std],
        formula: `tfjs truncatedNormal(${std})`,
      };
    }
    default:
      throw new SchemeError(`unknown scheme "${scheme}": known ${RULE_SCHEMES.join(', ')}`);
  }
}
