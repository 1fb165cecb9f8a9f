/** The chain claim recipe end to end at dim 64: it holds, rejects its control and detects ±10% (tens of seconds). */
import { describe, expect, test } from 'vitest';
import { chainClaim, plannedTrials, runClaim, runPowerControl, scaleInit } from '../../src/claim/index.ts';
import { initByName } from '../../src/index.ts';

const spec = chainClaim({
  id: 'harness/chainClaim',
  statement: 'U(±1)/√dim at dim 64 multiplied by itself vanishes to all-zero',
  matrix: 'uniform(±1)/√dim',
  dim: 64,
  activation: 'linear',
  expected: 'vanished',
  // at dim 64 draws vary more than at 512: more references keep the Welch interval narrow
  referenceCount: 200,
  controls: [{ label: 'the same ×2 (explodes)', init: scaleInit((shape, seed) => initByName('uniform(±1)/√dim', shape, seed), 2) }],
});

describe('chainClaim, run', () => {
  test('holds on the right scale, rejects its control, and detects ±10% through the growth check', async () => {
    expect((await runClaim(spec, undefined, 11)).ok).toBe(true);
    expect((await runClaim(spec, spec.controls[0], 11)).verdict).toBe('rejected');
    for (const factor of [1.1, 0.9]) {
      const power = await runPowerControl(spec, factor, 11);
      expect(power.verdict).toBe('detected');
      expect(power.trials).toBeLessThanOrEqual(plannedTrials(spec).trials);
      expect(power.checks.find((c) => c.showsError)?.label).toMatch(/^log10 rms after/);
    }
  }, 300_000);
});
