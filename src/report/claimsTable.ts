/**
 * The claims table: one record per claim (and per negative control), sorted by notebook cell,
 * as JSON for tools and as Markdown a person can paste into a PR.
 */
import path from 'node:path';
import type { ClaimResult } from '../claim/types.ts';
import { checkMark, origin, placedStatement } from '../claim/format.ts';
import { markdownTable } from '../text/format.ts';

export interface ClaimRecord extends ClaimResult {
  specFile: string;
  /** The test's own state: a failed claim, an accepted control or an error all read 'failed'. */
  testState: string;
  /** On a claim's record: what its ±δ power controls showed, e.g. "detects ±0.1: ×1.1 detected (3 trials), ×0.9 detected (6 trials)". */
  detects?: string;
}

/** One line per claim on its power: δ and the verdicts of its ±δ controls (or why it has none). */
export function powerSummary(claim: ClaimRecord, records: readonly ClaimRecord[]): string {
  if (claim.delta === null) return `no δ by nature: ${claim.deltaBasis}`;
  const controls = records.filter((r) => r.role === 'power' && r.id === claim.id);
  if (controls.length === 0) return `δ ${claim.delta}: power controls not run`;
  const all = controls.every((r) => r.verdict === 'detected');
  return `${all ? 'detects' : 'does NOT detect'} ±${claim.delta}: ${controls.map((r) => `×${r.factor} ${r.verdict} (${r.trials} trials)`).join(', ')}`;
}

/** Attaches each claim's power summary to its record. */
export function withPower(records: ClaimRecord[]): ClaimRecord[] {
  return records.map((r) => (r.role === 'claim' ? { ...r, detects: powerSummary(r, records) } : r));
}

export interface ClaimsReport {
  generatedAt: string;
  backend: string;
  masterSeed: number | undefined;
  tier: string;
  alphaTotal: number;
  alphaSpent: number;
  suiteWallSeconds: number;
  /** Float32 chain matmuls over every record, and those with denormal operands (max|x| < 2^-126). */
  matmuls?: MatmulTotals;
  /** Claims that did not run here, with why (e.g. "not applicable: this backend flushes denormals"). */
  notRun?: Array<{ test: string; specFile: string }>;
  claims: ClaimRecord[];
}

export interface MatmulTotals {
  /** By matmul size ("512²", "5²") and role (claim, control, power): all, and those with denormal operands. */
  bySize: Record<string, Record<string, { all: number; denormal: number }>>;
  /** Wall time by phase over every record, s (src/clock/phaseClock.ts), and the rest. */
  phaseSeconds: Record<string, number>;
}

/** The matmul counts of the records by size and role, and where their time went. */
export function matmulTotals(records: readonly ClaimRecord[]): MatmulTotals {
  const totals: MatmulTotals = { bySize: {}, phaseSeconds: {} };
  let measured = 0;
  let wall = 0;
  for (const r of records) {
    wall += r.wallMs / 1000;
    for (const [phase, ms] of Object.entries(r.phaseMs ?? {})) {
      totals.phaseSeconds[phase] = (totals.phaseSeconds[phase] ?? 0) + (ms ?? 0) / 1000;
      measured += (ms ?? 0) / 1000;
    }
    if (!r.matmuls) continue;
    const size = (totals.bySize[`${r.matmulDim ?? '?'}²`] ??= {});
    const role = (size[r.role] ??= { all: 0, denormal: 0 });
    role.all += r.matmuls;
    role.denormal += r.denormalMatmuls ?? 0;
  }
  totals.phaseSeconds.other = wall - measured;
  return totals;
}

/** "In [160]" → 160; claims without a cell (the TODOs, the deep net) sort after, by id. */
function cellNumber(cell: string | undefined): number {
  const match = /\[(\d+)\]/.exec(cell ?? '');
  return match ? Number(match[1]) : Number.POSITIVE_INFINITY;
}

/** Reading order: the notebook's cells, then what it leaves open, then the literature it leads to. */
function readingGroup(record: { cell?: string; source?: string }): number {
  return record.cell ? 0 : record.source ? 2 : 1;
}

const ROLE_ORDER = { claim: 0, control: 1, power: 2 } as const;

export function sortClaims(records: ClaimRecord[]): ClaimRecord[] {
  return [...records].sort(
    (a, b) =>
      readingGroup(a) - readingGroup(b) ||
      cellNumber(a.cell) - cellNumber(b.cell) ||
      a.id.localeCompare(b.id) ||
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      (a.control ?? '').localeCompare(b.control ?? ''),
  );
}

function evidence(record: ClaimRecord): string {
  const decisive = record.checks.filter((c) => !c.informational);
  const shown =
    record.role === 'control'
      ? (decisive.find((c) => !c.pass) ?? decisive[0])
      : record.role === 'power'
        ? (decisive.find((c) => c.showsError) ?? decisive[0])
        : decisive[0];
  return shown ? `${checkMark(shown, record.role)} ${shown.detail}` : '';
}

export function claimsMarkdown(report: ClaimsReport): string {
  const lines = [
    '# initspec claims',
    '',
    `- backend: ${report.backend}`,
    `- master seed: ${report.masterSeed ?? 'unknown'}; tier: ${report.tier}`,
    `- α_total (suite false-fail budget): ${report.alphaTotal}; spent by the ledger: ${Number(report.alphaSpent.toFixed(6))}`,
    `- suite wall time: ${report.suiteWallSeconds.toFixed(1)} s; generated ${report.generatedAt}`,
    `- ${report.claims.filter((c) => c.testState === 'passed').length} of ${report.claims.length} claim and control tests passed`,
    '',
  ];
  const rows = report.claims.map((r) => {
    const subject =
      r.role === 'control'
        ? `control: ${r.control}`
        : r.role === 'power'
          ? `power control: ${r.control}`
          : `${r.statement} — ${r.detects ?? ''}`;
    const verdict = `${r.testState === 'passed' ? '✓' : '✗'} ${r.verdict}${r.expectedFailure && r.role === 'claim' ? ' (expected failure)' : ''}`;
    return [r.id, origin(r) ?? '', subject, verdict, r.trials, r.alpha, r.delta ?? '—', (r.wallMs / 1000).toFixed(1), evidence(r)];
  });
  lines.push(...markdownTable(['id', 'cell', 'claim / control', 'verdict', 'trials', 'α', 'δ', 'time (s)', 'evidence'], rows));
  lines.push('', '## Every check', '');
  for (const r of report.claims) {
    lines.push(
      `### ${r.id}${r.role === 'claim' ? '' : ` — ${r.role === 'control' ? 'control' : 'power control'}: ${r.control}`} (${r.specFile})`,
      '',
    );
    if (r.role === 'claim') lines.push(placedStatement(r), '', `Power: ${r.detects ?? ''} (${r.deltaBasis})`, '');
    if (r.expectedFailure && r.role === 'claim')
      lines.push(`Expected failure of ${r.expectedFailure.checks.map((c) => `"${c}"`).join(', ')}: ${r.expectedFailure.why}`, '');
    for (const c of r.checks) lines.push(`- ${checkMark(c, r.role)} ${c.detail}`);
    for (const plot of r.plots ?? []) lines.push(`- plot: [${path.basename(plot)}](plots/${path.basename(plot)})`);
    lines.push(`- trials: ${r.trials} (${r.trialsBasis}); each check at confidence ${r.checkConfidence}`, `- seeds: ${r.seeds}`, '');
  }
  return `${lines.join('\n')}\n`;
}
