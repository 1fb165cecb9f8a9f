/**
 * initspec/vitest: the matchers (register them with `expect.extend(initspecMatchers)` or the
 * setup file `initspec/vitest/setup`) and the claim DSL for writing claims of your own.
 */
export { initspecMatchers, toDrawLike, toPreserveSecondMoment, toHaveStd, MATCHER_DEFAULT_DELTA } from './matchers.ts';
export { DEFAULT_ASSERTION_ALPHA, runAssertion, type AssertionOptions, type AssertionOutcome } from './assertion.ts';
export { drawLikeSpec, secondMomentSpec, DEFAULT_DRAW_SHAPES, type DrawLikeOptions, type SecondMomentOptions } from './specs.ts';
export { claim } from './claim.ts';
export * from '../claim/index.ts';
