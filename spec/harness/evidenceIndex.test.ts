/** The evidence index and docs/trust.md quote the committed records' counts, not older ones. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { summariseAudit } from '../../src/tools/auditRecord.ts';
import { auditRowMismatches, evidenceRows, isSeedAuditRecord, trustQuotes } from '../../src/tools/evidenceIndex.ts';

const dir = path.join('reports', 'evidence');
const index = readFileSync(path.join(dir, 'README.md'), 'utf8');
const rows = evidenceRows(index);
const audits = rows.flatMap((row) => {
  if (!row.file.endsWith('.json')) return [];
  const record = JSON.parse(readFileSync(path.join(dir, row.file), 'utf8')) as unknown;
  return isSeedAuditRecord(record) ? [{ row, record }] : [];
});

describe('evidence index', () => {
  test('every record it links exists', () => {
    expect(rows.length).toBeGreaterThan(10);
    const missing = rows.flatMap((r) => r.links).filter((link) => !existsSync(path.join(dir, link)));
    expect(missing).toEqual([]);
  });

  test.each(audits.map((a) => [a.row.file, a] as const))(
    '%s: the row quotes its record (commit, counts, CI, complete)',
    (_, { row, record }) => {
      expect(auditRowMismatches(row, record)).toEqual([]);
    },
  );

  test('docs/trust.md quotes every unfinished audit at its current count', () => {
    const trust = readFileSync(path.join('docs', 'trust.md'), 'utf8');
    const stale = audits.filter((a) => !a.record.complete && !trustQuotes(trust, a.record)).map((a) => a.row.file);
    expect(stale).toEqual([]);
  });

  test('a row that lags its record is caught: a stale count, a stale CI, a finished audit still called incomplete', () => {
    const runs = (n: number) => Array.from({ length: n }, (_, i) => ({ run: i + 1, seed: i + 1, failed: [], seconds: 1 }));
    const header = { runs: 59, base: 1, commit: 'abc1234', tier: 'full' };
    const row = (what: string, result: string) => ({
      file: 'a.json',
      links: ['a.json'],
      cells: ['[a.json](a.json)', what, 'abc1234', '2026-12-08', result],
    });
    const partial = row('targeted audit; **incomplete**: runs 1–44 of 59', '**0 of 44 runs failed** so far (95% CI [0, 0.08])');
    expect(auditRowMismatches(partial, summariseAudit(header, runs(44), [], false))).toEqual([]);
    const later = summariseAudit(header, runs(45), [], false);
    expect(auditRowMismatches(partial, later)).toEqual([
      'says 0 of 44 runs failed, the record 0 of 45',
      'says runs 1–44 of 59, the record has 45 of 59',
    ]);
    const staleCI = row('targeted audit; **incomplete**: runs 1–44 of 59', '**0 of 44 runs failed** so far (95% CI [0, 0.168])');
    expect(auditRowMismatches(staleCI, summariseAudit(header, runs(44), [], false))).toEqual([
      "quotes 95% CI [0, 0.168], the record's is [0, 0.08]",
    ]);
    const done = summariseAudit(header, runs(59), [], true);
    expect(auditRowMismatches(row('targeted audit', '**0 of 59 runs failed**'), done)).toEqual([]);
    expect(auditRowMismatches(partial, done)).toContain('calls a complete audit incomplete');
    expect(trustQuotes('has run **44 of 59 runs, 0 failed**', summariseAudit(header, runs(44), [], false))).toBe(true);
    expect(trustQuotes('has run **44 of 59 runs, 0 failed**', later)).toBe(false);
  });
});
