/**
 * The spectrum of JJᵀ for a deep nonlinear net at init, free probability (Pennington, Schoenholz
 * & Ganguli 2017, "Resurrecting the sigmoid…", eqs. 9–13): J = D_L·W_L⋯D_1·W_1 with
 * D_l = diag(φ'(h_l)). Each layer contributes two asymptotically free factors, W_lW_lᵀ (mean σ_w²,
 * S-transform coefficient s₁ = 0 for orthogonal, −1 for Gaussian weights: minus the normalised
 * variance of its eigenvalues) and D_l² (moments E[φ'(√q_l·z)^(2k)]). Means multiply and
 * normalised variances add under free multiplication, so
 *   mean λ        = Π_l μ₁(q_l),   μ₁(q) = σ_w²·E[φ'(√q z)²]                 (χ₁ per layer at q*)
 *   var λ / mean² = Σ_l (μ₂(q_l)/μ₁(q_l)² − 1 − s₁),   μ₂(q) = σ_w⁴·E[φ'(√q z)⁴],
 * i.e. L·(μ₂/μ₁² − 1 − s₁) at the fixed point: no nonlinearity whose φ' varies can be isometric
 * with Gaussian weights, and ReLU (φ' ∈ {0, 1}: μ₂/μ₁² = 2) cannot be with any weights. These are
 * n → ∞ limits; the claims state the bias measured at their width.
 */
import { lengthTrajectory, slopeMoment, type Activation1D, type NetworkVariances } from './edgeOfChaos.ts';

/** s₁ of W Wᵀ's spectrum: 0 for (scaled) orthogonal weights, −1 for Gaussian (Marchenko–Pastur at aspect 1). */
export const WEIGHT_S1 = { orthogonal: 0, gaussian: -1 } as const;
export type WeightFamily = keyof typeof WEIGHT_S1;

export interface FreeJacobianSpread {
  /** E over the spectrum of JJᵀ: Π μ₁(q_l). */
  mean: number;
  /** var/mean² of JJᵀ's eigenvalues. */
  normalizedVariance: number;
}

/** mean and var/mean² of JJᵀ's spectrum after `depth` layers, from q_1 (the first pre-activations' variance). */
export function freeJacobianSpread({
  act,
  variances,
  q1,
  depth,
  family,
}: {
  act: Activation1D;
  variances: NetworkVariances;
  q1: number;
  depth: number;
  family: WeightFamily;
}): FreeJacobianSpread {
  if (!(Number.isInteger(depth) && depth >= 1)) throw new RangeError(`freeJacobianSpread: depth must be a positive integer, got ${depth}`);
  if (!(family in WEIGHT_S1))
    throw new RangeError(`freeJacobianSpread: unknown weight family '${String(family)}'; known: ${Object.keys(WEIGHT_S1).join(', ')}`);
  const s1 = WEIGHT_S1[family];
  let mean = 1;
  let normalizedVariance = 0;
  for (const q of lengthTrajectory(q1, variances, depth, act)) {
    const mu1 = variances.weightVariance * slopeMoment(act, q, 2);
    const mu2 = variances.weightVariance ** 2 * slopeMoment(act, q, 4);
    mean *= mu1;
    normalizedVariance += mu2 / mu1 ** 2 - 1 - s1;
  }
  return { mean, normalizedVariance };
}
