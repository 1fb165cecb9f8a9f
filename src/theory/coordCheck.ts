/**
 * How one SGD step's changes scale with width, from a parametrization's exponents (Yang & Hu
 * 2021, Tensor Programs IV, arXiv 2011.14522, §3 and Table 1: the abc-parametrizations; Yang et
 * al. 2022, Tensor Programs V, arXiv 2203.03466, Table 3). Layer l has a multiplier n^(−a_l),
 * initial entries of size n^(−b_l) and learning rate η·n^(−c_l); the input and output dimensions
 * are fixed, the hidden ones n. Sizes are exponents of n of a typical coordinate:
 * - forward at init: a sum over a width dimension of independent terms grows as n^½;
 * - backward: the loss's gradient at the output is O(1) (n^0), and dx_{l−1} = n^(−a_l)·W_lᵀ·dh_l;
 * - one step: ΔW_l = −η n^(−c_l − a_l)·dh_l·x_{l−1}ᵀ, and ΔW_l·x_{l−1} sums x_{l−1}·x_{l−1}
 *   coherently: n^1 over a width fan-in;
 * - Δh_l = n^(−a_l)·(ΔW_l·x_{l−1} + W_l·Δx_{l−1}): the larger of the two, the second passing the
 *   previous layer's change on at its size (a_l + b_l = ½ keeps a coordinate's size) and, at the
 *   output, also coherently along the readout that made the gradient.
 */
export interface LayerExponents {
  /** multiplier n^(−a) */
  a: number;
  /** initial entries n^(−b) */
  b: number;
  /** learning rate η·n^(−c) */
  c: number;
}

/** A parametrization of the MLP x → h1 → h2 → … → f: one entry per layer, readout last. */
export type ParametrizationExponents = readonly LayerExponents[];

/** Standard parametrization: fan-in init, no multipliers, one learning rate. */
export function standardExponents(hidden: number): LayerExponents[] {
  return [{ a: 0, b: 0, c: 0 }, ...Array.from({ length: hidden - 1 }, () => ({ a: 0, b: 0.5, c: 0 })), { a: 0, b: 0.5, c: 0 }];
}

/**
 * μP as microsoft/mup implements it for SGD: `MuReadout` (entries of constant size, n^0, and a
 * 1/n forward multiplier), `MuSGD` (vector-like parameters, the input layer and the readout, at
 * η·n; the n×n matrices at η). `readoutMultiplier: false` leaves the readout's multiplier at SP's.
 */
export function mupExponents(hidden: number, options: { readoutMultiplier?: boolean } = {}): LayerExponents[] {
  const readoutA = options.readoutMultiplier === false ? 0 : 1;
  return [{ a: 0, b: 0, c: -1 }, ...Array.from({ length: hidden - 1 }, () => ({ a: 0, b: 0.5, c: 0 })), { a: readoutA, b: 0, c: -1 }];
}

/** Every learning rate × n^ε: each c lowered by ε. */
export function withLearningRateError(layers: ParametrizationExponents, epsilon: number): LayerExponents[] {
  return layers.map((l) => ({ ...l, c: l.c - epsilon }));
}

export interface StepExponents {
  /** The exponent of a coordinate of Δh_l after one step, l = 1 … hidden, then the output's. */
  change: number[];
  /** The exponent of the output at init. */
  outputAtInit: number;
}

export function stepExponents(layers: ParametrizationExponents): StepExponents {
  if (layers.length < 2) throw new RangeError(`stepExponents: needs at least an input layer and a readout, got ${layers.length} layers`);
  const last = layers.length - 1;
  const fanIn = (l: number) => (l === 0 ? 0 : 1); // the input layer's fan-in is fixed, the others' the width
  const random = (l: number) => (l === 0 ? 0 : 0.5);
  // forward at init: x_0 = O(1); a ReLU keeps a coordinate's size
  const h: number[] = [];
  let x = 0;
  layers.forEach((l, i) => {
    h[i] = -l.a - l.b + random(i) + x;
    x = h[i] as number;
  });
  // backward: the loss's gradient at the output is O(1); the readout's fan-out is fixed
  const dh: number[] = [];
  dh[last] = 0;
  for (let i = last; i >= 1; i--) {
    const l = layers[i] as LayerExponents;
    const fanOutSum = i === last ? 0 : 0.5;
    dh[i - 1] = -l.a - l.b + fanOutSum + (dh[i] as number);
  }
  const input = (i: number) => (i === 0 ? 0 : (h[i - 1] as number));
  const change: number[] = [];
  layers.forEach((l, i) => {
    const own = -2 * l.a - l.c + (dh[i] as number) + 2 * input(i) + fanIn(i);
    const passed = i === 0 ? -Infinity : -l.a - l.b + random(i) + (change[i - 1] as number);
    // at the readout the previous change also lies along the readout that made its gradient
    const along =
      i === last ? -l.a + ((change[i - 1] as number) - (dh[i - 1] as number)) + (-l.a - 2 * l.b + 1) + (dh[i] as number) : -Infinity;
    change[i] = Math.max(own, passed, along);
  });
  return { change, outputAtInit: h[last] as number };
}
