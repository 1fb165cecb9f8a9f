/**
 * The spec-file face of the DSL: `claim(spec)` writes one describe block per claim, a test
 * that it holds and one per negative control, with every number in the report (annotations,
 * task meta, JUnit properties) and in the failure message.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test, type TestContext } from 'vitest';
import { checkMark, formatResult, headline, NOT_APPLICABLE, placedStatement } from '../claim/format.ts';
import { powerFactors } from '../claim/power.ts';
import { runClaimWithObservations, runPowerControl } from '../claim/run.ts';
import type { ClaimResult, ClaimSpec, ControlSpec, Observations } from '../claim/types.ts';
import type { PlotData } from '../claim/plotData.ts';
import { plotAnnotation, plotFileName } from '../report/plotFiles.ts';
import { plotSvg } from '../report/plots.ts';

declare module 'vitest' {
  interface TaskMeta {
    claim?: ClaimResult;
    /** Results of initspec's matchers (toDrawLike, …) in this test: the claim and its power controls. */
    initspec?: ClaimResult[];
  }
}

/** Claims run long trials (500-step chains); the suite's tiering keeps the total in check. */
const CLAIM_TIMEOUT_MS = 20 * 60 * 1000;

async function runAndReport<O extends Observations>(
  context: TestContext,
  spec: ClaimSpec<O>,
  control?: ControlSpec<O> | { factor: number },
): Promise<void> {
  const { result, observations } =
    control && 'factor' in control
      ? { result: await runPowerControl(spec, control.factor), observations: [] }
      : await runClaimWithObservations(spec, control);
  const specFile = path.relative(process.cwd(), context.task.file.filepath);
  await context.annotate(headline(result), result.ok ? 'claim' : 'claim-failed');
  for (const check of result.checks) await context.annotate(`${checkMark(check, result.role)} ${check.detail}`, 'check');
  await context.annotate(`${result.seeds}; trials: ${result.trialsBasis}`, 'seeds');
  if (!control && spec.plots && observations.length) result.plots = await writePlots(context, spec.id, spec.plots(observations));
  context.task.meta.claim = result;
  if (!result.ok) {
    const why =
      result.role === 'control'
        ? 'the negative control was ACCEPTED: this procedure cannot tell the wrong input from the right one'
        : result.role === 'power'
          ? `the ${result.control} power control was MISSED: no decisive check showed the error within the claim's own trial count, so the claim cannot detect δ = ${result.delta}`
          : result.expectedFailure
            ? 'the claim did not fail in exactly its expected checks: revisit the expected-failure note'
            : 'the claim FAILED';
    throw new Error(`${why}\n${formatResult(result, specFile)}`);
  }
}

const PLOTS_DIR = path.join('reports', 'plots');

/** Saves each chart to reports/plots/<id>-<name>.svg and attaches it to the test's report. */
async function writePlots(context: TestContext, id: string, plots: Record<string, PlotData>): Promise<string[]> {
  mkdirSync(PLOTS_DIR, { recursive: true });
  const files: string[] = [];
  for (const [name, plot] of Object.entries(plots)) {
    const svg = await plotSvg(plot);
    const file = path.join(PLOTS_DIR, plotFileName(id, name));
    writeFileSync(file, svg);
    files.push(file);
    await context.annotate(plotAnnotation(name), 'plot', { contentType: 'image/svg+xml', body: svg, bodyEncoding: 'utf-8' });
  }
  return files;
}

export function claim<O extends Observations>(spec: ClaimSpec<O>): void {
  if (spec.controls.length === 0) throw new Error(`claim ${spec.id}: every claim needs at least one negative control`);
  describe(`${spec.id} · ${placedStatement(spec)}`, () => {
    if (spec.notApplicable) {
      test.skip(`${NOT_APPLICABLE}${spec.notApplicable}`, () => {});
      return;
    }
    const name = spec.expectedFailure
      ? `does not hold (expected failure of ${spec.expectedFailure.checks.map((c) => `"${c}"`).join(', ')}; every other check holds)`
      : 'holds';
    test(name, (context) => runAndReport(context, spec), CLAIM_TIMEOUT_MS);
    for (const control of spec.controls) {
      test(`rejects the negative control: ${control.label}`, (context) => runAndReport(context, spec, control), CLAIM_TIMEOUT_MS);
    }
    if (spec.power.delta !== null) {
      for (const factor of powerFactors(spec.power.delta)) {
        test(
          spec.power.describe
            ? `detects ${spec.power.describe(factor)} (δ = ${spec.power.delta})`
            : `detects a ×${factor} scale error (δ = ${spec.power.delta})`,
          (context) => runAndReport(context, spec, { factor }),
          CLAIM_TIMEOUT_MS,
        );
      }
    }
  });
}
