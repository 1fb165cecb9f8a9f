/**
 * The one activation vocabulary: the names the experiments apply, the init gains know
 * (src/init/gain.ts adds the linear layer kinds), and theory integrates, with each as a plain
 * function on numbers. Tensor versions live in src/chain/activations.ts.
 */
export const ACTIVATION_NAMES = ['linear', 'relu', 'leaky_relu', 'tanh', 'sigmoid', 'selu'] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/**
 * The positively homogeneous activations (act(c·x) = c·act(x) for c > 0): the ones a
 * self-multiplied chain uses, and the ones whose chain theory scales exactly with σ.
 */
export const CHAIN_ACTIVATIONS = ['linear', 'relu'] as const satisfies readonly ActivationName[];
export type Activation = (typeof CHAIN_ACTIVATIONS)[number];

/** An activation, with the negative slope for leaky_relu. */
export interface Act {
  name: ActivationName;
  slope?: number;
}

// SELU's constants (Klambauer et al. 2017), as tfjs and torch use them.
export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;

/** leaky_relu's default negative slope, as torch. */
export const DEFAULT_LEAKY_SLOPE = 0.01;

/** The activation on a number, for quadrature in src/theory. */
export function actOf(act: Act): (y: number) => number {
  switch (act.name) {
    case 'linear':
      return (y) => y;
    case 'relu':
      return (y) => Math.max(0, y);
    case 'leaky_relu':
      return (y) => (y >= 0 ? y : (act.slope ?? DEFAULT_LEAKY_SLOPE) * y);
    case 'tanh':
      return Math.tanh;
    case 'sigmoid':
      return (y) => 1 / (1 + Math.exp(-y));
    case 'selu':
      return (y) => SELU_SCALE * (y > 0 ? y : SELU_ALPHA * Math.expm1(y));
  }
}
