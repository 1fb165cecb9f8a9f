/**
 * The recommended gain per nonlinearity, as torch.nn.init.calculate_gain: the factor that
 * undoes the second-moment change a nonlinearity makes to a zero-mean unit-variance input.
 */
import { ACTIVATION_NAMES, DEFAULT_LEAKY_SLOPE, type ActivationName } from '../theory/activations.ts';
import { assertFiniteNumber, assertOneOf } from './validate.ts';

export { DEFAULT_LEAKY_SLOPE };

/** torch's calculate_gain names: the activations of src/theory/activations.ts and the linear layer kinds (gain 1). */
export const NONLINEARITIES = [
  'linear',
  'conv1d',
  'conv2d',
  'conv3d',
  'conv_transpose1d',
  'conv_transpose2d',
  'conv_transpose3d',
  'sigmoid',
  'tanh',
  'relu',
  'leaky_relu',
  'selu',
] as const;
export type Nonlinearity = (typeof NONLINEARITIES)[number];

// Every activation the experiments use has a gain: a compile error names any that is missing.
const everyActivationHasAGain: readonly Nonlinearity[] = ACTIVATION_NAMES satisfies readonly ActivationName[];
void everyActivationHasAGain;

/**
 * @example calculateGain('relu') // √2 ≈ 1.4142
 * @example calculateGain('leaky_relu', 0.2) // √(2/(1+0.04)) ≈ 1.3868
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  assertOneOf('calculateGain', 'nonlinearity', nonlinearity, NONLINEARITIES);
  switch (nonlinearity) {
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu': {
      const slope = param ?? DEFAULT_LEAKY_SLOPE;
      assertFiniteNumber('calculateGain', 'param (negative slope)', slope);
      return Math.sqrt(2 / (1 + slope ** 2));
    }
    case 'selu':
      return 3 / 4; // PyTorch's empirical value for self-normalising nets
    default:
      return 1; // linear, conv*, sigmoid
  }
}
