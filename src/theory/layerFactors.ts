/**
 * Second-moment factors of one layer W ∈ R^{n_out×n_in} with i.i.d. zero-mean entries of
 * variance v (Glorot & Bengio 2010; He et al. 2015): forward E[(Wx)²] = n_in·v·E[x²], backward
 * E[(Wᵀg)²] = n_out·v·E[g²]; a ReLU after the layer halves each (its mask passes half the units).
 */
export function xavierVariance(fanIn: number, fanOut: number): number {
  return 2 / (fanIn + fanOut);
}

export function forwardFactor({ fanIn, variance, relu = false }: { fanIn: number; variance: number; relu?: boolean }): number {
  return fanIn * variance * (relu ? 0.5 : 1);
}

export function backwardFactor({ fanOut, variance, relu = false }: { fanOut: number; variance: number; relu?: boolean }): number {
  return fanOut * variance * (relu ? 0.5 : 1);
}

/** He (Kaiming, gain √2) variance for a fan: 2/fan. */
export function heVariance(fan: number): number {
  return 2 / fan;
}
