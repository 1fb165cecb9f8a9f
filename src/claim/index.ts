export type * from './types.ts';
export { ALPHA_TOTAL, ALPHA_LEDGER, alphaFor, alphaSpent } from './budget.ts';
export { meanWithin, stdWithin, followsDistribution, notebookDrawTypical } from './checks.ts';
export { notebook } from './notebook.ts';
export { runClaim, plannedTrials, streamId } from './run.ts';
export { formatResult, headline, rerunCommand } from './format.ts';
