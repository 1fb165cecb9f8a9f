/**
 * Exact moments for the notebook's In [159]–[161] experiment: y = c·Z·x with Z an n×n matrix
 * of i.i.d. N(0, 1) and x ~ N(0, I_n) independent. Given x, the y_i are i.i.d. N(0, c²‖x‖²),
 * so y_i = c‖x‖·z_i with z_i i.i.d. N(0, 1) independent of ‖x‖ ~ χ_n. For a per-coordinate
 * feature f homogeneous of degree k (f(t·z) = t^k·f(z), t > 0), the statistic
 * S = (1/n)·Σ f(y_i) = (c‖x‖)^k · F with F = (1/n)·Σ f(z_i), hence
 *   E[S]  = c^k · E‖x‖^k · μ_f
 *   E[S²] = c^{2k} · E‖x‖^{2k} · (μ_f² + σ_f²/n)
 * with the chi moments E‖x‖^p = 2^{p/2}·Γ((n+p)/2)/Γ(n/2).
 */
import jStat from 'jstat';

export interface Feature {
  name: string;
  /** Degree of homogeneity k. */
  degree: number;
  /** μ_f = E f(z), z ~ N(0, 1). */
  mean: number;
  /** σ_f² = Var f(z). */
  variance: number;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Per-coordinate features of z ~ N(0, 1) and their moments. */
export const FEATURES = {
  /** y itself: E z = 0, Var z = 1. */
  y: { name: 'y', degree: 1, mean: 0, variance: 1 },
  /** y²: E z² = 1, Var z² = E z⁴ - 1 = 2. */
  ySquared: { name: 'y²', degree: 2, mean: 1, variance: 2 },
  /** relu(y): E = 1/√(2π), E relu(z)² = ½, so Var = ½ - 1/(2π). */
  reluY: { name: 'relu(y)', degree: 1, mean: INV_SQRT_2PI, variance: 0.5 - 1 / (2 * Math.PI) },
  /** relu(y)²: E = ½, E relu(z)⁴ = E z⁴/2 = 3/2, so Var = 3/2 - ¼ = 5/4. */
  reluYSquared: { name: 'relu(y)²', degree: 2, mean: 0.5, variance: 1.25 },
} satisfies Record<string, Feature>;

/** E‖x‖^p for x ~ N(0, I_n): the p-th moment of the chi distribution with n degrees of freedom. */
export function chiMoment(n: number, p: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`chiMoment: n must be a positive integer, got ${n}`);
  return Math.exp((p / 2) * Math.LN2 + jStat.gammaln((n + p) / 2) - jStat.gammaln(n / 2));
}

export interface StatisticMoments {
  /** E[S] over draws of Z and x. */
  mean: number;
  /** The per-trial standard deviation of S, which sizes the trial count. */
  sd: number;
}

/** Moments of S = (1/n)·Σ f(y_i) for y = c·Z·x (see the module comment). */
export function matVecStatistic({ n, c, feature }: { n: number; c: number; feature: Feature }): StatisticMoments {
  if (!(c > 0 && Number.isFinite(c))) throw new RangeError(`matVecStatistic: c must be a positive finite number, got ${c}`);
  const k = feature.degree;
  const mean = c ** k * chiMoment(n, k) * feature.mean;
  const secondMoment = c ** (2 * k) * chiMoment(n, 2 * k) * (feature.mean ** 2 + feature.variance / n);
  return { mean, sd: Math.sqrt(Math.max(0, secondMoment - mean ** 2)) };
}
