/**
 * `npm run bench`: what a verdict costs on this machine. Prints tables and saves
 * reports/bench.json. Never a test: nothing here fails for being slow.
 *
 *   npm run bench            the active backend (INITSPEC_BACKEND rules): GFLOP/s, the denormal
 *                            penalty, chains, initializers, scaling, throughput, memory
 *   npm run bench -- --all   wasm and tensorflow (when set up) in one run, one child process
 *                            each, then a side-by-side table with the ratios
 *   npm run bench -- --backends wasm,cpu   the named backends (cpu only when named: ~40× slower)
 *   npm run bench -- --model-audit  the model audit on a 124M-parameter GPT-2-small safetensors, beside a plain read
 *   npm run bench -- --record [--tier full]  npm test's wall and phases, one-claim latency, GFLOP/s
 *                            and the denormal penalty, as a new row of docs/performance.md (record.ts)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackend, formatBackend } from '../backend/describe.ts';
import { BACKEND_NAMES, installedBackends, useBackend, type BackendName } from '../backend/select.ts';
import { fmt, recordTable } from '../text/format.ts';
import { sideBySide } from './sideBySide.ts';
import { chainTable, initTable, matmulTable, naiveChainMs, scalingTable } from './kernels.ts';
import { memoryTable } from './memory.ts';
import { denormalPenaltyTable } from './denormalPenalty.ts';
import { suiteTable } from './suiteTime.ts';
import { throughputTable } from './throughput.ts';

function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  console.log(`\n${title}\n${recordTable(rows)}`);
}

/** The bench on the active backend: one table per step. */
async function benchActive() {
  await useBackend();
  const backend = describeBackend();
  console.log(`initspec bench — backend ${formatBackend(backend)}`);
  const matmul = matmulTable();
  printTable('512×512 float32 matmul', matmul);
  const penalty = denormalPenaltyTable();
  printTable(
    `denormal penalty: one chain step xᵀ·Mᵀ, M = U(±1)/√512, by the operand's scale (worst ${fmt(penalty.worst, 3)}× the normal range)`,
    penalty.rows,
  );
  const chains = chainTable();
  printTable('500-step chain', chains);
  const inits = initTable();
  printTable('initializers at 512×512', inits);
  const scaling = scalingTable();
  printTable(`chain step time by dim (fitted exponent ${fmt(scaling.exponent, 3)}; 3 = compute-bound matmul)`, scaling.rows);
  const throughput = await throughputTable();
  printTable(`chain throughput, 1 vs 2 worker processes (speed-up ${fmt(throughput.speedup, 3)}×)`, throughput.rows);
  const memory = await memoryTable();
  printTable(`peak memory of one trial (process peak resident set so far: ${fmt(memory.peakRssMiB, 3)} MiB)`, memory.rows);
  const suite = suiteTable(naiveChainMs('randn/√dim', false, 100) / 100);
  printTable(`suite time per claim (${suite.note})`, suite.rows);
  const rssMiB = process.memoryUsage().rss / 2 ** 20;
  console.log(`\nprocess resident memory after the bench: ${fmt(rssMiB, 3)} MiB; tensors alive: ${tf.memory().numTensors}`);
  return { backend, matmul, penalty, chains, inits, scaling, throughput, memory, suite, rssMiB };
}

/** The named backends, each in a child process running this file (one backend per process). */
function benchEach(names: readonly BackendName[]): Record<string, unknown> {
  const results: Record<string, unknown> = {};
  for (const name of names) {
    console.log(`\n=== ${name} ===`);
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname], {
        env: { ...process.env, INITSPEC_BACKEND: name },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      console.log(out);
      results[name] = JSON.parse(readFileSync(path.join('reports', `bench.${name}.json`), 'utf8'));
    } catch (error) {
      console.log(`${name}: not benchmarked (${(error as Error).message.split('\n')[0]})`);
    }
  }
  return results;
}

/** --all: the fast backends that are installed; --backends a,b: exactly those; neither: undefined. */
function backendsArg(): BackendName[] | undefined {
  const i = process.argv.indexOf('--backends');
  if (i >= 0) {
    const names = (process.argv[i + 1] ?? '').split(',').filter(Boolean);
    const unknown = names.filter((n) => !(BACKEND_NAMES as readonly string[]).includes(n));
    if (names.length === 0 || unknown.length > 0)
      throw new Error(`--backends takes a comma-separated list of ${BACKEND_NAMES.join(', ')}; got "${process.argv[i + 1] ?? ''}"`);
    return names as BackendName[];
  }
  if (!process.argv.includes('--all')) return undefined;
  // the default first: the speed-up column then reads "how much faster is tensorflow"
  const fast = (['wasm', 'tensorflow'] as const).filter((n) => installedBackends().includes(n));
  if (!fast.includes('tensorflow')) console.log('tensorflow is not set up (npm run setup:native): benchmarking wasm only');
  return fast;
}

async function main(): Promise<void> {
  mkdirSync('reports', { recursive: true });
  let results: unknown;
  const named = backendsArg();
  if (named !== undefined) {
    const each = benchEach(named);
    const table = sideBySide(each);
    if (table.rows.length > 0) printTable(`side by side (ratio = ${table.ratioLabel})`, table.rows);
    results = { ...each, sideBySide: table };
  } else {
    results = await benchActive();
    writeFileSync(path.join('reports', `bench.${tf.getBackend()}.json`), `${JSON.stringify(results, null, 2)}\n`);
  }
  writeFileSync(path.join('reports', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nsaved reports/bench.json');
}

if (process.argv.includes('--record')) await (await import('./record.ts')).recordPerformance(process.argv.slice(2));
else if (process.argv.includes('--model-audit')) await (await import('./modelAuditBench.ts')).modelAuditBench();
else await main();
