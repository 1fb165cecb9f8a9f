/**
 * Runs a claim, one of its negative controls, or one of its ±δ power controls outside any
 * test runner: trials with derived seeds, tensor-leak check per trial, checks at the claim's α
 * split over its checks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describeBackend, formatBackend } from '../backend/describe.ts';
import { masterSeed, seedFor } from '../rng/seed.ts';
import { tier } from './tier.ts';
import { claimAlpha } from './budget.ts';
import { fmt, pct } from '../text/format.ts';
import { phaseDelta, phaseSnapshot, type Phase } from '../clock/phaseClock.ts';
import type { CheckResult, ClaimResult, ClaimSpec, ControlSpec, Measure, Observations } from './types.ts';

/** The seed stream id of a claim, of one of its controls, or of a power control. */
export function streamId<O extends Observations>(spec: ClaimSpec<O>, control?: ControlSpec<O>, factor?: number): string {
  if (factor !== undefined) return `${spec.id}/power/×${factor}`;
  return control ? `${spec.id}/control/${control.label}` : spec.id;
}

/** Trials the claim needs: the most any check needs at its confidence, and at least minTrials. */
export function plannedTrials<O extends Observations>(spec: ClaimSpec<O>): { trials: number; basis: string; checkConfidence: number } {
  const alpha = claimAlpha(spec);
  const decisive = spec.checks.filter((c) => !c.informational).length;
  const checkConfidence = 1 - alpha / Math.max(1, decisive);
  let trials = spec.minTrials ?? 2;
  let basis = spec.minTrials ? `at least ${spec.minTrials} (the spec's floor)` : 'at least 2';
  for (const check of spec.checks) {
    const needed = check.trialsNeeded(checkConfidence);
    if (needed > trials) {
      trials = needed;
      basis = check.trialsBasis(checkConfidence);
    }
  }
  return { trials, basis, checkConfidence };
}

async function runTrial<O extends Observations>(
  id: string,
  stream: string,
  measure: Measure<O>,
  trial: number,
  master: number,
): Promise<O> {
  const before = tf.memory().numTensors;
  const observation = await measure({ trial, seed: seedFor(stream, trial, master) });
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) throw new Error(`${id}: trial ${trial} of "${stream}" leaked ${leaked} tensor(s); wrap its work in tf.tidy or dispose`);
  return observation;
}

/**
 * Whether a claim's checks amount to "holds". Without an expected failure: every decisive check
 * passed. With one: exactly the named checks failed, and every other decisive check passed.
 */
export function claimOutcome<O extends Observations>(
  spec: ClaimSpec<O>,
  checks: readonly CheckResult[],
): { holds: boolean; asExpected: boolean } {
  const decisive = checks.filter((c) => !c.informational);
  const holds = decisive.every((c) => c.pass);
  if (!spec.expectedFailure) return { holds, asExpected: holds };
  const expected = new Set(spec.expectedFailure.checks);
  const asExpected =
    decisive.every((c) => c.pass !== expected.has(c.label)) && [...expected].every((label) => decisive.some((c) => c.label === label));
  return { holds, asExpected };
}

/**
 * Every check on the trials. A report never decides, so one that cannot compute (a value its
 * summary did not foresee) says so in its line instead of failing the claim; a decisive check's
 * error still fails the run.
 */
function evaluateChecks<O extends Observations>(spec: ClaimSpec<O>, observations: readonly O[], confidence: number): CheckResult[] {
  return spec.checks.map((check) => {
    if (!check.informational) return check.evaluate(observations, confidence);
    try {
      return check.evaluate(observations, confidence);
    } catch (error) {
      const label = check.label;
      const message = error instanceof Error ? error.message : String(error);
      return {
        label,
        method: 'report',
        pass: true,
        informational: true,
        estimate: Number.NaN,
        confidence,
        detail: `${label}: not computed (${message})`,
      };
    }
  });
}

/** When a run started: wall clock and the phase clock (src/clock/phaseClock.ts). */
function startClock(): { ms: number; phases: Record<Phase, number> } {
  return { ms: performance.now(), phases: phaseSnapshot() };
}

/** The fields every result shares. */
function baseResult<O extends Observations>(
  spec: ClaimSpec<O>,
  master: number,
  stream: string,
  trials: number,
  observations: readonly Observations[],
  started: ReturnType<typeof startClock>,
) {
  const count = (key: string) => observations.reduce((sum, o) => sum + (typeof o[key] === 'number' ? (o[key] as number) : 0), 0);
  const matmuls = count('matmuls');
  return {
    id: spec.id,
    delta: spec.power.delta,
    deltaBasis: spec.power.delta === null ? spec.power.why : spec.power.basis,
    statement: spec.statement,
    ...(spec.cell ? { cell: spec.cell } : {}),
    ...(spec.source ? { source: spec.source } : {}),
    ...(spec.expectedFailure ? { expectedFailure: spec.expectedFailure } : {}),
    alpha: claimAlpha(spec),
    masterSeed: master,
    tier: tier(),
    seeds: `seedFor("${stream}", 0…${trials - 1}) from master seed ${master}`,
    backend: formatBackend(describeBackend()),
    wallMs: performance.now() - started.ms,
    phaseMs: phaseDelta(started.phases, phaseSnapshot()),
    ...(matmuls > 0
      ? {
          matmuls,
          denormalMatmuls: count('denormalMatmuls'),
          matmulDim: observations.find((o) => typeof o.matmulDim === 'number' && o.matmulDim > 0)?.matmulDim as number,
        }
      : {}),
  };
}

/** How far further stages may grow a claim's trials beyond its plan, and in how many stages. */
export const MAX_TRIAL_GROWTH = 8;
export const MAX_EXTRA_STAGES = 4;

/**
 * A further stage (after Stein's two-stage design): each decisive check may ask for more trials,
 * sized on the spread of what it has seen, never on its mean or verdict, so stopping cannot
 * select for a pass. Undefined when every check is content or the cap is reached.
 */
export function nextStage<O extends Observations>(
  spec: ClaimSpec<O>,
  observations: readonly O[],
  confidence: number,
  cap: number,
): { trials: number; why: string } | undefined {
  let wanted: { trials: number; why: string } | undefined;
  for (const check of spec.checks) {
    if (check.informational || !check.trialsAfter) continue;
    const asked = check.trialsAfter(observations, confidence);
    if (asked && asked.trials > (wanted?.trials ?? observations.length)) wanted = asked;
  }
  if (!wanted || observations.length >= cap) return undefined;
  return { trials: Math.min(wanted.trials, cap), why: wanted.why };
}

/**
 * A negative control's screen: looks at 3, 6, 12, … trials (as a power control does) of the
 * control's cheapest measure, each look at the check confidence split over the looks, and stops
 * as soon as a decisive check's interval lies wholly outside its acceptance region: then the
 * claim's procedure has rejected the wrong input, and the float32 chain or a further stage would
 * add nothing. No result when no look rejects it; the control then runs the claim's full
 * procedure, which alone can call it accepted (reusing the looks' trials when they were made
 * with the full measurement: same seeds, same numbers).
 */
export async function screenControl<O extends Observations>(
  spec: ClaimSpec<O>,
  control: ControlSpec<O>,
  master: number = masterSeed(),
): Promise<{ result?: ClaimResult; observations: O[] }> {
  const started = startClock();
  const { trials: cap, checkConfidence } = plannedTrials(spec);
  const looks = powerLooks(cap);
  const lookConfidence = 1 - (1 - checkConfidence) / looks.length;
  const stream = streamId(spec, control);
  const measure = control.screen ?? control.measure;
  const decisive = spec.checks.filter((c) => !c.informational);
  const observations: O[] = [];
  for (const look of looks) {
    while (observations.length < look) observations.push(await runTrial(spec.id, stream, measure, observations.length, master));
    const checks = decisive.map((check) => check.evaluate(observations, lookConfidence));
    const shown = checks.filter((c) => c.showsError === true);
    if (shown.length === 0) continue;
    const seen = looks.filter((k) => k <= look).join(', ');
    return {
      observations,
      result: {
        ...baseResult(spec, master, stream, observations.length, observations, started),
        role: 'control',
        control: control.label,
        verdict: 'rejected',
        ok: true,
        checkConfidence: lookConfidence,
        trials: observations.length,
        trialsBasis:
          `screen: looks at ${seen} trials${control.screen ? ' of its cheapest decisive measurement' : ''}, each at ${pct(lookConfidence)} ` +
          `(the check α ${fmt(1 - checkConfidence)} split over ${looks.length} looks); rejected at ${look} trials by ${shown.map((c) => `"${c.label}"`).join(', ')}, ` +
          'so the rest of the procedure did not run',
        checks,
      },
    };
  }
  return { observations };
}

export async function runClaim<O extends Observations>(
  spec: ClaimSpec<O>,
  control?: ControlSpec<O>,
  master: number = masterSeed(),
): Promise<ClaimResult> {
  return (await runClaimWithObservations(spec, control, master)).result;
}

/** runClaim, also handing back the per-trial observations (for plots). */
export async function runClaimWithObservations<O extends Observations>(
  spec: ClaimSpec<O>,
  control?: ControlSpec<O>,
  master: number = masterSeed(),
): Promise<{ result: ClaimResult; observations: O[] }> {
  const started = startClock();
  const observations: O[] = [];
  if (control) {
    const screened = await screenControl(spec, control, master);
    if (screened.result) return { result: screened.result, observations: screened.observations };
    if (!control.screen) observations.push(...screened.observations);
  }
  const { trials, basis, checkConfidence } = plannedTrials(spec);
  const stream = streamId(spec, control);
  const measure = control?.measure ?? spec.measure;
  while (observations.length < trials) observations.push(await runTrial(spec.id, stream, measure, observations.length, master));
  // Further stages while a check's interval is wider than it planned (sized on spread only).
  const whys: string[] = [];
  for (let stage = 0; stage < MAX_EXTRA_STAGES; stage++) {
    const more = nextStage(spec, observations, checkConfidence, MAX_TRIAL_GROWTH * trials);
    if (!more) break;
    whys.push(more.why);
    while (observations.length < more.trials) observations.push(await runTrial(spec.id, stream, measure, observations.length, master));
  }
  const checks = evaluateChecks(spec, observations, checkConfidence);
  const { holds, asExpected } = claimOutcome(spec, checks);
  const verdict = control ? (holds ? 'accepted' : 'rejected') : holds ? 'holds' : 'fails';
  const ok = control ? !holds : asExpected;
  const result: ClaimResult = {
    ...baseResult(spec, master, stream, observations.length, observations, started),
    role: control ? 'control' : 'claim',
    ...(control ? { control: control.label } : {}),
    verdict,
    ok,
    checkConfidence,
    trials: observations.length,
    trialsBasis: whys.length
      ? `${basis}; then ${observations.length - trials} more in ${whys.length} stage(s) (sized on spread only, at most ${MAX_TRIAL_GROWTH}× the plan): ${whys.join('; ')}`
      : basis,
    checks,
  };
  return { result, observations };
}

/** Trial counts at which a power control looks: 3, 6, 12, … and the cap. */
export function powerLooks(cap: number): number[] {
  const looks: number[] = [];
  for (let k = 3; k < cap; k *= 2) looks.push(k);
  looks.push(Math.max(cap, 3));
  return looks;
}

/**
 * A ±δ power control: the claim's own measurement with its init scaled by `factor`, run in
 * looks of 3, 6, 12, … trials until a decisive check shows the error (its interval lies wholly
 * outside the acceptance region), at most the claim's own trial count: a claim that cannot
 * see δ with the trials it runs has no power against it. Each look is at the claim's check
 * confidence, so the chance that some look claims an error that is smaller than the margin is
 * at most (looks × check α).
 */
export async function runPowerControl<O extends Observations>(
  spec: ClaimSpec<O>,
  factor: number,
  master: number = masterSeed(),
): Promise<ClaimResult> {
  if (spec.power.delta === null) throw new Error(`${spec.id}: no power control for a claim that states it cannot detect a scale error`);
  const started = startClock();
  const { trials: cap, checkConfidence } = plannedTrials(spec);
  const stream = streamId(spec, undefined, factor);
  const measure = spec.power.scaled(factor);
  const looks = powerLooks(cap);
  const observations: O[] = [];
  let checks: CheckResult[] = [];
  let detected = false;
  for (const look of looks) {
    while (observations.length < look) observations.push(await runTrial(spec.id, stream, measure, observations.length, master));
    checks = evaluateChecks(spec, observations, checkConfidence);
    detected = checks.some((c) => !c.informational && c.showsError === true);
    if (detected) break;
  }
  const trials = observations.length;
  return {
    ...baseResult(spec, master, stream, trials, observations, started),
    role: 'power',
    control: spec.power.describe?.(factor) ?? `init ×${factor}`,
    factor,
    verdict: detected ? 'detected' : 'missed',
    ok: detected,
    checkConfidence,
    trials,
    trialsBasis: `sequential looks at ${looks.filter((k) => k <= trials).join(', ')} trials (at most the claim's ${cap}); stops once a decisive check shows the error`,
    checks,
  };
}
