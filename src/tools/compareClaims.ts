/**
 * Compares the numbers of two claims.json files (timings aside): the same master seed must give
 * the same estimates, intervals and verdicts however the suite was split across processes.
 */
import { readFileSync } from 'node:fs';
import type { ClaimsReport } from '../report/claimsTable.ts';

/** The deterministic content of a claims report: everything but wall times and timestamps. */
export function claimNumbers(report: ClaimsReport): Record<string, unknown> {
  const entries = report.claims.map((c) => [
    `${c.id}${c.control ? ` / ${c.control}` : ''}`,
    {
      verdict: c.verdict,
      trials: c.trials,
      seeds: c.seeds,
      checks: c.checks.map(({ label, estimate, lower, upper, pass }) => ({ label, estimate, lower, upper, pass })),
    },
  ]);
  return Object.fromEntries(entries.sort(([a], [b]) => String(a).localeCompare(String(b))));
}

/** Lines describing where two reports differ; empty when they agree. */
export function differences(a: ClaimsReport, b: ClaimsReport): string[] {
  const left = claimNumbers(a);
  const right = claimNumbers(b);
  const out: string[] = [];
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    const l = JSON.stringify(left[key]);
    const r = JSON.stringify(right[key]);
    if (l !== r) out.push(`${key}: ${l ?? 'missing'} ≠ ${r ?? 'missing'}`);
  }
  return out;
}

export function readReport(file: string): ClaimsReport {
  return JSON.parse(readFileSync(file, 'utf8')) as ClaimsReport;
}
