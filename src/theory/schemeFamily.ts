/**
 * The entry distribution each named scheme draws, up to scale. Chain theory needs it: the
 * reference ensemble is "the same family at std 1/√n", so a scheme's chain differs from its
 * reference only through σ√n, which theory gives (schemeStd), never the init under test.
 */
export const SCHEME_FAMILIES = ['uniform', 'normal', 'orthogonal'] as const;
export type SchemeFamily = (typeof SCHEME_FAMILIES)[number];

export function schemeFamily(scheme: string): SchemeFamily {
  switch (scheme) {
    case 'uniform(±0.01)':
    case 'uniform(±1)/√dim':
    case 'uniform(±1)·√(2/dim)':
    case 'kaiming-uniform':
    case 'xavier-uniform':
    case 'torch-default':
      return 'uniform';
    case 'kaiming-normal':
    case 'xavier-normal':
    case 'randn/√dim':
    case 'randn·√(2/dim)':
      return 'normal';
    case 'orthogonal':
      return 'orthogonal';
    default:
      throw new RangeError(`schemeFamily: no family for scheme "${scheme}"`);
  }
}
