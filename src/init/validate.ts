/** Input checks shared by the initializers; each message names the function and the parameter. */
import { assertSeed } from '../rng/seed.ts';

export type Shape = readonly number[];

export function assertShape(fn: string, shape: unknown): asserts shape is Shape {
  if (!Array.isArray(shape) || shape.length === 0) {
    throw new TypeError(`${fn}: shape must be a non-empty array of positive integers, got ${JSON.stringify(shape)}`);
  }
  shape.forEach((dim, i) => {
    if (!Number.isInteger(dim) || dim < 1) {
      throw new RangeError(`${fn}: shape[${i}] must be a positive integer, got ${String(dim)} in [${shape.join(', ')}]`);
    }
  });
}

export function assertFiniteNumber(fn: string, name: string, value: unknown): asserts value is number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${name} must be a finite number, got ${String(value)}`);
  }
}

export function assertPositive(fn: string, name: string, value: unknown): asserts value is number {
  assertFiniteNumber(fn, name, value);
  if (value <= 0) throw new RangeError(`${fn}: ${name} must be > 0, got ${value}`);
}

export function assertNonNegative(fn: string, name: string, value: unknown): asserts value is number {
  assertFiniteNumber(fn, name, value);
  if (value < 0) throw new RangeError(`${fn}: ${name} must be >= 0, got ${value}`);
}

export function assertInitSeed(fn: string, seed: unknown): asserts seed is number {
  try {
    assertSeed(seed, 'seed');
  } catch (error) {
    throw new RangeError(`${fn}: ${(error as Error).message}`);
  }
}

export function assertOneOf<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (!allowed.includes(value as T)) {
    throw new RangeError(`${fn}: unknown ${name} ${JSON.stringify(value)}; choose one of ${allowed.join(', ')}`);
  }
}

export function elementCount(shape: Shape): number {
  return shape.reduce((product, dim) => product * dim, 1);
}
