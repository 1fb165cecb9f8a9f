/**
 * The suite's tier, one switch: INITSPEC_TIER=fast (default; what `npm test` and CI run,
 * under 5 minutes on 2 cores), full (the trial counts a paper would use) or tails (the full
 * tier's bounds, plus the 512² denormal-tail claims). A tier changes the bound a claim states
 * (e.g. the probability floor p0 of an outcome), never the α, and the trial count always
 * follows from the bound through the sample-size helpers.
 *
 * The 512² tails have a tier of their own because their cost is the CPU's, not the suite's:
 * each trial runs tens of 512² matmuls with denormal operands, which cost 1× to ~130× a normal
 * matmul depending on the CPU (`npm run bench` measures yours), so the same claims take 21 min
 * on one machine and many hours on another. `npm run test:tails` runs them.
 */
export const TIERS = ['fast', 'full', 'tails'] as const;
export type Tier = (typeof TIERS)[number];
/** The tiers that set bounds: tails takes the full tier's. */
export type BoundTier = 'fast' | 'full';

export function tier(env: NodeJS.ProcessEnv = process.env): Tier {
  const raw = env.INITSPEC_TIER?.trim();
  if (raw === undefined || raw === '') return 'fast';
  if ((TIERS as readonly string[]).includes(raw)) return raw as Tier;
  throw new RangeError(`INITSPEC_TIER="${raw}" is not a tier: choose one of ${TIERS.join(', ')}`);
}

/** The tier whose bounds the active tier uses. */
export function boundTier(env: NodeJS.ProcessEnv = process.env): BoundTier {
  return tier(env) === 'fast' ? 'fast' : 'full';
}

/** The value for the active tier's bounds. */
export function byTier<T>(values: Record<BoundTier, T>, env: NodeJS.ProcessEnv = process.env): T {
  return values[boundTier(env)];
}
