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

/** LeCun (gain 1) variance for a fan: 1/fan (LeCun et al. 1998). */
export function lecunVariance(fan: number): number {
  return 1 / fan;
}

/**
 * log10 of the forward E[x²] and backward E[g²] factors through a ReLU MLP over `widths`
 * (e.g. 512→256→128→64) whose layers have He variance 2/fan, fan = n_in or n_out per `mode`.
 */
export function reluMlpLog10Factors({ widths, mode }: { widths: readonly number[]; mode: 'fan_in' | 'fan_out' }): {
  forward: number;
  backward: number;
} {
  let forward = 0;
  let backward = 0;
  for (let l = 1; l < widths.length; l++) {
    const [fanIn, fanOut] = [widths[l - 1] as number, widths[l] as number];
    const variance = heVariance(mode === 'fan_in' ? fanIn : fanOut);
    forward += Math.log10(forwardFactor({ fanIn, variance, relu: true }));
    backward += Math.log10(backwardFactor({ fanOut, variance, relu: true }));
  }
  return { forward, backward };
}
