/** The chain claim recipe end to end at dim 64: it holds, rejects its control and detects ±10% (tens of seconds). */
import { describe, expect, test } from 'vitest';
import { plannedTrials, runClaim, runPowerControl } from '../../src/claim/index.ts';
import { dim64ChainClaim as spec } from '../support/dim64ChainClaim.ts';

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
