/** The activations as tfjs ops (the vocabulary and the number versions: src/theory/activations.ts). */
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_LEAKY_SLOPE, type Act } from '../theory/activations.ts';

export { actOf, type Act } from '../theory/activations.ts';

export function applyAct(x: tf.Tensor, act: Act): tf.Tensor {
  switch (act.name) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'leaky_relu':
      return tf.leakyRelu(x, act.slope ?? DEFAULT_LEAKY_SLOPE);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'selu':
      return tf.selu(x);
  }
}
