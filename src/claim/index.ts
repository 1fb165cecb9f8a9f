export type * from './types.ts';
export { ALPHA_TOTAL, ALPHA_LEDGER, alphaFor, alphaSpent, claimAlpha } from './budget.ts';
export {
  meanAgainstReference,
  meanWithin,
  stdWithin,
  followsDistribution,
  notebookDrawTypical,
  outcomeAtLeast,
  pairedWithin,
  medianReport,
  spreadRatioAtLeast,
  mediansReport,
  informationalCheck,
} from './checks.ts';
export { tier, byTier, boundTier, TIERS, type Tier, type BoundTier } from './tier.ts';
export { notebook } from './notebook.ts';
export { runClaim, runClaimWithObservations, plannedTrials, streamId } from './run.ts';
export { formatResult, headline, rerunCommand, checkMark } from './format.ts';
export {
  chainClaim,
  rateSteps,
  OUTCOME_FLOOR,
  RELU_RATE_STEPS,
  NOTEBOOK_DIM,
  NOTEBOOK_STEPS,
  type ChainClaimOptions,
  type ChainMatrix,
  type ChainOutcome,
} from './chainClaim.ts';
export {
  DEFAULT_DELTA,
  POWER_MARGIN_FRACTION,
  log10FactorMoves,
  powerMargin,
  powerFactors,
  scaleInit,
  stdMoves,
  type WeightInit,
} from './power.ts';
export { claimOutcome, runPowerControl, powerLooks } from './run.ts';
