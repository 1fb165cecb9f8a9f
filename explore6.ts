import { useBackend } from './src/backend/select.ts';
import { initByName } from './src/init/schemes.ts';
import { deepChain } from './src/chain/deepChain.ts';
await useBackend();
for (const [scheme, act] of [['kaiming-uniform', 'relu'], ['randn/√dim', 'linear']] as const) {
  for (const reuse of [false, true]) {
    const t = performance.now();
    const rows = [];
    for (let seed = 1; seed <= 6; seed++) rows.push(deepChain({ init: (s, sd) => initByName(scheme, s, sd), dim: 512, activation: act, checkpoints: [10, 50, 100], reuse, seed }).map((v) => v.toFixed(3)).join('/'));
    console.log(scheme, act, reuse ? 'reused' : 'fresh', ((performance.now() - t) / 6).toFixed(0), 'ms/trial', rows.join(' | '));
  }
}
