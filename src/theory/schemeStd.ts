/**
 * The entry std of each named scheme for an n×n weight, from the schemes' published formulas
 * (not from src/init, so that a broken initializer disagrees with its theory).
 */
import { kaimingUniformBound, uniformStd } from './uniform.ts';

export function schemeStd(scheme: string, n: number): number {
  switch (scheme) {
    case 'uniform(±0.01)':
      return uniformStd(-0.01, 0.01);
    case 'uniform(±1)/√dim':
      return uniformStd(-1, 1) / Math.sqrt(n);
    case 'uniform(±1)·√(2/dim)':
      return uniformStd(-1, 1) * Math.sqrt(2 / n);
    case 'kaiming-uniform':
    case 'kaiming-normal':
      return kaimingUniformBound(Math.SQRT2, n) / Math.sqrt(3); // He et al.: √2/√fan_in
    case 'xavier-uniform':
    case 'xavier-normal':
      return Math.sqrt(2 / (n + n)); // Glorot & Bengio: √(2/(fan_in+fan_out))
    case 'orthogonal':
      return 1 / Math.sqrt(n); // unit rows spread over n entries
    case 'randn/√dim':
      return 1 / Math.sqrt(n);
    case 'randn·√(2/dim)':
      return Math.sqrt(2 / n);
    default:
      throw new RangeError(`schemeStd: no theory for scheme "${scheme}"`);
  }
}
