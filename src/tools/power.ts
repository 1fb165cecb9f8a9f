/**
 * `npm run power [-- --mutant NAME …] [spec files…]`: semantic mutation testing of the spec.
 * For each named bug in src/power/mutants.ts it runs every claim's "holds" test with the bug
 * applied (INITSPEC_MUTANT, spec/setup/mutants.ts), and prints a mutant × claim table: caught
 * (the claim failed), missed (it held although it reached the mutated code), n/a (it never
 * called the mutated code). Writes reports/power.json and reports/power.md (or `--out NAME`:
 * NAME.json and NAME.md); exits non-zero if some mutant is caught by no claim.
 * Split across machines: each runs some mutants (`--mutant a --mutant b`), and
 * `npm run power -- --merge part1.json part2.json … [--out NAME]` writes the record of one run
 * over all of them (rows in the order of src/power/mutants.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MUTANTS, MUTANT_NAMES, mutantModulePath } from '../power/mutants.ts';
import { markdownTable } from '../text/format.ts';
import { claimIdOf, logFileOf, readVitestJson, runVitestToJson, testsOf } from './vitestJsonRun.ts';

type Cell = 'caught' | 'missed' | 'n/a';

const { values, positionals } = parseArgs({
  options: {
    mutant: { type: 'string', multiple: true },
    merge: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join('reports', 'power') },
  },
  allowPositionals: true,
});
const chosen = values.mutant ?? MUTANT_NAMES;
for (const name of chosen) {
  if (!MUTANT_NAMES.includes(name)) throw new RangeError(`--mutant: unknown mutant "${name}"; choose one of ${MUTANT_NAMES.join(', ')}`);
}
type Row = { name: string; bug: string; module: string; seconds: number; cells: Record<string, Cell>; caughtBy: string[] };
type PowerRecord = { generatedAt: string; backend: string; masterSeed?: number; files?: string[]; mutants: Row[]; uncaught: string[] };

if (values.merge) {
  const parts = positionals.map((file) => JSON.parse(readFileSync(file, 'utf8')) as PowerRecord);
  if (parts.length === 0) throw new RangeError('power --merge: name the part records to merge');
  for (const key of ['backend', 'masterSeed', 'files'] as const) {
    const seen = new Set(parts.map((p) => JSON.stringify(p[key] ?? null)));
    if (seen.size > 1) throw new RangeError(`power --merge: the parts disagree on ${key}: ${[...seen].join(' vs ')}`);
  }
  const rows = parts.flatMap((p) => p.mutants);
  const names = rows.map((r) => r.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new RangeError(`power --merge: mutant ${twice} is in more than one part`);
  rows.sort((a, b) => MUTANT_NAMES.indexOf(a.name) - MUTANT_NAMES.indexOf(b.name));
  const first = parts[0] as PowerRecord;
  save(rows, first.backend, first.masterSeed, first.files ?? ['spec/']);
} else {
  run();
}

function run(): void {
  const dir = path.join('reports', 'power');
  mkdirSync(dir, { recursive: true });
  // The claims only (spec/harness holds unit tests, not claims); only each claim's own test, not its controls.
  const files = positionals.length ? positionals : ['spec/'];
  const claimTests = 'holds$|does not hold \\(expected';

  const rows: Row[] = [];
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
      module: 'module' in mutant ? `src/${mutantModulePath(mutant.module)}` : 'outside src/init (patched in place)',
      seconds,
      cells,
      caughtBy,
    });
    console.log(`power: ${mutant.name} caught by ${caughtBy.length ? caughtBy.join(', ') : 'NO claim'} (${seconds.toFixed(0)} s)`);
  }

  save(rows, backend, masterSeed, files);
}

/** The power record and its table, from the mutants' rows alone. */
function save(rows: Row[], backend: string, masterSeed: number | undefined, files: string[]): void {
  const claims = [...new Set(rows.flatMap((r) => Object.keys(r.cells)))].sort();
  const uncaught = rows.filter((r) => r.caughtBy.length === 0).map((r) => r.name);
  const mark: Record<Cell, string> = { caught: '✓ caught', missed: '· missed', 'n/a': 'n/a' };
  const lines = [
    '# initspec power: init-library mutants × claims',
    '',
    `- backend: ${backend}; master seed: ${masterSeed ?? 'unknown'}; generated ${new Date().toISOString()}${values.merge ? ` (merged from ${positionals.join(', ')})` : ''}`,
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
  writeFileSync(`${values.out}.md`, lines.join('\n'));
  const record: PowerRecord = { generatedAt: new Date().toISOString(), backend, masterSeed, files, mutants: rows, uncaught };
  writeFileSync(`${values.out}.json`, `${JSON.stringify(record, null, 2)}\n`);
  console.log(lines.join('\n'));
  if (uncaught.length) {
    console.error(`power: caught by no claim: ${uncaught.join(', ')}`);
    process.exitCode = 1;
  }
}
