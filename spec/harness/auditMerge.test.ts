/** The heavy runs split across machines: parts merged give the record of one run over them all. */
import { describe, expect, test } from 'vitest';
import { auditProgress, mergeAuditParts, parseRange, summariseAudit, type RunRecord } from '../../src/tools/auditRecord.ts';
import { shares } from '../../src/tools/matrixPlan.ts';

const header = { runs: 6, base: 7, commit: 'abc1234', tier: 'full' };
const runs: RunRecord[] = [
  { run: 1, seed: 11, failed: [], seconds: 10, backend: 'tensorflow' },
  { run: 2, seed: 12, failed: ['C4'], seconds: 11, backend: 'tensorflow' },
  { run: 3, seed: 13, failed: [], seconds: 12, backend: 'tensorflow' },
  { run: 4, seed: 14, failed: ['C4', 'C9'], seconds: 13, backend: 'tensorflow' },
  { run: 5, seed: 15, failed: [], seconds: 14, backend: 'tensorflow' },
  { run: 6, seed: 16, failed: [], seconds: 15, backend: 'tensorflow' },
];
const ids = ['C1', 'C4', 'C9'];

describe('audit parts', () => {
  test('two ranges merged equal one run over both, whatever order the parts come in', () => {
    const whole = summariseAudit(header, runs, ids, true);
    const a = summariseAudit({ ...header, range: '1-3' }, runs.slice(0, 3), ['C1', 'C4'], true);
    const b = summariseAudit({ ...header, range: '4-6' }, runs.slice(3), ids, true);
    expect(mergeAuditParts([a, b])).toEqual(whole);
    expect(mergeAuditParts([b, a])).toEqual(whole);
    expect(whole.perClaim.find((c) => c.id === 'C4')).toMatchObject({ failedRuns: 2, seeds: [12, 14] });
  });

  test('a part missing is an incomplete record; parts that overlap or disagree are refused, named', () => {
    const a = summariseAudit({ ...header, range: '1-3' }, runs.slice(0, 3), ids, true);
    expect(mergeAuditParts([a]).complete).toBe(false);
    expect(() => mergeAuditParts([a, a])).toThrow(/run 1 is in both 1-3 and 1-3/);
    const other = summariseAudit({ ...header, base: 8, range: '4-6' }, runs.slice(3), ids, true);
    expect(() => mergeAuditParts([a, other])).toThrow(/disagree on base: 7 vs 8/);
    const fast = summariseAudit({ ...header, tier: 'fast', range: '4-6' }, runs.slice(3), ids, true);
    expect(() => mergeAuditParts([a, fast])).toThrow(/disagree on tier/);
    expect(() => mergeAuditParts([])).toThrow(/no parts/);
  });

  test('ranges and shares', () => {
    expect(parseRange(undefined, 5)).toEqual({ first: 1, last: 5 });
    expect(parseRange('2-4', 5)).toEqual({ first: 2, last: 4 });
    for (const bad of ['0-2', '3-2', '2-6', '2', 'a-b']) expect(() => parseRange(bad, 5)).toThrow(/--range "[^"]*" is not first-last/);
    expect(shares(59, 8)).toHaveLength(8);
    expect(shares(59, 8).flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i))).toEqual(
      Array.from({ length: 59 }, (_, i) => i + 1),
    );
    expect(shares(3, 8)).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(() => shares(0, 2)).toThrow(/positive integer/);
  });

  test('progress: runs done and failed, and the rest at the median pace of the latest runs', () => {
    const part = summariseAudit({ ...header, runs: 59 }, runs, ids, false);
    expect(auditProgress(part)).toBe(
      'audit: 6 of 59 runs done, 2 failed (false-fail rate 95% CI [0.043, 0.777]); 53 to go, ~0.2 h at 13 s a run (median of the last 5)',
    );
    const range = summariseAudit({ ...header, range: '4-6' }, runs.slice(3), ids, true);
    expect(auditProgress(range)).toBe('audit: 3 of 3 runs (range 4-6) done, 1 failed (false-fail rate 95% CI [0.008, 0.906])');
  });
});
