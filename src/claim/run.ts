/**
 * Runs a claim (or one of its negative controls) outside any test runner: trials with derived
 * seeds, tensor-leak check per trial, checks at the claim's α split over its checks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describeBackend, formatBackend } from '../backend/describe.ts';
import { masterSeed, seedFor } from '../rng/seed.ts';
import { alphaFor } from './budget.ts';
import type { ClaimResult, ClaimSpec, ControlSpec, Measure, Observations } from './types.ts';

/** The seed stream id of a claim or of one of its controls. */
export function streamId(spec: ClaimSpec, control?: ControlSpec): string {
  return control ? `${spec.id}/control/${control.label}` : spec.id;
}

/** Trials the claim needs: the most any check needs at its confidence, and at least minTrials. */
export function plannedTrials(spec: ClaimSpec): { trials: number; basis: string; checkConfidence: number } {
  const alpha = alphaFor(spec.id);
  const decisive = spec.checks.filter((c) => !c.informational).length;
  const checkConfidence = 1 - alpha / Math.max(1, decisive);
  let trials = spec.minTrials ?? 2;
  let basis = spec.minTrials ? `at least ${spec.minTrials} (the spec's floor)` : 'at least 2';
  for (const check of spec.checks) {
    const needed = check.trialsNeeded(checkConfidence);
    if (needed > trials) {
      trials = needed;
      basis = check.trialsBasis;
    }
  }
  return { trials, basis, checkConfidence };
}

async function runTrials(id: string, stream: string, measure: Measure, trials: number, master: number): Promise<Observations[]> {
  const observations: Observations[] = [];
  for (let trial = 0; trial < trials; trial++) {
    const before = tf.memory().numTensors;
    observations.push(await measure({ trial, seed: seedFor(stream, trial, master) }));
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) throw new Error(`${id}: trial ${trial} of "${stream}" leaked ${leaked} tensor(s); wrap its work in tf.tidy or dispose`);
  }
  return observations;
}

export async function runClaim(spec: ClaimSpec, control?: ControlSpec, master: number = masterSeed()): Promise<ClaimResult> {
  return (await runClaimWithObservations(spec, control, master)).result;
}

/** runClaim, also handing back the per-trial observations (for plots). */
export async function runClaimWithObservations(
  spec: ClaimSpec,
  control?: ControlSpec,
  master: number = masterSeed(),
): Promise<{ result: ClaimResult; observations: Observations[] }> {
  const started = performance.now();
  const { trials, basis, checkConfidence } = plannedTrials(spec);
  const stream = streamId(spec, control);
  const observations = await runTrials(spec.id, stream, control?.measure ?? spec.measure, trials, master);
  const checks = spec.checks.map((check) => check.evaluate(observations, checkConfidence));
  const holds = checks.every((c) => c.informational || c.pass);
  const matmuls = observations.reduce((sum, o) => sum + (typeof o.matmuls === 'number' ? o.matmuls : 0), 0);
  const verdict = control ? (holds ? 'accepted' : 'rejected') : holds ? 'holds' : 'fails';
  const ok = control ? !holds : holds !== (spec.expectedFailure !== undefined);
  const result: ClaimResult = {
    id: spec.id,
    role: control ? 'control' : 'claim',
    ...(control ? { control: control.label } : {}),
    statement: spec.statement,
    ...(spec.cell ? { cell: spec.cell } : {}),
    verdict,
    ok,
    ...(spec.expectedFailure ? { expectedFailure: spec.expectedFailure } : {}),
    alpha: alphaFor(spec.id),
    checkConfidence,
    trials,
    trialsBasis: basis,
    masterSeed: master,
    seeds: `seedFor("${stream}", 0…${trials - 1}) from master seed ${master}`,
    backend: formatBackend(describeBackend()),
    checks,
    wallMs: performance.now() - started,
    ...(matmuls > 0 ? { matmuls } : {}),
  };
  return { result, observations };
}
