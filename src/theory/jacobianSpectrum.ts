/**
 * The spectrum of JJᵀ for the input–output Jacobian J = W_L⋯W_1 of a deep linear network
 * (Saxe et al. 2014; Pennington, Schoenholz & Ganguli 2017). Its eigenvalues λ_i are the
 * squared singular values of J; their empirical mean is tr(JJᵀ)/n and their variance
 * tr((JJᵀ)²)/n - (tr(JJᵀ)/n)².
 *
 * Orthogonal W (any gain g): JJᵀ = g^(2L)·I, every λ = g^(2L), variance 0: dynamical isometry.
 * Gaussian W, entries N(0, 1/n): free probability gives the Fuss–Catalan law, mean 1 and
 * variance L as n → ∞ (Pennington et al. 2017, eq. 13 with s-transform 1/(1+z) per layer).
 * At finite n the moments follow exactly from Wick's theorem, one layer at a time: with
 * B = J_{L-1}J_{L-1}ᵀ fixed and W Gaussian,
 *   E[(tr WBWᵀ)²] = (n²(tr B)² + 2n tr B²)/n²·… and E[tr (WBWᵀ)²] = ((tr B)² + (n+1) tr B²)/n,
 * so u_L = E[(tr(JJᵀ)/n)²] and a_L = E[tr((JJᵀ)²)/n] obey
 *   u_L = u_{L-1} + 2·a_{L-1}/n²,   a_L = u_{L-1} + (1 + 1/n)·a_{L-1},   u_0 = a_0 = 1,
 * and E[eigenvalue variance] = a_L - u_L (a_1 = 2 + 1/n: the Wishart second moment).
 */

export interface SpectrumMoments {
  /** E[tr(JJᵀ)/n]: 1 for entries N(0, 1/n) (before a gain). */
  mean: number;
  /** E[tr((JJᵀ)²)/n], exact at this n. */
  secondMoment: number;
  /** E[eigenvalue variance] = E[tr((JJᵀ)²)/n - (tr(JJᵀ)/n)²], exact at this n. */
  variance: number;
  /** The n → ∞ (free-probability) variance: L. */
  freeVariance: number;
}

/** JJᵀ's eigenvalue moments for L layers of n×n Gaussian weights with entry variance g²/n. */
export function gaussianProductSpectrum({ n, layers, gain = 1 }: { n: number; layers: number; gain?: number }): SpectrumMoments {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`gaussianProductSpectrum: n must be a positive integer, got ${n}`);
  if (!(Number.isInteger(layers) && layers >= 0))
    throw new RangeError(`gaussianProductSpectrum: layers must be a non-negative integer, got ${layers}`);
  let u = 1;
  let a = 1;
  for (let l = 0; l < layers; l++) [u, a] = [u + (2 * a) / n ** 2, u + (1 + 1 / n) * a];
  const g2L = gain ** (2 * layers);
  return { mean: g2L, secondMoment: g2L ** 2 * a, variance: g2L ** 2 * (a - u), freeVariance: g2L ** 2 * layers };
}
