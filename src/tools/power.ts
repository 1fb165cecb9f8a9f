/**
 * `npm run power [-- --mutant NAME …] [spec files…]`: semantic mutation testing of the spec.
 * For each named bug in src/power/mutants.ts it runs every claim's "holds" test with the bug
 * applied (INITSPEC_MUTANT, spec/setup/mutants.ts), and prints a mutant × claim table: caught
 * (the claim failed), missed (it held although it reached the mutated code), n/a (it never
 * called the mutated code). Writes reports/power.json and reports/power.md; exits non-zero if
 * some mutant is caught by no claim.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MUTANTS, MUTANT_NAMES } from '../power/mutants.ts';
import { markdownTable } from '../text/format.ts';
import { claimIdOf, logFileOf, readVitestJson, runVitestToJson, testsOf } from './vitestJsonRun.ts';

type Cell = 'caught' | 'missed' | 'n/a';

const { values, positionals } = parseArgs({ options: { mutant: { type: 'string', multiple: true } }, allowPositionals: true });
const chosen = values.mutant ?? MUTANT_NAMES;
for (const name of chosen) {
  if (!MUTANT_NAMES.includes(name)) throw new RangeError(`--mutant: unknown mutant "${name}"; choose one of ${MUTANT_NAMES.join(', ')}`);
}
const dir = path.join('reports', 'power');
mkdirSync(dir, { recursive: true });
// The claims only (spec/harness holds unit tests, not claims); only each claim's own test, not its controls.
const files = positionals.length ? positionals : ['spec/'];
const claimTests = 'holds$|does not hold \\(expected';

const rows: Array<{ name: string; bug: string; module: string; seconds: number; cells: Record<string, Cell>; caughtBy: string[] }> = [];
let backend = 'unknown';
let masterSeed: number | undefined;
for (const mutant of MUTANTS.filter((m) => chosen.includes(m.name))) {
  const file = path.join(dir, `${mutant.name.replace(/[^\w.-]+/g, '_')}.json`);
  console.log(`power: mutant ${mutant.name} — ${mutant.bug}`);
  const seconds = runVitestToJson([...files, '--exclude', 'spec/harness/**', '-t', claimTests], file, { INITSPEC_MUTANT: mutant.name });
  if (!existsSync(file))
    throw new Error(`power: the run with mutant ${mutant.name} wrote no report (${file}); see its console output in ${logFileOf(file)}`);
  const cells: Record<string, Cell> = {};
  for (const result of testsOf(readVitestJson(file))) {
    if (result.status === 'skipped' || result.status === 'pending') continue;
    const id = claimIdOf(result);
    backend = result.meta?.claim?.backend ?? backend;
    masterSeed = result.meta?.claim?.masterSeed ?? masterSeed;
    const calls = result.meta?.mutantCalls ?? 0;
    cells[id] = result.status === 'failed' ? 'caught' : calls > 0 ? 'missed' : 'n/a';
  }
  const caughtBy = Object.keys(cells).filter((id) => cells[id] === 'caught');
  rows.push({
    name: mutant.name,
    bug: mutant.bug,
    module: 'module' in mutant ? `src/init/${mutant.module}` : 'outside src/init (patched in place)',
    seconds,
    cells,
    caughtBy,
  });
  console.log(`power: ${mutant.name} caught by ${caughtBy.length ? caughtBy.join(', ') : 'NO claim'} (${seconds.toFixed(0)} s)`);
}

const claims = [...new Set(rows.flatMap((r) => Object.keys(r.cells)))].sort();
const uncaught = rows.filter((r) => r.caughtBy.length === 0).map((r) => r.name);
const mark: Record<Cell, string> = { caught: '✓ caught', missed: '· missed', 'n/a': 'n/a' };
const lines = [
  '# initspec power: init-library mutants × claims',
  '',
  `- backend: ${backend}; master seed: ${masterSeed ?? 'unknown'}; generated ${new Date().toISOString()}`,
  `- spec files: ${files.join(' ')}`,
  '- caught: the claim failed with the bug in; missed: it held although it called the mutated code; n/a: it never called it',
  '',
  ...markdownTable(
    ['mutant', 'bug', 'caught by', 'time (s)'],
    rows.map((r) => [r.name, r.bug, r.caughtBy.length ? r.caughtBy.join(', ') : '**no claim**', r.seconds.toFixed(0)]),
  ),
  '',
  ...markdownTable(
    ['claim', ...rows.map((r) => r.name)],
    claims.map((id) => [id, ...rows.map((r) => mark[r.cells[id] ?? 'n/a'])]),
  ),
  '',
];
writeFileSync(path.join('reports', 'power.md'), lines.join('\n'));
writeFileSync(
  path.join('reports', 'power.json'),
  `${JSON.stringify({ generatedAt: new Date().toISOString(), backend, masterSeed, mutants: rows, uncaught }, null, 2)}\n`,
);
console.log(lines.join('\n'));
if (uncaught.length) {
  console.error(`power: caught by no claim: ${uncaught.join(', ')}`);
  process.exitCode = 1;
}
