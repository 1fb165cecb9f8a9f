/**
 * Compile-time tests (checked by `tsc --noEmit` in npm test, not run by vitest): a claim's
 * checks may read only the keys its measure returns, with the right kind (number or array).
 * Each @ts-expect-error fails the build if the line below it ever compiles.
 */
import { claim } from '../../src/vitest/claim.ts';
import { chainClaim, meanWithin, stdWithin, type ClaimSpec, type TrialContext } from '../../src/claim/index.ts';

const measure = ({ seed }: TrialContext) => ({ secondMoment: seed, weights: [seed] });
const target = { value: 1, formula: '1' };
const power = { delta: null, why: 'a type test' } as const;

export function typeTests(): void {
  // the right keys compile
  const fine: ClaimSpec<ReturnType<typeof measure>> = {
    id: 'types',
    statement: 'keys are checked',
    measure,
    checks: [
      meanWithin({ of: 'secondMoment', label: 'E[y²]', target, margin: 0.1, sd: 1 }),
      stdWithin({ of: 'weights', label: 'std', target, relativeMargin: 0.1, perTrial: 1 }),
    ],
    controls: [],
    power,
  };
  void fine;

  claim({
    id: 'types',
    statement: 'a misspelled key',
    measure,
    // @ts-expect-error 'secondMoments' is not a key the measure returns
    checks: [meanWithin({ of: 'secondMoments', label: 'E[y²]', target, margin: 0.1, sd: 1 })],
    controls: [],
    power,
  });

  claim({
    id: 'types',
    statement: 'an array read as a number',
    measure,
    // @ts-expect-error 'weights' is an array: meanWithin needs one number per trial
    checks: [meanWithin({ of: 'weights', label: 'mean', target, margin: 0.1, sd: 1 })],
    controls: [],
    power,
  });

  chainClaim({
    id: 'types',
    statement: 'a chain check on a key a chain trial does not observe',
    matrix: 'orthogonal',
    activation: 'linear',
    expected: 'survived',
    controls: [],
    // @ts-expect-error chain trials observe 'steps', not 'step'
    extraChecks: [meanWithin({ of: 'step', label: 'steps', target, margin: 1, sd: 1 })],
  });
}
