/**
 * The decisions a claim is made of, one module per kind of check. Each check names its estimate,
 * interval, acceptance region and the trial count that makes the interval narrow enough
 * (half-width ≤ margin/2, which bounds the false-fail rate by the check's α when the truth sits
 * at the target).
 */
export { insideMargin, outsideMargin } from './checks/observations.ts';
export { meanWithin } from './checks/meanWithin.ts';
export { stdWithin } from './checks/stdWithin.ts';
export { followsDistribution, matchesReference } from './checks/distribution.ts';
export { notebookDrawTypical } from './checks/notebookDraw.ts';
export { outcomeAtLeast } from './checks/outcome.ts';
export { pairedWithin } from './checks/paired.ts';
export { informationalCheck, medianReport, mediansReport } from './checks/reports.ts';
export { spreadRatioAtLeast } from './checks/spreadRatio.ts';
export { REFERENCE_SHARE, MAX_REFERENCE_GROWTH, meanAgainstReference } from './checks/reference.ts';
