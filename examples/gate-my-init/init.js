// The project's own initializers, in torch layout: a weight [out, in, ...kernel].
import * as tf from '@tensorflow/tfjs-core';

const fans = (shape) => {
  const receptive = shape.slice(2).reduce((p, d) => p * d, 1);
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
};

/** Kaiming (He) uniform for ReLU: U(±√(6/fan_in)). */
export function heUniform(shape, seed) {
  const bound = Math.sqrt(6 / fans(shape).fanIn);
  return tf.randomUniform(shape, -bound, bound, 'float32', seed);
}

/** The same with a realistic bug: fan_out where fan_in was meant (a transposed layout mix-up). */
export function heUniformFanOutBug(shape, seed) {
  const bound = Math.sqrt(6 / fans(shape).fanOut);
  return tf.randomUniform(shape, -bound, bound, 'float32', seed);
}
