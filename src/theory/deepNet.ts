/**
 * Second-moment propagation through a deep net at init (He et al. 2015): with a fresh W per
 * layer of entry std σ, E[y_i²] = n·σ²·E[x²] for y = W·x, and ReLU keeps half of it, so each
 * layer multiplies E[x²] by q = n·σ²·(½ with ReLU). After ReLU, x has a nonzero mean and
 * std(x) = rms(x)·√(1 - 1/π) (for y ~ N(0, s²): E relu(y) = s/√(2π), E relu(y)² = s²/2).
 * This is the expectation; the log of one net's std fluctuates around it by about
 * √(Σ 5/n_l) (ReLU) in ln‖x‖² (Hanin & Rolnick 2018), which a stated band must allow.
 */
import type { Activation } from './activations.ts';

export function secondMomentFactor({ std, n, activation }: { std: number; n: number; activation: Activation }): number {
  return n * std ** 2 * (activation === 'relu' ? 0.5 : 1);
}

/** Expected-second-moment log10 std of x_L for a zero-mean input with rms `inputRms`. */
export function deepChainLog10Std({
  std,
  n,
  activation,
  layers,
  inputRms = 1,
}: {
  std: number;
  n: number;
  activation: Activation;
  layers: number;
  inputRms?: number;
}): number {
  const q = secondMomentFactor({ std, n, activation });
  const stdOverRms = activation === 'relu' ? Math.sqrt(1 - 1 / Math.PI) : 1;
  return Math.log10(inputRms) + (layers / 2) * Math.log10(q) + Math.log10(stdOverRms);
}

/**
 * E[‖x_L‖²]/E[‖x_0‖²] through `layers` fresh layers of equal width n (entry std `std`, zero
 * mean, zero bias): the per-layer factor to the power L. Exact for a linear net given x_0, for
 * any entry distribution: E[‖Wx‖² | x] = n·std²·‖x‖² row by row.
 */
export function secondMomentRatioThroughDepth(options: { std: number; n: number; activation: Activation; layers: number }): number {
  return secondMomentFactor(options) ** options.layers;
}
