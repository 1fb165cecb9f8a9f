/**
 * A vitest reporter that collects every claim's record (task meta) into reports/claims.json and
 * reports/claims.md, and closes the run with one plain "initspec: N passed, N failed" line.
 * It reads only what the tests recorded, so it works the same on a merged sharded run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { ALPHA_TOTAL, alphaSpent } from '../claim/budget.ts';
import { tier } from '../claim/tier.ts';
import { claimsMarkdown, sortClaims, withPower, type ClaimRecord, type ClaimsReport } from './claimsTable.ts';

export default class ClaimsReporter implements Reporter {
  private started = performance.now();

  private readonly outputDir: string;

  /** vitest passes the options given beside the reporter in the config: `['…/claimsReporter.ts', { outputDir }]`. */
  constructor({ outputDir = 'reports' }: { outputDir?: string } = {}) {
    this.outputDir = outputDir;
  }

  onTestRunStart(): void {
    this.started = performance.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const records: ClaimRecord[] = [];
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed' || state === 'failed' || state === 'skipped') counts[state]++;
        const claim = test.meta().claim;
        if (claim) records.push({ ...claim, specFile: module.relativeModuleId, testState: state });
      }
    }
    if (records.length > 0) {
      const report: ClaimsReport = {
        generatedAt: new Date().toISOString(),
        backend: records[0]?.backend ?? 'unknown',
        masterSeed: records[0]?.masterSeed,
        tier: tier(),
        alphaTotal: ALPHA_TOTAL,
        alphaSpent: alphaSpent(),
        suiteWallSeconds: (performance.now() - this.started) / 1000,
        claims: sortClaims(withPower(records)),
      };
      mkdirSync(this.outputDir, { recursive: true });
      writeFileSync(path.join(this.outputDir, 'claims.json'), `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(path.join(this.outputDir, 'claims.md'), claimsMarkdown(report));
      console.log(
        `initspec: claims table written to ${path.join(this.outputDir, 'claims.md')} (${records.length} claim and control records)`,
      );
    }
    console.log(`initspec: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  }
}
