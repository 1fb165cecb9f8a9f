/**
 * How two inputs' correlation moves through a deep net at init, mean field (Poole et al. 2016,
 * eq. 5; Schoenholz et al. 2017, "Deep information propagation", eqs. 4, 8–9). With weights
 * N(0, σ_w²/n) and biases N(0, σ_b²), the pre-activations of inputs a and b at layer l are jointly
 * Gaussian with covariance [[q_a, q_ab], [q_ab, q_b]], and
 *   q_ab ← σ_w²·E[φ(u_a)·φ(u_b)] + σ_b²            (the covariance map; q_a, q_b follow the length map)
 *   c    = q_ab / √(q_a·q_b),                        at q* the correlation map c ← C(c)
 *   χ_c  = σ_w²·E[φ'(u_a)·φ'(u_b)] at (q*, c*),      the slope C'(c*)
 *   ξ_c  = −1 / ln χ_c                               the depth scale: |c_l − c*| ~ exp(−l/ξ_c).
 * In the ordered phase (χ₁ < 1) the stable fixed point is c* = 1 and χ_c = χ₁; in the chaotic
 * phase c = 1 is unstable and the stable c* < 1 is found by iterating the map from c = 0.
 *
 * The 2-D Gaussian expectations are trapezoid sums on [-10, 10]² at step 0.1: for an integrand
 * analytic in a strip |Im z| < a the trapezoid error is ~exp(−2πa/h), and tanh(√q·z) has its
 * nearest pole at a = π/(2√q), so the error is below 1e-12 for q ≤ 10 (truncating at |z| = 10
 * costs e^-50 more); spec/harness/correlationMap.test.ts pins it against closed forms.
 */
import {
  TANH,
  chi1,
  criticalWeightVariance,
  lengthFixedPoint,
  lengthMap,
  type Activation1D,
  type NetworkVariances,
} from './edgeOfChaos.ts';

const Z_MAX = 10;
const STEP = 0.1;
const NODES = Array.from({ length: Math.round((2 * Z_MAX) / STEP) + 1 }, (_, k) => -Z_MAX + k * STEP);
const WEIGHTS = NODES.map((z) => (STEP * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI));

/** The largest q the quadrature's stated error covers. */
export const PAIR_QUADRATURE_MAX_Q = 10;

/** A pair's pre-activation covariance: variances q_a, q_b and covariance q_ab. */
export interface PairCovariance {
  qa: number;
  qb: number;
  qab: number;
}

function assertCovariance({ qa, qb, qab }: PairCovariance): void {
  if (!(qa > 0 && qb > 0 && Number.isFinite(qa) && Number.isFinite(qb)))
    throw new RangeError(`pair covariance: q_a and q_b must be positive and finite, got ${qa}, ${qb}`);
  if (!(Math.abs(qab) <= Math.sqrt(qa * qb) * (1 + 1e-12)))
    throw new RangeError(`pair covariance: |q_ab| must be at most √(q_a·q_b), got q_ab = ${qab} with q_a = ${qa}, q_b = ${qb}`);
  if (Math.max(qa, qb) > PAIR_QUADRATURE_MAX_Q)
    throw new RangeError(
      `pair covariance: q up to ${PAIR_QUADRATURE_MAX_Q} is covered by the quadrature's error bound, got ${Math.max(qa, qb)}`,
    );
}

/** E[f(u_a)·g(u_b)] for (u_a, u_b) jointly Gaussian, mean 0, covariance `cov`. */
export function gaussianPairExpectation(f: (u: number) => number, g: (u: number) => number, cov: PairCovariance): number {
  assertCovariance(cov);
  const { qa, qb, qab } = cov;
  const c = Math.max(-1, Math.min(1, qab / Math.sqrt(qa * qb)));
  const sa = Math.sqrt(qa);
  const sb = Math.sqrt(qb);
  const s = Math.sqrt(1 - c * c);
  let sum = 0;
  for (let i = 0; i < NODES.length; i++) {
    const z1 = NODES[i] as number;
    const fa = f(sa * z1);
    if (fa === 0) continue;
    let inner = 0;
    for (let j = 0; j < NODES.length; j++) inner += (WEIGHTS[j] as number) * g(sb * (c * z1 + s * (NODES[j] as number)));
    sum += (WEIGHTS[i] as number) * fa * inner;
  }
  return sum;
}

/** One layer of the covariance map: the next layer's pre-activation covariance of the pair. */
export function covarianceMap(cov: PairCovariance, variances: NetworkVariances, act: Activation1D = TANH): PairCovariance {
  // each input's variance follows the length map on its own (the same q when the inputs start alike)
  const qa = lengthMap(cov.qa, variances, act);
  return {
    qa,
    qb: cov.qb === cov.qa ? qa : lengthMap(cov.qb, variances, act),
    qab: variances.weightVariance * gaussianPairExpectation(act.phi, act.phi, cov) + variances.biasVariance,
  };
}

/**
 * c_l for l = 1…layers for two inputs of second moment m0 each and correlation c0 (layer 1:
 * q = σ_w²·m0 + σ_b², q_ab = σ_w²·m0·c0 + σ_b²), by iterating the covariance map.
 */
export function correlationTrajectory(
  { c0, m0 = 1 }: { c0: number; m0?: number },
  variances: NetworkVariances,
  layers: number,
  act: Activation1D = TANH,
): number[] {
  if (!(Math.abs(c0) <= 1)) throw new RangeError(`correlationTrajectory: c0 must be in [-1, 1], got ${c0}`);
  if (!(m0 > 0 && Number.isFinite(m0))) throw new RangeError(`correlationTrajectory: m0 must be positive and finite, got ${m0}`);
  if (!(Number.isInteger(layers) && layers >= 1))
    throw new RangeError(`correlationTrajectory: layers must be a positive integer, got ${layers}`);
  const q1 = variances.weightVariance * m0 + variances.biasVariance;
  let cov: PairCovariance = { qa: q1, qb: q1, qab: variances.weightVariance * m0 * c0 + variances.biasVariance };
  const out: number[] = [];
  for (let l = 1; l <= layers; l++) {
    if (l > 1) cov = covarianceMap(cov, variances, act);
    out.push(cov.qab / Math.sqrt(cov.qa * cov.qb));
  }
  return out;
}

/** The correlation map at the fixed point q*: C(c) = (σ_w²·E[φ(u_a)φ(u_b)] + σ_b²) / q*. */
export function correlationMap(
  c: number,
  variances: NetworkVariances,
  act: Activation1D = TANH,
  qStar = lengthFixedPoint(variances, act),
): number {
  const qab = c * qStar;
  return (
    (variances.weightVariance * gaussianPairExpectation(act.phi, act.phi, { qa: qStar, qb: qStar, qab }) + variances.biasVariance) / qStar
  );
}

export interface CorrelationFixedPoint {
  phase: 'ordered' | 'chaotic';
  /** The stable fixed point c* of the correlation map. */
  cStar: number;
  /** χ_c = C'(c*) = σ_w²·E[φ'(u_a)φ'(u_b)] at (q*, c*). */
  chiC: number;
  /** ξ_c = −1/ln χ_c, in layers. */
  depthScale: number;
  qStar: number;
}

/** C'(c) = σ_w²·E[φ'(u_a)φ'(u_b)] at (q*, c): the correlation map's slope. */
export function correlationMapSlope(
  c: number,
  variances: NetworkVariances,
  act: Activation1D = TANH,
  qStar = lengthFixedPoint(variances, act),
): number {
  return variances.weightVariance * gaussianPairExpectation(act.derivative, act.derivative, { qa: qStar, qb: qStar, qab: c * qStar });
}

/**
 * c*, χ_c and ξ_c at (σ_w², σ_b²); an error on the critical line itself (χ₁ = 1: ξ_c is
 * infinite). The chaotic c* by Newton on C(c) − c from c = 0 (C is increasing and convex on
 * [0, 1] with C(1) = 1 and C'(1) = χ₁ > 1, so the iterates rise monotonically to the one root
 * below 1), to |C(c) − c| < 1e-13.
 */
export function correlationFixedPoint(variances: NetworkVariances, act: Activation1D = TANH): CorrelationFixedPoint {
  const qStar = lengthFixedPoint(variances, act);
  const chiOne = chi1(variances, act);
  if (Math.abs(chiOne - 1) < 1e-9)
    throw new RangeError(`correlationFixedPoint: σ_w² = ${variances.weightVariance} lies on the critical line (χ₁ = 1): ξ_c diverges`);
  const phase = chiOne > 1 ? 'chaotic' : 'ordered';
  let cStar = 1;
  if (phase === 'chaotic') {
    let c = 0;
    for (let step = 0; ; step++) {
      const residual = correlationMap(c, variances, act, qStar) - c;
      if (Math.abs(residual) < 1e-13) break;
      if (step === 100) throw new RangeError(`correlationFixedPoint: Newton does not converge at σ_w² = ${variances.weightVariance}`);
      c -= residual / (correlationMapSlope(c, variances, act, qStar) - 1);
    }
    cStar = c;
  }
  const chiC = phase === 'ordered' ? chiOne : correlationMapSlope(cStar, variances, act, qStar);
  return { phase, cStar, chiC, depthScale: -1 / Math.log(chiC), qStar };
}

/**
 * The σ_w² in the same phase as `from` whose depth scale is `factor`·ξ_c(from), at the same σ_b².
 * ξ_c rises monotonically towards the critical line from either side, so the root is bracketed
 * by `from` and the critical line (a longer ξ_c) or by `from` and the far end of the phase (a
 * shorter one: σ_w² → 0, or σ_w² = 8 where q* nears the quadrature's limit); Illinois regula
 * falsi on ln ξ_c to a relative error below 1e-9.
 */
export function weightVarianceForDepthScale(from: NetworkVariances, factor: number, act: Activation1D = TANH): number {
  if (!(factor > 0 && Number.isFinite(factor) && factor !== 1))
    throw new RangeError(`weightVarianceForDepthScale: factor must be positive and not 1, got ${factor}`);
  const base = correlationFixedPoint(from, act);
  const critical = criticalWeightVariance(from.biasVariance, act);
  const gap = (w: number) => Math.log(correlationFixedPoint({ ...from, weightVariance: w }, act).depthScale / (factor * base.depthScale));
  const towardsCritical = factor > 1;
  const farEnd = base.phase === 'ordered' ? 1e-3 : 8;
  const nearCritical = base.phase === 'ordered' ? critical * (1 - 1e-6) : critical * (1 + 1e-6);
  let [a, b] = [from.weightVariance, towardsCritical ? nearCritical : farEnd];
  let [fa, fb] = [gap(a), gap(b)];
  if (!(fa * fb < 0)) throw new RangeError(`weightVarianceForDepthScale: no σ_w² in the ${base.phase} phase gives ${factor} × ξ_c`);
  let side = 0;
  for (let step = 0; step < 200; step++) {
    const w = (a * fb - b * fa) / (fb - fa);
    const fw = gap(w);
    if (Math.abs(fw) < 1e-9) return w;
    if (fw * fb < 0) {
      [a, fa] = [b, fb];
      side = 0;
    } else if (side === 1) fa /= 2;
    else side = 1;
    [b, fb] = [w, fw];
  }
  throw new RangeError(`weightVarianceForDepthScale: no convergence from σ_w² = ${from.weightVariance} for ${factor} × ξ_c`);
}
