/**
 * The t checks (meanWithin, pairedWithin) plan their trials on a theory sd; trials that come out
 * spread wider ask for a further stage sized on their own sd, over their finite values only.
 * The Welch check's stages are tested in referenceGrowth.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { meanWithin, pairedWithin } from '../../src/claim/checks.ts';
import { standardNormals } from '../../src/rng/draw.ts';
import { sampleVariance } from '../../src/stats/moments.ts';
import { trialsForMeanHalfWidth } from '../../src/stats/sampleSize.ts';

const confidence = 0.9995;
const mean = meanWithin({ of: 'x', label: 'x', target: { value: 0, formula: '0' }, margin: 1, sd: 0.2 });
const paired = pairedWithin({ measured: 'a', predicted: 'b', label: 'a − b', margin: 1, sd: 0.2, unit: 'u', theory: 'test' });

describe('further stages of the t checks', () => {
  test('trials spread wider than planned ask for the count their own sd needs; narrower trials ask for none', () => {
    const planned = mean.trialsNeeded(confidence);
    const wide = Array.from(standardNormals(planned, 11), (z) => ({ x: 1.5 * z }));
    const asked = mean.trialsAfter!(wide, confidence)!;
    const sd = Math.sqrt(sampleVariance(wide.map((o) => o.x)));
    expect(asked.trials).toBe(Math.max(planned + 1, trialsForMeanHalfWidth({ sd, halfWidth: 0.5, confidence })));
    expect(asked.why).toMatch(
      new RegExp(`^x: the first ${planned} trials' sd .* gave a half-width .* > margin/2 = 0.5; resized on that sd$`),
    );
    const narrower = Array.from(standardNormals(planned, 11), (z) => ({ x: 0.1 * z }));
    expect(mean.trialsAfter!(narrower, confidence)).toBeUndefined();
  });

  test('a planning bias narrows the planned half-width to (margin − |bias|)/2, for the first stage and the further one', () => {
    const biased = meanWithin({
      of: 'x',
      label: 'x',
      target: { value: 0, formula: '0' },
      margin: 1,
      sd: 0.2,
      bias: { value: -0.4, basis: 'pilot' },
    });
    expect(biased.trialsNeeded(confidence)).toBe(trialsForMeanHalfWidth({ sd: 0.2, halfWidth: 0.3, confidence }));
    expect(biased.trialsBasis(confidence)).toBe(
      'x: t half-width ≤ (margin − |bias|)/2 = 0.3 (bias -0.4: pilot) with per-trial sd 0.2 (theory)',
    );
    const planned = biased.trialsNeeded(confidence);
    const wide = Array.from(standardNormals(planned, 12), (z) => ({ x: 0.4 * z }));
    const asked = biased.trialsAfter!(wide, confidence)!;
    const sd = Math.sqrt(sampleVariance(wide.map((o) => o.x)));
    expect(asked.trials).toBe(Math.max(planned + 1, trialsForMeanHalfWidth({ sd, halfWidth: 0.3, confidence })));
    expect(asked.why).toMatch(/> the planned half-width = 0\.3; resized on that sd$/);
    expect(() =>
      meanWithin({ of: 'x', label: 'x', target: { value: 0, formula: '0' }, margin: 1, sd: 0.2, bias: { value: 1, basis: 'pilot' } }),
    ).toThrow('meanWithin(x): a planning bias must be finite and smaller than the margin 1, got 1');
  });

  test('paired differences that are not finite (a chain that survived) are left out of the sd, but counted as seen', () => {
    const planned = paired.trialsNeeded(confidence);
    const trials = Array.from(standardNormals(planned, 13), (z) => ({ a: 1.5 * z, b: 0 }));
    const withSurvivor = [...trials, { a: Number.POSITIVE_INFINITY, b: 0 }];
    const asked = paired.trialsAfter!(trials, confidence)!;
    const askedWithSurvivor = paired.trialsAfter!(withSurvivor, confidence)!;
    expect(askedWithSurvivor.trials).toBe(Math.max(asked.trials, planned + 2));
    expect(askedWithSurvivor.why).toMatch(new RegExp(`the first ${planned + 1} trials' sd .* u gave`));
  });

  test('fewer than 2 finite values ask for no stage (the check then reports the missing values)', () => {
    expect(paired.trialsAfter!([{ a: 1, b: 0 }], confidence)).toBeUndefined();
    expect(
      paired.trialsAfter!(
        [
          { a: 1, b: 0 },
          { a: Number.NaN, b: 0 },
        ],
        confidence,
      ),
    ).toBeUndefined();
  });
});
