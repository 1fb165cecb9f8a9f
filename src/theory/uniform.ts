/** Moments of uniform weights, derived independently of src/init so a broken init formula is caught. */

/** The standard deviation of U(low, high): (high - low)/√12. */
export function uniformStd(low: number, high: number): number {
  if (!(low < high)) throw new RangeError(`uniformStd: low must be < high, got ${low}, ${high}`);
  return (high - low) / Math.sqrt(12);
}

/**
 * PyTorch's default Linear/Conv weight bound. kaiming_uniform_(a=√5) uses gain √(2/(1+a²)) = √(1/3),
 * std = gain/√fan_in and bound = √3·std, which simplifies to 1/√fan_in.
 */
export function torchDefaultBound(fanIn: number): number {
  if (!(Number.isInteger(fanIn) && fanIn > 0)) throw new RangeError(`torchDefaultBound: fanIn must be a positive integer, got ${fanIn}`);
  return 1 / Math.sqrt(fanIn);
}

/** Kaiming-uniform bound for gain g: √3·g/√fan. */
export function kaimingUniformBound(gain: number, fan: number): number {
  return (Math.sqrt(3) * gain) / Math.sqrt(fan);
}
