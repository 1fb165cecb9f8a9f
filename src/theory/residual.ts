/**
 * The second moment of a residual stack at init (He et al. 2016; De & Smith 2020, SkipInit;
 * Zhang et al. 2019, Fixup). With x_{l+1} = x_l + s·W_l·u_l, W_l ~ N(0, 1/n) drawn fresh and
 * independent of x_l, E[(W u)_i²] = |u|²/n, and the cross term has mean 0:
 * - a plain branch (u = x): E|x_{l+1}|² = (1 + s²)·E|x_l|², so (1 + s²)^l: 2^l for s = 1, and
 *   (1 + 1/L)^l → e at l = L for s = 1/√L;
 * - a normalized branch (u = x/rms(x), unit mean square): E[mean x_{l+1}²] = E[mean x_l²] + s²,
 *   so 1 + l·s² from a unit start.
 * Exact in expectation at any width: the measured mean needs no finite-width bias.
 */
export type ResidualBranch = 'plain' | 'normalized';

export function residualSecondMoment({
  layers,
  branchScale,
  branch,
}: {
  layers: number;
  branchScale: number;
  branch: ResidualBranch;
}): number {
  if (!(Number.isInteger(layers) && layers >= 0))
    throw new RangeError(`residualSecondMoment: layers must be a non-negative integer, got ${layers}`);
  if (!(branchScale >= 0 && Number.isFinite(branchScale)))
    throw new RangeError(`residualSecondMoment: branchScale must be ≥ 0, got ${branchScale}`);
  const s2 = branchScale * branchScale;
  return branch === 'plain' ? (1 + s2) ** layers : 1 + layers * s2;
}

/** Fixup's branch scale for a residual net of L branches of m layers each: L^(−1/(2m−2)) (Zhang et al. 2019). */
export function fixupScale(branches: number, layersPerBranch: number): number {
  if (!(layersPerBranch >= 2)) throw new RangeError(`fixupScale: a branch needs at least 2 layers, got ${layersPerBranch}`);
  return branches ** (-1 / (2 * layersPerBranch - 2));
}

/** DeepNet's β for an encoder-only net of N layers: (8N)^(−1/4) (Wang et al. 2022). */
export function deepNetBeta(layers: number): number {
  if (!(layers >= 1)) throw new RangeError(`deepNetBeta: needs at least 1 layer, got ${layers}`);
  return (8 * layers) ** -0.25;
}
