/**
 * Seeds. Every random draw in initspec comes from a 32-bit seed derived from the master seed
 * and the claim id, so one claim can be rerun alone with the same numbers.
 */

/** The master seed when `INITSPEC_SEED` is unset: the year of the course (fastai v3 part 2). */
export const DEFAULT_MASTER_SEED = 2019;
const MAX_SEED = 2 ** 32 - 1;

/** Checks that a seed is an integer in [0, 2^32 - 1]; `name` says which parameter it was. */
export function assertSeed(seed: unknown, name = 'seed'): asserts seed is number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`${name} must be an integer in [0, ${MAX_SEED}], got ${String(seed)}`);
  }
}

/** Parses a seed typed by a person (env var or CLI flag). */
export function parseSeed(text: string, name: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) {
    throw new RangeError(`${name} must be an integer in [0, ${MAX_SEED}], got "${text}"`);
  }
  const seed = Number(trimmed);
  assertSeed(seed, name);
  return seed;
}

/** The master seed: `INITSPEC_SEED` when set, else DEFAULT_MASTER_SEED. */
export function masterSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.INITSPEC_SEED;
  return raw === undefined || raw.trim() === '' ? DEFAULT_MASTER_SEED : parseSeed(raw, 'INITSPEC_SEED');
}

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser so near-identical ids spread apart. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The seed of one trial of one claim: a stable hash of (master seed, claim id, trial). */
export function seedFor(claimId: string, trial: number, master: number = masterSeed()): number {
  if (typeof claimId !== 'string' || claimId.trim() === '') {
    throw new TypeError(`seedFor: claimId must be a non-empty string, got ${JSON.stringify(claimId)}`);
  }
  if (!Number.isInteger(trial) || trial < 0) {
    throw new RangeError(`seedFor: trial must be a non-negative integer, got ${trial}`);
  }
  assertSeed(master, 'master seed');
  return hash32(`${master}\u0000${claimId}\u0000${trial}`);
}

/** A second, independent stream from one seed (e.g. the input x beside the weight W). */
export function deriveSeed(seed: number, label: string): number {
  assertSeed(seed);
  return hash32(`${seed}\u0000${label}`);
}
