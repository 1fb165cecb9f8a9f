/**
 * The whole chain X_i = act(M·X_{i-1}), X_{-1} = M, in float64 on the host, for small n (n³ work a
 * step): every entry is followed, so max|X_i| is exact instead of rms·κ. Renormalised each step
 * (act is positively homogeneous), so no range limit: log10 max|X_i| accumulates on the side.
 */
import type { Activation } from '../theory/activations.ts';

/** The largest n it accepts: beyond it a step costs more than the device probe (src/chain/probeGrowth.ts). */
export const HOST_CHAIN_MAX_DIM = 64;

export function hostChainLog10Max(matrix: ArrayLike<number>, n: number, activation: Activation, steps: number): Float64Array {
  if (!(Number.isInteger(n) && n >= 1 && n <= HOST_CHAIN_MAX_DIM)) {
    throw new RangeError(`hostChainLog10Max: n must be an integer in [1, ${HOST_CHAIN_MAX_DIM}], got ${n}`);
  }
  if (matrix.length !== n * n) throw new RangeError(`hostChainLog10Max: matrix must have n² = ${n * n} entries, got ${matrix.length}`);
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`hostChainLog10Max: steps must be a positive integer, got ${steps}`);
  const m = Float64Array.from(matrix);
  let x = Float64Array.from(matrix);
  let next = new Float64Array(n * n);
  let log10Scale = 0; // X_i = 10^log10Scale · x
  const out = new Float64Array(steps);
  for (let i = 0; i < steps; i++) {
    let max = 0;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += (m[r * n + k] as number) * (x[k * n + c] as number);
        const v = activation === 'relu' && sum < 0 ? 0 : sum;
        next[r * n + c] = v;
        max = Math.max(max, Math.abs(v));
      }
    }
    if (max === 0) {
      out.fill(Number.NEGATIVE_INFINITY, i);
      return out;
    }
    for (let j = 0; j < n * n; j++) next[j] = (next[j] as number) / max;
    log10Scale += Math.log10(max);
    out[i] = log10Scale;
    [x, next] = [next, x];
  }
  return out;
}
