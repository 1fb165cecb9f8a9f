/**
 * `npm run test:sharded`: proves the CI path locally. Runs the suite unsharded, then as two
 * shards in sequence (blob reports), merges them, and checks that the merged claims table
 * has the same numbers as the unsharded one. Exits non-zero on any difference.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { differences, readReport } from './compareClaims.ts';

const vitest = (args: string[]) => execFileSync('npx', ['vitest', ...args], { stdio: 'inherit', env: process.env });
const SHARDS = 2;

mkdirSync('reports', { recursive: true });
console.log('== unsharded run');
vitest(['run']);
copyFileSync('reports/claims.json', 'reports/claims.unsharded.json');

rmSync('.vitest-reports', { recursive: true, force: true });
for (let i = 1; i <= SHARDS; i++) {
  console.log(`== shard ${i}/${SHARDS}`);
  vitest(['run', `--shard=${i}/${SHARDS}`, '--reporter=blob']);
}
console.log('== merge');
vitest(['--merge-reports']);

const diff = differences(readReport('reports/claims.unsharded.json'), readReport('reports/claims.json'));
if (diff.length > 0) {
  console.error(`merged claims differ from the unsharded run in ${diff.length} place(s):\n${diff.join('\n')}`);
  process.exit(1);
}
console.log(`merged claims table equals the unsharded one (${readReport('reports/claims.json').claims.length} records)`);
