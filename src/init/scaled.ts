/**
 * The variance-scaling initializers (Glorot & Bengio 2010; He et al. 2015) and PyTorch's default
 * Linear/Conv weight init. Each mirrors torch.nn.init line by line: fan → gain → std → bound.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { normal, uniform } from './distributions.ts';
import { computeFans, FAN_MODES, type FanMode } from './fans.ts';
import { calculateGain, type Nonlinearity } from './gain.ts';
import { assertFiniteNumber, assertNonNegative, assertOneOf, type Shape } from './validate.ts';

export interface XavierOptions {
  gain?: number;
  seed: number;
}
export interface KaimingOptions {
  a?: number;
  mode?: FanMode;
  nonlinearity?: Nonlinearity;
  seed: number;
}

/** U(±gain·√(6/(fan_in+fan_out))): variance 2/(fan_in+fan_out)·gain². */
export function xavierUniform(shape: Shape, { gain = 1, seed }: XavierOptions): tf.Tensor {
  assertNonNegative('xavierUniform', 'gain', gain);
  const { fanIn, fanOut } = computeFans(shape);
  const std = gain * Math.sqrt(2 / (fanIn + fanOut));
  const bound = Math.sqrt(3) * std; // U(-b, b) has std b/√3
  return uniform(shape, { low: -bound, high: bound, seed });
}

/** N(0, gain²·2/(fan_in+fan_out)). */
export function xavierNormal(shape: Shape, { gain = 1, seed }: XavierOptions): tf.Tensor {
  assertNonNegative('xavierNormal', 'gain', gain);
  const { fanIn, fanOut } = computeFans(shape);
  const std = gain * Math.sqrt(2 / (fanIn + fanOut));
  return normal(shape, { mean: 0, std, seed });
}

function kaimingStd(
  fn: string,
  shape: Shape,
  { a = 0, mode = 'fan_in', nonlinearity = 'leaky_relu' }: Omit<KaimingOptions, 'seed'>,
): number {
  assertFiniteNumber(fn, 'a', a);
  assertOneOf(fn, 'mode', mode, FAN_MODES);
  const fans = computeFans(shape);
  const fan = mode === 'fan_in' ? fans.fanIn : fans.fanOut;
  const gain = calculateGain(nonlinearity, a);
  return gain / Math.sqrt(fan);
}

/** U(±√3·gain/√fan): defaults a = 0, fan_in, leaky_relu, so gain = √2 (He et al. 2015). */
export function kaimingUniform(shape: Shape, options: KaimingOptions): tf.Tensor {
  const std = kaimingStd('kaimingUniform', shape, options);
  const bound = Math.sqrt(3) * std;
  return uniform(shape, { low: -bound, high: bound, seed: options.seed });
}

/** N(0, (gain/√fan)²): defaults a = 0, fan_in, leaky_relu. */
export function kaimingNormal(shape: Shape, options: KaimingOptions): tf.Tensor {
  const std = kaimingStd('kaimingNormal', shape, options);
  return normal(shape, { mean: 0, std, seed: options.seed });
}

/**
 * PyTorch's default nn.Linear / nn.ConvNd weight: kaiming_uniform_(w, a=√5), i.e. gain √(1/3)
 * and so U(±1/√fan_in).
 */
export function torchDefaultWeight(shape: Shape, { seed }: { seed: number }): tf.Tensor {
  return kaimingUniform(shape, { a: Math.sqrt(5), seed });
}
