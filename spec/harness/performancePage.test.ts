/** docs/performance.md: rows appended, "where the time goes" from the newest row per CPU, backend and tier. */
import { describe, expect, test } from 'vitest';
import { FLOOR_END, FLOOR_START, perfRow, renderPerformancePage, ROWS_END, ROWS_START } from '../../src/bench/performancePage.ts';

const page = `# Performance\n\n${ROWS_START}\n${ROWS_END}\n\nFrom the newest row:\n\n${FLOOR_START}\n${FLOOR_END}\n`;
const row = (cpu: string, tier: string, wallSeconds: number, gflops: number) =>
  perfRow({
    date: '2026-12-07',
    commit: 'abc1234',
    cpu,
    cores: 2,
    backend: 'tensorflow',
    tier,
    wallSeconds,
    phaseSeconds: { 'float32 chain': 70, other: 0.2 },
    c1Seconds: 3,
    c4Seconds: 7,
    gflops,
    penalty: 1,
    chainMatmuls: 1000,
  });
const summary = (text: string) =>
  text
    .slice(text.indexOf(FLOOR_START) + FLOOR_START.length, text.indexOf(FLOOR_END))
    .trim()
    .split('\n');

describe('performance page', () => {
  test('a row states its work floor: the chain matmuls at the measured rate, and wall over it', () => {
    const r = row('Intel Xeon', 'fast', 100, 134.217728);
    expect(r.floorSeconds).toBeCloseTo(2, 12); // 1000 · 2·512³ flop at 134.2 GFLOP/s
    expect(r.line).toContain('| float32 chain 70 |'); // phases under half a second are left out
    expect(r.line.endsWith('| 2.0 | 50.0 |')).toBe(true);
  });

  test('the summary keeps the newest row of each CPU, backend and tier apart, naming the CPU', () => {
    let text = renderPerformancePage(page, row('Intel Xeon', 'fast', 140, 170));
    text = renderPerformancePage(text, row('Intel Xeon', 'fast', 150, 170));
    text = renderPerformancePage(text, row('AMD EPYC', 'fast', 317, 90));
    text = renderPerformancePage(text, row('Intel Xeon', 'full', 390, 167));
    const lines = summary(text);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^- \*\*tensorflow · fast tier · Intel Xeon\*\* .*`npm test` 150\.0 s/);
    expect(lines[1]).toMatch(/^- \*\*tensorflow · fast tier · AMD EPYC\*\* .*`npm test` 317\.0 s/);
    expect(lines[2]).toMatch(/^- \*\*tensorflow · full tier · Intel Xeon\*\* .*`npm run test:full` 390\.0 s/);
  });

  test('a page without its markers is refused by name', () => {
    expect(() => renderPerformancePage('# no markers\n', row('x', 'fast', 1, 1))).toThrow(/markers .* missing/);
  });
});
