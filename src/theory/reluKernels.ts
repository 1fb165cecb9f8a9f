/**
 * The kernels of an infinitely wide ReLU net at init (Cho & Saul 2009; Lee et al. 2018, arXiv
 * 1711.00165; Jacot et al. 2018, arXiv 1806.07572; Arora et al. 2019, arXiv 1904.11955, eq. 9).
 * Net: h¹ = (σ_w/√n₀)·W¹x, h^{l+1} = (σ_w/√n)·W^{l+1}·relu(h^l), f = (σ_w/√n)·v·relu(h^L),
 * weights i.i.d. N(0, 1), no bias (the NTK parametrization; its forward pass is Kaiming's).
 * For two inputs whose pre-activations have variances q_a, q_b and correlation c = cos θ:
 *   Σ^{l+1}_ab = σ_w²·E[relu(u_a)·relu(u_b)] = σ_w²·√(q_a q_b)·(sin θ + (π − θ)·cos θ)/(2π)  (Cho & Saul's arc-cosine kernel of degree 1)
 *   Σ̇^{l+1}_ab = σ_w²·E[relu'(u_a)·relu'(u_b)] = σ_w²·(π − θ)/(2π)
 *   Θ^1 = Σ^1 = σ_w²·x_a·x_b/n₀,   Θ^{l+1} = Σ^{l+1} + Σ̇^{l+1}·Θ^l  (the NTK recursion)
 * With σ_w² = 2, q stays q^1 and the correlation map is c' = (√(1 − c²) + (π − arccos c)·c)/π.
 * The output f is layer L + 1 of the recursion: its NNGP is Σ^{L+1} and its NTK Θ^{L+1}.
 */

export interface ReluKernelPoint {
  /** Layer l = 1 … L + 1 (L + 1 is the output). */
  layer: number;
  /** Σ^l_aa, Σ^l_bb, Σ^l_ab: the NNGP kernel of the layer's pre-activations. */
  qa: number;
  qb: number;
  qab: number;
  /** Σ^l_ab/√(Σ_aa·Σ_bb). */
  correlation: number;
  /** Θ^l_aa and Θ^l_ab: the NTK of the layer's pre-activations. */
  ntkAa: number;
  ntkAb: number;
}

/** E[relu(u)·relu(v)]/√(q_a·q_b) for unit-variance (u, v) of correlation c: (sin θ + (π − θ)cos θ)/(2π). */
export function arcCosineKernel1(c: number): number {
  const cc = clampCorrelation(c);
  const theta = Math.acos(cc);
  return (Math.sqrt(1 - cc * cc) + (Math.PI - theta) * cc) / (2 * Math.PI);
}

/** E[relu'(u)·relu'(v)] for (u, v) of correlation c: (π − θ)/(2π). */
export function arcCosineKernel0(c: number): number {
  return (Math.PI - Math.acos(clampCorrelation(c))) / (2 * Math.PI);
}

function clampCorrelation(c: number): number {
  if (!(Math.abs(c) <= 1 + 1e-12)) throw new RangeError(`arc-cosine kernel: a correlation must lie in [-1, 1], got ${c}`);
  return Math.max(-1, Math.min(1, c));
}

/**
 * The NNGP and NTK of inputs a, b through `hidden` ReLU layers and the output, layer by layer.
 * `inputs`: x_a·x_a/n₀, x_b·x_b/n₀ and x_a·x_b/n₀.
 */
export function reluKernels({
  hidden,
  weightVariance,
  inputs,
}: {
  hidden: number;
  weightVariance: number;
  inputs: { aa: number; bb: number; ab: number };
}): ReluKernelPoint[] {
  if (!(Number.isInteger(hidden) && hidden >= 1)) throw new RangeError(`reluKernels: hidden must be an integer ≥ 1, got ${hidden}`);
  if (!(weightVariance > 0 && Number.isFinite(weightVariance)))
    throw new RangeError(`reluKernels: weightVariance (σ_w²) must be positive and finite, got ${weightVariance}`);
  const { aa, bb, ab } = inputs;
  if (!(aa > 0 && bb > 0 && Math.abs(ab) <= Math.sqrt(aa * bb) * (1 + 1e-12)))
    throw new RangeError(`reluKernels: the inputs' Gram entries must be a covariance, got aa ${aa}, bb ${bb}, ab ${ab}`);
  const s2 = weightVariance;
  let point: ReluKernelPoint = {
    layer: 1,
    qa: s2 * aa,
    qb: s2 * bb,
    qab: s2 * ab,
    correlation: ab / Math.sqrt(aa * bb),
    ntkAa: s2 * aa,
    ntkAb: s2 * ab,
  };
  const out = [point];
  for (let layer = 2; layer <= hidden + 1; layer++) {
    const { qa, qb, correlation, ntkAa, ntkAb } = point;
    const scale = Math.sqrt(qa * qb);
    const qab = s2 * scale * arcCosineKernel1(correlation);
    const nextQa = s2 * qa * arcCosineKernel1(1);
    const nextQb = s2 * qb * arcCosineKernel1(1);
    point = {
      layer,
      qa: nextQa,
      qb: nextQb,
      qab,
      correlation: qab / Math.sqrt(nextQa * nextQb),
      ntkAa: nextQa + s2 * arcCosineKernel0(1) * ntkAa,
      ntkAb: qab + s2 * arcCosineKernel0(correlation) * ntkAb,
    };
    out.push(point);
  }
  return out;
}
