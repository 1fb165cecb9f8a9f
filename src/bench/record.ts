/**
 * `npm run bench -- --record [--tier fast|full]`: measures this machine and appends one row to
 * docs/performance.md's table (never hand-edited): `npm test` (or `npm run test:full`) wall
 * time and its test time by phase (reports/claims.json), the one-claim latency of
 * `initspec claim C1` and `… C4`, the 512² matmul's GFLOP/s and the denormal penalty. Then it
 * rewrites the page's "where the time goes" from the newest row of each backend and tier.
 * INITSPEC_BACKEND picks the backend, as for npm test. Run it alone: a time measured while
 * other work shares the cores is void.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tier as parseTier } from '../claim/tier.ts';
import { perfRow, renderPerformancePage, type PerfRow } from './performancePage.ts';

const PAGE = path.join('docs', 'performance.md');

function wallSeconds(command: string, args: string[], log: string): { seconds: number; ok: boolean } {
  const started = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 2 ** 28 });
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(log, `${run.stdout}\n${run.stderr}`);
  return { seconds, ok: run.status === 0 };
}

function commit(): string {
  const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  // the page this command writes is not a change to the code it measures
  const dirty =
    execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs/performance.md'], {
      encoding: 'utf8',
    }).trim() !== '';
  return dirty ? `${sha}+` : sha;
}

export async function recordPerformance(argv: readonly string[]): Promise<void> {
  const i = argv.indexOf('--tier');
  const tier = parseTier({ INITSPEC_TIER: i >= 0 ? argv[i + 1] : 'fast' });
  if (tier === 'tails') throw new RangeError('bench --record: --tier tails is one file, not a suite run; choose fast or full');
  const script = tier === 'full' ? ['run', 'test:full'] : ['test'];
  console.log(`bench --record: npm ${script.join(' ')} (log: reports/record-test.log) …`);
  const test = wallSeconds('npm', script, path.join('reports', 'record-test.log'));
  if (!test.ok) throw new Error(`bench --record: npm ${script.join(' ')} failed (reports/record-test.log): no row recorded`);
  const claims = JSON.parse(readFileSync(path.join('reports', 'claims.json'), 'utf8')) as {
    backend: string;
    matmuls: { bySize: Record<string, Record<string, { all: number }>>; phaseSeconds: Record<string, number> };
  };
  const latency: Record<string, number> = {};
  for (const id of ['C1', 'C4']) {
    console.log(`bench --record: initspec claim ${id} …`);
    const run = wallSeconds(process.execPath, ['bin/initspec.mjs', 'claim', id], path.join('reports', `record-claim-${id}.log`));
    if (!run.ok) throw new Error(`bench --record: initspec claim ${id} failed (reports/record-claim-${id}.log): no row recorded`);
    latency[id] = run.seconds;
  }
  console.log('bench --record: 512² matmul and the denormal penalty …');
  const rates = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', path.join('src', 'bench', 'kernelRates.ts')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop() as string,
  ) as { backend: string; gflops: number; penalty: number };
  const chainMatmuls = Object.values(claims.matmuls.bySize['512²'] ?? {}).reduce((sum, role) => sum + role.all, 0);
  const row: PerfRow = perfRow({
    date: new Date().toISOString().slice(0, 10),
    commit: commit(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    backend: claims.backend.split(' ')[0] ?? rates.backend,
    tier,
    wallSeconds: test.seconds,
    phaseSeconds: claims.matmuls.phaseSeconds,
    c1Seconds: latency.C1 as number,
    c4Seconds: latency.C4 as number,
    gflops: rates.gflops,
    penalty: rates.penalty,
    chainMatmuls,
  });
  writeFileSync(PAGE, renderPerformancePage(readFileSync(PAGE, 'utf8'), row));
  console.log(`bench --record: a row added to ${PAGE}:\n${row.line}`);
}
