import { useBackend } from './src/backend/select.ts';
import { referenceEnsemble, scaledTrajectory } from './src/chain/referenceChain.ts';
import { rateSteps } from './src/claim/chainClaim.ts';
import { torchDefaultBound, uniformStd } from './src/theory/index.ts';
await useBackend();
const std = uniformStd(-torchDefaultBound(25), torchDefaultBound(25));
const K = rateSteps({ std, dim: 5, activation: 'linear' });
for (const k of [5, 10, 20, K]) {
  const t0 = performance.now();
  const v = referenceEnsemble({ family: 'uniform', n: 5, activation: 'linear', steps: k, count: 200, master: 1 }).map((t) => scaledTrajectory(t, { std, n: 5 })[k - 1]!);
  const m = v.reduce((a, b) => a + b) / v.length; const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
  console.log('K', k, 'mean', m.toFixed(3), 'sd', sd.toFixed(3), 'shift10%', ((k + 1) * Math.log10(1.1)).toFixed(3), 'ms/probe', ((performance.now() - t0) / 200).toFixed(1));
}
