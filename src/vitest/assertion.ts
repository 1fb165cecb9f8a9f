/**
 * A user's assertion as an initspec claim: it runs the claim at the user's α, then its ±δ power
 * controls (the same procedure on the init scaled ×(1±δ)), and passes only if the claim holds
 * AND both controls show their error — so a pass means the check could have seen a δ error.
 */
import type { ClaimResult, ClaimSpec, Observations } from '../claim/types.ts';
import { runClaim, runPowerControl } from '../claim/run.ts';
import { powerFactors } from '../claim/power.ts';
import { checkMark } from '../claim/format.ts';
import { masterSeed } from '../rng/seed.ts';

export interface AssertionOptions {
  /** False-fail probability of this assertion when the init is right (default 0.001). */
  alpha?: number;
  /** The smallest scale error (init × (1 ± δ)) it must catch. */
  delta?: number;
  /** Master seed of the draws (default INITSPEC_SEED, else 2019). */
  seed?: number;
}

export const DEFAULT_ASSERTION_ALPHA = 0.001;

export interface AssertionOutcome {
  pass: boolean;
  claim: ClaimResult;
  power: ClaimResult[];
  message: string;
}

export async function runAssertion<O extends Observations>(spec: ClaimSpec<O>, seed = masterSeed()): Promise<AssertionOutcome> {
  const claim = await runClaim(spec, undefined, seed);
  const power: ClaimResult[] = [];
  // one after the other: each trial's tensor-leak check needs the engine to itself
  for (const factor of spec.power.delta === null ? [] : powerFactors(spec.power.delta))
    power.push(await runPowerControl(spec, factor, seed));
  const powerOk = power.every((p) => p.verdict === 'detected');
  const pass = claim.ok && powerOk;
  const lines = [
    `${spec.id}: ${claim.verdict}${powerOk ? '' : ' — but the check has NO POWER at this δ'} (α ${claim.alpha}, δ ${spec.power.delta ?? 'none'}, ${claim.trials} trials, master seed ${seed})`,
    `  ${spec.statement}`,
    ...claim.checks.map((c) => `  ${checkMark(c)} ${c.detail}`),
    ...power.map(
      (p) =>
        `  power control ${p.control}: ${p.verdict} in ${p.trials} trials${p.verdict === 'detected' ? '' : ' (draw more: raise `draws`/`batch`, or state a larger δ)'}`,
    ),
    `  rerun with the same draws: INITSPEC_SEED=${seed} npx vitest run <this file> -t "<this test>"`,
  ];
  return { pass, claim, power, message: lines.join('\n') };
}
