/** The nonlinearities a deep chain can apply, as tfjs ops and as plain functions for theory. */
import * as tf from '@tensorflow/tfjs-core';

export const NONLINEARITY_NAMES = ['linear', 'relu', 'leaky_relu', 'tanh', 'sigmoid', 'selu'] as const;
export type NonlinearityName = (typeof NONLINEARITY_NAMES)[number];

/** A nonlinearity, with the negative slope for leaky_relu. */
export interface Act {
  name: NonlinearityName;
  slope?: number;
}

// SELU's constants (Klambauer et al. 2017), as tfjs and torch use them.
export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;

export function applyAct(x: tf.Tensor, act: Act): tf.Tensor {
  switch (act.name) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'leaky_relu':
      return tf.leakyRelu(x, act.slope ?? 0.01);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'selu':
      return tf.selu(x);
  }
}

/** The same function on a number, for quadrature in src/theory. */
export function actOf(act: Act): (y: number) => number {
  switch (act.name) {
    case 'linear':
      return (y) => y;
    case 'relu':
      return (y) => Math.max(0, y);
    case 'leaky_relu':
      return (y) => (y >= 0 ? y : (act.slope ?? 0.01) * y);
    case 'tanh':
      return Math.tanh;
    case 'sigmoid':
      return (y) => 1 / (1 + Math.exp(-y));
    case 'selu':
      return (y) => SELU_SCALE * (y > 0 ? y : SELU_ALPHA * Math.expm1(y));
  }
}
