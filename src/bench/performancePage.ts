/**
 * docs/performance.md's table: one row per `npm run bench -- --record`, appended between two
 * markers, and the "where the time goes" paragraph between two others, rewritten from the newest
 * row of each CPU, backend and tier (machines of one kind differ ~2× in speed, so rows of two CPUs
 * never stand in for each other). Pure text in, text out, so the harness can check it.
 */
import { fmt, markdownCells } from '../text/format.ts';

export const ROWS_START = '<!-- rows: appended by npm run bench -- --record -->';
export const ROWS_END = '<!-- /rows -->';
export const FLOOR_START = '<!-- where the time goes: rewritten by npm run bench -- --record -->';
export const FLOOR_END = '<!-- /where the time goes -->';

/** The float32 work of one 512² matmul: 2n³ flop. */
export const MATMUL_512_FLOP = 2 * 512 ** 3;

export const HEADER = [
  '| date | commit | CPU | cores | backend | tier | `npm test` wall (s) | test time by phase (s, both workers) | `claim C1` (s) | `claim C4` (s) | 512² matmul (GFLOP/s) | denormal penalty (×) | chain matmuls | work floor (s) | wall / floor |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];

export interface PerfInput {
  date: string;
  commit: string;
  cpu: string;
  cores: number;
  backend: string;
  tier: string;
  wallSeconds: number;
  phaseSeconds: Record<string, number>;
  c1Seconds: number;
  c4Seconds: number;
  gflops: number;
  penalty: number;
  /** 512² float32 chain matmuls the claims' records count */
  chainMatmuls: number;
}

export interface PerfRow extends PerfInput {
  floorSeconds: number;
  line: string;
}

const s1 = (x: number) => x.toFixed(1);

/** A row: the work floor is the chain matmuls at the measured rate (the deep nets' layers are not counted). */
export function perfRow(input: PerfInput): PerfRow {
  const floorSeconds = (input.chainMatmuls * MATMUL_512_FLOP) / (input.gflops * 1e9);
  const phases = Object.entries(input.phaseSeconds)
    .filter(([, s]) => s >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .map(([phase, s]) => `${phase} ${s.toFixed(0)}`)
    .join(', ');
  const cells = [
    input.date,
    input.commit,
    input.cpu.replace(/\|/g, '/'),
    String(input.cores),
    input.backend,
    input.tier,
    s1(input.wallSeconds),
    phases,
    s1(input.c1Seconds),
    s1(input.c4Seconds),
    fmt(input.gflops, 3),
    fmt(input.penalty, 3),
    String(input.chainMatmuls),
    s1(floorSeconds),
    s1(input.wallSeconds / floorSeconds),
  ];
  return { ...input, floorSeconds, line: `| ${cells.join(' | ')} |` };
}

function between(text: string, start: string, end: string): { before: string; inner: string; after: string } {
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/performance.md: the markers ${start} … ${end} are missing or out of order`);
  return { before: text.slice(0, a + start.length), inner: text.slice(a + start.length, b), after: text.slice(b) };
}

/** The table's row lines between the markers (its header and rule left out). */
function rowLines(inner: string): string[] {
  return inner.split('\n').filter((line) => line.startsWith('|') && !line.startsWith('| date') && !line.startsWith('| ---'));
}

/** The rows of the page's table, newest last, as cell arrays. */
export function tableRows(page: string): string[][] {
  return rowLines(between(page, ROWS_START, ROWS_END).inner).map(markdownCells);
}

/** The page with `row` appended and "where the time goes" rewritten from the newest row per CPU, backend and tier. */
export function renderPerformancePage(page: string, row: PerfRow): string {
  const rows = between(page, ROWS_START, ROWS_END);
  return whereTheTimeGoes(`${rows.before}\n${[...HEADER, ...rowLines(rows.inner), row.line].join('\n')}\n${rows.after}`);
}

/** "Where the time goes", from the newest row of each CPU, backend and tier. */
export function whereTheTimeGoes(withRow: string): string {
  const latest = new Map<string, string[]>();
  for (const cells of tableRows(withRow)) latest.set(`${cells[4]} · ${cells[5]} tier · ${cells[2]}`, cells);
  const lines = [...latest.entries()].map(
    ([key, c]) =>
      `- **${key}** (${c[0]}, ${c[1]}): \`${c[5] === 'full' ? 'npm run test:full' : 'npm test'}\` ${c[6]} s of wall against a work floor of ${c[13]} s (${c[12]} chain matmuls of 512² at ${c[10]} GFLOP/s): **${c[14]}×** the floor. Test time by phase: ${c[7]}.`,
  );
  const floor = between(withRow, FLOOR_START, FLOOR_END);
  return `${floor.before}\n${lines.join('\n')}\n${floor.after}`;
}
