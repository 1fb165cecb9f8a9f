/**
 * Code that takes no seed draws its seed from Math.random (tfjs-core's random ops do when a
 * layer's default initializer is built without one). Running it with Math.random replaced by a
 * seeded Alea source makes such a draw reproducible from a trial's seed.
 */
import { uniformSource } from './draw.ts';

/** fn() with Math.random seeded; the original is restored afterwards, also when fn throws. */
export function withSeededMathRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  Math.random = uniformSource(seed);
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}
