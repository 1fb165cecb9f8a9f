/** fan_in and fan_out of a weight shaped [out, in, ...kernel], as torch's _calculate_fan_in_and_fan_out. */
import { assertShape, elementCount, type Shape } from './validate.ts';

export interface Fans {
  fanIn: number;
  fanOut: number;
}

export const FAN_MODES = ['fan_in', 'fan_out'] as const;
export type FanMode = (typeof FAN_MODES)[number];

export function computeFans(shape: Shape): Fans {
  assertShape('computeFans', shape);
  if (shape.length < 2) {
    throw new RangeError(`computeFans: shape must have rank >= 2 ([out, in, ...kernel]), got [${shape.join(', ')}]`);
  }
  const [outputs, inputs, ...kernel] = shape as [number, number, ...number[]];
  const receptiveField = elementCount(kernel);
  return { fanIn: inputs * receptiveField, fanOut: outputs * receptiveField };
}
