/** The chain claim recipe (src/claim/chainClaim.ts): its shape and its reference; the end-to-end run is spec/integration/chainClaimRun.test.ts. */
import { describe, expect, test } from 'vitest';
import { dim64ChainClaim as spec } from '../support/dim64ChainClaim.ts';
import { referenceEnsemble, scaledTrajectory } from '../../src/chain/referenceChain.ts';
import { schemeStd } from '../../src/theory/index.ts';

describe('chainClaim', () => {
  test('names the scheme once: decisive checks are the outcome and the growth against the reference; the replay is a diagnostic', () => {
    const decisive = spec.checks.filter((c) => !c.informational).map((c) => c.label);
    expect(decisive).toEqual(['P(vanishes (max|x| < 2^-100))', expect.stringMatching(/^log10 rms after \d+ steps$/)]);
    expect(spec.checks.find((c) => c.label === 'replay (count)')?.informational).toBe(true);
    expect(spec.power).toMatchObject({ delta: 0.1 });
  });

  test('the reference never sees the init under test: it is drawn from its own stream and scaled by theory', () => {
    const [a] = referenceEnsemble({ family: 'uniform', n: 64, activation: 'linear', steps: 20, count: 1, master: 7 });
    const [b] = referenceEnsemble({ family: 'uniform', n: 64, activation: 'linear', steps: 20, count: 1, master: 7 });
    expect(a).toBe(b); // memoised
    const std = schemeStd('uniform(±1)/√dim', 64);
    const scaled = scaledTrajectory(a!, { std, n: 64 });
    // X_i = c^(i+2)·X_i(M₁) with c = σ√n
    expect(scaled[5]! - a![5]!).toBeCloseTo(7 * Math.log10(std * 8), 12);
  });
});
