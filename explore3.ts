import { useBackend } from './src/backend/select.ts';
import { initByName } from './src/init/schemes.ts';
import { chainTrial } from './src/chain/chainTrial.ts';
await useBackend();
const schemes = process.argv.slice(2);
for (const spec of schemes) {
  const [scheme, act] = spec.split(':') as [string, 'linear'|'relu'];
  const rows = [];
  const t = performance.now();
  for (let seed = 100; seed < 108; seed++) {
    const o = chainTrial({ init: (s, sd) => initByName(scheme, s, sd), dim: 512, activation: act, maxSteps: 500, seed });
    rows.push(`${o.steps}/${o.predictedSteps} ${o.survived ? `rmsLast ${o.log10RmsLast.toFixed(2)}/${o.predictedLog10RmsLast.toFixed(2)}` : ''}`);
  }
  console.log(scheme, act, ((performance.now()-t)/8).toFixed(0), 'ms/trial |', rows.join(' | '));
}
