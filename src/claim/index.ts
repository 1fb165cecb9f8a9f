export type * from './types.ts';
export { ALPHA_TOTAL, ALPHA_LEDGER, alphaFor, alphaSpent } from './budget.ts';
export { meanWithin, stdWithin, followsDistribution, notebookDrawTypical, outcomeAtLeast, pairedWithin, medianReport, spreadRatioAtLeast, mediansReport, informationalCheck } from './checks.ts';
export { tier, byTier, TIERS, type Tier } from './tier.ts';
export { notebook } from './notebook.ts';
export { runClaim, runClaimWithObservations, plannedTrials, streamId } from './run.ts';
export { formatResult, headline, rerunCommand, checkMark } from './format.ts';
