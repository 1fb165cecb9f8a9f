import { useBackend } from './src/backend/select.ts';
import { orthogonal } from './src/init/orthogonal.ts';
await useBackend();
let t = performance.now(); const q = orthogonal([512, 512], { seed: 1 }); console.log('orthogonal 512', (performance.now() - t).toFixed(0), 'ms'); q.dispose();
