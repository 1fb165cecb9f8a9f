/**
 * meanAgainstReference sizes its reference ensemble on the reference alone: it grows (same
 * stream, doubling) while the reference by itself would take more than 3/4 of the half-width.
 * Found by the fresh-seed audit: T-randn-linear's 24 matrices under master seed 289259290 had an
 * sd no trial count could make up for, and the claim crashed at planning. The trials get further
 * stages sized on their own spread: C4 under master seed 2620900655 had 12 trials spread wider
 * than the reference, and an interval 1.8× the planned width.
 */
import { describe, expect, test } from 'vitest';
import { MAX_REFERENCE_GROWTH, meanAgainstReference, meanWithin, REFERENCE_SHARE } from '../../src/claim/checks.ts';
import { MAX_TRIAL_GROWTH, plannedTrials, runClaim } from '../../src/claim/run.ts';
import type { ClaimSpec } from '../../src/claim/types.ts';
import { standardNormals } from '../../src/rng/draw.ts';

const stream = (sd: number) => (count: number) => Array.from(standardNormals(count, 7), (z) => sd * z);

function check(sd: number, referenceCount = 24) {
  const calls: number[] = [];
  const c = meanAgainstReference({
    of: 'x',
    label: 'x',
    reference: (count) => {
      calls.push(count);
      return stream(sd)(count);
    },
    referenceCount,
    margin: 1,
    unit: 'u',
    theory: 'test',
    minSd: 0.01,
  });
  return { c, calls };
}

describe('reference ensemble sizing', () => {
  test('a narrow reference keeps its size', () => {
    const { c, calls } = check(0.2);
    c.trialsNeeded(0.9995);
    expect(calls).toEqual([24]);
  });

  test('a wide reference doubles until it alone takes at most 3/4 of the half-width, and trials are planned on the grown one', () => {
    const { c, calls } = check(1);
    const trials = c.trialsNeeded(0.9995);
    // planning sd 1.25 (sd × 1.25), t ≈ 3.5 at 99.95%: √R ≥ 3.5·1.25/(0.75·0.5) ⇒ R ≥ ~136
    expect(calls).toEqual([24, 48, 96, 192]);
    expect(c.trialsBasis(0.9995)).toMatch(/against 192 reference matrices \(grown from 24: the reference alone may use at most 0.75/);
    expect(Number.isFinite(trials)).toBe(true);
    expect(REFERENCE_SHARE).toBe(0.75);
  });

  test('growth stops at 16× its start; a reference still too wide then fails planning with the reason', () => {
    const { c, calls } = check(20);
    expect(() => c.trialsNeeded(0.9995)).toThrow(/reference values alone give a half-width above/);
    expect(calls.at(-1)).toBe(24 * MAX_REFERENCE_GROWTH);
  });

  test('the evaluation uses the same grown ensemble', () => {
    const { c } = check(1);
    c.trialsNeeded(0.9995);
    const result = c.evaluate(
      Array.from({ length: 40 }, () => ({ x: 0 })),
      0.9995,
    );
    expect(result.detail).toMatch(/vs 192 reference matrices/);
  });

  test('trials spread wider than planned ask for a further stage, sized on their sd; narrower trials do not', () => {
    const { c } = check(0.2);
    const planned = c.trialsNeeded(0.9995);
    const wide = Array.from(standardNormals(planned, 11), (z) => ({ x: 1.5 * z }));
    const asked = c.trialsAfter!(wide, 0.9995);
    expect(asked!.trials).toBeGreaterThan(4 * planned);
    expect(asked!.why).toMatch(
      new RegExp(`the first ${planned} trials' sd .* u \\(planned .* u\\) gave a half-width .* u > margin/2 = 0.5 u; resized on that sd`),
    );
    const narrower = Array.from(standardNormals(planned, 11), (z) => ({ x: 0.1 * z }));
    expect(c.trialsAfter!(narrower, 0.9995)).toBeUndefined();
  });

  test('the further stage reads the spread only: shifting every trial by the same amount asks for the same count', () => {
    const { c } = check(0.2);
    const planned = c.trialsNeeded(0.9995);
    const trials = (shift: number) => Array.from(standardNormals(planned, 11), (z) => ({ x: shift + 1.5 * z }));
    expect(c.trialsAfter!(trials(0), 0.9995)).toEqual(c.trialsAfter!(trials(3), 0.9995));
  });
});

describe('further stages in a run', () => {
  const claim = (trialSd: number): ClaimSpec<{ x: number }> => {
    const { c } = check(0.2);
    return {
      id: 'harness/dsl',
      statement: 'trials spread as the reference does',
      measure: ({ seed }) => ({ x: trialSd * (standardNormals(1, seed)[0] as number) }),
      checks: [c],
      controls: [],
      power: { delta: null, why: 'a test of the stages' },
    };
  };

  test('a claim whose trials spread wider than planned runs more, says why, and its interval meets the planned width', async () => {
    const spec = claim(0.6);
    const { trials: planned } = plannedTrials(spec);
    const result = await runClaim(spec, undefined, 3);
    expect(result.trials).toBeGreaterThan(planned);
    expect(result.trials).toBeLessThanOrEqual(MAX_TRIAL_GROWTH * planned);
    expect(result.trialsBasis).toMatch(/more in \d stage\(s\) \(sized on spread only/);
    const decided = result.checks[0]!;
    expect((decided.upper! - decided.lower!) / 2).toBeLessThanOrEqual(0.5);
    expect(result.verdict).toBe('holds');
  });

  test('stages stop at the cap; an interval still too wide then decides as it is', async () => {
    const spec = claim(3);
    const result = await runClaim(spec, undefined, 3);
    expect(result.trials).toBe(MAX_TRIAL_GROWTH * plannedTrials(spec).trials);
    expect(result.verdict).toBe('fails');
  });

  test('a spread no count could narrow (a wrong input) takes the cap and is decided, not a crash', async () => {
    const wild: ClaimSpec<{ x: number }> = {
      id: 'harness/dsl',
      statement: 'E[x] = 0 within 0.01',
      measure: ({ seed }) => ({ x: 1e6 * (standardNormals(1, seed)[0] as number) }),
      checks: [meanWithin({ of: 'x', label: 'E[x]', target: { value: 0, formula: '0' }, margin: 0.01, sd: 0.01 })],
      controls: [],
      power: { delta: null, why: 'a test of the stages' },
    };
    const result = await runClaim(wild, undefined, 3);
    expect(result.trials).toBe(MAX_TRIAL_GROWTH * plannedTrials(wild).trials);
    expect(result.verdict).toBe('fails');
  });

  test('a claim whose trials spread less than planned runs its plan', async () => {
    const spec = claim(0.1);
    const result = await runClaim(spec, undefined, 3);
    expect(result.trials).toBe(plannedTrials(spec).trials);
    expect(result.trialsBasis).not.toMatch(/stage/);
  });
});
