/** Aggregate chain throughput of one and of two worker processes, each on its own backend. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { tfThreadsPerWorker } from '../backend/computeThreads.ts';
import { gflops, sig3 } from './measure.ts';

const WORKER = path.join(path.dirname(new URL(import.meta.url).pathname), 'throughputWorker.ts');

/** Runs `count` throughputWorker.ts processes at once for `seconds`; each prints {steps, ms}. */
async function runWorkers(count: number, seconds: number): Promise<Array<{ steps: number; ms: number }>> {
  const env = { ...process.env, TF_NUM_INTRAOP_THREADS: tfThreadsPerWorker(count) };
  const runs = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    return new Promise<{ steps: number; ms: number }>((resolve, reject) =>
      child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`throughput worker exited with ${code}`)))),
    );
  });
  return Promise.all(runs);
}

export async function throughputTable(seconds = 4) {
  const row = async (count: number) => {
    const started = performance.now();
    const results = await runWorkers(count, seconds);
    const total = results.reduce((sum, r) => sum + gflops(512, r.ms, r.steps), 0);
    return {
      workers: count,
      'TF threads each': tfThreadsPerWorker(count),
      'aggregate GFLOP/s': sig3(total),
      'wall s': sig3((performance.now() - started) / 1000),
    };
  };
  const one = await row(1);
  const two = await row(2);
  return { rows: [one, two], speedup: Number(two['aggregate GFLOP/s']) / Number(one['aggregate GFLOP/s']) };
}
