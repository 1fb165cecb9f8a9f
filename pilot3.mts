import { useBackend } from './src/backend/select.ts';
import { attentionSoftmaxStats } from './src/experiments/attentionLogits.ts';
import { gaussianSoftmaxReference } from './src/experiments/gaussianSoftmax.ts';
import { initByName } from './src/init/schemes.ts';
await useBackend();
const init = (s: readonly number[], seed: number) => initByName('randn/√dim', s as [number, number], seed);
const stat = (v: number[]) => { const m = v.reduce((a, b) => a + b, 0) / v.length; const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)); return `${m.toFixed(4)} sd ${sd.toFixed(4)} se ${(sd / Math.sqrt(v.length)).toFixed(4)}`; };
const N = Number(process.argv[2] ?? 200);
for (const [label, scale] of [['scaled', 1 / 8], ['unscaled', 1]] as const) {
  const H: number[] = [], P: number[] = [];
  const t0 = performance.now();
  for (let s = 0; s < N; s++) { const r = attentionSoftmaxStats({ init, width: 256, keyDim: 64, tokens: 64, logitScale: scale, seed: 9000 + s }); H.push(r.entropy); P.push(r.maxWeight); }
  console.log(label, ((performance.now() - t0) / N).toFixed(1), 'ms/trial');
  console.log('  measured H', stat(H), ' pmax', stat(P));
  for (const f of [1, 1.05, 0.95]) {
    const ref = gaussianSoftmaxReference({ tokens: 64, logitVariance: 64 * scale ** 2 * f ** 4, count: 2000, master: 1, ...(process.env.LAW ? { head: { keyDim: 64, width: 256 } } : {}) });
    console.log(`  reference ×${f}: H`, stat(ref.entropy), ' pmax', stat(ref.maxWeight));
  }
}
