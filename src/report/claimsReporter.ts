/**
 * A vitest reporter that collects every claim's record (task meta) into reports/claims.json and
 * reports/claims.md, and closes the run with one plain "initspec: N passed, N failed" line.
 * It reads only what the tests recorded, so it works the same on a merged sharded run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';
import { ALPHA_TOTAL, alphaSpent } from '../claim/budget.ts';
import { NOT_APPLICABLE } from '../claim/format.ts';
import { tier } from '../claim/tier.ts';
import { claimsPage } from './claimsPage.ts';
import { plotFileName, plotFromAnnotation } from './plotFiles.ts';
import { claimsMarkdown, matmulTotals, sortClaims, withPower, type ClaimRecord, type ClaimsReport } from './claimsTable.ts';

export default class ClaimsReporter implements Reporter {
  private started = performance.now();

  private readonly outputDir: string;

  /** vitest passes the options given beside the reporter in the config: `['…/claimsReporter.ts', { outputDir }]`. */
  constructor({ outputDir = 'reports' }: { outputDir?: string } = {}) {
    this.outputDir = outputDir;
  }

  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(): void {
    this.started = performance.now();
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    const records: ClaimRecord[] = [];
    const plots = new Map<string, string>();
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const notRun: Array<{ test: string; specFile: string }> = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed' || state === 'failed' || state === 'skipped') counts[state]++;
        if (state === 'skipped' && test.name.startsWith(NOT_APPLICABLE))
          notRun.push({ test: test.fullName, specFile: module.relativeModuleId });
        // a matcher's results (toDrawLike, …) are claims too: the reporter lists them with the rest
        for (const result of test.meta().initspec ?? []) records.push({ ...result, specFile: module.relativeModuleId, testState: state });
        const claim = test.meta().claim;
        if (claim) {
          records.push({ ...claim, specFile: module.relativeModuleId, testState: state });
          for (const [name, svg] of attachedPlots(test, claim.id)) plots.set(name, svg);
        }
      }
    }
    if (records.length > 0) {
      const report: ClaimsReport = {
        generatedAt: new Date().toISOString(),
        backend: records[0]?.backend ?? 'unknown',
        masterSeed: records[0]?.masterSeed,
        tier: runTier(records),
        alphaTotal: ALPHA_TOTAL,
        alphaSpent: alphaSpent(),
        suiteWallSeconds: (performance.now() - this.started) / 1000,
        matmuls: matmulTotals(records),
        notRun,
        claims: sortClaims(withPower(records)),
      };
      mkdirSync(this.outputDir, { recursive: true });
      writeFileSync(path.join(this.outputDir, 'claims.json'), `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(path.join(this.outputDir, 'claims.md'), claimsMarkdown(report));
      writeFileSync(path.join(this.outputDir, 'claims.html'), claimsPage(report, this.gatherPlots(records, plots)));
      const coverage = await this.suiteCoverage(testModules);
      if (coverage.whole) this.recordSuiteTime(report);
      else
        console.log(`initspec: a partial run (${coverage.why}): its wall time is not recorded as the suite's (reports/suite-times.json)`);
      console.log(
        `initspec: claims table written to ${path.join(this.outputDir, 'claims.md')} (${records.length} claim and control records)`,
      );
      const m = report.matmuls as NonNullable<ClaimsReport['matmuls']>;
      for (const [size, roles] of Object.entries(m.bySize)) {
        const parts = Object.entries(roles).map(([role, t]) => `${role} ${t.all} (${t.denormal} with denormal operands)`);
        console.log(`initspec: ${size} float32 chain matmuls: ${parts.join(', ')}`);
      }
      const phases = Object.entries(m.phaseSeconds)
        .map(([phase, s]) => `${phase} ${s.toFixed(0)} s`)
        .join(', ');
      console.log(`initspec: test time by phase (both workers): ${phases}`);
      for (const { test } of notRun) console.log(`initspec: did not run: ${test}`);
    }
    console.log(`initspec: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  }

  /**
   * The plots the claims name, by file name, for inlining in claims.html. They come with the test
   * results (annotations), so a merged sharded run has them too; written to plots/ where missing
   * so claims.md's links resolve on the machine that merged.
   */
  private gatherPlots(records: readonly ClaimRecord[], attached: ReadonlyMap<string, string>): Map<string, string> {
    const plots = new Map<string, string>();
    mkdirSync(path.join(this.outputDir, 'plots'), { recursive: true });
    for (const name of records.flatMap((r) => r.plots ?? []).map((file) => path.basename(file))) {
      const where = path.join(this.outputDir, 'plots', name);
      const svg = attached.get(name) ?? (existsSync(where) ? readFileSync(where, 'utf8') : undefined);
      if (svg === undefined) continue;
      if (!existsSync(where)) writeFileSync(where, svg);
      plots.set(name, svg);
    }
    return plots;
  }

  /** Whether this run ran every spec file the config names, unfiltered: only then is its wall time the suite's. */
  private async suiteCoverage(modules: ReadonlyArray<TestModule>): Promise<{ whole: boolean; why: string }> {
    if (!this.vitest) return { whole: false, why: 'no vitest context' };
    const { testNamePattern, cliExclude } = this.vitest.config;
    if (testNamePattern) return { whole: false, why: `tests filtered by ${String(testNamePattern)}` };
    if (cliExclude?.length) return { whole: false, why: `files excluded: ${cliExclude.join(', ')}` };
    const ran = new Set(modules.map((m) => m.moduleId));
    const all = await this.vitest.globTestSpecifications();
    const missing = all.filter((spec) => !ran.has(spec.moduleId)).length;
    return missing === 0 ? { whole: true, why: '' } : { whole: false, why: `${all.length - missing} of ${all.length} spec files` };
  }

  /** The last wall time per backend and tier, kept across runs, so `npm run bench -- --all` can set them side by side. */
  private recordSuiteTime(report: ClaimsReport): void {
    const file = path.join(this.outputDir, 'suite-times.json');
    const times = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, SuiteTime>) : {};
    const backend = report.backend.split(' ')[0] ?? 'unknown';
    times[`${backend}/${report.tier}`] = {
      backend: report.backend,
      tier: report.tier,
      wallSeconds: report.suiteWallSeconds,
      claimRecords: report.claims.length,
      at: report.generatedAt,
    };
    writeFileSync(file, `${JSON.stringify(times, null, 2)}\n`);
  }
}

/** A test's charts from its `plot` annotations: file name → SVG markup. */
function attachedPlots(test: TestCase, claimId: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const annotation of test.annotations()) {
    const plot = plotFromAnnotation(annotation.message);
    const attachment = annotation.attachment;
    if (annotation.type !== 'plot' || plot === undefined || attachment === undefined) continue;
    let svg: string | undefined;
    if (typeof attachment.body === 'string')
      svg = attachment.bodyEncoding === 'utf-8' ? attachment.body : Buffer.from(attachment.body, 'base64').toString('utf8');
    else if (attachment.body instanceof Uint8Array) svg = Buffer.from(attachment.body).toString('utf8');
    else if (attachment.path !== undefined && existsSync(attachment.path)) svg = readFileSync(attachment.path, 'utf8');
    if (svg !== undefined) found.push([plotFileName(claimId, plot), svg]);
  }
  return found;
}

/** The tier the claims ran in, from their records: a merged report's own process may have another INITSPEC_TIER. */
function runTier(records: readonly ClaimRecord[]): string {
  const tiers = [...new Set(records.map((r) => r.tier ?? tier()))];
  return tiers.length === 1 ? (tiers[0] as string) : `mixed: ${tiers.join(', ')}`;
}

export interface SuiteTime {
  backend: string;
  tier: string;
  wallSeconds: number;
  /** how many claim records the run wrote: a run filtered with -t writes fewer than the whole suite */
  claimRecords: number;
  at: string;
}
