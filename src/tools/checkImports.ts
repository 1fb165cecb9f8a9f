/**
 * `npm run check:imports` (part of `npm run check:static`): imports between src/'s folders run
 * downward only. Each folder sits on a floor; a module may import from its own folder and from
 * folders on lower floors, never from its own floor's other folders or from above. What each
 * floor holds is in docs/layout.md. Prints every upward import (file, line, target) and exits 1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Lowest first. A folder missing here is an error, so a new one gets placed on purpose. */
export const FLOORS: readonly (readonly string[])[] = [
  ['types', 'text', 'wasm', 'clock'], // vocabulary: formatting, the wasm loader, the phase clock
  ['stats', 'rng', 'theory'], // numbers: intervals, seeded draws, formulas
  ['backend', 'init', 'model'], // tensors: the backend, the init library, model files read as data
  ['chain', 'experiments'], // the notebook's experiments
  ['claim', 'power'], // the claim DSL and its recipes; the init-library mutants
  ['report', 'audit'], // what a run shows; fitting an initializer
  ['vitest', 'bench', 'cli'], // the front doors: vitest binding and matchers, bench, CLI
  ['tools', 'native'], // the project's own scripts
];

export interface UpwardImport {
  file: string;
  line: number;
  target: string;
  why: string;
}

function floorOf(folder: string): number {
  const floor = FLOORS.findIndex((f) => f.includes(folder));
  if (floor < 0) throw new RangeError(`check:imports: src/${folder} is on no floor: add it to FLOORS in src/tools/checkImports.ts`);
  return floor;
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g;

/** Every import of `source` (a file under src/<folder>/) that leaves its folder for the same floor or one above. */
export function upwardImports(file: string, source: string, srcDir: string): UpwardImport[] {
  const parts = path.relative(srcDir, file).split(path.sep);
  // src/index.ts, the package's entry, re-exports from every floor: it stands on top of them
  if (parts.length === 1) return [];
  const folder = parts[0] as string;
  const own = floorOf(folder);
  const found: UpwardImport[] = [];
  source.split('\n').forEach((text, i) => {
    for (const match of text.matchAll(IMPORT)) {
      const resolved = path.relative(srcDir, path.resolve(path.dirname(file), match[1] as string));
      const target = resolved.split(path.sep)[0] as string;
      if (resolved.startsWith('..') || target === folder || !resolved.includes(path.sep)) continue;
      const floor = floorOf(target);
      if (floor >= own)
        found.push({
          file,
          line: i + 1,
          target: match[1] as string,
          why:
            floor === own
              ? `src/${folder} and src/${target} share floor ${own}`
              : `src/${target} is floor ${floor}, above src/${folder} (${own})`,
        });
    }
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mts)$/.test(entry.name) ? [full] : [];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const srcDir = path.resolve('src');
  const found = sourceFiles(srcDir).flatMap((file) => upwardImports(file, readFileSync(file, 'utf8'), srcDir));
  for (const u of found) console.error(`check:imports: ${path.relative(process.cwd(), u.file)}:${u.line} imports ${u.target}: ${u.why}`);
  if (found.length) process.exitCode = 1;
  else console.log(`check:imports: every import between src/'s ${FLOORS.flat().length} folders runs downward`);
}
