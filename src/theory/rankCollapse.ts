/**
 * Rank collapse of self-attention at init (Dong, Cordonnier & Loukas 2021, arXiv 2103.03404),
 * with the residual measured in the Frobenius norm: res(X) = X − 1·x̄ᵀ = (I − J)·X, J = 11ᵀ/T.
 *
 * One head, SA(X) = softmax(s·X·W_q·W_kᵀ·Xᵀ)·X·W_v, with W_q, W_k [d, d_k] and W_v [d, d] i.i.d.
 * N(0, σ²). For a small residual R = res(X), the softmax to first order in its logits gives
 *   res(SA(X)) = (1/T)·R·M·RᵀR·W_v + O(|R|⁵),   M = s·W_q·W_kᵀ
 * (logit terms constant along a row cancel; the mean x̄ enters only at higher order). So a layer
 * maps the residual cubically: Dong et al.'s 3^L, here with its constant. Over the weights, the
 * entries of M are uncorrelated with variance s²·d_k·σ⁴, so with G = RᵀR
 *   E[‖res(SA(X))‖² | R] = κ·tr G·tr G²,   κ = σ²·d·s²·d_k·σ⁴ / T².
 * For R = (I − J)·Z·ε with Z i.i.d. N(0, 1) [T, d], G/ε² is Wishart_d(T − 1, I), and
 *   E[tr W·tr W²] = n·d·(n·d + 4)·(n + d + 1)   (n = T − 1).
 */

export interface AttentionCollapseHead {
  tokens: number;
  width: number;
  keyDim: number;
  /** s: the logits' scale, 1/√d_k in scaled dot-product attention */
  logitScale: number;
  /** every weight's std as a multiple of 1/√d (fan-in d) */
  weightScale?: number;
}

function positiveInteger(name: string, value: number, least = 1): void {
  if (!(Number.isInteger(value) && value >= least))
    throw new RangeError(`rankCollapse: ${name} must be an integer ≥ ${least}, got ${value}`);
}

/** E[tr W·tr W²] for W ~ Wishart_d(n, I). */
export function wishartTraceTimesTraceOfSquare(n: number, d: number): number {
  positiveInteger('n', n);
  positiveInteger('d', d);
  return n * d * (n * d + 4) * (n + d + 1);
}

/** κ in E[‖res(SA(X))‖² | R] = κ·tr G·tr G². */
export function collapseConstant({ tokens, width, keyDim, logitScale, weightScale = 1 }: AttentionCollapseHead): number {
  positiveInteger('tokens', tokens, 2);
  positiveInteger('width', width);
  positiveInteger('keyDim', keyDim);
  if (!(Number.isFinite(logitScale) && logitScale > 0)) throw new RangeError(`rankCollapse: logitScale must be > 0, got ${logitScale}`);
  if (!(Number.isFinite(weightScale) && weightScale > 0)) throw new RangeError(`rankCollapse: weightScale must be > 0, got ${weightScale}`);
  const variance = weightScale ** 2 / width;
  return (variance * width * logitScale ** 2 * keyDim * variance ** 2) / tokens ** 2;
}

/** E‖res(X)‖² of a start X = ε·Z: ε²·(T − 1)·d. */
export function startResidual(head: AttentionCollapseHead, startStd: number): number {
  return startStd ** 2 * (head.tokens - 1) * head.width;
}

/** E‖res(SA(ε·Z))‖² to leading order: κ·ε⁶·E[tr W·tr W²]. */
export function firstLayerResidual(head: AttentionCollapseHead, startStd: number): number {
  if (!(Number.isFinite(startStd) && startStd > 0)) throw new RangeError(`rankCollapse: startStd must be > 0, got ${startStd}`);
  return collapseConstant(head) * startStd ** 6 * wishartTraceTimesTraceOfSquare(head.tokens - 1, head.width);
}

/**
 * E‖res(X_l)‖² by depth, l = 0 … layers, for X_{l+1} = g·X_l + a·SA(X_l) (g = 0: pure attention;
 * g = 1, a = 1: a plain skip; a = 1/√L: a scaled branch). The branch's residual is uncorrelated
 * with the skip's (W_v has mean zero), so m_{l+1} = g²·m_l + a²·κ·ψ·m_l³, with ψ the start's shape
 * factor E[tr G·tr G²]/(E tr G)³. Exact at l = 1; beyond, it keeps the start's shape: with a skip
 * the residual barely moves (relative error of order the increments' square), but pure attention
 * sharpens its spectrum layer by layer, so there it is the trajectory's leading-order guide only.
 */
export function residualByDepth(
  head: AttentionCollapseHead,
  { startStd, layers, skipGain, branchScale = 1 }: { startStd: number; layers: number; skipGain: number; branchScale?: number },
): number[] {
  positiveInteger('layers', layers, 0);
  const m0 = startResidual(head, startStd);
  const shape = wishartTraceTimesTraceOfSquare(head.tokens - 1, head.width) / ((head.tokens - 1) * head.width) ** 3;
  const step = branchScale ** 2 * collapseConstant(head) * shape;
  const out = [m0];
  for (let l = 0; l < layers; l++) {
    const m = out[l] as number;
    out.push(skipGain ** 2 * m + step * m ** 3);
  }
  return out;
}
