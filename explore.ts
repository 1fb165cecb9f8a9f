import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '/work/main/src/backend/select.ts';
import { initByName } from '/work/main/src/init/schemes.ts';
import { runChain } from '/work/main/src/chain/runChain.ts';
import { probeGrowth } from '/work/main/src/chain/probeGrowth.ts';
await useBackend();
const [scheme, act, nSeeds] = [process.argv[2]!, process.argv[3] as 'linear'|'relu', Number(process.argv[4] ?? 5)];
for (let seed = 1; seed <= nSeeds; seed++) {
  const M = initByName(scheme, [512, 512], seed) as tf.Tensor2D;
  let t = performance.now();
  const tr = runChain({ matrix: M, activation: act, maxSteps: 500, checkpoints: [10, 50, 100, 500] });
  const tc = performance.now() - t; t = performance.now();
  const pr = probeGrowth({ matrix: M, activation: act, steps: 500 });
  const tp = performance.now() - t;
  const last = tr.log10Rms.length - 1;
  const k = Math.min(last, 499);
  const ratio = (i: number) => (tr.log10MaxAbs[i]! - tr.log10Rms[i]!).toFixed(2);
  const diff = (i: number) => (tr.log10Rms[i]! - pr.log10Rms[i]!).toFixed(2);
  console.log(scheme, act, 'seed', seed, tr.outcome, tr.steps, `chain ${tc.toFixed(0)}ms probe ${tp.toFixed(0)}ms`, 'ratio(max/rms) @0,mid,last-1', ratio(0), ratio(Math.floor(last/2)), ratio(Math.max(0,last-1)), 'meas-pred rms @0,mid,last-1', diff(0), diff(Math.floor(last/2)), diff(Math.max(0,last-1)), 'lastRms', tr.log10Rms[Math.max(0,last-1)]?.toFixed(2), 'u/o', tr.float32SquaresUnderflowAt, tr.float32SquaresOverflowAt, JSON.stringify(tr.checkpoints.map(c=>[c.step,c.log10Std.toFixed(2)])));
  M.dispose();
}
console.log('tensors', tf.memory().numTensors);
