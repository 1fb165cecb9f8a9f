/**
 * An initializer's draw as host float64 values (moments are never taken in float32): the tensor
 * is checked for the shape asked for, copied and disposed.
 */
import type { Shape } from './validate.ts';
import type { WeightInit } from './types.ts';

export function hostDraw(init: WeightInit): (shape: Shape, seed: number) => Float64Array {
  return (shape, seed) => {
    const t = init(shape, seed);
    try {
      if (t.shape.join(',') !== shape.join(','))
        throw new Error(`the initializer returned shape [${t.shape.join(', ')}] when asked for [${shape.join(', ')}]`);
      return Float64Array.from(t.dataSync());
    } finally {
      t.dispose();
    }
  };
}
