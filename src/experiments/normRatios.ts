/**
 * Finite-width fluctuations of a deep net (Hanin & Rolnick 2018), on the host in float64: a
 * vector x_0 ~ N(0, I_n) through L fresh layers x_l = act(W_l·x_{l-1}), W_l of i.i.d.
 * N(0, gain²/n). Returns the per-layer ratios r_l = ‖x_l‖²/‖x_{l-1}‖² and ln‖x_L‖²/‖x_0‖².
 * Widths here are small (64–256), where a tensor backend adds only op overhead; the
 * fluctuations under study are not a float32 effect.
 */
import { standardNormals } from '../rng/draw.ts';
import { deriveSeed } from '../rng/seed.ts';

export function normRatios({
  width,
  layers,
  gain,
  relu,
  seed,
}: {
  width: number;
  layers: number;
  gain: number;
  relu: boolean;
  seed: number;
}): {
  ratios: Float64Array;
  logNormRatio: number;
} {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`normRatios: width must be a positive integer, got ${width}`);
  if (!Number.isInteger(layers) || layers < 1) throw new RangeError(`normRatios: layers must be a positive integer, got ${layers}`);
  const scale = gain / Math.sqrt(width);
  let x = standardNormals(width, deriveSeed(seed, 'input'));
  let normSquared = x.reduce((s, v) => s + v * v, 0);
  const start = normSquared;
  const ratios = new Float64Array(layers);
  for (let l = 0; l < layers; l++) {
    const w = standardNormals(width * width, deriveSeed(seed, `layer/${l}`));
    const y = new Float64Array(width);
    for (let i = 0; i < width; i++) {
      let sum = 0;
      for (let j = 0; j < width; j++) sum += (w[i * width + j] as number) * (x[j] as number);
      const v = scale * sum;
      y[i] = relu && v < 0 ? 0 : v;
    }
    const next = y.reduce((s, v) => s + v * v, 0);
    ratios[l] = next / normSquared;
    normSquared = next;
    x = y;
  }
  return { ratios, logNormRatio: Math.log(normSquared / start) };
}
