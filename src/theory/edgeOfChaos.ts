/**
 * Signal propagation in a deep net at init, mean field (Poole et al. 2016, "Exponential
 * expressivity in deep neural networks through transient chaos", eqs. 3 and 6; Schoenholz et
 * al. 2017, "Deep information propagation", eqs. 3–5). Weights N(0, σ_w²/n), biases N(0, σ_b²):
 *   length map   q_{l+1} = σ_w²·E[φ(√q_l·z)²] + σ_b²,  z ~ N(0, 1), fixed point q*;
 *   χ₁           = σ_w²·E[φ'(√q*·z)²], the mean squared singular value of one layer's Jacobian
 *                  at q*: a small input perturbation grows by χ₁ per layer in squared length;
 *   critical line χ₁(σ_w², σ_b²) = 1 between the ordered (χ₁ < 1) and chaotic (χ₁ > 1) phases.
 * Expectations by gaussianExpectation (composite Simpson on [-12, 12], error ~1e-10 for these
 * smooth integrands); q* by iterating the map (it is a contraction at tanh's fixed point) to a
 * relative change below 1e-13; the critical σ_w² by bisection to 1e-12.
 */
import { gaussianExpectation } from './meanField.ts';

export interface Activation1D {
  name: string;
  phi: (x: number) => number;
  /** φ'(x). */
  derivative: (x: number) => number;
  /** E[φ'(√q·z)^p], z ~ N(0, 1), in closed form where a quadrature would be inexact (a step φ'). */
  slopeMoment?: (q: number, power: number) => number;
}

/** E[φ'(√q·z)^p]: the activation's closed form, else the Gaussian quadrature. */
export function slopeMoment(act: Activation1D, q: number, power: number): number {
  return act.slopeMoment ? act.slopeMoment(q, power) : gaussianExpectation((z) => act.derivative(Math.sqrt(q) * z) ** power);
}

export const TANH: Activation1D = { name: 'tanh', phi: Math.tanh, derivative: (x) => 1 / Math.cosh(x) ** 2 };
export const LINEAR: Activation1D = { name: 'linear', phi: (x) => x, derivative: () => 1 };
/**
 * ReLU. Its φ' is a step, which a quadrature integrates only to O(h) across the jump, so it also
 * carries its slope moments in closed form: E[φ'(√q·z)^p] = P(z > 0) = ½ for every p > 0.
 */
export const RELU: Activation1D = {
  name: 'relu',
  phi: (x) => Math.max(0, x),
  derivative: (x) => (x > 0 ? 1 : 0),
  slopeMoment: () => 0.5,
};

export interface NetworkVariances {
  /** σ_w²: each weight's variance times the width n. */
  weightVariance: number;
  /** σ_b²: each bias's variance. */
  biasVariance: number;
}

function assertVariances({ weightVariance, biasVariance }: NetworkVariances): void {
  if (!(Number.isFinite(weightVariance) && weightVariance > 0))
    throw new RangeError(`σ_w² must be a positive finite number, got ${weightVariance}`);
  if (!(Number.isFinite(biasVariance) && biasVariance >= 0)) throw new RangeError(`σ_b² must be a finite number >= 0, got ${biasVariance}`);
}

/** One application of the length map. */
export function lengthMap(q: number, { weightVariance, biasVariance }: NetworkVariances, act: Activation1D = TANH): number {
  return weightVariance * gaussianExpectation((z) => act.phi(Math.sqrt(q) * z) ** 2) + biasVariance;
}

/** q_l for l = 1…layers from a pre-activation variance q_1 (the input's σ_w²·E[x²] + σ_b²). */
export function lengthTrajectory(q1: number, variances: NetworkVariances, layers: number, act: Activation1D = TANH): number[] {
  assertVariances(variances);
  const out = [q1];
  while (out.length < layers) out.push(lengthMap(out.at(-1) as number, variances, act));
  return out;
}

/** The length map's fixed point q*, iterated from q = 1 (an error where it does not converge in 10⁴ steps). */
export function lengthFixedPoint(variances: NetworkVariances, act: Activation1D = TANH): number {
  assertVariances(variances);
  let q = 1;
  for (let step = 0; step < 10_000; step++) {
    const next = lengthMap(q, variances, act);
    if (!Number.isFinite(next)) break;
    if (Math.abs(next - q) <= 1e-13 * Math.max(next, 1e-300)) return next;
    q = next;
  }
  throw new RangeError(
    `lengthFixedPoint: the ${act.name} length map does not converge at σ_w² = ${variances.weightVariance}, σ_b² = ${variances.biasVariance}`,
  );
}

/** χ₁ = σ_w²·E[φ'(√q*·z)²] at the fixed point. */
export function chi1(variances: NetworkVariances, act: Activation1D = TANH): number {
  const q = lengthFixedPoint(variances, act);
  return variances.weightVariance * slopeMoment(act, q, 2);
}

const criticalCache = new Map<string, number>();

/** The σ_w² where χ₁ = 1 at this σ_b² (the edge of chaos), by bisection on [lower, upper]; memoised (a pure function, ~0.4 s). */
export function criticalWeightVariance(biasVariance: number, act: Activation1D = TANH, [lower, upper] = [0.5, 10]): number {
  const key = `${act.name}/${biasVariance}/${lower}/${upper}`;
  const known = criticalCache.get(key);
  if (known !== undefined) return known;
  const value = bisectCritical(biasVariance, act, [lower, upper]);
  criticalCache.set(key, value);
  return value;
}

function bisectCritical(biasVariance: number, act: Activation1D, [lower, upper]: [number, number]): number {
  const f = (w: number) => chi1({ weightVariance: w, biasVariance }, act) - 1;
  let [a, b] = [lower, upper];
  if (!(f(a) < 0 && f(b) > 0))
    throw new RangeError(`criticalWeightVariance: χ₁ - 1 does not change sign on σ_w² ∈ [${lower}, ${upper}] at σ_b² = ${biasVariance}`);
  while (b - a > 1e-12) {
    const mid = (a + b) / 2;
    if (f(mid) < 0) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}
