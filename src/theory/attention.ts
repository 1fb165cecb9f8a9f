/**
 * Attention logits at init (Vaswani et al. 2017, §3.2.1): for tokens of unit mean square in width
 * d, q = W_q x and k = W_k x' with W ~ N(0, 1/d) independent, E[q_i²] = E[k_i²] = 1 and
 * E[(q·k)²] = Σ_i E[q_i²]·E[k_i²] = d_k exactly in expectation: the logits' second moment is d_k,
 * so without the 1/√d_k scale a softmax over them saturates as d_k grows; with it, 1.
 */
export function attentionLogitSecondMoment({
  keyDim,
  logitScale,
  weightScale = 1,
}: {
  keyDim: number;
  logitScale: number;
  weightScale?: number;
}): number {
  if (!(Number.isInteger(keyDim) && keyDim >= 1))
    throw new RangeError(`attentionLogitSecondMoment: keyDim must be a positive integer, got ${keyDim}`);
  // q and k each carry weightScale; the logit is scaled by logitScale
  return keyDim * weightScale ** 4 * logitScale ** 2;
}
