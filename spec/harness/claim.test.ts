/** The claim DSL itself: trial planning, verdicts, controls, the α ledger and failure messages. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import {
  ALPHA_LEDGER,
  ALPHA_TOTAL,
  alphaSpent,
  formatResult,
  informationalCheck,
  meanWithin,
  medianReport,
  plannedTrials,
  rerunCommand,
  powerLooks,
  runClaim,
  runPowerControl,
} from '../../src/claim/index.ts';
import type { ClaimResult, ClaimSpec, TrialContext } from '../../src/claim/index.ts';
import { tier } from '../../src/claim/tier.ts';
import { uniformSource } from '../../src/rng/draw.ts';

/** U(0, 1) trials: the mean is ½, the per-trial sd 1/√12. */
const uniformMean =
  (shift: number) =>
  ({ seed }: TrialContext) => ({ x: uniformSource(seed)() + shift });

const spec: ClaimSpec<{ x: number }> = {
  id: 'harness/dsl',
  statement: 'the mean of U(0, 1) is ½ within 0.05',
  measure: uniformMean(0),
  checks: [meanWithin({ of: 'x', label: 'E[x]', target: { value: 0.5, formula: '(0+1)/2' }, margin: 0.05, sd: 1 / Math.sqrt(12) })],
  controls: [{ label: 'shifted by 0.1', measure: uniformMean(0.1) }],
  // the "init" here is U(0, 1) itself: scaling it by f moves the mean to f/2
  power: {
    delta: 0.3,
    basis: 'a test of the DSL',
    scaled:
      (f) =>
      ({ seed }: TrialContext) => ({ x: f * uniformSource(seed)() }),
  },
};

describe('claim DSL', () => {
  test("the trial count is the smallest that makes the half-width ≤ margin/2 at the claim's α", () => {
    const { trials, checkConfidence } = plannedTrials(spec);
    expect(checkConfidence).toBe(1 - ALPHA_LEDGER['harness/dsl']!);
    expect(trials).toBeGreaterThan(100);
    expect(plannedTrials({ ...spec, minTrials: 10_000 }).trials).toBe(10_000);
  });

  test('a true claim holds; its shifted control is rejected', async () => {
    const holds = await runClaim(spec, undefined, 1);
    expect(holds).toMatchObject({ verdict: 'holds', ok: true, role: 'claim' });
    const control = await runClaim(spec, spec.controls[0], 1);
    expect(control).toMatchObject({ verdict: 'rejected', ok: true, role: 'control' });
  });

  test('a negative control stops at the first look that shows its error, and uses its screen when it has one', async () => {
    const planned = plannedTrials(spec).trials;
    const far = await runClaim(spec, { label: 'shifted by 0.5', measure: uniformMean(0.5) }, 1);
    expect(far).toMatchObject({ verdict: 'rejected', ok: true });
    expect(far.trials).toBeLessThan(planned / 4);
    expect(far.trialsBasis).toMatch(new RegExp(`^screen: looks at 3, 6, .*rejected at ${far.trials} trials by "E\\[x\\]"`));
    let screened = 0;
    let full = 0;
    const counted = await runClaim(
      spec,
      {
        label: 'shifted by 0.5, screened',
        measure: (t) => (full++, uniformMean(0.5)(t)),
        screen: (t) => (screened++, uniformMean(0.5)(t)),
      },
      1,
    );
    expect([counted.verdict, screened, full]).toEqual(['rejected', far.trials, 0]);
    // a control the looks cannot reject runs the whole procedure (its planned trials at least) before it is accepted
    const right = await runClaim(spec, { label: 'not wrong at all', measure: uniformMean(0) }, 1);
    expect(right).toMatchObject({ verdict: 'accepted', ok: false });
    expect(right.trials).toBeGreaterThanOrEqual(planned);
  });

  test('the same master seed gives the same numbers', async () => {
    const a = await runClaim(spec, undefined, 5);
    const b = await runClaim(spec, undefined, 5);
    expect(a.checks[0]!.estimate).toBe(b.checks[0]!.estimate);
  });

  test('a false claim fails, and its message carries estimate, interval, margin, α, trials, seed and the rerun command', async () => {
    const wrong = { ...spec, measure: uniformMean(0.1) };
    const result = await runClaim(wrong, undefined, 9);
    expect(result).toMatchObject({ verdict: 'fails', ok: false });
    const message = formatResult(result, 'spec/x.spec.ts');
    expect(message).toMatch(/E\[x\] = 0\.6\d*, 99\.99% CI \[0\.\d+, 0\.\d+\] NOT inside 0\.5 ± 0\.05/);
    expect(message).toMatch(/α 0\.0001/);
    expect(message).toMatch(/trials: \d+/);
    expect(message).toMatch(/seedFor\("harness\/dsl", 0…\d+\) from master seed 9/);
    // the tier and the backend are named when they are not the defaults: the rerun must land on
    // the same ones, so the expectation is built from the run's own (the full tier runs this file too)
    const nonDefault = { tier: tier() === 'fast' ? undefined : tier(), backend: tf.getBackend() === 'wasm' ? undefined : tf.getBackend() };
    const flags = Object.entries(nonDefault)
      .flatMap(([k, v]) => (v ? [` --${k} ${v}`] : []))
      .join('');
    expect(message).toContain(`rerun: npx initspec claim harness/dsl --seed 9${flags}`);
    // outside spec/*.spec.ts (a harness test), the vitest command with the same settings as variables
    const env = Object.entries(nonDefault)
      .flatMap(([k, v]) => (v ? [` INITSPEC_${k.toUpperCase()}=${v}`] : []))
      .join('');
    expect(formatResult(result, 'spec/harness/x.test.ts')).toContain(
      `rerun: INITSPEC_SEED=9${env} npx vitest run spec/harness/x.test.ts -t "^harness/dsl · "`,
    );
  });

  test('the rerun command is `initspec claim ID` with the seed, and the tier and backend where they are not the defaults; a matcher test reruns by its name', () => {
    const base = { masterSeed: 3, tier: 'full', backend: 'tensorflow (tfjs 4.22.0)', id: 'C8' } as ClaimResult;
    expect(rerunCommand(base, 'spec/a.spec.ts')).toBe('npx initspec claim C8 --seed 3 --tier full --backend tensorflow');
    expect(rerunCommand({ ...base, tier: 'fast', backend: 'wasm (…)' }, 'spec/a.spec.ts')).toBe('npx initspec claim C8 --seed 3');
    expect(rerunCommand({ ...base, id: 'gates heUniform · toDrawLike(kaiming-uniform)' }, 'init.test.js')).toBe(
      'INITSPEC_SEED=3 INITSPEC_TIER=full INITSPEC_BACKEND=tensorflow npx vitest run init.test.js -t "gates heUniform"',
    );
    expect(
      rerunCommand({ ...base, tier: 'fast', backend: 'wasm (…)', id: 'gates heUniform · toDrawLike(kaiming-uniform)' }, 'init.test.js'),
    ).toBe('INITSPEC_SEED=3 npx vitest run init.test.js -t "gates heUniform"');
  });

  test('an expected failure is ok when exactly its named checks fail, not when it holds or another check fails', async () => {
    const expectedFailure = { checks: ['E[x]'], why: 'shifted' };
    expect((await runClaim({ ...spec, measure: uniformMean(0.1), expectedFailure }, undefined, 2)).ok).toBe(true);
    expect((await runClaim({ ...spec, expectedFailure }, undefined, 2)).ok).toBe(false);
    const unnamed = { checks: ['some other check'], why: 'wrong name' };
    expect((await runClaim({ ...spec, measure: uniformMean(0.1), expectedFailure: unnamed }, undefined, 2)).ok).toBe(false);
    const twoChecks: ClaimSpec<{ x: number }> = {
      ...spec,
      measure: uniformMean(0.1),
      checks: [
        ...spec.checks,
        meanWithin({ of: 'x', label: 'E[x] shifted', target: { value: 0.6, formula: '0.6' }, margin: 0.05, sd: 1 / Math.sqrt(12) }),
      ],
      expectedFailure,
    };
    // the named check fails, the other one holds: as expected
    expect((await runClaim(twoChecks, undefined, 2)).ok).toBe(true);
  });

  test('power controls: a ±δ scale error is detected with a decisive interval outside the margin, in sequential looks', async () => {
    expect(powerLooks(40)).toEqual([3, 6, 12, 24, 40]);
    expect(powerLooks(2)).toEqual([3]);
    const up = await runPowerControl(spec, 1.3, 3);
    expect(up).toMatchObject({ role: 'power', verdict: 'detected', ok: true, factor: 1.3, delta: 0.3 });
    expect(up.checks[0]!.showsError).toBe(true);
    expect(up.trials).toBeLessThan(plannedTrials(spec).trials);
    // a 1% scale error is inside the margin: never shown as an error, so the power control misses it
    const tiny = await runPowerControl(spec, 1.01, 3);
    expect(tiny).toMatchObject({ verdict: 'missed', ok: false, trials: plannedTrials(spec).trials });
  });

  test("a report never decides: one that throws says so in its line and the claim still holds; a decisive check's error still fails the run", async () => {
    const broken = informationalCheck('broken report', () => {
      throw new RangeError('medianCI: sample 13 is NaN');
    });
    const reported = await runClaim({ ...spec, checks: [...spec.checks, broken] }, undefined, 1);
    expect(reported.verdict).toBe('holds');
    expect(reported.checks.at(-1)).toMatchObject({
      informational: true,
      pass: true,
      detail: 'broken report: not computed (medianCI: sample 13 is NaN)',
    });
    const decisive = { ...broken, informational: undefined };
    await expect(runClaim({ ...spec, checks: [...spec.checks, decisive] }, undefined, 1)).rejects.toThrow(/sample 13 is NaN/);
  });

  test('a median report leaves unmeasured trials (NaN) out and keeps censored ones (Infinity) at their rank', () => {
    const report = medianReport({ of: 'count', label: 'count' });
    const counts = [...Array.from({ length: 20 }, (_, i) => 200 + i), Number.POSITIVE_INFINITY, Number.NaN];
    const result = report.evaluate(
      counts.map((count) => ({ count })),
      0.95,
    );
    expect(result).toMatchObject({ pass: true, informational: true, estimate: 210 });
    expect(result.detail).toContain('1 of 21 infinite (censored: past the last step run)');
    expect(result.detail).toContain('1 trial(s) without a value left out');
  });

  test('a trial that leaks a tensor fails the claim, naming it', async () => {
    const leakedTensors: tf.Tensor[] = [];
    const leaky: ClaimSpec<{ x: number }> = {
      ...spec,
      measure: () => {
        const kept = tf.scalar(0.5);
        leakedTensors.push(kept);
        return { x: kept.dataSync()[0]! };
      },
    };
    await expect(runClaim(leaky, undefined, 1)).rejects.toThrow(/harness\/dsl: trial 0 of "harness\/dsl" leaked 1 tensor/);
    tf.dispose(leakedTensors);
  });
});

describe('the α ledger', () => {
  test(`the suite's false-fail budget is within α_total = ${ALPHA_TOTAL}`, () => {
    expect(alphaSpent()).toBeLessThanOrEqual(ALPHA_TOTAL);
    for (const alpha of Object.values(ALPHA_LEDGER)) expect(alpha).toBeGreaterThan(0);
  });
});
