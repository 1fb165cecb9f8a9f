/**
 * The suite's false-fail budget. A correct implementation fails a statistical claim with
 * probability at most its α; the suite as a whole fails falsely with probability at most
 * the sum (Bonferroni), which must stay within ALPHA_TOTAL. Every statistical test in the
 * suite has a line here; the harness tests check the sum.
 */
export const ALPHA_TOTAL = 0.05;

export const ALPHA_LEDGER: Readonly<Record<string, number>> = {
  // notebook claims (spec/*.spec.ts)
  C1: 0.001,
  C7: 0.001,
  C8: 0.001,
  C9: 0.001,
  'C9-kaiming': 0.001,
  C2: 0.001,
  C3: 0.001,
  C4: 0.001,
  // the draws the chains start from (In [150], In [152]), added by following CONTRIBUTING.md
  'C3-std': 0.0001,
  'C4-std': 0.0001,
  C5: 0.001,
  C6a: 0.001,
  C6b: 0.001,
  C6c: 0.001,
  C6d: 0.001,
  'T-xavier-linear': 0.001,
  'T-xavier-relu': 0.001,
  'T-orthogonal-linear': 0.001,
  'T-orthogonal-relu': 0.001,
  'T-randn-linear': 0.001,
  'T-randn-relu': 0.001,
  'F-kaiming-relu': 0.001,
  'F-randn-linear': 0.001,
  // the notebook's all-zero end through the denormal range (spec/denormal-tail.spec.ts)
  'Z-C2': 0.0005,
  'Z-C4': 0.0005,
  'Z-C6b': 0.0005,
  'Z-C6d': 0.0005,
  // finite width (spec/finite-width.spec.ts) and why √5 (spec/why-sqrt5.spec.ts)
  'H-ratio-64': 0.0005,
  'H-ratio-32': 0.0005,
  'H-depth-10': 0.0005,
  'H-depth-40': 0.0005,
  C12: 0.0005,
  // Xavier and the backward pass (spec/xavier-and-backward.spec.ts)
  C10: 0.0005,
  'C10-product': 0.0005,
  'C10-relu': 0.0005,
  'B-fan-in': 0.0005,
  'B-fan-out': 0.0005,
  'L-lsuv': 0.0005,
  'T-orthogonal-haar': 0.0005,
  // gains (spec/gains.spec.ts)
  'G-tanh': 0.0005,
  'G-leaky-relu': 0.0005,
  'G-selu': 0.0005,
  'G-sigmoid': 0.0005,
  // the tfjs-layers initializer audit (spec/tfjs-initializers.spec.ts)
  'A-heUniform': 0.0005,
  'A-glorotUniform': 0.0005,
  'A-heNormal': 0.0005,
  'A-glorotNormal': 0.0005,
  'A-leCunNormal': 0.0005,
  'A-heNormal-published': 0.0005,
  'A-orthogonal': 0.0005,
  // after the notebook: the literature's claims (spec/tfjs-default-layer.spec.ts, …)
  'D-dense-default': 0.0005,
  'I-orthogonal-linear': 0.0005,
  'I-gaussian-linear': 0.0005,
  'I-relu-orthogonal': 0.0005,
  'I-relu-gaussian': 0.0005,
  'I-tanh-orthogonal': 0.0005,
  'I-tanh-gaussian': 0.0005,
  'E-edge-of-chaos': 0.0005,
  'E-correlation-depth': 0.0005,
  // residual branches (spec/residual-branches.spec.ts)
  'R-plain': 0.0005,
  'R-scaled': 0.0005,
  'R-normalized': 0.0005,
  // attention's 1/√d_k (spec/attention.spec.ts)
  'AT-unscaled': 0.0005,
  'AT-scaled': 0.0005,
  'AT-softmax-scaled': 0.0005,
  'AT-softmax-unscaled': 0.0005,
  // rank collapse of stacked attention (spec/attention-collapse.spec.ts)
  'AT-collapse': 0.0005,
  'AT-collapse-skip': 0.0005,
  // the ReLU net's kernels (spec/kernels.spec.ts)
  'K-nngp-ntk': 0.0005,
  // μP's coordinate check (spec/mup-coord-check.spec.ts)
  'MU-sp': 0.0005,
  'MU-mup': 0.0005,
  // calibration of the interval helpers (spec/harness/stats.calibration.test.ts): 4000 simulations
  // each, tolerance ±1.5 points against the exact coverage
  'calibration/meanCI': 0.0001,
  'calibration/varianceCI': 0.0001,
  'calibration/proportionCI': 0.0001,
  'calibration/medianCI': 0.0001,
  'calibration/ksTest': 0.0001,
  'calibration/stdRatioCI': 0.0001,
  // the DSL's own tests (spec/harness/claim.test.ts) run a small true claim
  'harness/dsl': 0.0001,
  // the chain recipe's own test (spec/harness/chainClaim.test.ts) runs a small true chain claim
  'harness/chainClaim': 0.0001,
};

/** The α of a claim or statistical test; unknown ids are an error, so nothing escapes the ledger. */
export function alphaFor(id: string): number {
  const alpha = ALPHA_LEDGER[id];
  if (alpha === undefined) {
    throw new RangeError(
      `alphaFor: "${id}" has no line in ALPHA_LEDGER (src/claim/budget.ts); add one within ALPHA_TOTAL = ${ALPHA_TOTAL}`,
    );
  }
  return alpha;
}

/** A claim's α: its own when it states one (users' assertions), else its ledger line. */
export function claimAlpha(spec: { id: string; alpha?: number }): number {
  if (spec.alpha === undefined) return alphaFor(spec.id);
  if (!(spec.alpha > 0 && spec.alpha < 1)) throw new RangeError(`${spec.id}: α must be in (0, 1), got ${spec.alpha}`);
  return spec.alpha;
}

export function alphaSpent(): number {
  return Object.values(ALPHA_LEDGER).reduce((sum, alpha) => sum + alpha, 0);
}
