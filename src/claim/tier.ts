/**
 * The suite's tier, one switch: INITSPEC_TIER=fast (default; what `npm test` and CI run,
 * under 5 minutes on 2 cores) or full (the trial counts a paper would use). A tier changes the
 * bound a claim states (e.g. the probability floor p0 of an outcome), never the α, and the
 * trial count always follows from the bound through the sample-size helpers.
 */
export const TIERS = ['fast', 'full'] as const;
export type Tier = (typeof TIERS)[number];

export function tier(env: NodeJS.ProcessEnv = process.env): Tier {
  const raw = env.INITSPEC_TIER?.trim();
  if (raw === undefined || raw === '') return 'fast';
  if ((TIERS as readonly string[]).includes(raw)) return raw as Tier;
  throw new RangeError(`INITSPEC_TIER="${raw}" is not a tier: choose one of ${TIERS.join(', ')}`);
}

/** The value for the active tier. */
export function byTier<T>(values: Record<Tier, T>, env: NodeJS.ProcessEnv = process.env): T {
  return values[tier(env)];
}
