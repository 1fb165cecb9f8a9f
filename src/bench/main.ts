/**
 * `npm run bench`: what a verdict costs on this machine. Prints tables and saves
 * reports/bench.json. Never a test: nothing here fails for being slow.
 *
 *   npm run bench            the active backend (INITSPEC_BACKEND rules)
 *   npm run bench -- --all   every installed backend that starts, one child process each
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackend, formatBackend } from '../backend/describe.ts';
import { installedBackends, useBackend } from '../backend/select.ts';
import { chainTrial } from '../chain/chainTrial.ts';
import { deepChain } from '../chain/deepChain.ts';
import { runChain } from '../chain/runChain.ts';
import { initByName, SCHEME_NAMES } from '../init/schemes.ts';
import { gflops, logLogSlope, medianMs } from './measure.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const fmt = (x: number, digits = 3) => Number(x.toPrecision(digits)).toString();

function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  console.log(`\n${title}`);
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0] as object);
  const width = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  console.log(keys.map((k, i) => k.padEnd(width[i] as number)).join('  '));
  for (const r of rows) console.log(keys.map((k, i) => String(r[k]).padEnd(width[i] as number)).join('  '));
}

/** 512² matmul in the three operand layouts a chain can use. */
function matmulTable(n = 512) {
  const m = initByName('randn/√dim', [n, n], 1);
  const mT = tf.transpose(m);
  let x = tf.clone(m);
  const step = (f: () => tf.Tensor) => () => {
    const next = f();
    x.dispose();
    x = next;
    next.dataSync();
  };
  const layouts = {
    'M @ x (notebook order; x is the packed operand)': step(() => tf.matMul(m, x)),
    'xᵀ @ Mᵀ (constant second operand; the suite)': step(() => tf.matMul(x, mT)),
    'x @ M with transposeB flag': step(() => tf.matMul(x, m, false, true)),
  };
  const rows = Object.entries(layouts).map(([layout, run]) => {
    const ms = medianMs(run, { repeats: layout.includes('transposeB') ? 5 : 25 });
    return { layout, 'ms/matmul': fmt(ms), 'GFLOP/s': fmt(gflops(n, ms)) };
  });
  tf.dispose([m, mT, x]);
  return rows;
}

/** A straightforward script's chain: M @ x, then a float32 std read back every step (tf.moments). */
function naiveChainMs(scheme: string, relu: boolean, steps: number): number {
  const m = initByName(scheme, [512, 512], 2);
  let x = tf.clone(m);
  const started = performance.now();
  for (let i = 0; i < steps; i++) {
    const next = tf.tidy(() => (relu ? tf.relu(tf.matMul(m, x)) : tf.matMul(m, x)));
    x.dispose();
    x = next;
    const std = tf.tidy(() => tf.sqrt(tf.moments(x).variance).dataSync()[0]);
    if (std === 0 || Number.isNaN(std)) break;
  }
  const ms = performance.now() - started;
  tf.dispose([m, x]);
  return ms;
}

function chainTable(steps = 500) {
  const rows = [];
  for (const relu of [false, true]) {
    // randn/√dim survives 500 linear steps; with ReLU it would vanish, so give it the √2.
    const scheme = relu ? 'randn·√(2/dim)' : 'randn/√dim';
    const m = initByName(scheme, [512, 512], 2) as tf.Tensor2D;
    const perStepRead = medianMs(() => runChain({ matrix: m, activation: relu ? 'relu' : 'linear', maxSteps: steps, readEvery: 1 }), { warmup: 1, repeats: 3 });
    const batched = medianMs(() => runChain({ matrix: m, activation: relu ? 'relu' : 'linear', maxSteps: steps, readEvery: 8 }), { warmup: 1, repeats: 3 });
    const naive = medianMs(() => naiveChainMs(scheme, relu, steps), { warmup: 0, repeats: 3 });
    m.dispose();
    rows.push({
      chain: `${scheme}${relu ? ' + ReLU' : ''}, ${steps} steps`,
      'naive script s': fmt(naive / 1000),
      'suite, read every step s': fmt(perStepRead / 1000),
      'suite, read every 8 steps s': fmt(batched / 1000),
      'GFLOP/s (batched)': fmt(gflops(512, batched, steps)),
      'naive / suite': fmt(naive / batched),
    });
  }
  return rows;
}

function initTable() {
  return SCHEME_NAMES.map((name) => {
    const ms = medianMs(() => initByName(name, [512, 512], 3).dispose(), { warmup: 1, repeats: name === 'orthogonal' ? 3 : 7 });
    return { init: name, 'ms at 512²': fmt(ms) };
  });
}

function scalingTable() {
  const dims = [128, 256, 512, 1024];
  const perStep = dims.map((n) => {
    const m = initByName('randn/√dim', [n, n], 4) as tf.Tensor2D;
    const steps = Math.max(20, Math.round(40 * (512 / n) ** 2));
    const ms = medianMs(() => runChain({ matrix: m, activation: 'linear', maxSteps: steps }), { warmup: 1, repeats: 3 }) / steps;
    m.dispose();
    return ms;
  });
  const exponent = logLogSlope(dims, perStep);
  return { rows: dims.map((n, i) => ({ dim: n, 'ms/step': fmt(perStep[i] as number), 'GFLOP/s': fmt(gflops(n, perStep[i] as number)) })), exponent };
}

/** One and two concurrent worker processes doing 512² chain steps: aggregate throughput. */
function throughputTable(seconds = 4) {
  const worker = path.join(here, 'throughputWorker.ts');
  const run = (count: number) => {
    const started = performance.now();
    const outputs = execFileSync(
      process.execPath,
      ['-e', `
        const { spawn } = require('node:child_process');
        const kids = Array.from({ length: ${count} }, () => spawn(process.execPath, ['--import', 'tsx', ${JSON.stringify(worker)}, '${seconds}'], { stdio: ['ignore', 'pipe', 'inherit'] }));
        Promise.all(kids.map((k) => new Promise((r) => { let out = ''; k.stdout.on('data', (d) => (out += d)); k.on('close', () => r(out)); }))).then((outs) => console.log(JSON.stringify(outs)));
      `],
      { encoding: 'utf8' },
    );
    const results = (JSON.parse(outputs) as string[]).map((o) => JSON.parse(o) as { steps: number; ms: number });
    const total = results.reduce((sum, r) => sum + gflops(512, r.ms, r.steps), 0);
    return { workers: count, 'aggregate GFLOP/s': fmt(total), 'wall s': fmt((performance.now() - started) / 1000) };
  };
  const one = run(1);
  const two = run(2);
  return { rows: [one, two], speedup: Number(two['aggregate GFLOP/s']) / Number(one['aggregate GFLOP/s']) };
}

/**
 * Peak tensor memory of one trial of each heavy claim kind (tf.profile's peakBytes: the most
 * bytes alive at once in tfjs), and the process's peak resident set. The deep net with fresh
 * matrices is the heaviest claim: it holds x, W and W's float32 draw at 512².
 */
async function memoryTable() {
  const init = (shape: readonly number[], seed: number) => initByName('kaiming-uniform', shape, seed);
  const kinds: Array<[string, () => void]> = [
    ['chain C4 (kaiming uniform, linear, 512², up to 500 steps)', () => void chainTrial({ init, dim: 512, activation: 'linear', maxSteps: 500, seed: 5 })],
    ['deep net, fresh W per layer (512², 100 layers, ReLU)', () => void deepChain({ init, dim: 512, activation: 'relu', checkpoints: [10, 50, 100], reuse: false, seed: 5 })],
    ['deep net, reused W (512², 100 layers, ReLU)', () => void deepChain({ init, dim: 512, activation: 'relu', checkpoints: [100], reuse: true, seed: 5 })],
  ];
  const rows = [];
  for (const [trial, run] of kinds) {
    const before = tf.memory().numTensors;
    const info = await tf.profile(run);
    rows.push({ trial, 'peak tensor MiB': fmt(info.peakBytes / 2 ** 20), 'tensors left': tf.memory().numTensors - before });
  }
  return { rows, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

/** Per-claim suite time from the last `npm test` (reports/claims.json), and the naive-loop estimate. */
function suiteTable(naiveMsPerStep: number) {
  const file = path.join('reports', 'claims.json');
  if (!existsSync(file)) return { rows: [], note: 'no reports/claims.json yet: run npm test first' };
  const report = JSON.parse(readFileSync(file, 'utf8')) as { tier: string; suiteWallSeconds: number; claims: Array<{ id: string; role: string; control?: string; trials: number; wallMs: number; matmuls?: number }> };
  const rows = report.claims.map((c) => ({
    claim: c.role === 'control' ? `${c.id} (control: ${c.control})` : c.id,
    trials: c.trials,
    's': fmt(c.wallMs / 1000),
    matmuls: c.matmuls ?? '',
  }));
  const chainClaims = report.claims.filter((c) => c.matmuls);
  const spent = chainClaims.reduce((sum, c) => sum + c.wallMs, 0);
  const naive = chainClaims.reduce((sum, c) => sum + (c.matmuls ?? 0) * naiveMsPerStep, 0);
  return {
    rows,
    note: `tier ${report.tier}, suite wall ${fmt(report.suiteWallSeconds)} s; chain claims: ${fmt(spent / 1000)} s in the suite vs ~${fmt(naive / 1000)} s as naive per-step loops (${fmt(naive / spent)}× the suite's time)`,
    naiveOverSuite: naive / spent,
  };
}

async function benchActive() {
  await useBackend();
  const backend = describeBackend();
  console.log(`initspec bench — backend ${formatBackend(backend)}`);
  const matmul = matmulTable();
  printTable('512×512 float32 matmul', matmul);
  const chains = chainTable();
  printTable('500-step chain', chains);
  const inits = initTable();
  printTable('initializers at 512×512', inits);
  const scaling = scalingTable();
  printTable(`chain step time by dim (fitted exponent ${fmt(scaling.exponent)}; 3 = compute-bound matmul)`, scaling.rows);
  const throughput = throughputTable();
  printTable(`chain throughput, 1 vs 2 worker processes (speed-up ${fmt(throughput.speedup)}×)`, throughput.rows);
  const memory = await memoryTable();
  printTable(`peak memory of one trial (process peak resident set so far: ${fmt(memory.peakRssMiB)} MiB)`, memory.rows);
  const naivePerStep = naiveChainMs('randn/√dim', false, 100) / 100;
  const suite = suiteTable(naivePerStep);
  printTable(`suite time per claim (${suite.note})`, suite.rows);
  const rssMiB = process.memoryUsage().rss / 2 ** 20;
  console.log(`\nprocess resident memory after the bench: ${fmt(rssMiB)} MiB; tensors alive: ${tf.memory().numTensors}`);
  return { backend, matmul, chains, inits, scaling, throughput, memory, suite, rssMiB };
}

const all = process.argv.includes('--all');
let results: unknown;
if (all) {
  results = {};
  for (const name of installedBackends()) {
    console.log(`\n=== ${name} ===`);
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname], { env: { ...process.env, INITSPEC_BACKEND: name }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      console.log(out);
      (results as Record<string, unknown>)[name] = JSON.parse(readFileSync(path.join('reports', `bench.${name}.json`), 'utf8'));
    } catch (error) {
      console.log(`${name}: not benchmarked (${(error as Error).message.split('\n')[0]})`);
    }
  }
} else {
  results = await benchActive();
  mkdirSync('reports', { recursive: true });
  writeFileSync(path.join('reports', `bench.${tf.getBackend()}.json`), `${JSON.stringify(results, null, 2)}\n`);
}
mkdirSync('reports', { recursive: true });
writeFileSync(path.join('reports', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nsaved reports/bench.json');
