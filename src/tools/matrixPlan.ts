/**
 * `npm run --silent plan:matrix -- audit --runs 59 --jobs 8` or `… power --jobs 4`: the matrix of
 * a heavy run split across machines (.github/workflows/heavy.yml), as one line of JSON,
 * `{"include":[{"part":"1","args":"…"},…]}`: each job's share as the arguments it passes to
 * `npm run audit:seeds` (a --range of run numbers) or `npm run power` (--mutant names), in
 * contiguous, near-equal shares.
 */
import { parseArgs } from 'node:util';
import { MUTANT_NAMES } from '../power/mutants.ts';

/** `total` items in `jobs` contiguous shares, the first ones a unit larger: [first, last] 1-based. */
export function shares(total: number, jobs: number): Array<[number, number]> {
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`plan:matrix: the count must be a positive integer, got ${total}`);
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`plan:matrix: --jobs must be a positive integer, got ${jobs}`);
  const n = Math.min(jobs, total);
  const out: Array<[number, number]> = [];
  let first = 1;
  for (let j = 0; j < n; j++) {
    const size = Math.floor(total / n) + (j < total % n ? 1 : 0);
    out.push([first, first + size - 1]);
    first += size;
  }
  return out;
}

export function matrix(kind: string, runs: number, jobs: number): { include: Array<{ part: string; args: string }> } {
  if (kind === 'audit') return { include: shares(runs, jobs).map(([a, b], i) => ({ part: String(i + 1), args: `--range ${a}-${b}` })) };
  if (kind === 'power')
    return {
      include: shares(MUTANT_NAMES.length, jobs).map(([a, b], i) => ({
        part: String(i + 1),
        args: MUTANT_NAMES.slice(a - 1, b)
          .map((m) => `--mutant ${m}`)
          .join(' '),
      })),
    };
  throw new RangeError(`plan:matrix: the kind must be audit or power, got "${kind}"`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    options: { runs: { type: 'string', default: '59' }, jobs: { type: 'string', default: '8' } },
    allowPositionals: true,
  });
  console.log(JSON.stringify(matrix(positionals[0] ?? '', Number(values.runs), Number(values.jobs))));
}
