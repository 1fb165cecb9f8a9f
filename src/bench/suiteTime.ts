/** Per-claim time from the last suite run, beside what naive per-step loops would have cost. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sig3 } from './measure.ts';

/** Per-claim suite time from the last `npm test` (reports/claims.json), and the naive-loop estimate. */
export function suiteTable(naiveMsPerStep: number) {
  const file = path.join('reports', 'claims.json');
  if (!existsSync(file)) return { rows: [], note: 'no reports/claims.json yet: run npm test first' };
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    tier: string;
    suiteWallSeconds: number;
    claims: Array<{ id: string; role: string; control?: string; trials: number; wallMs: number; matmuls?: number }>;
  };
  const rows = report.claims.map((c) => ({
    claim: c.role === 'control' ? `${c.id} (control: ${c.control})` : c.id,
    trials: c.trials,
    s: sig3(c.wallMs / 1000),
    matmuls: c.matmuls ?? '',
  }));
  const chainClaims = report.claims.filter((c) => c.matmuls);
  const spent = chainClaims.reduce((sum, c) => sum + c.wallMs, 0);
  const naive = chainClaims.reduce((sum, c) => sum + (c.matmuls ?? 0) * naiveMsPerStep, 0);
  return {
    rows,
    note: `tier ${report.tier}, suite wall ${sig3(report.suiteWallSeconds)} s; chain claims: ${sig3(spent / 1000)} s in the suite vs ~${sig3(naive / 1000)} s as naive per-step loops (${sig3(naive / spent)}× the suite's time)`,
    naiveOverSuite: naive / spent,
  };
}
