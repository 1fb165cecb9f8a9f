/** A model audit's report as a terminal table, one summary line, and Markdown for a PR or a job summary. */
import { alignColumns, markdownTable } from '../text/format.ts';
import { isAnomalous, type ModelAuditReport } from './modelAudit.ts';

const short = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function modelAuditTable(report: ModelAuditReport): string {
  const rows = report.tensors.map((t) => [
    t.name,
    `[${t.shape.join(', ')}]`,
    t.dtype,
    t.role,
    short(t.fitted),
    short(t.expected, 48),
    t.verdict === 'fail' ? 'FAIL' : t.verdict,
    t.flags.join(' '),
  ]);
  const failures = report.tensors.filter((t) => t.reasons.length).map((t) => `  ${t.name}: ${t.reasons.join('; ')}`);
  return [
    `model ${report.model} (${report.format}); preset ${report.preset}: ${report.source}`,
    `constants: ${report.constants.from}`,
    `α: ${report.alphaMethod}`,
    '',
    alignColumns([['name', 'shape', 'dtype', 'role', 'fitted', 'expected', 'verdict', 'flags'], ...rows]),
    ...(report.skipped.length ? ['', `skipped: ${report.skipped.map((s) => `${s.name} (${s.why})`).join(', ')}`] : []),
    ...(failures.length ? ['', 'why:', ...failures] : []),
    '',
    summaryLine(report),
    '',
  ].join('\n');
}

export function summaryLine(report: ModelAuditReport): string {
  const s = report.summary;
  return `initspec audit: ${s.tensors} tensors: ${s.pass} as expected, ${s.fail} not, ${s.noRule} without a rule, ${s.flagged} flagged, ${s.skipped} skipped — ${report.ok ? 'OK' : 'NOT as initialized by its rules'}`;
}

export function modelAuditMarkdown(report: ModelAuditReport): string {
  const bad = report.tensors.filter(isAnomalous);
  return [
    `### initspec audit: \`${report.model}\` (${report.preset})`,
    '',
    `${report.ok ? '✅' : '❌'} ${summaryLine(report).replace('initspec audit: ', '')}`,
    '',
    `Constants: ${report.constants.from}. α: ${report.alphaMethod}.`,
    '',
    ...(bad.length
      ? markdownTable(
          ['tensor', 'shape', 'role', 'fitted', 'expected', 'why'],
          bad.map((t) => [t.name, `[${t.shape.join(', ')}]`, t.role, t.fitted, t.expected, [...t.reasons, ...t.flags].join('; ')]),
        )
      : ['Every tensor is as its rule expects.']),
    '',
    `<details><summary>all ${report.tensors.length} tensors</summary>`,
    '',
    ...markdownTable(
      ['tensor', 'shape', 'dtype', 'role', 'fitted', 'expected', 'verdict', 'flags'],
      report.tensors.map((t) => [t.name, `[${t.shape.join(', ')}]`, t.dtype, t.role, t.fitted, t.expected, t.verdict, t.flags.join(' ')]),
    ),
    '',
    '</details>',
    '',
  ].join('\n');
}
