/**
 * meanAgainstReference sizes its reference ensemble on the reference alone: it grows (same
 * stream, doubling) while the reference by itself would take more than 3/4 of the half-width.
 * Found by the fresh-seed audit: T-randn-linear's 24 matrices under master seed 289259290 had an
 * sd no trial count could make up for, and the claim crashed at planning.
 */
import { describe, expect, test } from 'vitest';
import { MAX_REFERENCE_GROWTH, meanAgainstReference, REFERENCE_SHARE } from '../../src/claim/checks.ts';
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
    expect(c.trialsBasis).toMatch(/against 192 reference matrices \(grown from 24: the reference alone may use at most 0.75/);
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
});
