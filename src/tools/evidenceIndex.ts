/**
 * reports/evidence/README.md against the records it indexes. The index and docs/trust.md quote
 * each audit's counts by hand, and a resumable audit changes them every session; these checks
 * keep the quoted numbers those of the committed record, so the docs never lag the evidence.
 */
import { markdownCells } from '../text/format.ts';
import type { AuditRecord } from './auditRecord.ts';

export interface EvidenceRow {
  /** the first link of the row's first cell, relative to reports/evidence/ */
  file: string;
  cells: string[];
  /** every link of the row's first cell */
  links: string[];
}

/** The rows of the index's "Current" table. */
export function evidenceRows(index: string): EvidenceRow[] {
  const current = index.slice(index.indexOf('## Current'), index.indexOf('## Archive') < 0 ? undefined : index.indexOf('## Archive'));
  return current
    .split('\n')
    .filter((line) => line.startsWith('| ['))
    .map((line) => {
      const cells = markdownCells(line);
      const links = [...(cells[0] ?? '').matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] as string);
      return { file: links[0] ?? '', cells, links };
    });
}

/** An audit record's shape, as far as the index quotes it (the model audit's record is another). */
export function isSeedAuditRecord(record: unknown): record is AuditRecord {
  const r = record as Partial<AuditRecord>;
  return typeof r.runsDone === 'number' && typeof r.runsWithAFailure === 'number' && Array.isArray(r.runRecords);
}

/** Where an index row disagrees with its seed-audit record; empty when it quotes it right. */
export function auditRowMismatches(row: EvidenceRow, record: AuditRecord): string[] {
  const [, what = '', commit = '', , result = ''] = row.cells;
  const problems: string[] = [];
  if (commit !== record.commit) problems.push(`commit ${commit}, the record's is ${record.commit}`);
  const counted = /\*\*(\d+) of (\d+) runs failed\*\*/.exec(result);
  if (!counted) problems.push(`its result does not say "**F of N runs failed**": ${result}`);
  else if (Number(counted[1]) !== record.runsWithAFailure || Number(counted[2]) !== record.runsDone)
    problems.push(`says ${counted[1]} of ${counted[2]} runs failed, the record ${record.runsWithAFailure} of ${record.runsDone}`);
  const incomplete = /\bincomplete\b/.test(what) || /\bso far\b/.test(result);
  if (incomplete === record.complete)
    problems.push(
      record.complete
        ? 'calls a complete audit incomplete'
        : `does not say the audit is incomplete (${record.runsDone} of ${record.runs} runs)`,
    );
  const ran = /runs 1–(\d+) of (\d+)/.exec(what);
  if (ran && (Number(ran[1]) !== record.runsDone || Number(ran[2]) !== record.runs))
    problems.push(`says runs 1–${ran[1]} of ${ran[2]}, the record has ${record.runsDone} of ${record.runs}`);
  const ci = /95% CI \[([\d.]+), ([\d.]+)\]/.exec(result);
  if (ci) {
    const quoted = [ci[1], ci[2]] as [string, string];
    const printed = quoted.map((q, i) => roundedLike(record.falseFailRate95[i] as number, q));
    if (printed[0] !== quoted[0] || printed[1] !== quoted[1])
      problems.push(`quotes 95% CI [${quoted.join(', ')}], the record's is [${printed.join(', ')}]`);
  }
  return problems;
}

/** `x` printed with as many decimals as `quoted` has, trailing zeros dropped as the docs drop them. */
function roundedLike(x: number, quoted: string): string {
  const decimals = quoted.split('.')[1]?.length ?? 0;
  const text = x.toFixed(decimals);
  return text.includes('.') && !quoted.endsWith('0') ? text.replace(/\.?0+$/, '') : text;
}

/** docs/trust.md must quote an unfinished audit's count as "**D of N runs, F failed**". */
export function trustQuotes(trust: string, record: AuditRecord): boolean {
  return trust.includes(`**${record.runsDone} of ${record.runs} runs, ${record.runsWithAFailure} failed**`);
}
