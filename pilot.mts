import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from './src/backend/select.ts';
import { reluNetKernels } from './src/experiments/reluNetKernels.ts';
import { reluKernels } from './src/theory/reluKernels.ts';
import { initByName } from './src/init/schemes.ts';
await useBackend();
const width = Number(process.argv[2] ?? 256), hidden = Number(process.argv[3] ?? 10), seeds = Number(process.argv[4] ?? 200);
const corr = [0, 0.5, 0.9];
for (const f of (process.argv[5] ?? "1").split(",").map(Number)) {
  const init = (shape: number[], seed: number) => tf.tidy(() => tf.mul(initByName('kaiming-normal', shape as [number, number], seed), f));
  const stats: Record<string, number[]> = {};
  const push = (k: string, v: number) => (stats[k] ??= []).push(v);
  const t0 = performance.now();
  for (let s = 0; s < seeds; s++) {
    const r = reluNetKernels({ init, width, hidden, correlations: corr, weightVariance: 2, seed: 5000 + s, activation: (process.env.ACT as any) ?? "relu" });
    const L = r.nngp[hidden - 1]!;
    corr.forEach((c, p) => {
      const th = reluKernels({ hidden, weightVariance: 2, inputs: { aa: 1, bb: 1, ab: c } });
      const hl = th[hidden - 1]!, out = th[hidden]!;
      push(`nngp_ab c${c}`, L[0]![p + 1]! / hl.qab);
      push(`corr c${c}`, L[0]![p + 1]! / Math.sqrt(L[0]![0]! * L[p + 1]![p + 1]!) - hl.correlation);
      push(`ntk_ab c${c}`, r.ntk[0]![p + 1]! / out.ntkAb);
    });
    push('nngp avg', corr.reduce((a, c, p) => a + L[0]![p + 1]! / reluKernels({ hidden, weightVariance: 2, inputs: { aa: 1, bb: 1, ab: c } })[hidden - 1]!.qab, 0) / 3);
    push('ntk avg', corr.reduce((a, c, p) => a + r.ntk[0]![p + 1]! / reluKernels({ hidden, weightVariance: 2, inputs: { aa: 1, bb: 1, ab: c } })[hidden]!.ntkAb, 0) / 3);
    push('nngp_aa', L[0]![0]! / reluKernels({ hidden, weightVariance: 2, inputs: { aa: 1, bb: 1, ab: 0 } })[hidden - 1]!.qa);
    push('ntk_aa', r.ntk[0]![0]! / reluKernels({ hidden, weightVariance: 2, inputs: { aa: 1, bb: 1, ab: 0 } })[hidden]!.ntkAa);
  }
  console.log(`factor ${f}: ${((performance.now() - t0) / seeds).toFixed(1)} ms/trial, tensors ${tf.memory().numTensors}`);
  for (const [k, v] of Object.entries(stats)) {
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    console.log(`  ${k.padEnd(14)} mean ${m.toFixed(4)}  sd ${sd.toFixed(4)}  se ${(sd / Math.sqrt(v.length)).toFixed(4)}`);
  }
}
