/**
 * What each named initialization scheme should draw for a weight of any shape, from the
 * published formulas (He et al. 2015, Glorot & Bengio 2010, LeCun et al. 1998, torch.nn.init's
 * calculate_gain and its default Linear/Conv init). Written apart from src/init, so that a
 * broken initializer — initspec's own or a user's — disagrees with it.
 */
export const PUBLISHED_SCHEMES = [
  'kaiming-uniform',
  'kaiming-normal',
  'xavier-uniform',
  'xavier-normal',
  'lecun-uniform',
  'lecun-normal',
  'torch-default',
] as const;
export type PublishedScheme = (typeof PUBLISHED_SCHEMES)[number];

export type WeightLayout = 'torch' | 'tfjs';
export type SchemeFamily = 'uniform' | 'normal';

/**
 * Shapes whose fans tell the modes apart: fan_in ≠ fan_out, the same swapped, and a conv kernel
 * (receptive field 9). What the matchers and `initspec audit` draw by default.
 */
export const FAN_PROBE_SHAPES: Record<WeightLayout, number[][]> = {
  torch: [
    [128, 512],
    [512, 128],
    [64, 32, 3, 3],
  ],
  tfjs: [
    [512, 128],
    [128, 512],
    [3, 3, 32, 64],
  ],
};

export interface SchemeOptions {
  /** torch.nn.init's nonlinearity for the gain (kaiming: default 'leaky_relu', as torch). */
  nonlinearity?: 'linear' | 'conv' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';
  /** leaky_relu's negative slope (kaiming's `a`, default 0). */
  a?: number;
  /** kaiming's fan: 'fan_in' (default) keeps forward variance, 'fan_out' backward. */
  mode?: 'fan_in' | 'fan_out';
  /** xavier's gain (default 1). */
  gain?: number;
  /**
   * Where the fans sit in the shape. torch: [out, in, ...kernel]; tfjs-layers: [...kernel, in, out]
   * (Dense [in, out], Conv2D [kh, kw, in, out]). Default torch.
   */
  layout?: WeightLayout;
}

export interface SchemeTheory {
  std: number;
  family: SchemeFamily;
  /** The uniform family's bound b of U(−b, b) (√3·std). */
  bound?: number;
  fanIn: number;
  fanOut: number;
  formula: string;
}

/** fan_in and fan_out of a weight shape (a 1-D shape has no fans: an error, as in torch). */
export function publishedFans(shape: readonly number[], layout: WeightLayout = 'torch'): { fanIn: number; fanOut: number } {
  if (shape.length < 2 || shape.some((d) => !Number.isInteger(d) || d < 1))
    throw new RangeError(`publishedFans: a weight needs at least 2 positive integer dimensions, got [${shape.join(', ')}]`);
  if (layout === 'torch') {
    const receptive = shape.slice(2).reduce((p, d) => p * d, 1);
    return { fanIn: (shape[1] as number) * receptive, fanOut: (shape[0] as number) * receptive };
  }
  const receptive = shape.slice(0, -2).reduce((p, d) => p * d, 1);
  return { fanIn: (shape[shape.length - 2] as number) * receptive, fanOut: (shape[shape.length - 1] as number) * receptive };
}

/** torch.nn.init.calculate_gain's published table. */
export function publishedGain(nonlinearity: NonNullable<SchemeOptions['nonlinearity']>, a = 0): number {
  switch (nonlinearity) {
    case 'linear':
    case 'conv':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu':
      return Math.sqrt(2 / (1 + a * a));
    case 'selu':
      return 3 / 4;
    default:
      throw new RangeError(`publishedGain: unknown nonlinearity "${String(nonlinearity)}"`);
  }
}

/** The std, family and fans a scheme should draw for `shape`. */
export function publishedScheme(scheme: PublishedScheme, shape: readonly number[], options: SchemeOptions = {}): SchemeTheory {
  const { fanIn, fanOut } = publishedFans(shape, options.layout);
  const uniformOf = (std: number, formula: string): SchemeTheory => ({
    std,
    family: 'uniform',
    bound: std * Math.sqrt(3),
    fanIn,
    fanOut,
    formula,
  });
  const normalOf = (std: number, formula: string): SchemeTheory => ({ std, family: 'normal', fanIn, fanOut, formula });
  switch (scheme) {
    case 'kaiming-uniform':
    case 'kaiming-normal': {
      const gain = publishedGain(options.nonlinearity ?? 'leaky_relu', options.a ?? 0);
      const fan = (options.mode ?? 'fan_in') === 'fan_in' ? fanIn : fanOut;
      const formula = `gain/√${options.mode ?? 'fan_in'} = ${gain.toPrecision(4)}/√${fan}`;
      return scheme === 'kaiming-uniform' ? uniformOf(gain / Math.sqrt(fan), formula) : normalOf(gain / Math.sqrt(fan), formula);
    }
    case 'xavier-uniform':
    case 'xavier-normal': {
      const gain = options.gain ?? 1;
      const std = gain * Math.sqrt(2 / (fanIn + fanOut));
      const formula = `gain·√(2/(fan_in+fan_out)) = ${gain}·√(2/${fanIn + fanOut})`;
      return scheme === 'xavier-uniform' ? uniformOf(std, formula) : normalOf(std, formula);
    }
    case 'lecun-uniform':
      return uniformOf(1 / Math.sqrt(fanIn), `1/√fan_in = 1/√${fanIn}`);
    case 'lecun-normal':
      return normalOf(1 / Math.sqrt(fanIn), `1/√fan_in = 1/√${fanIn}`);
    case 'torch-default':
      // kaiming_uniform_(a=√5): bound gain·√3/√fan_in with gain √(2/6), i.e. U(±1/√fan_in)
      return uniformOf(1 / Math.sqrt(3 * fanIn), `U(±1/√fan_in): std 1/√(3·${fanIn})`);
    default:
      throw new RangeError(`publishedScheme: unknown scheme "${String(scheme)}"; known: ${PUBLISHED_SCHEMES.join(', ')}`);
  }
}
