/** The notebook's recorded numbers (fixtures/notebook.json), for comparison only. */
import { readFileSync } from 'node:fs';
import type { NotebookValue } from './types.ts';

interface Fixture {
  cells: Record<string, { what: string; values: Record<string, number | 'inf'>; notes?: string }>;
}

let fixture: Fixture | undefined;

function load(): Fixture {
  fixture ??= JSON.parse(readFileSync(new URL('../../fixtures/notebook.json', import.meta.url), 'utf8')) as Fixture;
  return fixture;
}

/** One recorded number, e.g. notebook('In [160]', 'squaresMean'). 'inf' reads as Infinity. */
export function notebook(cell: string, key: string): NotebookValue {
  const entry = load().cells[cell];
  if (entry === undefined) throw new RangeError(`notebook: no cell "${cell}" in fixtures/notebook.json`);
  const raw = entry.values[key];
  if (raw === undefined) {
    throw new RangeError(`notebook: cell "${cell}" has no value "${key}"; it has ${Object.keys(entry.values).join(', ')}`);
  }
  return { cell, key, value: raw === 'inf' ? Number.POSITIVE_INFINITY : raw, what: entry.what };
}
