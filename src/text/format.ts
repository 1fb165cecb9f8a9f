/** The one way numbers and tables are written for people: claims, reports, the CLI and the bench. */

/** A number to `digits` significant digits, without trailing zeros; ±Infinity and NaN as words. */
export function fmt(x: number, digits = 5): string {
  return Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x);
}

/** A confidence as a percentage: 0.9995 → "99.95%". */
export function pct(confidence: number): string {
  return `${Number((confidence * 100).toPrecision(6))}%`;
}

/** Rows of cells as aligned plain-text columns (first row: the header, if any). */
export function alignColumns(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const width = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(width[c] as number))).join('  ')).join('\n');
}

/** Records with the same keys as a table: a header row of the keys, then one row per record. */
export function recordTable(records: ReadonlyArray<Record<string, string | number>>): string {
  if (records.length === 0) return '';
  const keys = Object.keys(records[0] as object);
  return alignColumns([keys, ...records.map((r) => keys.map((k) => String(r[k])))]);
}

/** A Markdown table: a header row, its separator, then the rows; `|` and line breaks in cells are escaped. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const cell = (value: string | number) => String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: ReadonlyArray<string | number>) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

/** A markdown table line's cells, trimmed: `| a | b |` → ["a", "b"] (cells must not hold " | "). */
export function markdownCells(line: string): string[] {
  return line
    .slice(1, -1)
    .split(' | ')
    .map((c) => c.trim());
}
