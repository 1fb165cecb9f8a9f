/**
 * Exact per-layer fluctuations of ‖x‖² through a fresh Gaussian layer (Hanin & Rolnick 2018).
 * With W of i.i.d. N(0, g²/n), ‖W·x‖²/‖x‖² = (g²/n)·χ²_n for a linear layer. With ReLU, K ~
 * Bin(n, ½) pre-activations are positive and r = (g²/n)·χ²_K. For He's g² = 2 this gives
 * E r = 1 and Var r = 5/n (ReLU) or 2/n (linear, g² = 1). Depth adds log-ratios:
 * Var[ln ‖x_L‖²/‖x_0‖²] = L·Var[ln r], with Var[ln χ²_k] = ψ1(k/2) (trigamma), so for ReLU
 * Var[ln r] = E_K[ψ1(K/2)] + Var_K[ψ(K/2)]; ≈ 5/n and 2/n to first order.
 */
import jStat from 'jstat';

/** Digamma ψ and trigamma ψ1 by recurrence up to x ≥ 8, then their asymptotic series. */
export function digamma(x: number): number {
  let shift = 0;
  while (x < 8) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  return shift + Math.log(x) - 1 / (2 * x) - inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 / 240)));
}

export function trigamma(x: number): number {
  let shift = 0;
  while (x < 8) {
    shift += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  return shift + inv + inv2 / 2 + inv * inv2 * (1 / 6 - inv2 * (1 / 30 - inv2 * (1 / 42 - inv2 / 30)));
}

/** Mean and variance of r = ‖x_l‖²/‖x_{l-1}‖² for one fresh layer (gain² = 2 for ReLU, 1 linear). */
export function ratioMoments({ width, relu }: { width: number; relu: boolean }): { mean: number; variance: number } {
  return { mean: 1, variance: (relu ? 5 : 2) / width };
}

/** Var[ln r] exactly (see the module comment); K = 0 (all pre-activations ≤ 0) has probability 2^-n and is left out. */
export function logRatioVariance({ width, relu }: { width: number; relu: boolean }): number {
  if (!relu) return trigamma(width / 2);
  let mass = 0;
  let meanPsi = 0;
  let meanPsiSquared = 0;
  let meanTrigamma = 0;
  for (let k = 1; k <= width; k++) {
    const p = jStat.binomial.pdf(k, width, 0.5);
    const psi = digamma(k / 2);
    mass += p;
    meanPsi += p * psi;
    meanPsiSquared += p * psi * psi;
    meanTrigamma += p * trigamma(k / 2);
  }
  meanPsi /= mass;
  return meanTrigamma / mass + (meanPsiSquared / mass - meanPsi ** 2);
}

/**
 * Planning sd of log10 of a second-moment ratio through ReLU layers of the given widths:
 * √(Σ Var r)/ln 10 with Var r = 5/n per layer (Hanin & Rolnick). An upper bound when a batch
 * of inputs averages part of the fluctuation away.
 */
export function log10RatioPlanningSd(passWidths: readonly number[]): number {
  return Math.sqrt(passWidths.reduce((sum, n) => sum + ratioMoments({ width: n, relu: true }).variance, 0)) / Math.LN10;
}
